// The canvas cannot read CSS variables per pixel: pick the drawing palette from the page's theme attribute, and
// follow it when the user toggles.
import { useEffect, useState } from 'react';
import { DARK_FLOW_THEME, LIGHT_FLOW_THEME, type FlowTheme } from '../../../shared/flow-draw';

const current = (): FlowTheme => (document.documentElement.dataset.theme === 'dark' ? DARK_FLOW_THEME : LIGHT_FLOW_THEME);

export function useFlowTheme(): FlowTheme {
  const [theme, setTheme] = useState(current);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(current()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
