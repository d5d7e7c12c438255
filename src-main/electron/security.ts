import type { WebContents } from 'electron';
import { APP_ENTRY_URL } from '../core/app-protocol';

/** The one page this app shows: the built renderer's index.html, served by the app:// protocol. */
export function rendererEntry(): URL {
  return new URL(APP_ENTRY_URL);
}

/** True only for our own page: same protocol, host and path, parsed, never compared by substring. */
export function isAppUrl(candidate: string, entry: URL): boolean {
  try {
    const url = new URL(candidate);
    return url.protocol === entry.protocol && url.pathname === entry.pathname && url.host === entry.host;
  } catch {
    return false;
  }
}

/** No navigation away from the app, no new windows, no webviews: links to the outside simply do nothing. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
