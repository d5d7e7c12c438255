import type { Api } from '../../src-main/contract';
import type { PreloadExtras } from '../../src-main/contract/preload-extras';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser preview, where the HTTP transport is used. */
    aeo?: Api & PreloadExtras;
  }
}

export {};
