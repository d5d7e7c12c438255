import { termsIn, type GlossaryLanguage } from '../../../src-main/contract/glossary';

/*
 * The words for the contract's enum values come from the shared glossary (src-main/contract/glossary.ts), which the
 * printed report uses too; they are placed into the translations at the keys the screens already use, so the JSON
 * files hold no second copy that could drift ("Раз в полгода" on screen, "Раз в полугодие" on paper).
 */

export function glossaryResources(lang: GlossaryLanguage) {
  return {
    stepStatus: termsIn('stepStatuses', lang),
    aeoTypes: termsIn('aeoTypes', lang),
    operatorRoles: termsIn('operatorRoles', lang),
    siteKinds: termsIn('siteKinds', lang),
    wcoCriteria: termsIn('criteria', lang),
    compliance: { long: termsIn('answers', lang) },
    assess: {
      levels: termsIn('riskLevels', lang),
      effectiveness: termsIn('effectiveness', lang),
      responses: termsIn('responses', lang),
      findingStatus: termsIn('findingStatuses', lang),
      conclusions: termsIn('conclusions', lang),
      recommendations: termsIn('recommendations', lang),
      measures: termsIn('measures', lang),
      frequencies: termsIn('frequencies', lang),
    },
    cycle: {
      documentKinds: termsIn('applicationDocuments', lang),
      decisions: termsIn('decisions', lang),
      functions: termsIn('accountManagerFunctions', lang),
      monitoringKinds: termsIn('monitoringKinds', lang),
      outcomes: termsIn('monitoringOutcomes', lang),
      scopes: termsIn('reevaluationScopes', lang),
    },
    team: { fields: termsIn('mergeFields', lang) },
  };
}

export type GlossaryResources = ReturnType<typeof glossaryResources>;

type Tree = { [key: string]: unknown };
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `base` with the glossary's groups merged in; a key both define is a mistake the i18n-keys test reports. */
export function withGlossary(base: Tree, lang: GlossaryLanguage): Tree {
  const merge = (into: Tree, from: Tree): Tree => {
    const out: Tree = { ...into };
    for (const [key, value] of Object.entries(from)) {
      const existing = out[key];
      out[key] = isTree(existing) && isTree(value) ? merge(existing, value) : value;
    }
    return out;
  };
  return merge(base, glossaryResources(lang));
}
