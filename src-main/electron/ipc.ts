import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../contract/channels';
import type { Dispatch } from '../handlers';
import { isAppUrl } from './security';

/**
 * One ipcMain handler per contract channel, all through the shared dispatcher (which validates every input).
 * Calls from any frame other than our own page are refused before they reach a handler.
 */
export function registerIpc(dispatch: Dispatch, entry: URL): void {
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
