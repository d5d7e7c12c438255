import { create } from 'zustand';
import { ValidationStep } from '../../../src-main/contract/cases';

/**
 * Hash routes: `#/cases`, `#/cases/new`, `#/cases/<id>[/<step>[/<focus>]]` (a case, on one of its nine steps, with
 * the part of the step a link brought the validator to: `risk:<id>`, `finding:<id>`, `criterion:<c>`…),
 * `#/runs/<id>[/<itemId>]` (the checklist runner, on one item), `#/library`, `#/sync` (keys, trust list, bundles, HQ),
 * `#/inbox` (HQ's inbox), `#/merge/<caseId>` (the lead's merge of the field reports of a case), `#/authority` (the
 * issuing customs authority's settings).
 * Anything else shows the case list. The address holds where the validator is, so a reload, back and forward, or
 * a link return to the same step and the same checklist item.
 */
export type Route =
  | { name: 'cases' }
  | { name: 'caseNew' }
  | { name: 'case'; id: string; step?: ValidationStep; focus?: string }
  | { name: 'run'; id: string; item?: string }
  | { name: 'library' }
  | { name: 'sync' }
  | { name: 'inbox' }
  | { name: 'merge'; id: string }
  | { name: 'authority' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, id, extra] = parts;
  if (first === 'cases' && id === 'new' && parts.length === 2) return { name: 'caseNew' };
  if (first === 'cases' && id && parts.length <= 4) {
    if (extra === undefined) return { name: 'case', id: decodeURIComponent(id) };
    const step = ValidationStep.safeParse(decodeURIComponent(extra));
    // An unknown step still opens the case, on the step it would show anyway (and without a focus in it).
    if (!step.success) return { name: 'case', id: decodeURIComponent(id) };
    const focus = parts[3];
    return focus === undefined
      ? { name: 'case', id: decodeURIComponent(id), step: step.data }
      : { name: 'case', id: decodeURIComponent(id), step: step.data, focus: decodeURIComponent(focus) };
  }
  if (first === 'runs' && id && parts.length <= 3) {
    return extra === undefined
      ? { name: 'run', id: decodeURIComponent(id) }
      : { name: 'run', id: decodeURIComponent(id), item: decodeURIComponent(extra) };
  }
  if (first === 'library' && parts.length === 1) return { name: 'library' };
  if (first === 'sync' && parts.length === 1) return { name: 'sync' };
  if (first === 'inbox' && parts.length === 1) return { name: 'inbox' };
  if (first === 'authority' && parts.length === 1) return { name: 'authority' };
  if (first === 'merge' && id && parts.length === 2) return { name: 'merge', id: decodeURIComponent(id) };
  return { name: 'cases' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'cases':
      return '#/cases';
    case 'caseNew':
      return '#/cases/new';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}${route.step ? `/${route.step}${route.focus ? `/${encodeURIComponent(route.focus)}` : ''}` : ''}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}${route.item ? `/${encodeURIComponent(route.item)}` : ''}`;
    case 'library':
      return '#/library';
    case 'sync':
      return '#/sync';
    case 'inbox':
      return '#/inbox';
    case 'merge':
      return `#/merge/${encodeURIComponent(route.id)}`;
    case 'authority':
      return '#/authority';
  }
}

/**
 * What counts as another page for focus and scrolling: the route without the case step or the runner's item, so
 * choosing a step or an item is not a page change.
 */
export function pageKey(route: Route): string {
  return route.name === 'case' || route.name === 'run' || route.name === 'merge' ? `${route.name}:${route.id}` : route.name;
}

type RouteState = {
  route: Route;
  /** Goes to `route` as a new history entry (back returns here). */
  navigate(route: Route): void;
  /**
   * Records `route` in place of the current entry: for moving within a page (the runner's current item), which a
   * reload restores but back should not step through one item at a time.
   */
  replace(route: Route): void;
};

export const useRouteStore = create<RouteState>()((set) => ({
  route: parseHash(window.location.hash),
  navigate(route) {
    const href = hrefFor(route);
    if (window.location.hash !== href) window.location.hash = href;
    set({ route });
  },
  replace(route) {
    const href = hrefFor(route);
    if (window.location.hash !== href) window.history.replaceState(window.history.state, '', href);
    set({ route });
  },
}));

/** Keeps the store in step with the address bar (back/forward, typed URLs). Returns the unsubscribe. */
export function startRouting(): () => void {
  const sync = () => useRouteStore.setState({ route: parseHash(window.location.hash) });
  window.addEventListener('hashchange', sync);
  // The store read the address when its module loaded; it may have changed before this listener existed (an
  // address typed or a link followed while the app was still starting), and that hashchange is gone.
  sync();
  return () => window.removeEventListener('hashchange', sync);
}
