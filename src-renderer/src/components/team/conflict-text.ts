import { displayValue, valueInWords } from '../../../../src-main/contract/merge-values';
import type { TeamConflict } from '../../../../src-main/contract/team';
import type { TFunction } from 'i18next';

const lang = (language: string) => (language === 'ru' ? 'ru' : 'en');

/**
 * A side's (or a decision's) value as the queue shows it: a checklist answer in words ("Non-compliant"), a number,
 * the text; `raw` keeps an answer's stored word (what a combined value starts from).
 */
export function shownValue(conflict: Pick<TeamConflict, 'table' | 'field'>, valueJson: string, language: string | 'raw'): string | null {
  const value = displayValue(conflict.table, conflict.field, valueJson);
  return language === 'raw' ? value : valueInWords(conflict.table, conflict.field, value, lang(language));
}

/** What a conflict is about, in the page's language: "R1 Unsealed containers", a checklist item's prompt. */
export const subjectText = (conflict: Pick<TeamConflict, 'subject'>, language: string): string =>
  conflict.subject.kind === 'answer' || conflict.subject.kind === 'other' ? conflict.subject.label[lang(language)] : `${conflict.subject.ref} ${conflict.subject.label[lang(language)]}`;

/** A field a conflict names, in the glossary's words (`team.fields`); one the glossary does not know, as it is. */
export const fieldText = (t: TFunction, field: string): string => t(`team.fields.${field}` as 'team.fields.value', { defaultValue: field });

/** Several fields, in the glossary's words, one after the other. */
export const fieldsText = (t: TFunction, fields: readonly string[]): string => fields.map((f) => fieldText(t, f)).join(', ');
