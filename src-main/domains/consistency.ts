import type { OpenItem } from '../contract/open-items';
import type { ReportModel } from '../contract/reports';

/*
 * The pre-seal check as pure rules over the composed report model: what is unfinished (criteria not assessed, no
 * recommendation, unfinished checklist runs, risks without a response, findings without an owner) and what is
 * inconsistent (a recommendation to grant while a criterion is "not met" or a risk response is "grounds to
 * refuse", a recommendation without reasoning, a residual risk rated above the inherent one without a reason). Sealing with any
 * of them needs an explicit override with a reason; the official report reuses the same rules.
 */

/** The parts of the model the rules read, so callers (and tests) can pass just those. */
export type ConsistencyInput = Pick<ReportModel, 'criteria' | 'recommendation' | 'risks' | 'findings'> & {
  plan: { runs: Pick<ReportModel['plan']['runs'][number], 'id' | 'title' | 'label' | 'finishedAt'>[] };
};

const runName = (run: ConsistencyInput['plan']['runs'][number]) => ({
  runEn: run.label ? `${run.title.en} — ${run.label}` : run.title.en,
  runRu: run.label ? `${run.title.ru} — ${run.label}` : run.title.ru,
});

export function incompleteItems(model: ConsistencyInput): OpenItem[] {
  const items: OpenItem[] = [];
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
  return items;
}

export function inconsistentItems(model: ConsistencyInput): OpenItem[] {
  const items: OpenItem[] = [];
  const recommendation = model.recommendation.value;
  if (recommendation === 'grant') {
    for (const c of model.criteria) {
      if (c.conclusion === 'not_met') items.push({ code: 'grant_with_unmet_criterion', params: { criterion: c.criterion }, target: { kind: 'criterion', criterion: c.criterion } });
    }
  }
  if (recommendation === 'grant' || recommendation === 'grant_with_conditions') {
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
  return items;
}

/** Everything the pre-seal check lists: unfinished work first, then inconsistencies. */
export function openItems(model: ConsistencyInput): OpenItem[] {
  return [...incompleteItems(model), ...inconsistentItems(model)];
}
