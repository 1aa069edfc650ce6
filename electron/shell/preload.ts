// Runs sandboxed in the window before the UI. It exposes desktopApi and nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_API_GLOBAL, DESKTOP_CHANNELS, type DesktopApiMembers } from '../../shared/desktop-api';

const desktopApi: DesktopApiMembers = {
  saveFile: (request) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveFile, request),
  openDataFolder: () => ipcRenderer.invoke(DESKTOP_CHANNELS.openDataFolder),
  copyText: (text) => ipcRenderer.invoke(DESKTOP_CHANNELS.copyText, text),
};

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, desktopApi);
