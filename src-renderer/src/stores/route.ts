import { create } from 'zustand';

/**
 * Hash routes: `#/cases`, `#/cases/new`, `#/cases/<id>`, `#/runs/<id>` (the checklist runner), `#/library`, `#/sync` (keys, trust list, bundles, HQ), `#/inbox` (HQ's inbox).
 * Anything else shows the case list.
 */
export type Route =
  | { name: 'cases' }
  | { name: 'caseNew' }
  | { name: 'case'; id: string }
  | { name: 'run'; id: string }
  | { name: 'library' }
  | { name: 'sync' }
  | { name: 'inbox' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'cases' && parts[1] === 'new' && parts.length === 2) return { name: 'caseNew' };
  if (parts[0] === 'cases' && parts[1] && parts.length === 2) return { name: 'case', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'runs' && parts[1] && parts.length === 2) return { name: 'run', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'library' && parts.length === 1) return { name: 'library' };
  if (parts[0] === 'sync' && parts.length === 1) return { name: 'sync' };
  if (parts[0] === 'inbox' && parts.length === 1) return { name: 'inbox' };
  return { name: 'cases' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'cases':
      return '#/cases';
    case 'caseNew':
      return '#/cases/new';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'library':
      return '#/library';
    case 'sync':
      return '#/sync';
    case 'inbox':
      return '#/inbox';
  }
}

type RouteState = {
  route: Route;
  navigate(route: Route): void;
};

export const useRouteStore = create<RouteState>()((set) => ({
  route: parseHash(window.location.hash),
  navigate(route) {
    const href = hrefFor(route);
    if (window.location.hash !== href) window.location.hash = href;
    set({ route });
  },
}));

/** Keeps the store in step with the address bar (back/forward, typed URLs). Returns the unsubscribe. */
export function startRouting(): () => void {
  const sync = () => useRouteStore.setState({ route: parseHash(window.location.hash) });
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}
