import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glossary, rejectedVariants, terms, type TermKey } from '../../src-main/contract/glossary';
import { reportStrings } from '../../src-main/report/i18n';
import { consistencyStrings } from '../../src-main/report/report-consistency';
import { citationStrings } from '../../src-main/report/validation-report-citations';
import { gateStrings } from '../../src-main/report/validation-report-gates';
import { withGlossary } from '../../src-renderer/src/i18n/glossary';

/*
 * Issue 13: one Russian glossary. Every Russian text the product shows or prints (the screens' translations, the
 * report's print strings, the shipped checklist templates) is scanned for the renderings of each glossary term that
 * the glossary rejects, so a term is never rendered two ways; and the labels that name a glossary term on screen
 * and on paper carry the glossary's words.
 */

const root = path.resolve(import.meta.dirname, '../..');
const i18nDir = path.join(root, 'src-renderer/src/i18n');
const templatesDir = path.join(root, 'assets/checklists');

type Text = { where: string; text: string };

function leaves(node: unknown, where: string, out: Text[]): Text[] {
  if (typeof node === 'string') out.push({ where, text: node });
  else if (typeof node === 'function') {
    // Print strings with counts: every plural form is a text of its own.
    for (const n of [1, 2, 5, 11, 21]) leaves((node as (...args: number[]) => unknown)(n, n + 1), `${where}(${n})`, out);
  } else if (Array.isArray(node)) node.forEach((child, i) => leaves(child, `${where}.${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) leaves(child, where ? `${where}.${key}` : key, out);
  }
  return out;
}

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** The app's Russian translations as the app merges them: every *.ru.json and ru.json, plus the glossary's words. */
const uiRu = withGlossary(
  Object.assign(
    {},
    ...readdirSync(i18nDir)
      .filter((f) => f === 'ru.json' || f.endsWith('.ru.json'))
      .map((f) => json(path.join(i18nDir, f))),
  ),
  'ru',
);

/** The Russian side of every LocalizedText in the shipped templates. */
function templateTexts(): Text[] {
  const out: Text[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${where}.${i}`));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.ru === 'string') out.push({ where: `${where}.ru`, text: record.ru });
      for (const [key, child] of Object.entries(record)) if (key !== 'ru') walk(child, `${where}.${key}`);
    }
  };
  for (const file of readdirSync(templatesDir).filter((f) => f.endsWith('.json'))) walk(json(path.join(templatesDir, file)), file);
  return out;
}

const sources: Record<string, Text[]> = {
  'screens (ru JSON)': leaves(uiRu, '', []),
  'report and control plan (report/i18n.ts ru)': leaves(reportStrings.ru, '', []),
  'checklist templates': templateTexts(),
  // Sections with print strings of their own module (issue 13's consistency, citations and annexes).
  'report sections (ru)': leaves({ gates: gateStrings.ru, consistency: consistencyStrings.ru, citations: citationStrings.ru }, '', []),
};

/** Where a glossary term names a label on screen and on paper: both must carry the glossary's words. */
const labels: Partial<Record<TermKey, { screen: string[]; paper: string[] }>> = {
  authorizationDate: { screen: ['assess.controlPlan.authorizationDate'], paper: ['controlPlan.authorizationDate'] },
  criterionConclusion: { screen: ['assess.assessment.columns.conclusion'], paper: ['conclusions.conclusion'] },
  criticalAsset: { screen: ['assess.risk.criticalAsset'], paper: ['risk.asset'] },
  checklist: { screen: ['runs.template', 'plan.procedures.checklist', 'runs.columns.checklist'], paper: ['scope.checklist'] },
  matters: { screen: ['assess.assessment.matters'], paper: ['sections.matters'] },
  monitoringMeasure: { screen: ['assess.controlPlan.measure'], paper: ['controlPlan.measure'] },
  triggers: { screen: ['assess.controlPlan.triggers'], paper: ['controlPlan.triggers'] },
  customsResponse: { screen: ['assess.controlPlan.customsResponse'], paper: ['controlPlan.customsResponse'] },
  evidence: { screen: ['evidence.caseTitle', 'runner.evidence'], paper: ['sections.annex'] },
  accountManager: { screen: ['assess.controlPlan.columns.accountManager'], paper: ['controlPlan.accountManager'] },
  photoCaption: { screen: ['evidence.caption'], paper: ['annex.caption'] },
  reporting: { screen: ['steps.reporting.name'], paper: ['steps.reporting'] },
  controlPlan: { screen: ['steps.control_plan.name'], paper: ['controlPlanTitle'] },
  sealed: { screen: ['sync.bundles.directions.sealed'], paper: ['sealed'] },
};

const at = (tree: unknown, dotted: string) =>
  dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);

describe('the Russian glossary of customs terms', () => {
  it.each(Object.keys(terms) as TermKey[])('%s is rendered one way only: no rejected variant anywhere', (key) => {
    const offenders = Object.entries(sources).flatMap(([source, texts]) =>
      texts
        .filter(({ text }) => rejectedVariants[key].some((pattern) => pattern.test(text)))
        .map(({ where, text }) => `${source} ${where}: ${text.slice(0, 120)}`),
    );
    expect(offenders, `accepted: «${terms[key].ru}»`).toEqual([]);
  });

  it('every accepted term is itself free of the variants it rejects', () => {
    for (const key of Object.keys(terms) as TermKey[]) {
      for (const pattern of rejectedVariants[key]) expect(pattern.test(terms[key].ru), `${key} ${String(pattern)}`).toBe(false);
    }
  });

  it.each(Object.entries(labels))('%s: the screen and the printed report carry the glossary words', (key, where) => {
    const term = terms[key as TermKey];
    for (const [lang, tree] of [
      ['ru', uiRu],
      ['en', withGlossary(Object.assign({}, ...readdirSync(i18nDir).filter((f) => f === 'en.json' || f.endsWith('.en.json')).map((f) => json(path.join(i18nDir, f)))), 'en')],
    ] as const) {
      for (const dotted of where.screen) {
        const shown = at(tree, dotted);
        expect(typeof shown, `${lang} screen ${dotted}`).toBe('string');
        expect((shown as string).toLocaleLowerCase(lang), `${lang} screen ${dotted}`).toContain(term[lang].toLocaleLowerCase(lang));
      }
      for (const dotted of where.paper) {
        const printed = at(reportStrings[lang], dotted);
        expect((printed as string).toLocaleLowerCase(lang), `${lang} paper ${dotted}`).toContain(term[lang].toLocaleLowerCase(lang));
      }
    }
  });

  it('the accepted customs terms are the ones a Russian-speaking customs authority uses', () => {
    expect(terms.aeo.ru).toBe('уполномоченный экономический оператор (УЭО)');
    expect(terms.customsAuthority.ru).toBe('таможенный орган');
    expect(terms.reporting.ru).toBe('Составление отчёта');
    expect(glossary.criteria.M.ru).toBe('Измерение, анализ и улучшение');
    expect(reportStrings.ru.steps.reporting).toBe('Составление отчёта');
    expect(reportStrings.ru.sealed).toBe('запечатан');
  });

  it('a rejected variant is caught (the scan is not vacuous)', () => {
    const caught = (key: TermKey, text: string) => rejectedVariants[key].some((p) => p.test(text));
    expect(caught('customsAuthority', 'Что делает таможня при срабатывании')).toBe(true);
    expect(caught('customsAuthority', 'Сведения таможенных органов')).toBe(false);
    expect(caught('undercarriage', 'Наружная поверхность и ходовая часть')).toBe(true);
    expect(caught('checklist', 'Проверка по чек-листу')).toBe(true);
    expect(caught('reporting', 'Отчётность')).toBe(true);
    expect(caught('seriousOffence', 'тяжких уголовных преступлениях')).toBe(true);
    expect(caught('financialSolvency', '4. Финансовая платёжеспособность')).toBe(true);
    expect(caught('criticalAsset', 'Критический актив')).toBe(true);
    expect(caught('criticalAsset', 'Критически важный актив')).toBe(false);
    expect(caught('monitoringMeasure', 'Мероприятия мониторинга по датам')).toBe(false);
    expect(caught('monitoringMeasure', 'Мера мониторинга')).toBe(true);
    expect(sources['screens (ru JSON)']!.length).toBeGreaterThan(400);
    expect(sources['checklist templates']!.length).toBeGreaterThan(400);
  });
});
