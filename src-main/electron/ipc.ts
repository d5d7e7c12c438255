import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../contract/channels';
import type { Dispatch } from '../handlers';
import { isAppUrl } from './security';

/** The one part of ipcMain this module uses: passed in by main.ts, so a test can hand it a fake. */
export type IpcMainLike = Pick<IpcMain, 'handle'>;

/**
 * One ipcMain handler per contract channel, all through the shared dispatcher (which validates every input).
 * Calls from any frame other than our own page are refused before they reach a handler.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, entry: URL): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, entry)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an unexpected frame was refused.' } };
      }
      return dispatch(channel, input);
    });
  }
}

/** Our own top-level page, and nothing else (no subframe, no other origin). */
export function isTrustedSender(event: IpcMainInvokeEvent, entry: URL): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url, entry);
}
