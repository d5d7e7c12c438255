import type { WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The one page this app shows: the built renderer's index.html inside the app folder (or asar). */
export function rendererEntry(appPath: string): URL {
  return pathToFileURL(path.join(appPath, 'out', 'renderer', 'index.html'));
}

/** True only for our own page: same protocol and same file path, parsed, never compared by substring. */
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
