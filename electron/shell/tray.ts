// The tray icon: capture status at a glance, and a way back to the window or out of the app.
import { Menu, Tray, clipboard, type NativeImage } from 'electron';
import type { LiveEvent } from '../../shared/live-events';
import { NO_CAPTURES, countCapture, trayStatus, type CaptureCounts } from './tray-status';

export interface TrayOptions {
  icon: NativeImage;
  proxyUrl: string;
  /** Absent when attached to an engine in another process. */
  subscribe?: (listener: (event: LiveEvent) => void) => () => void;
  showWindow: () => void;
  quit: () => void;
}

/** Returns a disposer. Some Linux desktops have no tray; the app works without one. */
export function createTray(options: TrayOptions): () => void {
  let tray: Tray;
  try {
    tray = new Tray(options.icon.resize({ width: 16, height: 16 }));
  } catch (error) {
    console.error(`threadtap: no tray icon (${(error as Error).message})`);
    return () => {};
  }
  let counts: CaptureCounts | undefined = options.subscribe ? NO_CAPTURES : undefined;
  let shownLabel = '';
  const render = () => {
    const status = trayStatus(options.proxyUrl, counts);
    // Progress events arrive many times a second while a model streams; rebuild the menu only when it changes.
    if (status.label === shownLabel) return;
    shownLabel = status.label;
    tray.setToolTip(status.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: status.label, enabled: false },
        { type: 'separator' },
        { label: 'Open Threadtap', click: options.showWindow },
        { label: 'Copy proxy address', click: () => clipboard.writeText(options.proxyUrl) },
        { type: 'separator' },
        { label: 'Quit Threadtap', click: options.quit },
      ]),
    );
  };
  render();
  tray.on('click', options.showWindow);
  const unsubscribe = options.subscribe?.((event) => {
    counts = countCapture(counts ?? NO_CAPTURES, event);
    render();
  });
  return () => {
    unsubscribe?.();
    tray.destroy();
  };
}
