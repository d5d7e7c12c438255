/*
 * The language a passage of free text is written in, judged by its script: Cyrillic letters are Russian, Latin
 * letters English (the app's two working languages). The report marks a passage whose language is not the
 * document's (issue 13: free text keeps the language it was written in, marked), and judges it when it prints,
 * from the text itself: that holds for every note already stored, for rows that came from other validators'
 * bundles, and for a Russian note typed while the screen was in English, none of which a language recorded at
 * typing time would get right.
 */

export type TextLanguage = 'en' | 'ru';

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * 'ru' when most letters are Cyrillic, 'en' when most are Latin, null when there are no letters (empty, digits,
 * punctuation) or as many of each: a passage that cannot be said to be in one language is left unmarked.
 */
export function textLanguage(text: string): TextLanguage | null {
  const cyrillic = text.match(CYRILLIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cyrillic === latin) return null;
  return cyrillic > latin ? 'ru' : 'en';
}

/** The passage's language when it is known and differs from the document's; null when nothing needs saying. */
export function foreignLanguage(text: string, documentLanguage: TextLanguage): TextLanguage | null {
  const lang = textLanguage(text);
  return lang !== null && lang !== documentLanguage ? lang : null;
}
