import type { ContextBridge, IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import { buildApi, type ChannelName } from '../contract/channels';
import type { Api } from '../contract';
import { FILE_TOKEN_CHANNEL, type PreloadExtras } from '../contract/preload-extras';
import { PROGRESS_CHANNEL, type ProgressEvent } from '../contract/progress';
import type { Result } from '../contract/result';

/** The Electron objects the preload uses, passed in by index.ts so a test can hand it fakes. */
export type PreloadElectron = {
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>;
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;
  webUtils: Pick<WebUtils, 'getPathForFile'>;
};

/**
 * Exposes one typed object, `window.aeo`: a method per contract channel plus a progress subscription and file
 * tokens, and nothing generic. The page cannot reach ipcRenderer or name a channel of its own.
 */
export function exposeApi({ contextBridge, ipcRenderer, webUtils }: PreloadElectron): void {
  const channels = buildApi<Api>(
    (channel: ChannelName, input: unknown) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  );

  const extras: PreloadExtras = {
    onProgress(listener) {
      const forward = (_event: IpcRendererEvent, payload: ProgressEvent) => listener(payload);
      ipcRenderer.on(PROGRESS_CHANNEL, forward);
      return () => ipcRenderer.removeListener(PROGRESS_CHANNEL, forward);
    },
    async fileToken(file) {
      // Only a File the user picked or dropped has a path; one the page built answers ''. The path goes to the main
      // process and the page gets back an opaque token, so it never learns or chooses a path.
      let filePath: string;
      try {
        filePath = webUtils.getPathForFile(file);
      } catch {
        return null; // not a File at all
      }
      if (!filePath) return null;
      const token: unknown = await ipcRenderer.invoke(FILE_TOKEN_CHANNEL, filePath);
      return typeof token === 'string' ? token : null;
    },
  };

  contextBridge.exposeInMainWorld('aeo', { ...channels, ...extras } satisfies Api & PreloadExtras);
}
