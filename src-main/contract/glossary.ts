import { criterionConclusions, recommendations } from './assessment';
import { aeoTypes, stepStatuses } from './cases';
import { applicationDocumentKinds, authorizationDecisions } from './certification';
import { complianceScale, wcoCriteria } from './checklist-template';
import { monitoringFrequencies, monitoringMeasures } from './control-plan';
import { mergeFieldNames, mergeFieldTerms } from './merge-fields';
import { operatorRoles } from './operators';
import { accountManagerFunctions, monitoringEntryKinds, monitoringOutcomes, reevaluationScopes } from './post-certification';
import { siteKinds } from './plan';
import { riskLevels } from './risk-scale';
import { controlEffectiveness, findingStatuses, riskResponses } from './risks';
import words from './glossary.json';

/*
 * The one source of the words for the contract's enum values, in both working languages: the app's screens
 * (through i18next, see src-renderer/src/i18n/glossary.ts) and the printed report and control plan
 * (src-main/report/i18n.ts) read them here, so a frequency or a response reads the same on screen and on paper.
 * The wording is the official report's; a new enum value fails to compile until it has both languages.
 *
 * The words themselves are data, kept in glossary.json (groups of enum values, the customs terms, and the field
 * names a team merge shows): translators and the authority's reviewers read and change one table, and this module
 * types it against the contract's values.
 */

export type GlossaryLanguage = 'en' | 'ru';
export type Term = Readonly<Record<GlossaryLanguage, string>>;
type Terms<T extends readonly string[]> = Readonly<Record<T[number], Term>>;

/** The values each group names, from the contract: what a test checks the glossary against. */
export const glossaryDomains = {
  frequencies: monitoringFrequencies,
  measures: monitoringMeasures,
  riskLevels,
  responses: riskResponses,
  effectiveness: controlEffectiveness,
  findingStatuses,
  recommendations,
  conclusions: criterionConclusions,
  criteria: wcoCriteria,
  stepStatuses,
  aeoTypes,
  operatorRoles,
  siteKinds,
  answers: complianceScale,
  applicationDocuments: applicationDocumentKinds,
  decisions: authorizationDecisions,
  accountManagerFunctions,
  monitoringKinds: monitoringEntryKinds,
  monitoringOutcomes,
  reevaluationScopes,
  mergeFields: mergeFieldNames,
};

type DomainTerms = { readonly [G in keyof typeof glossaryDomains]: Terms<(typeof glossaryDomains)[G]> };

/** Every group's words, checked against its values: a value without words fails to compile. */
export const glossary = {
  ...words.groups,
  /** The fields a team merge's conflict names (issue 12), kept beside their list in merge-fields.ts. */
  mergeFields: mergeFieldTerms,
} satisfies DomainTerms;

export type Glossary = typeof glossary;
export type GlossaryGroup = keyof typeof glossaryDomains;

/*
 * Customs terms that name things rather than enum values: the screens (src-renderer/src/i18n/glossary.ts) and the
 * printed report (report/i18n.ts) take these words from here, and the templates and every other Russian text must
 * not render them another way: `rejectedVariants` lists the renderings a reader would otherwise meet, and
 * test/main/glossary-terms.test.ts scans the translations, the print strings and the shipped templates for them.
 */
export const terms = words.terms satisfies Record<string, Term>;
export type TermKey = keyof typeof terms;

/**
 * Russian renderings of each term that the glossary does not accept (a test fails on any of them): «таможня» for
 * the customs authority in formal text, «отчётность» (financial reporting) for the reporting step, «ходовая часть»
 * (a vehicle's running gear) for a container's undercarriage, «чек-лист» and «контрольный лист» beside
 * «контрольный перечень», and the words the screens and the report used for the same thing before issue 13.
 */
export const rejectedVariants: Readonly<Record<TermKey, readonly RegExp[]>> = {
  aeo: [/авторизованн\S* экономическ/iu, /\bАЭО\b/u],
  customsAuthority: [/(^|[^\p{L}])таможн(я|и|е|ю|ей|ям|ями|ях)(?!\p{L})/iu],
  wco: [/(^|[^\p{L}])ВТО(?!\p{L})/u],
  safeFramework: [/Рамочн\S* программ/iu, /Рамк\S* SAFE/iu, /SAFE Framework/u],
  aeoS: [/AEO-?S\b/u, /Безопасность и надёжность/iu],
  aeoC: [/AEO-?C\b/u],
  reporting: [/^\s*отчётность\s*$/iu, /шаг\S* \S*отчётност/iu],
  controlPlan: [/план\S* мониторинга/iu],
  accountManager: [/аккаунт/iu, /менеджер по работе/iu],
  checklist: [/чек-лист/iu, /контрольн\S* лист/iu],
  evidence: [/^доказательств/iu, /файл\S* доказательств/iu, /PDF, доказательств/iu],
  authorizationDate: [/дат\S* авторизаци/iu, /(^|[^\p{L}])авторизаци/iu],
  criterionConclusion: [/заключени\S* по критери/iu, /нет заключения/iu],
  criticalAsset: [/критическ(ий|ого|ому|им|ом|ие|их) актив/iu],
  matters: [/^существенные обстоятельства$/iu],
  monitoringMeasure: [/(^|[^\p{L}])мер(а|ы|у|ой|ам|ами|ах)? мониторинга/iu],
  triggers: [/^сигналы/iu, /триггер/iu, /служит сигналом/iu],
  customsResponse: [/реагирование таможни/iu],
  photoCaption: [/подпись к (фото|файлу|снимку|\{\{)/iu],
  // «опечатать» is what one does to premises or a container with a physical seal, not to a signed report.
  sealed: [/утвержд\S* при незакрытых/iu, /дело утверждается/iu, /утвердил отч/iu, /на момент утверждения/iu, /(^|[^\p{L}])опечат(?!к)/iu],
  undercarriage: [/ходов\S* част/iu],
  seriousOffence: [/тяжк\S* уголовн/iu],
  financialSolvency: [/финансов\S* платёжеспособност/iu],
  // The report's findings are «замечания»; the letter to the operator once called them «выявленные обстоятельства».
  finding: [/выявлен\S* обстоятельств/iu, /(^|[^\p{L}])обстоятельств\S* (указанные ниже|требующих)/iu],
  // Step 4 is the initial interview and its records are «протоколы интервью»; the scope once said «собеседования».
  interview: [/собеседовани/iu],
};

/** One group's words in one language, keyed by enum value. */
export function termsIn<G extends GlossaryGroup>(group: G, lang: GlossaryLanguage): Record<keyof Glossary[G], string> {
  const terms = glossary[group] as Record<string, Term>;
  return Object.fromEntries(Object.entries(terms).map(([key, term]) => [key, term[lang]])) as Record<keyof Glossary[G], string>;
}
