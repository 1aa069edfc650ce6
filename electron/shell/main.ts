// The desktop shell: one window on the engine's UI, a tray, native calls for the UI. The engine runs in this process;
// the shell only starts it, shows it, and stops it. Decisions live in the small modules next to this file.
import { BrowserWindow, app, clipboard, dialog, ipcMain, nativeImage, shell, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngine } from '../core/engine';
import { findRunningInstance } from '../core/instance-file';
import { DESKTOP_CHANNELS } from '../../shared/desktop-api';
import { desktopDataDir } from './desktop-data-dir';
import { createDesktopHandlers } from './desktop-handlers';
import { connectEngine, type EngineConnection } from './engine-connection';
import { classifyNavigation, isTrustedSender } from './navigation-policy';
import { createQuitHandler } from './quit-handler';
import { createTray } from './tray';

// Built layout: out/main/main.js, out/preload/preload.cjs, out/renderer/index.html.
const builtDir = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const ICON = join(app.getAppPath(), 'resources', 'icon.png');

let window: BrowserWindow | undefined;

function showWindow(connection: EngineConnection): void {
  if (window && !window.isDestroyed()) {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return;
  }
  const uiOrigin = new URL(connection.uiUrl).origin;
  window = new BrowserWindow({
    width: 1280,
    height: 840,
    title: 'Threadtap',
    icon: ICON,
    show: false,
    webPreferences: { preload: builtDir('../preload/preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  window.once('ready-to-show', () => window?.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (classifyNavigation(url, uiOrigin) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    const decision = classifyNavigation(url, uiOrigin);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(url);
  });
  void window.loadURL(connection.uiUrl);
}

function registerDesktopIpc(connection: EngineConnection): void {
  const uiOrigin = new URL(connection.uiUrl).origin;
  const handlers = createDesktopHandlers({
    showSaveDialog: (defaultPath) =>
      window ? dialog.showSaveDialog(window, { defaultPath }) : dialog.showSaveDialog({ defaultPath }),
    writeFile: (path, content) => writeFile(path, content),
    openPath: (path) => shell.openPath(path),
    writeClipboard: (text) => clipboard.writeText(text),
    dataDir: connection.dataDir,
    saveDir: app.getPath('downloads'),
  });
  // Every channel checks who is calling: a page navigated elsewhere (or an iframe) gets no native calls.
  const handle = <A>(channel: string, call: (argument: A) => Promise<unknown>) =>
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, argument: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, uiOrigin)) throw new Error('desktopApi is only for the Threadtap UI');
      // The handlers check the argument's shape themselves; IPC input is never trusted.
      return call(argument as A);
    });
  handle(DESKTOP_CHANNELS.saveFile, handlers.saveFile);
  handle(DESKTOP_CHANNELS.openDataFolder, handlers.openDataFolder);
  handle(DESKTOP_CHANNELS.copyText, handlers.copyText);
}

async function run(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const connection = await connectEngine({
    dataDir,
    findRunning: findRunningInstance,
    // No trailing slash: the UI server's containment check does not expect one.
    start: (port) => startEngine({ dataDir, port, uiDir: builtDir('../renderer') }),
    log: (message) => console.error(message),
  });
  const own = connection.kind === 'own' ? connection.engine : undefined;

  registerDesktopIpc(connection);
  showWindow(connection);
  const disposeTray = createTray({
    icon: nativeImage.createFromPath(ICON),
    proxyUrl: connection.proxyUrl,
    subscribe: own?.subscribe.bind(own),
    showWindow: () => showWindow(connection),
    quit: () => app.quit(),
  });

  app.on('second-instance', () => showWindow(connection));
  app.on('activate', () => showWindow(connection));
  // The tray keeps the app reachable on macOS; elsewhere closing the window quits, as users expect.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on(
    'before-quit',
    createQuitHandler({
      stop: async () => {
        disposeTray();
        await own?.stop();
      },
      quit: () => app.quit(),
    }),
  );
  // Ctrl-C in the terminal that ran `electron .`: quit through the same path so the store is flushed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

// Must happen before 'ready', and before the single-instance lock, which is keyed on userData.
app.setPath('userData', desktopDataDir(process.env, app.getPath('appData')));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run().catch((error: unknown) => {
    dialog.showErrorBox('Threadtap could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
