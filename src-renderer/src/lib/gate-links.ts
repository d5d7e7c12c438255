import type { ValidationStep } from '../../../src-main/contract/cases';
import type { OpenItemTarget } from '../../../src-main/contract/open-items';
import { useCasesStore } from '../stores/cases';
import { useRouteStore } from '../stores/route';

/*
 * Where a pre-seal open item is fixed: its checklist run, or the case step and the part of the page that holds
 * the criterion, recommendation, risk or finding. The page scrolls there and moves focus into it.
 */

function placeOf(target: OpenItemTarget): { step: ValidationStep; selector: string } | null {
  switch (target.kind) {
    case 'criterion':
      return { step: 'reporting', selector: `[data-testid="criterion-row"][data-criterion="${target.criterion}"]` };
    case 'recommendation':
      return { step: 'reporting', selector: '[data-testid="recommendation"]' };
    case 'risk':
      return { step: 'residual_risk', selector: '[data-testid="risk-register"]' };
    case 'finding':
      return { step: 'reporting', selector: '[data-testid="findings"]' };
    case 'run':
      return null;
  }
}

/** Waits (a few frames at most) for the element to render, then scrolls to it and focuses its first control. */
function reveal(selector: string, frames = 60): void {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) {
    if (frames > 0) requestAnimationFrame(() => reveal(selector, frames - 1));
    return;
  }
  element.scrollIntoView({ block: 'center' });
  element.setAttribute('data-gate-highlight', 'true');
  const control = element.querySelector<HTMLElement>('input, textarea, button, [tabindex]:not([tabindex="-1"])');
  (control ?? element).focus({ preventScroll: true });
}

export function goToOpenItem(caseId: string, target: OpenItemTarget): void {
  const navigate = useRouteStore.getState().navigate;
  if (target.kind === 'run') {
    navigate({ name: 'run', id: target.runId });
    return;
  }
  const place = placeOf(target);
  if (!place) return;
  // The address holds the step (a reload or "back" returns there); the store follows it at once.
  navigate({ name: 'case', id: caseId, step: place.step });
  useCasesStore.getState().selectStep(place.step);
  requestAnimationFrame(() => reveal(place.selector));
}
