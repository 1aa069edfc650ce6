// The native calls behind desktopApi, with Electron's functions passed in so the logic is testable without Electron.

import { basename, join } from 'node:path';
import type { DesktopApiMembers, SaveFileRequest, SaveFileResult } from '../../shared/desktop-api';

export interface DesktopCapabilities {
  /** dialog.showSaveDialog, bound to the window. */
  showSaveDialog: (defaultPath: string) => Promise<{ canceled: boolean; filePath?: string }>;
  writeFile: (path: string, content: string | Uint8Array) => Promise<void>;
  /** shell.openPath: resolves with an error message, '' on success. */
  openPath: (path: string) => Promise<string>;
  writeClipboard: (text: string) => void;
  dataDir: string;
  /** app.getPath('downloads'), where the save dialog starts. */
  saveDir: string;
}

const FALLBACK_NAME = 'threadtap-export.txt';

/** The UI proposes a name; only a plain file name is kept, so the page cannot aim the dialog at another folder. */
export function sanitizeFileName(name: unknown): string {
  if (typeof name !== 'string') return FALLBACK_NAME;
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || FALLBACK_NAME;
}

function isContent(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

export function createDesktopHandlers(capabilities: DesktopCapabilities): DesktopApiMembers {
  return {
    async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
      // IPC input is untrusted: check the shape rather than rely on the renderer's types.
      if (!request || !isContent(request.content)) throw new Error('saveFile needs string or byte content');
      const choice = await capabilities.showSaveDialog(join(capabilities.saveDir, sanitizeFileName(request.suggestedName)));
      if (choice.canceled || !choice.filePath) return { saved: false };
      await capabilities.writeFile(choice.filePath, request.content);
      return { saved: true, filePath: choice.filePath };
    },
    async openDataFolder(): Promise<void> {
      const error = await capabilities.openPath(capabilities.dataDir);
      if (error) throw new Error(`could not open ${capabilities.dataDir}: ${error}`);
    },
    async copyText(text: string): Promise<void> {
      if (typeof text !== 'string') throw new Error('copyText needs a string');
      capabilities.writeClipboard(text);
    },
  };
}
