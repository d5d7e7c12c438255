import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { CaseDetail } from '../contract/cases';
import type { Evidence } from '../contract/evidence';
import type { Site } from '../contract/plan';
import type { ReportLanguage } from '../contract/reports';
import type { Result } from '../contract/result';
import type { Risk } from '../contract/risks';
import type { RunSummary } from '../contract/runs';
import { createAppDispatcher, type Dispatch } from '../handlers';
import { completeDemoCase, demoClock, type DemoClock } from './demo-complete';
import { demoTexts } from './demo-content';
import { recordDemoOfficial, setDemoAuthority } from './demo-official';
import { type Command } from './kit';
import { openDataStore } from './device';
import { cliFiles, localFile } from './local-files';

/*
 * `aeo demo --data DIR [--lang ru]`: a realistic validation case in that data folder, made through the same
 * handlers as the app (so it is audited and validated like real work): an operator, a plan with two sites and two
 * interviews held, a completed seven-point container inspection (every point answered and photographed; left
 * open for sign-off, so the runner can be tried on it) with one non-compliant point, a partly answered
 * physical security checklist, eight photos generated on the fly and attached, two risks opened from the answers
 * they rest on, a finding and a control-plan measure. demo-complete.ts then carries the case through step 9, and
 * demo-official.ts gives it the official form: the issuing authority (unless the folder has one), and the case's
 * registration number, visits held, closing meeting and approving officials.
 */

const USAGE = `Usage: aeo demo --data DIR [--lang en|ru] [--in-progress]

Creates a demo validation case in DIR and prints its case id. --lang ru writes it as a Russian-speaking validator
would (names, notes, risks, findings in Russian). The case is complete through step 9, ready to seal; with
--in-progress it stops after the site visits (checklists open, no conclusions yet), to try the runner on it.
Then: AEO_DATA_DIR=DIR npm run preview, or aeo report --data DIR --case ID --out OUT.`;

class DemoError extends Error {}

function caller(dispatch: Dispatch) {
  return async <T>(channel: string, input: unknown): Promise<T> => {
    const result: Result<unknown> = await dispatch(channel, input);
    if (!result.ok) {
      const issues = result.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new DemoError(`${channel}: ${result.error.message}${issues ? ` (${issues})` : ''}`);
    }
    return result.value as T;
  };
}

/** A photo-like JPEG: a graded sky over a container wall with ribs, written with EXIF capture time. */
async function makePhoto(file: string, hue: number, takenAt: string): Promise<void> {
  const width = 1600;
  const height = 1200;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const rib = Math.floor(x / 80) % 2 === 0 ? 18 : 0;
      const shade = y < height * 0.35 ? 200 - (y / height) * 120 : 90 + rib + ((x * 7 + y * 3) % 11);
      raw[i] = Math.min(255, shade + (hue === 0 ? 60 : 0));
      raw[i + 1] = Math.min(255, shade + (hue === 1 ? 50 : 10));
      raw[i + 2] = Math.min(255, shade + (hue === 2 ? 70 : 20));
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 82 })
    .withExif({ IFD0: { Make: 'AEO demo camera' }, IFD2: { DateTimeOriginal: takenAt, OffsetTimeOriginal: '+05:00' } })
    .toFile(file);
}

/** A date `days` from today (negative: in the past), as YYYY-MM-DD. */
const dayFrom = (now: number, days: number) => new Date(now + days * 86_400_000).toISOString().slice(0, 10);

/** The EXIF form of a local time on a date: "2026:11:20 14:26:05". */
const exifTime = (date: string, time: string) => `${date.replace(/-/g, ':')} ${time}`;

/**
 * The demo case as a reviewer expects it to read: the work lies in the past and in order (the initial interview,
 * then both site visits, the inspection on the yard visit's date with its photos taken during that visit, every
 * interview held before the report is composed today), and the risks are stated as risks.
 */
export async function createDemoCase(dispatch: Dispatch, clock: DemoClock, lang: ReportLanguage = 'en', now = Date.now(), complete = true): Promise<CaseDetail> {
  const call = caller(dispatch);
  const words = demoTexts[lang];
  const day = (days: number) => dayFrom(now, days);
  await call('users:create', { name: words.lead, role: 'validator' });
  await setDemoAuthority(call);
  const caseNumber = `AEO-DEMO-${now.toString(36).toUpperCase()}`;
  const interviewDay = day(-8);
  const visitDay = day(-6);

  const created = await call<CaseDetail>('cases:create', {
    caseNumber,
    aeoType: 'both',
    leadValidator: words.lead,
    team: words.team,
    openedOn: day(-21),
    dueOn: day(24),
    notes: words.notes,
    reportLanguage: lang,
    newOperator: {
      legalName: words.operator.legalName,
      identificationNumber: `KZ-BIN-${now.toString().slice(-12)}`,
      roles: ['importer', 'freight_forwarder', 'warehouse_operator'],
      address: words.operator.address,
      contactPerson: words.operator.contactPerson,
      phone: '+7 727 355 0140',
      email: 'compliance@steppe-logistics.example',
    },
  });
  const caseId = created.id;

  // Step 1: the plan, and the initial interview (step 4) held before the site visits.
  await call('plan:updateMeta', {
    caseId,
    meta: { resources: words.plan.resources, startsOn: interviewDay, endsOn: visitDay, notes: words.plan.notes },
  });
  const [warehouseName, warehouseAddress] = words.sites.warehouse;
  const [yardName, yardAddress] = words.sites.yard;
  const warehouse = await call<Site>('plan:saveSite', { caseId, name: warehouseName, address: warehouseAddress, kind: 'warehouse' });
  const yard = await call<Site>('plan:saveSite', { caseId, name: yardName, address: yardAddress, kind: 'yard' });
  const [lead, second] = [words.lead, words.team[0]];
  await call('plan:saveVisit', { caseId, siteId: warehouse.id, date: visitDay, startTime: '09:00', endTime: '13:00', validators: [lead, second] });
  await call('plan:saveVisit', { caseId, siteId: yard.id, date: visitDay, startTime: '14:00', endTime: '17:30', validators: [lead] });
  const interviewsHeld = [
    { person: words.operator.chiefExecutive, ...words.interviews.ceo, date: interviewDay },
    { person: words.operator.compliancePerson, ...words.interviews.compliance, date: visitDay },
  ];
  for (const interview of interviewsHeld) await call('plan:saveInterview', { caseId, ...interview, held: true });
  await call('plan:saveProcedure', { caseId, siteId: yard.id, templateId: 'ctpat-container-7pt' });
  await call('plan:saveProcedure', { caseId, siteId: warehouse.id, templateId: 'physical-security' });
  for (const step of ['planning', 'information_gathering', 'initial_interview'] as const) {
    await call('cases:setStep', { id: caseId, step, status: 'done' });
  }
  await call('cases:setStep', { id: caseId, step: 'risk_assessment', status: 'in_progress' });
  await call('cases:setStep', { id: caseId, step: 'conduct_validation', status: 'in_progress' });

  // Step 6: the seven-point inspection of a dry container on the yard visit, one point non-compliant.
  const inspection = await call<RunSummary>('runs:create', {
    caseId,
    siteId: yard.id,
    templateId: 'ctpat-container-7pt',
    label: 'MSKU 718204-7',
    metadata: {
      container_number: 'MSKU 718204-7',
      container_type: 'dry',
      inspection_date: visitDay,
      inspection_time: '14:20',
      inspector: lead,
      areas_inspected: words.inspectionAreas,
      supervisor: second,
    },
  });
  const points = ['front-wall', 'left-side', 'right-side', 'floor', 'ceiling-roof', 'doors', 'undercarriage'];
  for (const itemId of [...points, 'agri-visible-pests', 'agri-soil', 'agri-plant-material']) {
    await call('runs:answer', {
      runId: inspection.id,
      itemId,
      value: itemId === 'floor' ? 'non_compliant' : 'compliant',
      ...(itemId === 'floor' ? { note: words.floorNote } : {}),
    });
  }
  await call('runs:answer', { runId: inspection.id, itemId: 'seal-number', value: 'KZ 0451187' });
  for (const itemId of ['seal-view', 'seal-verify', 'seal-tug', 'seal-twist-turn']) {
    await call('runs:answer', { runId: inspection.id, itemId, value: 'compliant' });
  }
  await call('runs:answer', { runId: inspection.id, itemId: 'seal-iso-17712', value: true });

  // Step 6: a partly answered physical security checklist of the warehouse visit.
  const physical = await call<RunSummary>('runs:create', { caseId, siteId: warehouse.id, templateId: 'physical-security', label: words.warehouseLabel });
  const physicalAnswers: [string, string, string?][] = [
    ['perimeter-fencing', 'compliant'],
    ['gates-gatehouses', 'compliant'],
    ['gates-locked', 'partially_compliant', words.gateNote],
    ['lighting', 'compliant'],
    ['cctv-coverage', 'compliant'],
    ['cctv-recording', 'not_verified', words.cctvNote],
    ['visitor-control', 'compliant'],
  ];
  for (const [itemId, value, note] of physicalAnswers) {
    await call('runs:answer', { runId: physical.id, itemId, value, ...(note ? { note } : {}) });
  }

  // Photos taken during the visits (a photo of each inspection point, then the gate), made on the fly and
  // attached through the same streaming evidence store as real files.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'aeo-demo-'));
  const photos = new Map<string, Evidence>();
  try {
    const shots: [string, string, string, string][] = [
      ...points.map((itemId, i): [string, string, string, string] => [itemId, inspection.id, words.captions[itemId] ?? itemId, `14:${String(22 + i * 3).padStart(2, '0')}:05`]),
      ['gates-locked', physical.id, words.gateCaption, '10:41:12'],
    ];
    for (const [index, [itemId, runId, caption, time]] of shots.entries()) {
      const file = path.join(scratch, `IMG_${visitDay.replace(/-/g, '')}_${index + 1}.jpg`);
      await makePhoto(file, index % 3, exifTime(visitDay, time));
      photos.set(itemId, await call<Evidence>('evidence:attach', { caseId, runId, itemId, source: localFile(file), caption, expectPhoto: true }));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // Steps 5–9: the risks, stated as risks, opened from the answers they rest on; a finding; a monitoring measure.
  const floorRisk = await call<Risk>('risks:create', {
    caseId,
    fromAnswer: { runId: inspection.id, itemId: 'floor' },
    ...words.floorRisk,
    likelihood: 3,
    consequence: 4,
    controlsEffective: 'partially_effective',
    residualLikelihood: 2,
    residualConsequence: 4,
    response: 'improvement_action',
  });
  const gateRisk = await call<Risk>('risks:create', {
    caseId,
    fromAnswer: { runId: physical.id, itemId: 'gates-locked' },
    ...words.gateRisk,
    likelihood: 4,
    consequence: 4,
    controlsEffective: 'ineffective',
    residualLikelihood: 3,
    residualConsequence: 4,
    response: 'condition',
  });
  await call('findings:create', {
    caseId,
    ...words.finding,
    owner: words.operator.compliancePerson,
    deadline: day(54),
    links: { riskIds: [floorRisk.id], evidenceIds: [photos.get('floor')!.id] },
  });
  await call('controlPlan:saveMeasure', {
    caseId,
    riskId: floorRisk.id,
    measure: 'unannounced_visit',
    ...words.measure,
    frequency: 'semiannually',
    accountManager: words.accountManager,
  });
  await call('controlPlan:saveMeasure', {
    caseId,
    riskId: gateRisk.id,
    measure: 'document_check',
    ...words.gateMeasure,
    frequency: 'quarterly',
    accountManager: words.accountManager,
  });
  if (complete) await completeDemoCase(call, clock, caseId, lang, now);
  // The official form (after the completion, which records the application and the conditions): the visits as
  // held, the closing meeting the day after them, the approving officials; the look-back period is the three years
  // before the application (received 44 days ago, demo-complete.ts).
  await recordDemoOfficial(call, caseId, lang, words, { lookBackFrom: day(-45 - 3 * 365), lookBackTo: day(-45), closingOn: day(-5) });
  return call<CaseDetail>('cases:get', { id: caseId });
}

export const demoCommand: Command = {
  usage: USAGE,
  options: { data: { type: 'string' }, lang: { type: 'string' }, 'in-progress': { type: 'boolean' } },
  async run(values) {
    if (typeof values.data !== 'string') {
      console.error(`aeo demo: --data DIR is required.\n\n${USAGE}`);
      return 2;
    }
    const lang = values.lang ?? 'en';
    if (lang !== 'en' && lang !== 'ru') {
      console.error(`aeo demo: --lang is en or ru, not ${String(lang)}.\n\n${USAGE}`);
      return 2;
    }
    const store = openDataStore(values);
    try {
      // Sign-offs are recorded at the dispatcher's clock; the demo sets it to the visit each run belongs to.
      const clock = demoClock();
      const dispatch = createAppDispatcher(store, { logError: () => undefined, fileTokens: cliFiles, clock: clock.read });
      const demo = await createDemoCase(dispatch, clock, lang, Date.now(), values['in-progress'] !== true);
      console.log(demo.id);
      console.error(`Created demo case ${demo.caseNumber} for ${demo.operator.legalName} in ${store.dataDir}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
