import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createDesktopHandlers, sanitizeFileName, type DesktopCapabilities } from '../../electron/shell/desktop-handlers';
import { desktopDataDir } from '../../electron/shell/desktop-data-dir';

function fakeCapabilities(choice: { canceled: boolean; filePath?: string }, openError = '') {
  const log: unknown[][] = [];
  const capabilities: DesktopCapabilities = {
    showSaveDialog: async (defaultPath) => (log.push(['dialog', defaultPath]), choice),
    writeFile: async (path, content) => void log.push(['write', path, content]),
    openPath: async (path) => (log.push(['open', path]), openError),
    writeClipboard: (text) => void log.push(['copy', text]),
    dataDir: '/data',
    saveDir: '/downloads',
  };
  return { capabilities, log };
}

describe('desktop handlers', () => {
  it('saves where the user chose, starting the dialog in Downloads with the suggested name', async () => {
    const { capabilities, log } = fakeCapabilities({ canceled: false, filePath: '/tmp/out.json' });
    const result = await createDesktopHandlers(capabilities).saveFile({ suggestedName: 'session.json', content: '{}' });
    expect(result).toEqual({ saved: true, filePath: '/tmp/out.json' });
    expect(log).toEqual([['dialog', join('/downloads', 'session.json')], ['write', '/tmp/out.json', '{}']]);
  });

  it('writes nothing when the user cancels', async () => {
    const { capabilities, log } = fakeCapabilities({ canceled: true });
    expect(await createDesktopHandlers(capabilities).saveFile({ suggestedName: 'a.md', content: 'x' })).toEqual({ saved: false });
    expect(log.filter(([kind]) => kind === 'write')).toEqual([]);
  });

  it('rejects malformed requests from the page', async () => {
    const { capabilities } = fakeCapabilities({ canceled: false, filePath: '/x' });
    const handlers = createDesktopHandlers(capabilities);
    await expect(handlers.saveFile({ suggestedName: 'a', content: 42 as unknown as string })).rejects.toThrow();
    await expect(handlers.copyText({} as unknown as string)).rejects.toThrow();
  });

  it('reports a data folder that cannot be opened', async () => {
    const { capabilities } = fakeCapabilities({ canceled: true }, 'no file manager');
    await expect(createDesktopHandlers(capabilities).openDataFolder()).rejects.toThrow(/no file manager/);
  });

  it('keeps only a plain file name from the suggestion', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Windows\\evil.bat')).toBe('evil.bat');
    expect(sanitizeFileName('a:b?.json')).toBe('a_b_.json');
    expect(sanitizeFileName('.bashrc')).toBe('bashrc');
    expect(sanitizeFileName('')).toBe('threadtap-export.txt');
    expect(sanitizeFileName(undefined)).toBe('threadtap-export.txt');
  });
});

describe('desktopDataDir', () => {
  it('matches the CLI: THREADTAP_DATA_DIR, else appData/Threadtap', () => {
    expect(desktopDataDir({ THREADTAP_DATA_DIR: '/custom' }, '/home/u/.config')).toBe('/custom');
    expect(desktopDataDir({}, '/home/u/.config')).toBe(join('/home/u/.config', 'Threadtap'));
  });
});
