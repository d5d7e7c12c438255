import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { ChecklistTemplate, wcoCriteria } from '../../src-main/contract/checklist-template.ts';

const dir = fileURLToPath(new URL('../../assets/checklists/', import.meta.url));
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort();

const rawText = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
const raw = (name: string): unknown => JSON.parse(rawText(name));
const load = (id: string): ChecklistTemplate => ChecklistTemplate.parse(raw(`${id}.json`));

const cyrillic = /[\u0400-\u04FF]/;

const shippedVersions = {
  'ctpat-container-7pt.json': 4,
  'ctpat-tractor-trailer-17pt.json': 3,
  'eu-saq.json': 2,
  'validator-questions.json': 2,
  'information-security.json': 2,
  // Issue 13: the criteria checklist asks questions; the conclusion on each criterion is the assessment's.
  'wco-safe-criteria.json': 2,
};

/** Every object in the JSON tree that carries an `en` or `ru` key is a LocalizedText; yields it with its path. */
function* localizedTexts(node: unknown, path: (string | number)[] = []): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* localizedTexts(child, [...path, i]);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if ('en' in record || 'ru' in record) yield [path.join('.'), record];
    for (const [key, child] of Object.entries(record)) yield* localizedTexts(child, [...path, key]);
  }
}

const issuePaths = (input: unknown) => {
  const result = ChecklistTemplate.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => issue.path);
};

describe('shipped checklist templates', () => {
  it('ships the ten templates the app relies on', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'cargo-seal-security.json',
        'personnel-security.json',
        'trading-partner-security.json',
        'ctpat-container-7pt.json',
        'ctpat-tractor-trailer-17pt.json',
        'eu-saq.json',
        'information-security.json',
        'physical-security.json',
        'validator-questions.json',
        'wco-safe-criteria.json',
      ]),
    );
  });

  describe.each(files)('%s', (name) => {
    it('parses against the template schema, named after its id, at its shipped version, in English and Russian', () => {
      const result = ChecklistTemplate.safeParse(raw(name));
      if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
      expect(`${result.data.id}.json`).toBe(name);
      // Version 2 of the container inspection declares the container and seal number formats; version 3 (and the
      // tractor/trailer inspection's version 2) require a note and a photo for a deviation (issue 10). Issue 13: the
      // container inspection v4 and the tractor/trailer v3 add the agricultural check, the container type and a
      // required "areas inspected" (the 17-point also the VVTT check); the SAQ v2 adds subsections 6.5-6.13; the
      // validator questions v2 correct the Russian. A changed shipped template is a new version, never an edit.
      expect(result.data.version).toBe((shippedVersions as Record<string, number>)[name] ?? 1);
      expect([...result.data.languages].sort()).toEqual(['en', 'ru']);
    });

    it('is pretty-printed with two spaces', () => {
      expect(rawText(name)).toBe(`${JSON.stringify(raw(name), null, 2)}\n`);
    });

    it('has non-empty English and Russian in every text, and the Russian is Cyrillic', () => {
      const texts = [...localizedTexts(raw(name))];
      expect(texts.length).toBeGreaterThan(10);
      for (const [path, text] of texts) {
        expect(Object.keys(text).sort(), path).toEqual(['en', 'ru']);
        expect(typeof text.en === 'string' && text.en.trim().length > 0, `${path}.en`).toBe(true);
        expect(typeof text.ru === 'string' && text.ru.trim().length > 0, `${path}.ru`).toBe(true);
        expect(text.ru as string, `${path}.ru`).toMatch(cyrillic);
      }
    });

    it('uses item and section ids that are unique within the template', () => {
      const template = ChecklistTemplate.parse(raw(name));
      const sectionIds = template.sections.map((s) => s.id);
      const itemIds = template.sections.flatMap((s) => s.items.map((i) => i.id));
      expect(new Set(sectionIds).size).toBe(sectionIds.length);
      expect(new Set(itemIds).size).toBe(itemIds.length);
      const metaIds = template.runMetadata.map((m) => m.id);
      expect(new Set(metaIds).size).toBe(metaIds.length);
    });
  });

  it('validator questions: seven sets of 3, 4, 4, 3, 5, 3 and 1 questions, each with tips', () => {
    const template = load('validator-questions');
    expect(template.step).toBe(6);
    expect(template.sections.map((s) => s.items.length)).toEqual([3, 4, 4, 3, 5, 3, 1]);
    for (const item of template.sections.flatMap((s) => s.items)) {
      expect(item.answerType, item.id).toBe('compliance');
      expect(item.guidance, item.id).toBeDefined();
      expect(item.criteria.wco.length, item.id).toBeGreaterThan(0);
    }
    // The storage-before-transport set includes the seven-point inspection question.
    expect(template.sections[2]?.items.some((i) => i.criteria.ctpat === '5.3')).toBe(true);
  });

  it('container inspection: seven required points, the fan housing required for a reefer, the agricultural check, then VVTT', () => {
    const template = load('ctpat-container-7pt');
    const points = template.sections.find((s) => s.id === 'inspection-points')?.items ?? [];
    const required = points.filter((i) => !i.optional);
    const optional = points.filter((i) => i.optional);
    expect(required).toHaveLength(7);
    expect(optional.map((i) => [i.id, i.requiredWhen])).toEqual([['fan-housing', { field: 'container_type', equals: ['reefer'] }]]);
    for (const point of points) {
      expect(point).toMatchObject({
        answerType: 'compliance',
        evidenceRequired: true,
        criteria: { wco: ['G', 'H'], ctpat: '5.3' },
        onDeviation: { note: true, evidence: true },
      });
      expect(point.guidance, point.id).toBeDefined();
    }
    expect(points.find((p) => p.id === 'undercarriage')?.prompt.ru).toBe('Наружная поверхность и днище (нижняя рама)');
    expectAgriculturalCheck(template);
    expectVvtt(template);
    const meta = Object.fromEntries(template.runMetadata.map((m) => [m.id, [m.type, m.required]]));
    expect(meta).toEqual({
      container_number: ['text', true],
      container_type: ['choice', true],
      inspection_date: ['date', true],
      inspection_time: ['time', true],
      inspector: ['person', true],
      areas_inspected: ['text', true],
      supervisor: ['person', false],
    });
    expect(template.runMetadata.find((m) => m.id === 'container_type')?.choices?.map((c) => c.value)).toEqual(['dry', 'reefer']);
  });

  it('tractor/trailer inspection: seventeen points, seven on the tractor and ten on the trailer', () => {
    const template = load('ctpat-tractor-trailer-17pt');
    const items = template.sections.filter((s) => s.id === 'tractor' || s.id === 'trailer').flatMap((s) => s.items);
    expect(items).toHaveLength(17);
    expect(template.sections.map((s) => [s.id, s.items.length])).toEqual([
      ['tractor', 7],
      ['trailer', 10],
      ['agricultural', 3],
      ['seal-check', 6],
    ]);
    expectAgriculturalCheck(template);
    expectVvtt(template);
    for (const item of items) {
      expect(item).toMatchObject({ answerType: 'compliance', evidenceRequired: true, optional: false, criteria: { ctpat: '5.3' } });
    }
    const required = template.runMetadata.filter((m) => m.required).map((m) => m.id);
    expect(required).toEqual(['trailer_number', 'tractor_number', 'inspection_date', 'inspection_time', 'inspector', 'areas_inspected']);
  });

  it('WCO SAFE criteria: one section per letter A to M, each item asking about its own letter', () => {
    const template = load('wco-safe-criteria');
    expect(template.step).toBe(8);
    expect(template.sections.map((s) => s.id)).toEqual(wcoCriteria.map((l) => `criterion-${l.toLowerCase()}`));
    const covered = new Set(template.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.wco)));
    expect([...covered].sort()).toEqual([...wcoCriteria]);
    template.sections.forEach((section, index) => {
      expect(section.items.length).toBeGreaterThanOrEqual(2);
      expect(section.items.length).toBeLessThanOrEqual(4);
      for (const item of section.items) expect(item.criteria.wco).toEqual([wcoCriteria[index]]);
    });
  });

  it('EU SAQ: six sections of applicant answers for step 2, each item referenced to its SAQ section', () => {
    const template = load('eu-saq');
    expect(template.step).toBe(2);
    expect(template.sections).toHaveLength(6);
    template.sections.forEach((section, index) => {
      for (const item of section.items) {
        expect(item.answerType, item.id).not.toBe('compliance');
        expect(item.criteria.euSaq?.split('.')[0], item.id).toBe(String(index + 1));
      }
    });
    // Section 6 (AEO-S) covers every subsection of the questionnaire, 6.1 to 6.13, in order.
    const security = template.sections[5]!.items.map((i) => i.criteria.euSaq);
    expect([...new Set(security)]).toEqual(Array.from({ length: 13 }, (_, i) => `6.${i + 1}`));
    expect(template.sections[3]?.title.ru).toBe('4. Платёжеспособность');
  });

  it.each([
    ['cargo-seal-security', ['seal-stock', 'seal-issue', 'loading'], 'G'],
    ['personnel-security', ['screening', 'training', 'exit'], 'J'],
    ['trading-partner-security', ['due-diligence', 'contracts'], 'K'],
  ])('%s: bilingual compliance items for step 6, each with tips and a WCO and CTPAT reference', (id, sections, letter) => {
    const template = load(id);
    expect(template.step).toBe(6);
    expect(template.sections.map((s) => s.id)).toEqual(sections);
    const items = template.sections.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const item of items) {
      expect(item.answerType, item.id).toBe('compliance');
      expect(item.guidance?.en, item.id).toBeTruthy();
      expect(item.criteria.wco.length, item.id).toBeGreaterThan(0);
      expect(item.criteria.ctpat, item.id).toMatch(/^\d+\.\d+$/);
      expect(item.onDeviation, item.id).toEqual({ note: true, evidence: false });
    }
    expect(items.filter((i) => i.criteria.wco.includes(letter as never)).length).toBeGreaterThan(items.length / 2);
  });

  it('cargo security covers seal stock, the issue log, loading supervision and manifest reconciliation', () => {
    const ids = load('cargo-seal-security').sections.flatMap((s) => s.items.map((i) => i.id));
    expect(ids).toEqual(expect.arrayContaining(['seal-storage', 'seal-stock-audit', 'seal-issue-log', 'loading-supervision', 'manifest-reconciliation']));
  });

  it('physical and information security checklists have the expected size and criterion focus', () => {
    const physical = load('physical-security').sections.flatMap((s) => s.items);
    expect(physical.length).toBeGreaterThanOrEqual(25);
    expect(physical.length).toBeLessThanOrEqual(35);
    expect(physical.filter((i) => i.criteria.wco.includes('I')).length).toBeGreaterThan(physical.length / 2);
    const info = load('information-security').sections.flatMap((s) => s.items);
    expect(info.length).toBeGreaterThanOrEqual(20);
    expect(info.length).toBeLessThanOrEqual(30);
    expect(info.every((i) => i.criteria.wco.some((l) => l === 'F' || l === 'B'))).toBe(true);
  });
});

/** The CTPAT agricultural check (MSC 8.1): visible pests, soil and plant material, a note and photo on a deviation. */
function expectAgriculturalCheck(template: ChecklistTemplate) {
  const agri = template.sections.find((s) => s.id === 'agricultural')?.items ?? [];
  expect(agri.map((i) => i.id)).toEqual(['agri-visible-pests', 'agri-soil', 'agri-plant-material']);
  for (const item of agri) expect(item).toMatchObject({ answerType: 'compliance', optional: false, criteria: { ctpat: '8.1' }, onDeviation: { note: true, evidence: true } });
}

/** The VVTT seal check (MSC 6.7): the seal number, then View, Verify, Tug, Twist and turn, and ISO 17712. */
function expectVvtt(template: ChecklistTemplate) {
  const seal = template.sections.find((s) => s.id === 'seal-check')?.items ?? [];
  expect(seal.map((i) => i.id)).toEqual(['seal-number', 'seal-view', 'seal-verify', 'seal-tug', 'seal-twist-turn', 'seal-iso-17712']);
  expect(seal.map((i) => i.answerType)).toEqual(['text', 'compliance', 'compliance', 'compliance', 'compliance', 'yes_no']);
  expect(seal[0]?.criteria.ctpat).toBe('6.7');
}

describe('malformed templates are rejected with the failing paths', () => {
  const item = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    prompt: { en: 'Front wall', ru: 'Передняя стенка' },
    answerType: 'compliance',
    ...extra,
  });
  const valid = () => ({
    id: 'sample',
    version: 1,
    title: { en: 'Sample', ru: 'Образец' },
    source: 'test',
    languages: ['en', 'ru'],
    step: 6,
    sections: [
      { id: 'first', title: { en: 'First', ru: 'Первый' }, items: [item('a'), item('b')] },
      { id: 'second', title: { en: 'Second', ru: 'Второй' }, items: [item('c')] },
    ],
  });

  it('accepts the unmodified sample', () => {
    expect(ChecklistTemplate.safeParse(valid()).success).toBe(true);
  });

  it('a text missing its Russian', () => {
    const t = valid();
    t.sections[0]!.items[1]!.prompt = { en: 'Floor' } as never;
    expect(issuePaths(t)).toEqual([['sections', 0, 'items', 1, 'prompt', 'ru']]);
  });

  it('a blank Russian text', () => {
    const t = valid();
    t.title.ru = '   ';
    expect(issuePaths(t)).toEqual([['title', 'ru']]);
  });

  it('a duplicate item id across sections', () => {
    const t = valid();
    t.sections[1]!.items[0]!.id = 'a';
    expect(issuePaths(t)).toEqual([['sections', 1, 'items', 0, 'id']]);
  });

  it('a choice item without choices, and choices on a non-choice item', () => {
    const t = valid();
    t.sections[0]!.items[0] = item('a', { answerType: 'choice' });
    t.sections[1]!.items[0] = item('c', {
      answerType: 'yes_no',
      choices: [
        { value: 'x', label: { en: 'X', ru: 'Икс' } },
        { value: 'y', label: { en: 'Y', ru: 'Игрек' } },
      ],
    });
    expect(issuePaths(t)).toEqual([
      ['sections', 0, 'items', 0, 'choices'],
      ['sections', 1, 'items', 0, 'choices'],
    ]);
  });

  it('an unknown key, reported on the object that carries it', () => {
    const t = valid();
    t.sections[0]!.items[0] = item('a', { weight: 3 });
    const result = ChecklistTemplate.safeParse(t);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([
      { code: 'unrecognized_keys', keys: ['weight'], path: ['sections', 0, 'items', 0] },
    ]);
  });

  it('several faults at once are all listed', () => {
    const t = { ...valid(), colour: 'red', languages: ['en'], step: 12 } as Record<string, unknown>;
    const sections = t.sections as ReturnType<typeof valid>['sections'];
    sections[0]!.id = 'First Section';
    sections[0]!.items[0]!.answerType = 'maybe';
    sections[1]!.title = { en: 'Second', ru: '' };
    const paths = issuePaths(t);
    expect(paths).toEqual(
      expect.arrayContaining([
        [],
        ['languages'],
        ['step'],
        ['sections', 0, 'id'],
        ['sections', 0, 'items', 0, 'answerType'],
        ['sections', 1, 'title', 'ru'],
      ]),
    );
    expect(paths).toHaveLength(6);
  });
});
