import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { CaseDetail } from '../contract/cases';
import type { Evidence } from '../contract/evidence';
import type { Site } from '../contract/plan';
import type { Result } from '../contract/result';
import type { Risk } from '../contract/risks';
import type { RunSummary } from '../contract/runs';
import { createAppDispatcher, type Dispatch } from '../handlers';
import { type Command } from './kit';
import { openDataStore } from './device';
import { cliFiles, localFile } from './local-files';

/*
 * `aeo demo --data DIR`: a realistic validation case in that data folder, made through the same handlers as the
 * app (so it is audited and validated like real work): an operator, a plan with two sites and two interviews, a
 * completed seven-point container inspection with one non-compliant point, a partly answered physical security
 * checklist, three photos generated on the fly and attached, a risk opened from the non-compliant point, a
 * finding and a control-plan measure.
 */

const USAGE = `Usage: aeo demo --data DIR

Creates a demo validation case in DIR and prints its case id.
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

export async function createDemoCase(dispatch: Dispatch): Promise<CaseDetail> {
  const call = caller(dispatch);
  await call('users:create', { name: 'Aigerim Sadykova', role: 'validator' });
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const caseNumber = `AEO-DEMO-${Date.now().toString(36).toUpperCase()}`;

  const created = await call<CaseDetail>('cases:create', {
    caseNumber,
    aeoType: 'both',
    leadValidator: 'Aigerim Sadykova',
    team: ['Daniyar Abenov', 'Olga Petrova'],
    openedOn: today,
    dueOn: inDays(45),
    notes: 'Demo case: bonded warehouse and container yard of an importer and freight forwarder.',
    newOperator: {
      legalName: 'Steppe Logistics LLP',
      identificationNumber: `KZ-BIN-${Date.now().toString().slice(-12)}`,
      roles: ['importer', 'freight_forwarder', 'warehouse_operator'],
      address: '12 Dostyk Avenue, Almaty 050010, Kazakhstan',
      contactPerson: 'Marat Ospanov, compliance manager',
      phone: '+7 727 355 0140',
      email: 'compliance@steppe-logistics.example',
    },
  });
  const caseId = created.id;

  // Step 1: the plan.
  await call('plan:updateMeta', {
    caseId,
    meta: {
      resources: 'Two validators for two days; a customs laboratory officer on call; a vehicle for the yard.',
      startsOn: inDays(3),
      endsOn: inDays(4),
      notes: 'Start with the warehouse while the morning shift loads; container yard in the afternoon.',
    },
  });
  const warehouse = await call<Site>('plan:saveSite', {
    caseId,
    name: 'Bonded warehouse No. 2',
    address: '7 Kuldzhinsky Tract, Almaty',
    kind: 'warehouse',
  });
  const yard = await call<Site>('plan:saveSite', {
    caseId,
    name: 'Container yard',
    address: 'Rail terminal Almaty-1, track 14',
    kind: 'yard',
  });
  await call('plan:saveVisit', {
    caseId,
    siteId: warehouse.id,
    date: inDays(3),
    startTime: '09:00',
    endTime: '13:00',
    validators: ['Aigerim Sadykova', 'Daniyar Abenov'],
  });
  await call('plan:saveVisit', {
    caseId,
    siteId: yard.id,
    date: inDays(3),
    startTime: '14:00',
    endTime: '17:30',
    validators: ['Aigerim Sadykova'],
  });
  await call('plan:saveInterview', {
    caseId,
    person: 'Yerlan Tulegenov',
    role: 'Chief executive',
    topics: ['security policy', 'management commitment', 'changes since the application'],
    date: inDays(3),
    held: true,
    notes: 'Confirmed a security officer reports to the board quarterly.',
  });
  await call('plan:saveInterview', {
    caseId,
    person: 'Marat Ospanov',
    role: 'Compliance manager',
    topics: ['customs declarations', 'record keeping', 'trading partner screening'],
    date: inDays(4),
    held: false,
  });
  await call('plan:saveProcedure', { caseId, siteId: yard.id, templateId: 'ctpat-container-7pt' });
  await call('plan:saveProcedure', { caseId, siteId: warehouse.id, templateId: 'physical-security' });
  await call('cases:setStep', { id: caseId, step: 'planning', status: 'done' });
  await call('cases:setStep', { id: caseId, step: 'conduct_validation', status: 'in_progress' });

  // Step 6: a completed seven-point inspection with one non-compliant point.
  const inspection = await call<RunSummary>('runs:create', {
    caseId,
    siteId: yard.id,
    templateId: 'ctpat-container-7pt',
    label: 'MSKU 718204-7',
    metadata: {
      container_number: 'MSKU 718204-7',
      container_type: 'dry',
      inspection_date: inDays(3),
      inspection_time: '14:20',
      inspector: 'Aigerim Sadykova',
      areas_inspected: 'all seven points; reefer fan housing not applicable',
      supervisor: 'Daniyar Abenov',
    },
  });
  const points = ['front-wall', 'left-side', 'right-side', 'floor', 'ceiling-roof', 'doors', 'undercarriage', 'agri-visible-pests', 'agri-soil', 'agri-plant-material'];
  for (const itemId of points) {
    await call('runs:answer', {
      runId: inspection.id,
      itemId,
      value: itemId === 'floor' ? 'non_compliant' : 'compliant',
      ...(itemId === 'floor'
        ? { note: 'Floor boards near the doors replaced with non-factory plywood; fresh screws. No record of the repair.' }
        : {}),
    });
  }
  await call('runs:answer', { runId: inspection.id, itemId: 'seal-number', value: 'KZ 0451187' });
  for (const itemId of ['seal-view', 'seal-verify', 'seal-tug', 'seal-twist-turn']) {
    await call('runs:answer', { runId: inspection.id, itemId, value: 'compliant' });
  }
  await call('runs:answer', { runId: inspection.id, itemId: 'seal-iso-17712', value: true });

  // Step 6: a partly answered physical security checklist.
  const physical = await call<RunSummary>('runs:create', {
    caseId,
    siteId: warehouse.id,
    templateId: 'physical-security',
    label: 'Warehouse No. 2',
  });
  const physicalAnswers: [string, string, string?][] = [
    ['perimeter-fencing', 'compliant'],
    ['gates-gatehouses', 'compliant'],
    ['gates-locked', 'partially_compliant', 'Side gate to the rail siding was found unlocked at 10:40.'],
    ['lighting', 'compliant'],
    ['cctv-coverage', 'compliant'],
    ['cctv-recording', 'not_verified', 'Recorder room locked; to be checked on day two.'],
    ['visitor-control', 'compliant'],
  ];
  for (const [itemId, value, note] of physicalAnswers) {
    await call('runs:answer', { runId: physical.id, itemId, value, ...(note ? { note } : {}) });
  }

  // Three photos, made on the fly and attached through the same streaming evidence store as real files.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'aeo-demo-'));
  const photos: Evidence[] = [];
  try {
    const shots: [string, string | undefined, string, string][] = [
      ['floor', inspection.id, 'Replaced plywood at the door end of the floor', '2026:11:20 14:26:05'],
      ['doors', inspection.id, 'Door locking bars and seal KZ 0451187', '2026:11:20 14:31:40'],
      ['gates-locked', physical.id, 'Unlocked side gate to the rail siding', '2026:11:20 10:41:12'],
    ];
    for (const [index, [itemId, runId, caption, takenAt]] of shots.entries()) {
      const file = path.join(scratch, `IMG_20261120_${index + 1}.jpg`);
      await makePhoto(file, index, takenAt);
      photos.push(
        await call<Evidence>('evidence:attach', {
          caseId,
          runId,
          itemId,
          source: localFile(file),
          caption,
          expectPhoto: true,
        }),
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // Steps 5–9: a risk from the non-compliant point, a finding and a control-plan measure.
  const risk = await call<Risk>('risks:create', {
    caseId,
    fromAnswer: { runId: inspection.id, itemId: 'floor' },
    criticalAsset: 'Export containers awaiting loading',
    threat: 'Concealment of contraband in a modified container floor',
    vulnerability: 'Container repairs are not recorded or checked before stuffing',
    likelihood: 3,
    consequence: 4,
    controls: 'Seven-point inspection by the yard supervisor before stuffing.',
    controlTesting: 'Observed one inspection; reviewed 20 inspection records of the last month.',
    controlsEffective: 'partially_effective',
    residualLikelihood: 2,
    residualConsequence: 4,
    response: 'improvement_action',
  });
  await call('findings:create', {
    caseId,
    description: 'Container repairs are not recorded, and the seven-point inspection does not ask for repair records.',
    requiredAction: 'Add a repair log for containers and a check of it to the pre-stuffing inspection procedure.',
    owner: 'Marat Ospanov',
    deadline: inDays(60),
    links: { riskIds: [risk.id], evidenceIds: [photos[0]!.id] },
  });
  await call('controlPlan:saveMeasure', {
    caseId,
    riskId: risk.id,
    measure: 'unannounced_visit',
    description: 'Unannounced visit to the container yard to observe a pre-stuffing inspection.',
    frequency: 'semiannually',
    accountManager: 'Saule Kim',
    triggers: 'A seizure or a discrepancy on an export container from this operator.',
    customsResponse: 'Physical examination of the next three export containers; review of the repair log.',
  });
  return call<CaseDetail>('cases:get', { id: caseId });
}

export const demoCommand: Command = {
  usage: USAGE,
  options: { data: { type: 'string' } },
  async run(values) {
    if (typeof values.data !== 'string') {
      console.error(`aeo demo: --data DIR is required.\n\n${USAGE}`);
      return 2;
    }
    const store = openDataStore(values);
    try {
      const demo = await createDemoCase(createAppDispatcher(store, { logError: () => undefined, fileTokens: cliFiles }));
      console.log(demo.id);
      console.error(`Created demo case ${demo.caseNumber} for ${demo.operator.legalName} in ${store.dataDir}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
