/**
 * The browser preview's per-launch token. The preview server prints `http://127.0.0.1:PORT/?token=…` (as Jupyter
 * does) and answers nothing under `/api/` without it. The page keeps it in sessionStorage (this tab only, gone
 * when the tab closes) and takes it out of the address bar so it is not bookmarked, shared or kept in history.
 * In Electron there is no token: IPC needs none.
 */
const STORAGE_KEY = 'aeo.previewToken';

function captureToken(): string | null {
  if (typeof window === 'undefined' || window.aeo) return null;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}

const token = captureToken();

/** Headers for fetch and XMLHttpRequest calls to `/api/`. */
export function tokenHeaders(): Record<string, string> {
  return token ? { 'x-aeo-token': token } : {};
}

/** For what cannot send headers (EventSource, links the browser opens or downloads): the token in the query. */
export function withToken(apiPath: string): string {
  if (!token) return apiPath;
  return `${apiPath}${apiPath.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
