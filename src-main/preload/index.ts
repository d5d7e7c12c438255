import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type ChannelName } from '../contract/channels';
import type { Api } from '../contract';
import type { Result } from '../contract/result';

/**
 * Exposes one typed object, `window.aeo`, with a method per contract channel and nothing generic: the page
 * cannot reach ipcRenderer or name a channel of its own.
 */
const api = buildApi<Api>((channel: ChannelName, input: unknown) =>
  ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
);
contextBridge.exposeInMainWorld('aeo', api);
