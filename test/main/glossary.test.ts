import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glossary, glossaryDomains, type GlossaryGroup } from '../../src-main/contract/glossary';
import { cycleStrings } from '../../src-main/report/cycle-i18n';
import { reportStrings } from '../../src-main/report/i18n';
import { glossaryResources, withGlossary } from '../../src-renderer/src/i18n/glossary';

/*
 * One vocabulary: every enum value the contract defines has its words in both languages in the glossary, and the
 * app's screens and the printed report show those same words.
 */

const languages = ['en', 'ru'] as const;
const groups = Object.keys(glossaryDomains) as GlossaryGroup[];
const i18nDir = path.resolve(import.meta.dirname, '../../src-renderer/src/i18n');
const json = (file: string) => JSON.parse(readFileSync(path.join(i18nDir, file), 'utf8')) as Record<string, unknown>;

/** Where the certification cycle's print strings (report/cycle-i18n.ts) keep its groups. */
const cycleKey = {
  applicationDocuments: 'documentKinds',
  decisions: 'decisions',
  accountManagerFunctions: 'functions',
} as const;
type CycleGroup = 'applicationDocuments' | 'decisions' | 'accountManagerFunctions' | 'reevaluationScopes' | 'monitoringKinds' | 'monitoringOutcomes';

/** Where the report's print strings keep each group (the cycle's monitoring words are not printed). */
const reportKey = {
  frequencies: 'frequencies',
  measures: 'measures',
  riskLevels: 'riskLevels',
  responses: 'responses',
  effectiveness: 'effectiveness',
  findingStatuses: 'findingStatus',
  recommendations: 'recommendations',
  conclusions: 'criterionConclusions',
  criteria: 'criteria',
  stepStatuses: 'stepStatus',
  aeoTypes: 'aeoTypes',
  operatorRoles: 'operatorRoles',
  siteKinds: 'siteKinds',
  answers: 'answerValues',
} as const satisfies Record<Exclude<GlossaryGroup, CycleGroup | 'mergeFields'>, keyof (typeof reportStrings)['en']>;

function printedWords(lang: (typeof languages)[number], group: GlossaryGroup): Record<string, string> | undefined {
  if (group === 'reevaluationScopes') return cycleStrings[lang].scopes;
  // The merged report prints a conflict's field through the glossary itself (report/team-merge-section.ts).
  if (group === 'monitoringKinds' || group === 'monitoringOutcomes' || group === 'mergeFields') return undefined;
  if (group in cycleKey) return cycleStrings[lang][cycleKey[group as keyof typeof cycleKey]];
  return reportStrings[lang][reportKey[group as keyof typeof reportKey]] as Record<string, string>;
}

/** Where the app's translations keep each group (the keys the screens use). */
const appKey: Record<GlossaryGroup, string> = {
  frequencies: 'assess.frequencies',
  measures: 'assess.measures',
  riskLevels: 'assess.levels',
  responses: 'assess.responses',
  effectiveness: 'assess.effectiveness',
  findingStatuses: 'assess.findingStatus',
  recommendations: 'assess.recommendations',
  conclusions: 'assess.conclusions',
  criteria: 'wcoCriteria',
  stepStatuses: 'stepStatus',
  aeoTypes: 'aeoTypes',
  operatorRoles: 'operatorRoles',
  siteKinds: 'siteKinds',
  answers: 'compliance.long',
  applicationDocuments: 'cycle.documentKinds',
  decisions: 'cycle.decisions',
  accountManagerFunctions: 'cycle.functions',
  monitoringKinds: 'cycle.monitoringKinds',
  monitoringOutcomes: 'cycle.outcomes',
  reevaluationScopes: 'cycle.scopes',
  mergeFields: 'team.fields',
};

const at = (tree: unknown, dotted: string) =>
  dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree) as
    | Record<string, string>
    | undefined;

describe('the glossary', () => {
  it('names words for the contract\'s value lists only: every group in glossary.json has its list of values', () => {
    expect(Object.keys(glossary).sort()).toEqual([...groups].sort());
  });

  it.each(groups)('%s: every enum value has words in English and in Russian, and no other value is named', (group) => {
    const terms = glossary[group] as Record<string, { en: string; ru: string }>;
    expect(Object.keys(terms).sort()).toEqual([...glossaryDomains[group]].sort());
    for (const [value, term] of Object.entries(terms)) {
      expect(term.en.trim(), `${group}.${value} en`).not.toBe('');
      expect(term.ru, `${group}.${value} ru`).toMatch(/[\u0400-\u04FF]/);
    }
  });

  it.each(groups)('%s: the app and the printed report show the same words', (group) => {
    for (const lang of languages) {
      const app = withGlossary({ ...json(`${lang}.json`), ...json(`assessment.${lang}.json`) }, lang);
      const shown = at(app, appKey[group]);
      const printed = printedWords(lang, group);
      expect(shown, `${lang} ${appKey[group]}`).toBeDefined();
      for (const value of glossaryDomains[group]) {
        const term = glossary[group][value as keyof (typeof glossary)[typeof group]] as { en: string; ru: string };
        expect(shown![value], `${lang} app ${group}.${value}`).toBe(term[lang]);
        // Levels are printed in lower case inside sentences; the words are the same.
        if (printed) expect(printed[value]?.toLocaleLowerCase(lang), `${lang} report ${group}.${value}`).toBe(term[lang].toLocaleLowerCase(lang));
      }
    }
  });

  it('"semiannually" reads the same on screen and on paper', () => {
    expect(at(withGlossary(json('assessment.ru.json'), 'ru'), 'assess.frequencies')?.semiannually).toBe(
      reportStrings.ru.frequencies.semiannually,
    );
  });

  it('the translation files hold no second copy of a glossary group', () => {
    for (const lang of languages) {
      const files = { ...json(`${lang}.json`), ...json(`assessment.${lang}.json`) };
      const leaves = (tree: unknown, prefix = ''): string[] =>
        tree && typeof tree === 'object'
          ? Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
          : [prefix];
      const inFiles = new Set(leaves(files));
      expect(leaves(glossaryResources(lang)).filter((key) => inFiles.has(key))).toEqual([]);
    }
  });
});
