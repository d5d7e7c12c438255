import { useEffect } from 'react';
import type { ValidationStep } from '../../../src-main/contract/cases';
import type { OpenItemTarget } from '../../../src-main/contract/open-items';
import { useCasesStore } from '../stores/cases';
import { hrefFor, useRouteStore } from '../stores/route';

/*
 * Where a pre-seal open item is fixed: its checklist run, or the case step and the one record on it (a criterion,
 * the recommendation, a risk, a finding). The address names the record (`#/cases/<id>/<step>/risk:<id>`), so a
 * reload or "back" returns to it; the page scrolls to it once it renders and moves focus into it.
 */

function placeOf(target: OpenItemTarget): { step: ValidationStep; focus: string } | null {
  switch (target.kind) {
    case 'criterion':
      return { step: 'reporting', focus: `criterion:${target.criterion}` };
    case 'recommendation':
      return { step: 'reporting', focus: 'recommendation' };
    case 'risk':
      return { step: 'residual_risk', focus: `risk:${target.riskId}` };
    case 'finding':
      return { step: 'reporting', focus: `finding:${target.findingId}` };
    case 'run':
      return null;
  }
}

/** The element a route's focus names, as a selector; null for a focus this page does not know. */
export function focusSelector(focus: string): string | null {
  const colon = focus.indexOf(':');
  const kind = colon < 0 ? focus : focus.slice(0, colon);
  const value = CSS.escape(colon < 0 ? '' : focus.slice(colon + 1));
  switch (kind) {
    case 'criterion':
      return `[data-testid="criterion-row"][data-criterion="${value}"]`;
    case 'recommendation':
      return '[data-testid="recommendation"]';
    case 'risk':
      return `[data-testid="risk-row"][data-risk-id="${value}"]`;
    case 'finding':
      return `[data-testid="finding-row"][data-finding-id="${value}"]`;
    default:
      return null;
  }
}

/** Scrolls to the element, marks it (and only it), and focuses it when it takes focus, else its first control. */
function reveal(element: HTMLElement): void {
  for (const marked of document.querySelectorAll('[data-gate-highlight]')) marked.removeAttribute('data-gate-highlight');
  element.scrollIntoView({ block: 'center' });
  element.setAttribute('data-gate-highlight', 'true');
  const control = element.tabIndex >= 0 ? element : element.querySelector<HTMLElement>('input, textarea, button, [tabindex]:not([tabindex="-1"])');
  (control ?? element).focus({ preventScroll: true });
}

/**
 * Reveals the element the selector names as soon as it is in the page (its step's records may still be loading);
 * returns what stops waiting.
 */
function revealWhenShown(selector: string): () => void {
  const now = document.querySelector<HTMLElement>(selector);
  if (now) {
    reveal(now);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) return;
    observer.disconnect();
    reveal(element);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/** The case page's side: brings the record the address names into view, whenever the address names another. */
export function useRouteFocus(focus: string | undefined): void {
  useEffect(() => {
    const selector = focus ? focusSelector(focus) : null;
    return selector ? revealWhenShown(selector) : undefined;
  }, [focus]);
}

export function goToOpenItem(caseId: string, target: OpenItemTarget): void {
  const navigate = useRouteStore.getState().navigate;
  if (target.kind === 'run') {
    navigate({ name: 'run', id: target.runId });
    return;
  }
  const place = placeOf(target);
  if (!place) return;
  const route = { name: 'case', id: caseId, step: place.step, focus: place.focus } as const;
  // The same link again leaves the address as it is: nothing changes for the page to react to, so reveal here.
  const again = window.location.hash === hrefFor(route);
  navigate(route);
  useCasesStore.getState().selectStep(place.step);
  const selector = focusSelector(place.focus);
  if (again && selector) revealWhenShown(selector);
}
