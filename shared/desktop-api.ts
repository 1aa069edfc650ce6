// The one IPC contract between the Electron shell and the UI. It carries only native calls (save dialog, open
// folder, copy); all data travels over the engine's HTTP API and WebSocket, the same in Electron and a browser.

export interface SaveFileRequest {
  /** A file name only; any folder part is dropped by the shell. */
  suggestedName: string;
  content: string | Uint8Array;
}

export type SaveFileResult = { saved: true; filePath: string } | { saved: false };

/** What the Electron preload implements. */
export interface DesktopApiMembers {
  /** Asks where to save with the native dialog, then writes the file. `saved: false` when the user cancels. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Opens the data folder (database, CA) in the system file manager. */
  openDataFolder(): Promise<void>;
  copyText(text: string): Promise<void>;
}

/**
 * What the UI sees: every member optional, because in a plain browser there is no desktop API at all and an older
 * shell may lack a newer member. The UI checks before calling and offers a browser fallback or hides the control.
 */
export type DesktopApi = Partial<DesktopApiMembers>;

/** The window property the preload exposes the API as. */
export const DESKTOP_API_GLOBAL = 'desktopApi';

export const DESKTOP_CHANNELS = {
  saveFile: 'threadtap:save-file',
  openDataFolder: 'threadtap:open-data-folder',
  copyText: 'threadtap:copy-text',
} as const satisfies Record<keyof DesktopApiMembers, string>;
