import type { OpenItem, OpenItemCode } from '../contract/open-items';
import type { ReportModel } from '../contract/reports';

/*
 * The pre-seal check as pure rules over the composed report model: what is unfinished (criteria not assessed, no
 * recommendation, unfinished checklist runs, risks without a response, findings without an owner) and what is
 * inconsistent (a recommendation to grant while a criterion is "not met" or a risk response is "grounds to
 * refuse", a recommendation without reasoning, a residual risk rated above the inherent one without a reason).
 *
 * The same rules serve three readers: the pre-seal check in the app, sealing (which refuses), and the print layer
 * (a draft with any of issue 13's five rules broken prints its blocking issues and a "DRAFT — inconsistent"
 * watermark). They live in core/ because the print layer may not import a domain.
 */

/** The parts of the model the rules read, so callers (and tests) can pass just those. */
export type ConsistencyInput = Pick<ReportModel, 'criteria' | 'recommendation' | 'risks' | 'findings'> & {
  plan: { runs: Pick<ReportModel['plan']['runs'][number], 'id' | 'title' | 'label' | 'finishedAt'>[] };
};

/**
 * Issue 13's consistency rules: a report breaking any of them cannot be printed as final. The other open items
 * (unfinished runs, risks without a response, findings without an owner, no recommendation yet) are unfinished
 * work, listed before sealing but not making the draft "inconsistent".
 */
export const consistencyRuleCodes = [
  'grant_with_unmet_criterion',
  'grant_despite_refusal',
  'criterion_unassessed',
  'reasoning_empty',
  'residual_above_inherent',
] as const satisfies readonly OpenItemCode[];

const granting = (model: ConsistencyInput) =>
  model.recommendation.value === 'grant' || model.recommendation.value === 'grant_with_conditions';

/**
 * Whether the validator may seal over an item with a reason (printed in the report), decided per rule:
 * - grant_with_unmet_criterion, grant_despite_refusal: never. The report would say two contradictory things; the
 *   recommendation or the conclusion has to change, and no reason makes both true.
 * - reasoning_empty: never. The reasoning is the recommendation's grounds; an override reason cannot stand in
 *   for it, and writing the reasoning is the fix.
 * - criterion_unassessed: not while recommending to grant (a grant rests on every criterion A–M); otherwise yes:
 *   a refusal, a postponement or a team validator's field report (the lead concludes) may leave one open.
 * - residual_above_inherent: yes. The risk form asks for the reason; the override reason, printed beside the
 *   item, gives it for a risk recorded without one (imported or older data).
 * - unfinished work (recommendation_missing, run_unfinished, risk_without_response, finding_without_owner): yes.
 */
export function isOverridable(code: OpenItemCode, model: Pick<ConsistencyInput, 'recommendation'>): boolean {
  switch (code) {
    case 'grant_with_unmet_criterion':
    case 'grant_despite_refusal':
    case 'reasoning_empty':
      return false;
    case 'criterion_unassessed':
      return !granting(model as ConsistencyInput);
    case 'residual_above_inherent':
    case 'recommendation_missing':
    case 'run_unfinished':
    case 'risk_without_response':
    case 'finding_without_owner':
      return true;
    default:
      return unreachable(code);
  }
}

function unreachable(code: never): never {
  throw new Error(`unknown open item code ${String(code)}`);
}

const runName = (run: ConsistencyInput['plan']['runs'][number]) => ({
  runEn: run.label ? `${run.title.en} — ${run.label}` : run.title.en,
  runRu: run.label ? `${run.title.ru} — ${run.label}` : run.title.ru,
});

type Draft = Omit<OpenItem, 'overridable'>;

export function incompleteItems(model: ConsistencyInput): OpenItem[] {
  const items: Draft[] = [];
  for (const c of model.criteria) {
    if (c.conclusion === null) items.push({ code: 'criterion_unassessed', params: { criterion: c.criterion }, target: { kind: 'criterion', criterion: c.criterion } });
  }
  if (model.recommendation.value === null) items.push({ code: 'recommendation_missing', params: {}, target: { kind: 'recommendation' } });
  for (const run of model.plan.runs) {
    if (!run.finishedAt) items.push({ code: 'run_unfinished', params: runName(run), target: { kind: 'run', runId: run.id } });
  }
  for (const risk of model.risks) {
    if (risk.response === null) items.push({ code: 'risk_without_response', params: { risk: risk.ref, title: risk.title }, target: { kind: 'risk', riskId: risk.id } });
  }
  for (const finding of model.findings) {
    if (finding.status === 'cancelled' || finding.owner.trim() !== '') continue;
    items.push({ code: 'finding_without_owner', params: { finding: finding.ref }, target: { kind: 'finding', findingId: finding.id } });
  }
  return withPolicy(model, items);
}

export function inconsistentItems(model: ConsistencyInput): OpenItem[] {
  const items: Draft[] = [];
  const recommendation = model.recommendation.value;
  if (recommendation === 'grant') {
    for (const c of model.criteria) {
      if (c.conclusion === 'not_met') items.push({ code: 'grant_with_unmet_criterion', params: { criterion: c.criterion }, target: { kind: 'criterion', criterion: c.criterion } });
    }
  }
  if (granting(model)) {
    for (const risk of model.risks) {
      if (risk.response === 'refuse') items.push({ code: 'grant_despite_refusal', params: { risk: risk.ref, title: risk.title }, target: { kind: 'risk', riskId: risk.id } });
    }
  }
  if (recommendation !== null && (model.recommendation.reasoning ?? '').trim() === '') {
    items.push({ code: 'reasoning_empty', params: {}, target: { kind: 'recommendation' } });
  }
  for (const risk of model.risks) {
    // Above the inherent risk is allowed with a reason (the risk form asks for one); without it, it is an open item.
    if (risk.residual !== null && risk.residual.score > risk.inherent.score && (risk.residualReason ?? '').trim() === '') {
      items.push({
        code: 'residual_above_inherent',
        params: { risk: risk.ref, title: risk.title, residual: risk.residual.score, inherent: risk.inherent.score },
        target: { kind: 'risk', riskId: risk.id },
      });
    }
  }
  return withPolicy(model, items);
}

const withPolicy = (model: ConsistencyInput, items: Draft[]): OpenItem[] =>
  items.map((item) => ({ ...item, overridable: isOverridable(item.code, model) }));

/** Everything the pre-seal check lists: unfinished work first, then inconsistencies. */
export function openItems(model: ConsistencyInput): OpenItem[] {
  return [...incompleteItems(model), ...inconsistentItems(model)];
}

/**
 * The items that break one of issue 13's consistency rules: a draft with any of them is "inconsistent". A criterion
 * not yet assessed contradicts only a recommendation to grant (the item is then not overridable); while no grant is
 * recommended it is unfinished work, so a draft in the middle of step 7 is not stamped "inconsistent".
 */
export function ruleBreaches(items: readonly OpenItem[]): OpenItem[] {
  const rules: readonly OpenItemCode[] = consistencyRuleCodes;
  return items.filter((item) => rules.includes(item.code) && !(item.code === 'criterion_unassessed' && item.overridable !== false));
}

/** The items no override reason lets a seal through (older frozen items, without the flag, were all overridable). */
export function unoverridable(items: readonly OpenItem[]): OpenItem[] {
  return items.filter((item) => item.overridable === false);
}
