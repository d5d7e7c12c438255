import type { IpcMainInvokeEvent } from 'electron';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FILE_TOKEN_CHANNEL } from '../contract/preload-extras';
import type { FileTokenRegistry } from '../core/file-tokens';
import { isTrustedSender, type IpcMainLike } from './ipc';

/**
 * The main-process end of `window.aeo.fileToken`: the preload sends the path of a file the user dropped or picked
 * (found with `webUtils.getPathForFile`, so only a real file from the user has one) and gets back an opaque token
 * that `evidence:attach`, `bundles:import` and `trust:import` redeem once. Only regular files get a token.
 */
export function registerFileDrops(ipcMain: IpcMainLike, registry: FileTokenRegistry, entry: URL): void {
  ipcMain.handle(FILE_TOKEN_CHANNEL, async (event: IpcMainInvokeEvent, filePath: unknown) => {
    if (!isTrustedSender(event, entry)) return null;
    if (typeof filePath !== 'string' || filePath.includes('\0') || !path.isAbsolute(filePath)) return null;
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile()) return null;
    return registry.issue(filePath);
  });
}
