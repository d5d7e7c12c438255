import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Evidence } from '../../src-main/contract/evidence';
import type { Finding, Risk } from '../../src-main/contract/risks';
import type { ControlMeasure } from '../../src-main/contract/control-plan';
import type { Site } from '../../src-main/contract/plan';
import type { RunSummary } from '../../src-main/contract/runs';
import type { StoredTemplate } from '../../src-main/contract/templates';
import { call, openTestApp, sampleCase, sampleOperator, tempDir, type TestApp } from './temp-store';
import { fileSource } from './local-files';

/*
 * A validation case built through the real handlers, as a validator would: plan with sites, a visit and an
 * interview; a CTPAT seven-point container inspection with one non-compliant answer and photos; risks (one
 * opened from the answer), findings, control-plan measures and the assessment. Shared by the report tests and
 * the report bench.
 */

export type ReportFixture = {
  caseId: string;
  caseNumber: string;
  sites: Site[];
  runId: string;
  runIds: string[];
  nonCompliantItem: string;
  evidence: Evidence[];
  risks: Risk[];
  findings: Finding[];
  measures: ControlMeasure[];
  answeredItems: number;
};

export type FixtureOptions = {
  caseNumber?: string;
  /** Photos attached to the non-compliant item and spread over other answers. */
  photos?: number;
  photoSize?: { width: number; height: number };
  /** Answer at least this many items in total (more runs of the shipped checklists). */
  answeredItems?: number;
  findings?: number;
  /** Leave out the assessment, conclusions and control plan, as in a case still in progress. */
  unfinished?: boolean;
};

/** A fresh test app holding one fixture case: where the report tests start. */
export async function openAppWithReport(options: FixtureOptions = {}): Promise<{ app: TestApp; fx: ReportFixture }> {
  const app = openTestApp();
  return { app, fx: await buildReportFixture(app, options) };
}

/** A JPEG photo: a colour gradient with blocks and (optionally) noise, so it compresses like a real photo. */
export async function makePhoto(
  file: string,
  { width, height, seed = 0, noise = false, orientation }: { width: number; height: number; seed?: number; noise?: boolean; orientation?: number },
): Promise<void> {
  const raw = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761) >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = ((Math.floor(x / (width / 6)) + Math.floor(y / (height / 4)) + seed) % 5) * 18;
      const n = noise ? (random() - 0.5) * 60 : 0;
      raw[i] = Math.max(0, Math.min(255, (x / width) * 200 + block + n + seed * 7));
      raw[i + 1] = Math.max(0, Math.min(255, (y / height) * 180 + 40 + n));
      raw[i + 2] = Math.max(0, Math.min(255, 220 - (x / width) * 120 + block + n));
    }
  }
  let image = sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 88 });
  if (orientation) image = image.withMetadata({ orientation });
  await writeFile(file, await image.toBuffer());
}

type Item = {
  id: string;
  answerType: string;
  optional?: boolean;
  choices?: { value: string }[];
  format?: { kind: 'pattern'; example: string };
};

function valueFor(item: Item, n: number): unknown {
  switch (item.answerType) {
    case 'compliance':
      return n % 11 === 5 ? 'partially_compliant' : 'compliant';
    case 'yes_no':
      return true;
    case 'number':
      return n;
    case 'date':
      return '2026-11-10';
    case 'choice':
      return item.choices![0]!.value;
    default:
      // A text answer with a declared format (a seal or container number) takes the format's own example.
      return item.format?.example ?? `Проверено, запись ${n}`;
  }
}

const CTPAT_METADATA = {
  container_number: 'MSKU 123456-5',
  inspection_date: '2026-11-10',
  inspection_time: '09:30',
  inspector: 'Ержан Касымов',
};

export async function buildReportFixture(app: TestApp, options: FixtureOptions = {}): Promise<ReportFixture> {
  const d = app.dispatch;
  const session = await call<{ currentUser: unknown }>(d, 'users:session', {});
  if (!session.currentUser) await call(d, 'users:create', { name: 'Dana Validator', role: 'validator' });
  const caseNumber = options.caseNumber ?? 'AEO-2026-0001';
  // A second case of the same operator names the operator stored by the first.
  const [operator] = await call<{ id: string }[]>(d, 'operators:list', { query: sampleOperator.identificationNumber });
  const detail = await call<CaseDetail>(
    d,
    'cases:create',
    sampleCase({
      caseNumber,
      team: ['Arman Team', 'Гульнара Сейткали'],
      // The risk opened from the non-compliant answer below takes its title in Russian from it.
      reportLanguage: 'ru',
      ...(operator ? { newOperator: undefined, operatorId: operator.id } : {}),
    }),
  );
  const caseId = detail.id;

  await call(d, 'plan:updateMeta', {
    caseId,
    meta: { resources: 'Two validators, one vehicle; 3 days on site.', startsOn: '2026-11-09', endsOn: '2026-11-12', notes: '' },
  });
  const warehouse = await call<Site>(d, 'plan:saveSite', {
    caseId,
    name: 'Склад временного хранения №2',
    address: 'Алматы, ул. Складская, 7',
    kind: 'warehouse',
  });
  const office = await call<Site>(d, 'plan:saveSite', { caseId, name: 'Head office', address: '12 Dostyk Ave, Almaty', kind: 'office' });
  await call(d, 'plan:saveVisit', { caseId, siteId: warehouse.id, date: '2026-11-10', startTime: '09:00', endTime: '17:00', validators: ['Dana Validator'] });
  await call(d, 'plan:saveVisit', { caseId, siteId: office.id, date: '2026-11-11', validators: ['Arman Team'] });
  await call(d, 'plan:saveInterview', {
    caseId,
    person: 'Айгерим Садыкова',
    role: 'Compliance manager',
    topics: ['Security policy', 'Seal control'],
    date: '2026-11-09',
    held: true,
  });
  await call(d, 'plan:saveProcedure', { caseId, siteId: warehouse.id, templateId: 'ctpat-container-7pt' });

  const run = await call<RunSummary>(d, 'runs:create', {
    caseId,
    siteId: warehouse.id,
    templateId: 'ctpat-container-7pt',
    label: 'Container MSKU 123456-7',
    metadata: CTPAT_METADATA,
  });
  const nonCompliantItem = 'floor';
  const answered = new Map<string, unknown>([
    ['front-wall', 'compliant'],
    ['left-side', 'compliant'],
    ['right-side', 'compliant'],
    [nonCompliantItem, 'non_compliant'],
    ['ceiling-roof', 'compliant'],
    ['doors', 'partially_compliant'],
    ['undercarriage', 'compliant'],
    ['seal-number', 'KZ-0048812'],
    ['seal-view', 'compliant'],
    ['seal-verify', 'compliant'],
  ]);
  for (const [itemId, value] of answered) {
    await call(d, 'runs:answer', {
      runId: run.id,
      itemId,
      value,
      ...(itemId === nonCompliantItem ? { note: 'Свежая сварка и незакреплённые болты в полу у задней стенки.' } : {}),
    });
  }
  let answeredItems = answered.size;
  const runIds = [run.id];

  // More runs of the shipped checklists until the case has the requested number of answered items.
  if (options.answeredItems && answeredItems < options.answeredItems) {
    const templateIds = ['eu-saq', 'physical-security', 'information-security', 'validator-questions', 'ctpat-tractor-trailer-17pt'];
    for (let k = 0; answeredItems < options.answeredItems; k++) {
      const templateId = templateIds[k % templateIds.length]!;
      const { template } = await call<StoredTemplate>(d, 'templates:get', { templateId });
      const extra = await call<RunSummary>(d, 'runs:create', {
        caseId,
        siteId: k % 2 === 0 ? warehouse.id : office.id,
        templateId,
        label: `Run ${k + 2}`,
      });
      runIds.push(extra.id);
      for (const section of template.sections) {
        for (const item of section.items as Item[]) {
          if (item.optional || answeredItems >= options.answeredItems) continue;
          await call(d, 'runs:answer', { runId: extra.id, itemId: item.id, value: valueFor(item, answeredItems) });
          answeredItems += 1;
        }
      }
    }
  }

  const photoCount = options.photos ?? 3;
  const size = options.photoSize ?? { width: 640, height: 480 };
  const photoDir = tempDir('aeo-photos-');
  const evidence: Evidence[] = [];
  for (let i = 0; i < photoCount; i++) {
    const file = path.join(photoDir, `IMG_${String(i + 1).padStart(4, '0')}.jpg`);
    await makePhoto(file, { ...size, seed: i + 1, noise: size.width > 1000, orientation: i === 1 ? 6 : undefined });
    const onItem = i < 2 || i % 3 === 0;
    evidence.push(
      await call<Evidence>(d, 'evidence:attach', {
        caseId,
        ...(onItem ? { runId: run.id, itemId: nonCompliantItem } : {}),
        source: fileSource(file),
        caption: i === 0 ? 'Пол контейнера: следы свежей сварки' : `Photo ${i + 1} of the inspection`,
        effectiveDate: '2026-11-10',
        expectPhoto: true,
      }),
    );
  }
  const docFile = path.join(photoDir, 'seal-log.txt');
  await writeFile(docFile, 'Seal log, November 2026\n');
  evidence.push(await call<Evidence>(d, 'evidence:attach', { caseId, source: fileSource(docFile), caption: 'Журнал учёта пломб' }));

  // Opened from the non-compliant answer (its title and criterion come from the item), one in Russian at the
  // warehouse, and one not yet rated for its residual risk.
  const riskInputs = [
    {
      fromAnswer: { runId: run.id, itemId: nonCompliantItem },
      criticalAsset: 'Containers awaiting loading',
      threat: 'Concealment of contraband in a false floor',
      vulnerability: 'Floor repairs are not inspected before stuffing',
      likelihood: 4,
      consequence: 5,
      controls: 'Seven-point inspection before stuffing, recorded on a paper form.',
      controlTesting: 'Re-performed the inspection on 3 containers; compared with the forms of the last month.',
      controlsEffective: 'partially_effective',
      residualLikelihood: 2,
      residualConsequence: 4,
      response: 'improvement_action',
      responseNotes: 'Add a floor-height check and photo record to the inspection.',
    },
    {
      title: 'Несанкционированный доступ на склад в ночное время',
      criterion: 'I',
      siteId: warehouse.id,
      criticalAsset: 'Склад временного хранения',
      threat: 'Проникновение посторонних лиц',
      vulnerability: 'Камеры видеонаблюдения не охватывают северный забор',
      likelihood: 3,
      consequence: 4,
      controls: 'Охрана по периметру, журнал посетителей.',
      controlTesting: 'Осмотр периметра, выборочная проверка журнала за октябрь.',
      controlsEffective: 'effective',
      residualLikelihood: 2,
      residualConsequence: 2,
      response: 'accept',
    },
    { title: 'Trading partners not screened', criterion: 'K', likelihood: 2, consequence: 3 },
  ];
  const risks: Risk[] = [];
  for (const input of riskInputs) risks.push(await call<Risk>(d, 'risks:create', { caseId, ...input }));

  const findings: Finding[] = [];
  const findingCount = options.findings ?? 2;
  for (let i = 0; i < findingCount; i++) {
    findings.push(
      await call<Finding>(d, 'findings:create', {
        caseId,
        description:
          i === 0
            ? 'Ремонт пола контейнеров не проверяется перед загрузкой.'
            : `Finding ${i + 1}: the seal log misses entries for ${i} day${i === 1 ? '' : 's'}.`,
        requiredAction: i === 0 ? 'Включить проверку высоты пола и фотофиксацию в процедуру осмотра.' : 'Complete the seal log daily.',
        owner: 'Айгерим Садыкова',
        deadline: '2027-02-01',
        status: i % 4 === 3 ? 'implemented' : 'open',
        links: {
          riskIds: i === 0 ? [risks[0]!.id] : [],
          evidenceIds: i === 0 ? [evidence[0]!.id] : [],
          answerIds: [],
        },
      }),
    );
  }

  const measures: ControlMeasure[] = [];
  if (!options.unfinished) {
    await call(d, 'controlPlan:updateMeta', {
      caseId,
      authorizationDate: '2026-12-20',
      partialReevaluationAreas: ['Container inspection procedure', 'Видеонаблюдение на складе'],
    });
    const measureInputs = [
      {
        riskId: risks[0]!.id,
        measure: 'unannounced_visit',
        description: 'Observe a container inspection at the warehouse.',
        frequency: 'semiannually',
        accountManager: 'Тимур Ахметов',
        triggers: 'A seizure in a container from this operator; two missed inspection forms.',
        customsResponse: 'Raise the inspection rate for the operator; partial re-evaluation of criterion G.',
      },
      {
        riskId: risks[1]!.id,
        measure: 'data_analysis_indicator',
        description: 'Incidents reported by the operator per quarter.',
        frequency: 'quarterly',
        startsOn: '2027-01-15',
        accountManager: 'Timur Akhmetov',
        triggers: 'More than one incident in a quarter.',
        customsResponse: 'Document check of the security log.',
      },
    ];
    for (const input of measureInputs) measures.push(await call<ControlMeasure>(d, 'controlPlan:saveMeasure', { caseId, ...input }));
    await call(d, 'assessment:update', {
      caseId,
      patch: {
        recommendation: 'grant_with_conditions',
        reasoning:
          'The operator meets the criteria except for the container floor inspection, which the improvement action addresses.\n\nОператор соответствует критериям, за исключением проверки пола контейнеров.',
        mattersOfSignificance: 'Fresh welding was found in the floor of one container (see E1, R1).',
        teamLead: 'Тимур Ахметов',
      },
    });
    await call(d, 'assessment:setConclusion', { caseId, criterion: 'G', conclusion: 'met_with_improvements', text: 'Floor inspection to be improved.' });
    await call(d, 'assessment:setConclusion', { caseId, criterion: 'I', conclusion: 'met', text: 'Периметр охраняется.' });
    await call(d, 'assessment:setConclusion', { caseId, criterion: 'C', conclusion: 'not_applicable', text: '' });
    for (const step of ['planning', 'information_gathering', 'business_systems', 'initial_interview', 'risk_assessment', 'conduct_validation', 'residual_risk']) {
      // The container inspection is left unfinished (a photo is missing), so its step is done with a reason; so are
      // the steps of the extra runs a large fixture answers only in part.
      const reason =
        step === 'conduct_validation'
          ? { reason: 'The second container was not available; inspected on the follow-up visit.' }
          : options.answeredItems
            ? { reason: 'Remaining items are covered by the follow-up visit.' }
            : {};
      await call(d, 'cases:setStep', { id: caseId, step, status: 'done', ...reason });
    }
  }

  return {
    caseId,
    caseNumber,
    sites: [warehouse, office],
    runId: run.id,
    runIds,
    nonCompliantItem,
    evidence,
    risks,
    findings,
    measures,
    answeredItems,
  };
}
