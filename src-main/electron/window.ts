import { BrowserWindow, session } from 'electron';
import { DESKTOP_CONTENT_SECURITY_POLICY } from '../core/csp';
import { mainWindowPreferences } from './lockdown';

export function createMainWindow(appPath: string, entry: URL, isPackaged: boolean): BrowserWindow {
  // The app:// handler sets the CSP itself; this hook adds it to anything else the session might load.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CONTENT_SECURITY_POLICY] },
    });
  });
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'AEO Field Validator',
    webPreferences: mainWindowPreferences(appPath, isPackaged),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entry.href);
  return window;
}
