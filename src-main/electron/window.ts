import { BrowserWindow, session } from 'electron';
import path from 'node:path';
import { DESKTOP_CONTENT_SECURITY_POLICY } from '../core/csp';

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
    // Written out literally (not built by a helper) so electronegativity's static checks can read every option.
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK — reviewed: the preload (src-main/preload/expose.ts) runs sandboxed and
      // exposes one frozen object of contract methods, no ipcRenderer and no generic invoke; see
      // scripts/electronegativity-allow.json and test/main/electron-shell.test.ts.
      preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would open links in new windows; the window-open handler denies them, but not firing is better.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // No DevTools in the packaged app (the production menu has no entry for them either).
      devTools: !isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entry.href);
  return window;
}
