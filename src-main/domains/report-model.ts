import { and, asc, eq, isNull } from 'drizzle-orm';
import type { SealOverride } from '../contract/open-items';
import type { ModelCitations, ModelEvidence, ReportModel } from '../contract/reports';
import type { TeamMergeModel } from '../contract/team-report';
import type { operatorRoles } from '../contract/operators';
import { nowUtc } from '../core/ids';
import type { Store } from '../db/open';
import { evidence } from '../db/schema';
import { getAssessment, assessmentRow } from './assessment';
import { getCase } from './cases';
import { complianceTally } from './compliance';
import { getControlPlan } from './control-plan';
import { liveFindingRows, toFinding } from './findings';
import { answerLinks } from './links';
import { composeChecklists } from './report-checklists';
import { getPlan } from './plan';
import { caseMinutes, liveSystemReviews } from './systems';
import type { Interview } from '../contract/plan';
import { composeAccountManager, composeApplication } from './report-cycle';
import { liveRiskRows, toRisk } from './risks';
import { getSettings } from './settings';
import { composeOfficial } from './official-model';
import { canonicalJson, sha256Hex } from '../core/canonical-json';
import { answerRefs } from './report-answer-refs';
import { auditSummary } from './report-audit';

/*
 * Composes the report model from the store: every section of the validation report and the control plan, as
 * plain data (no labels, no layout). Reads only. Where the case is unfinished the model carries null or empty
 * lists, which the printed report shows as "not assessed"; it never fails for missing data. It lives in the
 * domain layer because it reads through the domains' getters; src-main/report only prints what it composes.
 */

const emptyToNull = (text: string | null | undefined) => (text && text.trim() !== '' ? text : null);

/** Everything but the audit summary, whose chain walk only the stored and shown model needs. */
type ModelContent = Omit<ReportModel, 'audit'>;

/** What a version may carry beyond the case itself: the override of a seal despite open pre-seal items. */
export type ModelExtras = { sealOverride?: SealOverride; teamMerge?: TeamMergeModel };

export function composeReportModel(
  store: Store,
  caseId: string,
  composedAt: string = nowUtc(),
  extras: ModelExtras = {},
): ReportModel {
  return { ...composeContent(store, caseId, composedAt), ...withExtras(extras), audit: auditSummary(store, caseId) };
}

const withExtras = (extras: ModelExtras) => ({
  ...(extras.sealOverride ? { sealOverride: extras.sealOverride } : {}),
  ...(extras.teamMerge ? { teamMerge: extras.teamMerge } : {}),
});

/** The model without its audit summary (no chain walk): what the pre-seal check reads. */
export function composeReportContent(store: Store, caseId: string): ModelContent {
  return composeContent(store, caseId, nowUtc());
}

/**
 * The content hash of the case as it stands now, as `modelContentHash` of a freshly composed model would give,
 * but without walking the audit chain: the content hash leaves the audit summary out, so comparing a stored
 * version with the case need not verify every audit row ever written.
 */
export function currentContentHash(store: Store, caseId: string, extras: ModelExtras = {}): string {
  return contentHashOf({ ...composeContent(store, caseId, nowUtc()), ...withExtras(extras) });
}

function composeContent(store: Store, caseId: string, composedAt: string): ModelContent {
  const detail = getCase(store, caseId);
  const plan = getPlan(store, caseId);
  const settings = getSettings(store);
  const assessment = getAssessment(store, caseId);
  const assessmentMeta = assessmentRow(store, caseId);
  const tally = complianceTally(store, caseId);
  const runsById = new Map(tally.runs.map((run) => [run.id, run]));
  const siteNames = new Map(plan.sites.map((s) => [s.id, s.name]));

  const evidenceRows = store.db
    .select()
    .from(evidence)
    .where(and(eq(evidence.caseId, caseId), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.attachedAt), asc(evidence.id))
    .all();
  const evidenceRef = new Map(evidenceRows.map((row, i) => [row.id, `E${i + 1}`]));
  const refsOfEvidence = (ids: readonly string[]) => ids.flatMap((id) => evidenceRef.get(id) ?? []);

  const riskRows = liveRiskRows(store, caseId);
  const riskRef = new Map(riskRows.map((row, i) => [row.id, `R${i + 1}`]));
  const riskList = riskRows.map((row) => toRisk(store, row, settings.riskMatrix));
  const findingList = liveFindingRows(store, caseId).map((row) => toFinding(store, row));
  const citedAnswers = new Map(
    assessment.criteria.map((c) => [c.criterion, answerLinks(store, c.citations?.answerIds ?? [])] as const),
  );
  const answerRef = answerRefs(store, runsById, [
    ...[...riskList, ...findingList].flatMap((owner) => owner.answerLinks),
    ...[...citedAnswers.values()].flat(),
  ]);

  const risks = riskList.map((risk) => ({
    id: risk.id,
    ref: riskRef.get(risk.id)!,
    title: risk.title,
    criterion: risk.criterion,
    siteName: risk.siteName,
    criticalAsset: risk.criticalAsset,
    threat: risk.threat,
    vulnerability: risk.vulnerability,
    likelihood: risk.likelihood,
    consequence: risk.consequence,
    inherent: risk.inherent,
    controls: risk.controls,
    controlTesting: risk.controlTesting,
    controlsEffective: risk.controlsEffective,
    residualLikelihood: risk.residualLikelihood,
    residualConsequence: risk.residualConsequence,
    residual: risk.residual,
    residualReason: risk.residualReason,
    response: risk.response,
    responseNotes: risk.responseNotes,
    answers: risk.answerLinks.map(answerRef),
    evidenceRefs: refsOfEvidence(risk.evidenceIds),
  }));

  const grid = () => Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => [] as string[]));
  const heatMap = { inherent: grid(), residual: grid() };
  for (const risk of risks) {
    heatMap.inherent[risk.likelihood - 1]![risk.consequence - 1]!.push(risk.ref);
    if (risk.residualLikelihood !== null && risk.residualConsequence !== null) {
      heatMap.residual[risk.residualLikelihood - 1]![risk.residualConsequence - 1]!.push(risk.ref);
    }
  }

  const findings = findingList.map((finding, i) => ({
    id: finding.id,
    ref: `F${i + 1}`,
    description: finding.description,
    requiredAction: finding.requiredAction,
    owner: finding.owner,
    deadline: finding.deadline,
    status: finding.status,
    riskRefs: finding.riskIds.flatMap((id) => riskRef.get(id) ?? []),
    answers: finding.answerLinks.map(answerRef),
    evidenceRefs: refsOfEvidence(finding.evidenceIds),
  }));

  const findingRef = new Map(findings.map((f) => [f.id, f.ref]));
  const interviewById = new Map(plan.interviews.map((i) => [i.id, i]));
  const criteria = assessment.criteria.map(({ citations, ...criterion }): ReportModel['criteria'][number] => {
    if (!citations) return criterion;
    const cites: ModelCitations = {
      answers: (citedAnswers.get(criterion.criterion) ?? []).map(answerRef),
      riskRefs: citations.riskIds.flatMap((id) => riskRef.get(id) ?? []),
      findingRefs: citations.findingIds.flatMap((id) => findingRef.get(id) ?? []),
      interviews: citations.interviewIds.flatMap((id) => {
        const interview = interviewById.get(id);
        return interview ? [{ person: interview.person, role: interview.role, date: interview.date }] : [];
      }),
      evidenceRefs: refsOfEvidence(citations.evidenceIds),
    };
    return { ...criterion, cites };
  });

  const controlPlan = getControlPlan(store, caseId);
  const measureRef = new Map(controlPlan.measures.map((m, i) => [m.id, `M${i + 1}`]));
  const residualById = new Map(risks.map((r) => [r.id, r]));

  const today = composedAt.slice(0, 10);
  const application = composeApplication(store, caseId);
  const accountManager = composeAccountManager(store, caseId);
  return {
    schema: 1,
    composedAt,
    case: {
      id: detail.id,
      caseNumber: detail.caseNumber,
      aeoType: detail.aeoType,
      openedOn: detail.openedOn,
      dueOn: detail.dueOn,
      leadValidator: detail.leadValidator,
      team: detail.team,
      currentStep: detail.currentStep,
      // The reason only when there is one: a case without reasons composes exactly as before this field existed.
      steps: detail.steps.map((s) => (s.reason ? { step: s.step, status: s.status, reason: s.reason } : { step: s.step, status: s.status })),
    },
    operator: {
      legalName: detail.operator.legalName,
      identificationNumber: detail.operator.identificationNumber,
      roles: detail.operator.roles as (typeof operatorRoles)[number][],
      address: detail.operator.address,
      contactPerson: detail.operator.contactPerson,
      phone: detail.operator.phone,
      email: detail.operator.email,
    },
    ...(application ? { application } : {}),
    plan: {
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      resources: plan.resources,
      sites: plan.sites.map((site) => {
        const visitDates = plan.visits.filter((v) => v.siteId === site.id).map((v) => v.date);
        const checked = tally.runs.some((run) => run.siteId === site.id);
        return {
          id: site.id,
          name: site.name,
          address: site.address,
          kind: site.kind,
          visitDates,
          visited: checked || visitDates.some((date) => date <= today),
        };
      }),
      interviews: plan.interviews.map((i) => ({
        person: i.person,
        role: i.role,
        topics: i.topics,
        date: i.date,
        held: i.held,
      })),
      runs: tally.runs.map((run) => ({
        id: run.id,
        templateId: run.template.templateId,
        templateVersion: run.template.version,
        title: run.template.template.title,
        label: run.label,
        siteName: run.siteId ? (siteNames.get(run.siteId) ?? null) : null,
        items: run.items,
        answered: run.answered,
        nonCompliant: run.nonCompliant,
        partiallyCompliant: run.partiallyCompliant,
        startedAt: run.createdAt,
        ...(run.finish
          ? { finishedAt: run.finish.at, finishedByName: run.finish.byName, signatureSha256: run.finish.signatureSha256 }
          : {}),
      })),
    },
    method: emptyToNull(assessment.method),
    riskMatrix: settings.riskMatrix,
    criteria,
    deviations: tally.deviations.map((d) => ({
      runId: d.runId,
      itemId: d.itemId,
      runTitle: d.runTitle,
      prompt: d.prompt,
      value: d.value,
      note: d.note,
      criteria: d.criteria,
    })),
    mattersOfSignificance: emptyToNull(assessment.mattersOfSignificance),
    risks,
    heatMap,
    findings,
    recommendation: { value: assessment.recommendation, reasoning: emptyToNull(assessment.reasoning) },
    signatures: {
      leadValidator: detail.leadValidator,
      validators: detail.team.filter((name) => name !== detail.leadValidator),
      teamLead: emptyToNull(assessment.teamLead),
    },
    controlPlan: {
      authorizationDate: controlPlan.authorizationDate,
      maxMonitoringMonths: controlPlan.maxMonitoringMonths,
      reevaluationDue: controlPlan.reevaluationDue,
      partialReevaluationAreas: assessmentMeta?.partialReevaluationAreas ?? [],
      measures: controlPlan.measures.map((m) => {
        const risk = residualById.get(m.riskId);
        return {
          id: m.id,
          ref: measureRef.get(m.id)!,
          riskRef: riskRef.get(m.riskId) ?? '?',
          riskTitle: risk?.title ?? '',
          residual: risk?.residual ?? null,
          measure: m.measure,
          description: m.description,
          frequency: m.frequency,
          startsOn: m.startsOn,
          accountManager: m.accountManager,
          triggers: m.triggers,
          customsResponse: m.customsResponse,
        };
      }),
      unmonitoredRiskRefs: controlPlan.unmonitoredRiskIds.flatMap((id) => riskRef.get(id) ?? []),
      schedule: controlPlan.schedule.map((entry) => ({
        ...entry,
        measureRef: entry.measureId ? (measureRef.get(entry.measureId) ?? null) : null,
        riskRef: entry.riskId ? (riskRef.get(entry.riskId) ?? null) : null,
      })),
      ...(accountManager ? { accountManager } : {}),
    },
    evidence: evidenceRows.map((row): ModelEvidence => {
      const run = row.runId ? runsById.get(row.runId) : undefined;
      const item = run && row.itemId ? run.template.items.get(row.itemId)?.item : undefined;
      return {
        id: row.id,
        ref: evidenceRef.get(row.id)!,
        kind: row.kind,
        sha256: row.sha256,
        originalName: row.originalName,
        mediaType: row.mediaType,
        size: row.size,
        caption: row.caption,
        capturedAt: row.capturedAt,
        effectiveDate: row.effectiveDate,
        attachedByName: row.attachedByName,
        runTitle: run?.template.template.title ?? null,
        itemPrompt: item?.prompt ?? null,
      };
    }),
    // Only when a checklist was run, so a case without runs composes as it did before the annexes existed.
    ...(tally.runs.length > 0 ? { checklists: composeChecklists(store, tally.runs, siteNames, evidenceRows, evidenceRef) } : {}),
    official: composeOfficial(store, caseId),
    stepContent: stepContentOf(store, caseId, plan.interviews, refsOfEvidence),
  };
}

/** Step 3's system notes and step 4's minutes, in the plan's interview order (interviews without minutes left out). */
function stepContentOf(
  store: Store,
  caseId: string,
  interviews: readonly Interview[],
  refsOfEvidence: (ids: readonly string[]) => string[],
): NonNullable<ReportModel['stepContent']> {
  const minutes = new Map(caseMinutes(store, caseId).map((m) => [m.interviewId, m]));
  return {
    systems: liveSystemReviews(store, caseId).map((s) => ({
      system: s.system,
      checked: s.checked,
      notes: s.notes,
      evidenceRefs: refsOfEvidence(s.evidenceIds),
    })),
    minutes: interviews.flatMap((i) => {
      const m = minutes.get(i.id);
      return m
        ? [{ person: i.person, role: i.role, present: m.present, topics: m.topics, answers: m.answers, followUps: m.followUps }]
        : [];
    }),
  };
}

/** The model as stored in a version: canonical JSON (sorted keys) and its SHA-256. */
export function serializeModel(model: ReportModel): { json: string; sha256: string } {
  const json = canonicalJson(model);
  return { json, sha256: sha256Hex(json) };
}

/**
 * The hash of what the report says, leaving out when it was composed and the audit log's state (which every
 * saved version itself advances): two models with the same content hash print the same report.
 */
export function modelContentHash(model: ReportModel): string {
  return contentHashOf(model);
}

function contentHashOf(content: ModelContent): string {
  return sha256Hex(canonicalJson({ ...content, composedAt: null, audit: null }));
}

