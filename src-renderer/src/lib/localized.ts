import type { LocalizedText } from '../../../src-main/contract/checklist-template';

/** Template texts carry both working languages; show the UI language, falling back to English. */
export function localized(text: LocalizedText | { en: string; ru: string } | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('ru') ? text.ru || text.en : text.en || text.ru;
}

/** One shared empty list: a store selector must not return a new array on every call (React would loop). */
export const NONE: readonly never[] = Object.freeze([]);
