import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Answer, RunDetail, RunSummary } from '../contract/runs';
import type { CaseDetail, ValidationStep } from '../contract/cases';
import type { ControlPlan } from '../contract/control-plan';
import type { Evidence } from '../contract/evidence';
import type { Plan } from '../contract/plan';
import type { ReportLanguage } from '../contract/reports';
import type { Finding, Risk } from '../contract/risks';
import { wcoCriteria } from '../contract/checklist-template';
import {
  accountManagerActivities,
  applicationDocuments,
  criterionGrounds,
  demoCompletionEn,
  examinedDocuments,
  warehouseAnswers,
  warehousePhotoTimes,
  type CitationKeys,
  type DemoCompletionText,
} from './demo-complete-content';
import { demoCompletionRu } from './demo-complete-content-ru';
import { makeSnapshot } from './demo-snapshots';
import { localFile } from './local-files';

/*
 * The second half of `aeo demo`: takes the case the first half left in the middle of the site visits and carries
 * it through step 9, through the same handlers as the app, so the rules a reviewer relies on are exercised on
 * the way: the application record, the documents examined, the business-system notes (step 3) and the interview
 * minutes (step 4), the rest of the warehouse checklist answered and photographed and both runs signed off by the
 * lead (a run cannot be finished with anything missing), a finding and response notes for the gate risk, a
 * conclusion with its reasoning and citations on every criterion A–M, the recommendation (granting with
 * conditions, as the gate risk's response asks; the pre-seal check must find nothing) and its conditions, the
 * account manager, and every step done.
 *
 * It reads what the first half made through the list channels rather than taking it as arguments, so the two
 * halves share nothing but the case id.
 */

const demoCompletionTexts: Record<ReportLanguage, DemoCompletionText> = { en: demoCompletionEn, ru: demoCompletionRu };

export type DemoCall = <T>(channel: string, input: unknown) => Promise<T>;

/**
 * The clock the demo's dispatcher records sign-offs with (createAppDispatcher's `clock`): the system clock, except
 * while `at` replays something done during a visit, so a run is signed off on the day and in the hours of its
 * visit, not when the demo happens to run. Only the demo moves it; the app's handlers only read it.
 */
export type DemoClock = { read: () => Date; at: <T>(moment: Date, work: () => Promise<T>) => Promise<T> };

export function demoClock(): DemoClock {
  let fixed: Date | null = null;
  return {
    read: () => fixed ?? new Date(),
    async at(moment, work) {
      fixed = moment;
      try {
        return await work();
      } finally {
        fixed = null;
      }
    },
  };
}

/** The demo's sites keep Almaty time (the authority's zone; the photos' EXIF offset is the same). */
export const DEMO_UTC_OFFSET = '+05:00';

/** When the lead signs a run off: on its visit's day, a little before the visit ends (time to check the run). */
const signOffMoment = (visit: { date: string; endTime: string | null }) =>
  new Date(new Date(`${visit.date}T${visit.endTime ?? '17:00'}:00${DEMO_UTC_OFFSET}`).getTime() - 25 * 60_000);

/** A date `days` from `now` (negative: in the past), as YYYY-MM-DD. */
const dateFrom = (now: number, days: number) => new Date(now + days * 86_400_000).toISOString().slice(0, 10);

/** The steps the first half leaves open, in order; the last one becomes the case's current step. */
const stepsToClose: readonly ValidationStep[] = ['business_systems', 'risk_assessment', 'conduct_validation', 'residual_risk', 'reporting', 'control_plan'];

type Records = {
  answers: Map<string, Answer>;
  documents: Map<string, Evidence>;
  risks: { floor: Risk; gate: Risk };
  findings: { floor: Finding; gate: Finding };
  interviews: { ceo: string; compliance: string };
  photos: Map<string, Evidence>;
};

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`aeo demo: ${what} is missing from the first half of the demo`);
  return value;
}

const riskOf = (risks: Risk[], itemId: string) => need(risks.find((r) => r.answerLinks.some((a) => a.itemId === itemId)), `the risk from ${itemId}`);

/** The record ids one conclusion cites, from the demo's names for them. */
function citationIds(records: Records, cites: CitationKeys) {
  return {
    answerIds: (cites.answers ?? []).map((itemId) => need(records.answers.get(itemId), `the answer ${itemId}`).id),
    riskIds: (cites.risks ?? []).map((key) => records.risks[key].id),
    findingIds: (cites.findings ?? []).map((key) => records.findings[key].id),
    interviewIds: (cites.interviews ?? []).map((key) => records.interviews[key]),
    evidenceIds: [
      ...(cites.photos ?? []).map((itemId) => need(records.photos.get(itemId), `the photo of ${itemId}`).id),
      ...(cites.documents ?? []).map((name) => need(records.documents.get(name), `the document ${name}`).id),
    ],
  };
}

/** The application and what came with it, received before the case was opened. */
async function recordApplication(call: DemoCall, caseId: string, lang: ReportLanguage, day: (days: number) => string) {
  const { application } = demoCompletionTexts[lang];
  await call('application:update', { caseId, receivedOn: day(-44), reference: application.reference });
  for (const [kind, offset] of applicationDocuments) {
    await call('application:saveDocument', { caseId, kind, title: application.titles[kind] ?? '', receivedOn: day(offset) });
  }
}

/** The day the plan visits a site (or, without one, the first visit), as YYYY-MM-DD. */
async function visitDay(call: DemoCall, caseId: string, siteId: string | null = null): Promise<string> {
  const plan = await call<Plan>('plan:get', { caseId });
  return need(plan.visits.find((v) => siteId === null || v.siteId === siteId), 'a planned visit').date;
}

/**
 * The extracts the operator handed over during the visits (declarations sampled, the yard's gate and patrol logs),
 * kept as documents examined: their file time is the visit day at noon local time (+05:00), as a copy made then.
 */
async function attachDocuments(call: DemoCall, caseId: string, lang: ReportLanguage, day: (days: number) => string): Promise<Map<string, Evidence>> {
  const handedOver = new Date(`${await visitDay(call, caseId)}T12:10:00${DEMO_UTC_OFFSET}`);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'aeo-demo-'));
  const documents = new Map<string, Evidence>();
  try {
    for (const [name, effective] of examinedDocuments) {
      const { caption, csv } = need(demoCompletionTexts[lang].documents[name], `the words of ${name}`);
      const file = path.join(scratch, name);
      await writeFile(file, `${csv}\n`, 'utf8');
      await utimes(file, handedOver, handedOver);
      documents.set(name, await call<Evidence>('evidence:attach', { caseId, source: localFile(file), caption, effectiveDate: day(effective) }));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return documents;
}

/** Steps 3 and 4 on paper: a note per business system reviewed, and the minutes of both interviews held. */
async function recordSystemsAndMinutes(
  call: DemoCall,
  caseId: string,
  lang: ReportLanguage,
  documents: Records['documents'],
): Promise<Records['interviews']> {
  const words = demoCompletionTexts[lang];
  for (const { documents: names, ...system } of words.systems) {
    const evidenceIds = names.map((name) => need(documents.get(name), `the document ${name}`).id);
    await call('systems:save', { caseId, ...system, evidenceIds });
  }
  // The first half holds the management interview first, then the compliance manager's on the visit day.
  const plan = await call<Plan>('plan:get', { caseId });
  const [ceo, compliance] = [...plan.interviews].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const interviews = { ceo: need(ceo, 'the initial interview').id, compliance: need(compliance, 'the second interview').id };
  await call('interviews:saveMinutes', { caseId, interviewId: interviews.ceo, ...words.minutes.ceo });
  await call('interviews:saveMinutes', { caseId, interviewId: interviews.compliance, ...words.minutes.compliance });
  return interviews;
}

/**
 * The photos the warehouse checklist requires even of compliant items, taken during the warehouse visit (its
 * date from the plan, the times in the morning hours it was planned for), made and attached as real files are.
 */
async function photographWarehouse(call: DemoCall, caseId: string, lang: ReportLanguage, run: RunSummary): Promise<void> {
  const taken = (await visitDay(call, caseId, run.siteId)).replace(/-/g, ':');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'aeo-demo-'));
  try {
    for (const [index, [itemId, time]] of Object.entries(warehousePhotoTimes).entries()) {
      const caption = demoCompletionTexts[lang].warehouseCaptions[itemId];
      const file = path.join(scratch, `IMG_${taken.replace(/:/g, '')}_W${index + 1}.jpg`);
      await makeSnapshot(file, itemId, `${taken} ${time}`);
      await call('evidence:attach', { caseId, runId: run.id, itemId, source: localFile(file), caption, expectPhoto: true });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The rest of the warehouse checklist, then both runs signed off by the current user (the lead validator), each
 * at the end of the visit to its site.
 */
async function finishRuns(call: DemoCall, clock: DemoClock, caseId: string, lang: ReportLanguage): Promise<Map<string, Answer>> {
  const runs = await call<RunSummary[]>('runs:list', { caseId });
  const physical = need(runs.find((r) => r.templateId === 'physical-security'), 'the physical security run');
  for (const [itemId, value] of Object.entries(warehouseAnswers)) {
    const note = demoCompletionTexts[lang].physicalNotes[itemId];
    await call('runs:answer', { runId: physical.id, itemId, value, ...(note ? { note } : {}) });
  }
  await photographWarehouse(call, caseId, lang, physical);
  const plan = await call<Plan>('plan:get', { caseId });
  const answers = new Map<string, Answer>();
  for (const run of runs) {
    const visit = need(plan.visits.find((v) => v.siteId === run.siteId), `the visit to the site of ${run.label}`);
    await clock.at(signOffMoment(visit), () => call('runs:finish', { id: run.id }));
    for (const answer of (await call<RunDetail>('runs:get', { id: run.id })).answers) answers.set(answer.itemId, answer);
  }
  return answers;
}

/** Step 7 on the gate risk: the response explained on both risks, and the finding the proposed condition rests on. */
async function respondToRisks(call: DemoCall, caseId: string, lang: ReportLanguage, day: (days: number) => string) {
  const words = demoCompletionTexts[lang];
  const listed = await call<Risk[]>('risks:list', { caseId });
  const risks = { floor: riskOf(listed, 'floor'), gate: riskOf(listed, 'gates-locked') };
  await call('risks:update', { id: risks.floor.id, patch: { responseNotes: words.responseNotes.floor } });
  await call('risks:update', { id: risks.gate.id, patch: { responseNotes: words.responseNotes.gate } });
  const floor = need((await call<Finding[]>('findings:list', { caseId })).find((f) => f.riskIds.includes(risks.floor.id)), 'the floor finding');
  const gate = await call<Finding>('findings:create', {
    caseId,
    ...words.gateFinding,
    owner: floor.owner,
    deadline: day(84),
    links: { riskIds: [risks.gate.id], evidenceIds: risks.gate.evidenceIds },
  });
  return { risks, findings: { floor, gate } };
}

/** Step 8: a conclusion with its reasoning and citations on every criterion, then the recommendation. */
async function conclude(call: DemoCall, caseId: string, lang: ReportLanguage, records: Records) {
  const words = demoCompletionTexts[lang];
  for (const criterion of wcoCriteria) {
    const { conclusion, cites } = criterionGrounds[criterion];
    await call('assessment:setConclusion', { caseId, criterion, conclusion, text: words.criteria[criterion] });
    await call('assessment:setCitations', { caseId, criterion, ...citationIds(records, cites) });
  }
  await call('assessment:update', {
    caseId,
    patch: {
      recommendation: 'grant_with_conditions',
      reasoning: words.reasoning,
      mattersOfSignificance: words.mattersOfSignificance,
      teamLead: words.teamLead,
    },
  });
}

/** The operator's account manager, the one named on the control plan's measures, with what they did so far. */
async function assignAccountManager(call: DemoCall, caseId: string, lang: ReportLanguage, day: (days: number) => string) {
  const { accountManager } = demoCompletionTexts[lang];
  const detail = await call<CaseDetail>('cases:get', { id: caseId });
  const plan = await call<ControlPlan>('controlPlan:get', { caseId });
  const name = need(plan.measures[0], 'a control-plan measure').accountManager;
  const operatorId = detail.operator.id;
  await call('accountManager:assign', {
    operatorId,
    name,
    position: accountManager.position,
    phone: '+7 727 290 4415',
    email: 'saule.kim@customs.example',
    assignedOn: day(-45),
  });
  for (const [index, [fn, offset]] of accountManagerActivities.entries()) {
    await call('accountManager:saveActivity', { operatorId, function: fn, date: day(offset), note: accountManager.notes[index] ?? '' });
  }
}

/** Carries the demo case from the site visits to a report the pre-seal check finds nothing against. */
export async function completeDemoCase(call: DemoCall, clock: DemoClock, caseId: string, lang: ReportLanguage, now: number): Promise<void> {
  const day = (days: number) => dateFrom(now, days);
  await recordApplication(call, caseId, lang, day);
  const documents = await attachDocuments(call, caseId, lang, day);
  const interviews = await recordSystemsAndMinutes(call, caseId, lang, documents);
  const answers = await finishRuns(call, clock, caseId, lang);
  const { risks, findings } = await respondToRisks(call, caseId, lang, day);
  const evidence = await call<Evidence[]>('evidence:list', { caseId });
  const photos = new Map(evidence.filter((e) => e.itemId !== null).map((e) => [e.itemId!, e]));
  await conclude(call, caseId, lang, { answers, documents, risks, findings, interviews, photos });
  // Only the proposed conditions, which belong with the recommendation; the rest of the official record is the
  // authority's (its settings and the official-record part of the demo set it).
  await call('official:update', { caseId, conditions: demoCompletionTexts[lang].conditions });
  await assignAccountManager(call, caseId, lang, day);
  for (const step of stepsToClose) {
    await call('cases:setStep', { id: caseId, step, status: 'done', makeCurrent: step === 'control_plan' });
  }
}
