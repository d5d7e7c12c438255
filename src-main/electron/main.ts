import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import path from 'node:path';
import { PROGRESS_CHANNEL } from '../contract/progress';
import { createFileTokenRegistry } from '../core/file-tokens';
import { pollHq } from '../core/sync/poller';
import { openStore, resolveDataDir, type Store } from '../db/open';
import { createAppDispatcher } from '../handlers';
import { registerFileDrops } from './file-drops';
import { electronHost } from './host';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { registerIpc } from './ipc';
import { appMenuTemplate, lockDownSession } from './lockdown';
import { safeStorageWrapper } from './secrets';
import { hardenWebContents, rendererEntry } from './security';
import { createMainWindow } from './window';

/** The thin Electron host: it only wires the pure core (store, handler map) to one hardened window. */
// Scheme privileges can only be declared before `ready`.
protocol.registerSchemesAsPrivileged([...APP_SCHEME_PRIVILEGES]);
if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same database; the first one takes focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

function start() {
  // Migrations ship inside app.asar (covered by its integrity check), beside out/ in development.
  const migrationsFolder = path.join(app.getAppPath(), 'migrations');
  let store: Store;
  try {
    store = openStore({ dataDir: resolveDataDir(app.getPath('userData')), migrationsDir: migrationsFolder });
  } catch (error) {
    // A refused or corrupt database is reported and left as it is: never repaired by deleting it.
    dialog.showErrorBox('AEO Field Validator cannot open its data', (error as Error).message);
    app.exit(1);
    return;
  }
  app.on('before-quit', () => store.close());
  lockDownSession(session.defaultSession);
  registerAppProtocol(protocol, app.getAppPath());
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(app.isPackaged)));
  const entry = rendererEntry();
  const files = createFileTokenRegistry();
  const dispatch = createAppDispatcher(store, {
    fileTokens: files,
    // Private keys are wrapped by the OS keychain; on Linux without a keyring this refuses (fails closed).
    secrets: safeStorageWrapper(safeStorage),
    host: electronHost(),
    // Progress of long work goes to our one window; the preload hands it to the page's subscribers.
    emitProgress: (event) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(PROGRESS_CHANNEL, event);
    },
  });
  registerIpc(ipcMain, dispatch, entry);
  // Bundles go to HQ by themselves when it answers; the poll never blocks the window.
  const sync = pollHq(dispatch);
  app.on('before-quit', () => sync.stop());
  registerFileDrops(ipcMain, files, entry);
  createMainWindow(app.getAppPath(), entry, app.isPackaged);
}
