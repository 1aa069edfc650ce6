import { describe, expect, it } from 'vitest';
import { classifyNavigation, isTrustedSender } from '../../electron/shell/navigation-policy';

const UI = 'http://127.0.0.1:41723';

describe('navigation policy', () => {
  it('keeps the window on the engine UI and sends web links to the browser', () => {
    expect(classifyNavigation(`${UI}/sessions/abc`, UI)).toBe('allow');
    expect(classifyNavigation('https://docs.anthropic.com/', UI)).toBe('open-external');
    expect(classifyNavigation('http://127.0.0.1:8787/', UI)).toBe('open-external');
  });

  it('opens nothing that is not a web link', () => {
    expect(classifyNavigation('file:///etc/passwd', UI)).toBe('deny');
    expect(classifyNavigation('javascript:alert(1)', UI)).toBe('deny');
    expect(classifyNavigation('not a url', UI)).toBe('deny');
  });

  it('answers IPC only for pages of the engine UI', () => {
    expect(isTrustedSender(`${UI}/?token=x`, UI)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:9999/', UI)).toBe(false);
    expect(isTrustedSender('https://evil.example/', UI)).toBe(false);
    expect(isTrustedSender(undefined, UI)).toBe(false);
  });
});
