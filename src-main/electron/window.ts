import { BrowserWindow, session } from 'electron';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/csp';

export function createMainWindow(appPath: string, entry: URL): BrowserWindow {
  // The CSP also rides on every response, so it holds even if the page's own meta tag were removed.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'AEO Field Validator',
    webPreferences: {
      preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entry.href);
  return window;
}
