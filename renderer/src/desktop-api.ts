// The desktop API as the UI sees it: present only inside the Electron window, every member optional, so the same
// bundle runs in a browser that opened the UI URL directly.
import { DESKTOP_API_GLOBAL, type DesktopApi } from '../../shared/desktop-api';

export function desktopApi(): DesktopApi {
  return (globalThis as Record<string, unknown>)[DESKTOP_API_GLOBAL] as DesktopApi | undefined ?? {};
}
