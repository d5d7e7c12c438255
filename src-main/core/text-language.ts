/*
 * The language a passage of free text is written in, judged by its script: Cyrillic letters are Russian, Latin
 * letters English (the app's two working languages). The report marks a passage whose language is not the
 * document's (issue 13: free text keeps the language it was written in, marked), and judges it when it prints,
 * from the text itself: that holds for every note already stored, for rows that came from other validators'
 * bundles, and for a Russian note typed while the screen was in English, none of which a language recorded at
 * typing time would get right.
 */

export type TextLanguage = 'en' | 'ru';

// A word of the language: letters with at least one lower-case one. Codes and acronyms — evidence references
// (E9, F1), container numbers (MSKU 718204-7), ISO, CTPAT — are written the same in either language, so they say
// nothing of it: a Russian note citing "E10, E11" was printed as "text in English".
const WORD = /[\p{L}\p{M}]+/gu;
const LOWER = /\p{Ll}/u;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * 'ru' when most letters of its words are Cyrillic, 'en' when most are Latin, null when it has no words (empty,
 * digits, punctuation, codes in capitals) or as many letters of each: a passage that cannot be said to be in one
 * language is left unmarked.
 */
export function textLanguage(text: string): TextLanguage | null {
  const words = (text.match(WORD) ?? []).filter((word) => LOWER.test(word)).join(' ');
  const cyrillic = words.match(CYRILLIC)?.length ?? 0;
  const latin = words.match(LATIN)?.length ?? 0;
  if (cyrillic === latin) return null;
  return cyrillic > latin ? 'ru' : 'en';
}

/** The passage's language when it is known and differs from the document's; null when nothing needs saying. */
export function foreignLanguage(text: string, documentLanguage: TextLanguage): TextLanguage | null {
  const lang = textLanguage(text);
  return lang !== null && lang !== documentLanguage ? lang : null;
}
