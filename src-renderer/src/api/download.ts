/*
 * Files leave the app one of two ways, and the page names a path in neither: the desktop app asks the main
 * process, which shows the system's save dialog; the browser preview downloads from a GET route of the preview
 * server, which answers with Content-Disposition, and the browser itself decides where the file goes.
 */

import { withToken } from './token';

/** In the desktop app the preload exposes `window.aeo`; in the browser preview it does not. */
export const isDesktop = (): boolean => window.aeo !== undefined;

/** The preview server's download URL of a sealed bundle. */
export const bundleDownloadUrl = (bundleId: string) =>
  withToken(`/api/download/bundles/${encodeURIComponent(bundleId)}.aeob`);

/** The preview server's download URL of the current user's enrollment file. */
export const enrollmentDownloadUrl = () => withToken('/api/download/enrollment');

/** Starts a browser download of a same-origin URL; the server's Content-Disposition names the file. */
export function startDownload(href: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = '';
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
