import type { Content } from 'pdfmake/interfaces';
import type { ReportLanguage } from '../contract/reports';
import { foreignLanguage, type TextLanguage } from '../core/text-language';
import { paragraphs } from './pdf-common';

/*
 * Free text the validator wrote (notes, reasoning, risk descriptions, findings, minutes) prints as written, never
 * translated. A passage in the other language carries a short note in the document's own language saying which
 * language it is in, as a translator marks text left in the original: «[текст на английском языке]» in a Russian
 * report, "[text in Russian]" in an English one. A full phrase in the reader's language, rather than a code such as
 * "[EN]", is what an official reading only that language can understand without a key.
 */

const TAGS: Record<ReportLanguage, Record<TextLanguage, string>> = {
  en: { en: '[text in English]', ru: '[text in Russian]' },
  ru: { en: '[текст на английском языке]', ru: '[текст на русском языке]' },
};

/** The note for a passage written in `written`, in the document's language. */
export const languageNote = (documentLanguage: ReportLanguage, written: TextLanguage): string => TAGS[documentLanguage][written];

const noteContent = (documentLanguage: ReportLanguage, written: TextLanguage): Content => ({
  text: ` ${languageNote(documentLanguage, written)}`,
  italics: true,
  fontSize: 7.5,
  color: '#555555',
});

/** Inline pieces: the text, then the note when it is in the other language. For `{ text: [label, ...written()] }`. */
export function written(text: string, documentLanguage: ReportLanguage): Content[] {
  const other = foreignLanguage(text, documentLanguage);
  return other === null ? [text] : [text, noteContent(documentLanguage, other)];
}

/** A cell or line of free text, marked when it is in the other language. */
export const writtenText = (text: string, documentLanguage: ReportLanguage): Content => ({ text: written(text, documentLanguage) });

/** Paragraphs of free text (see `paragraphs`), the last carrying the note when the text is in the other language. */
export function writtenParagraphs(text: string, documentLanguage: ReportLanguage): Content[] {
  const blocks = paragraphs(text);
  const other = foreignLanguage(text, documentLanguage);
  const last = blocks.at(-1) as { text: string; style: string } | undefined;
  if (other === null || !last) return blocks;
  return [...blocks.slice(0, -1), { ...last, text: [last.text, noteContent(documentLanguage, other)] }];
}

/** Inline pieces of optional free text: a dash when there is none. */
export const orDash = (text: string | null | undefined, documentLanguage: ReportLanguage): Content[] =>
  text && text.trim() !== '' ? written(text, documentLanguage) : ['—'];

/**
 * A bold label over free text (a system's notes, an interview's answers); nothing at all when the text is empty.
 * The label carries a headline level of its own, so the page frame's heading rule keeps it with its first lines.
 */
export const labelledText = (label: string, text: string, documentLanguage: ReportLanguage): Content[] =>
  text.trim() ? [{ text: label, bold: true, margin: [0, 4, 0, 0], headlineLevel: 3 } as Content, ...writtenParagraphs(text, documentLanguage)] : [];
