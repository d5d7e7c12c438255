import type { GlossaryLanguage } from './glossary';
import words from './glossary.json';

/*
 * The fields a team merge can name in a conflict (issue 12): every field of the rows a case snapshot carries, as
 * the store names them (camelCase). The conflict queue and the merged PDFs show them in the reader's words, never
 * as `requiredAction`; the words live in the glossary (group `mergeFields`), and test/main/merge-fields.test.ts
 * checks that every column of every snapshot table has them.
 */

const { terms } = words;

/**
 * The words for each field, as a label (capitalised where it starts a line on screen): the field's own words from
 * glossary.json, and the customs term where the field holds one, so a label never restates a term another way.
 */
export const mergeFieldTerms = {
  ...words.fields,
  accountManager: terms.accountManager,
  authorizationDate: terms.authorizationDate,
  caption: terms.photoCaption,
  conclusion: terms.criterionConclusion,
  criticalAsset: terms.criticalAsset,
  customsResponse: terms.customsResponse,
  mattersOfSignificance: terms.matters,
  measure: terms.monitoringMeasure,
  template: terms.checklist,
  templateId: terms.checklist,
  triggers: terms.triggers,
};
export type MergeFieldName = keyof typeof mergeFieldTerms;

/** The fields, as the glossary's list of values for the group. */
export const mergeFieldNames = Object.keys(mergeFieldTerms) as MergeFieldName[];

const isMergeField = (field: string): field is MergeFieldName => Object.hasOwn(mergeFieldTerms, field);

/** A field as people read it; a field the list does not know (a newer laptop's column) stays as it is. */
export function fieldLabel(field: string, lang: GlossaryLanguage): string {
  return isMergeField(field) ? mergeFieldTerms[field][lang] : field;
}

/** Several fields, in the reader's words, one after the other. */
export const fieldLabels = (fields: readonly string[], lang: GlossaryLanguage): string => fields.map((f) => fieldLabel(f, lang)).join(', ');
