import { z } from 'zod';

export const Id = z.uuid({ version: 'v7' });
export const Timestamp = z.iso.datetime();
export const IsoDate = z.iso.date();

/**
 * Codes on the custom issues the text builders raise, carried in `issues[].code` so the UI can name the problem
 * in the user's language instead of parsing the English message.
 */
export const textIssueCodes = ['ill_formed_text', 'control_characters'] as const;
export type TextIssueCode = (typeof textIssueCodes)[number];

// C0 and C1 controls (DEL included) and the bidi embeddings, overrides and isolates that can make a printed line
// read differently from the bytes it holds (a case number that rewrites the terminal, a name shown backwards).
const BIDI_CONTROLS = '\\u202A-\\u202E\\u2066-\\u2069';
const SINGLE_LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]`, 'u');
/** Multi-line text keeps line feeds and tabs; a carriage return is refused too (textareas send `\n` only). */
const MULTI_LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]`, 'u');

const issue = (code: TextIssueCode, message: string) => ({ message, params: { code } });

/**
 * Every string in the contract starts here. A lone UTF-16 surrogate cannot be stored as UTF-8: SQLite would
 * receive a replacement character, so what is read back (and what the audit chain re-hashes) would differ from
 * what the handler saw. Refusing it at the contract keeps every stored string exactly the string we were given.
 */
export const text = () =>
  z.string().refine((value) => value.isWellFormed(), issue('ill_formed_text', 'text holds a lone UTF-16 surrogate'));

type TextOptions = { trim?: boolean };

/** Single-line user text (names, numbers, captions): no control or bidi-override characters at all. */
export const lineText = (max = 200, { trim = true }: TextOptions = {}) => {
  const base = text().refine(
    (value) => !SINGLE_LINE_FORBIDDEN.test(value),
    issue('control_characters', 'text holds control or bidi-override characters'),
  );
  return (trim ? base.trim() : base).max(max);
};

/** Multi-line user text (notes, descriptions): line feeds and tabs allowed, no other control character. */
export const multilineText = (max = 2000, { trim = true }: TextOptions = {}) => {
  const base = text().refine(
    (value) => !MULTI_LINE_FORBIDDEN.test(value),
    issue('control_characters', 'text holds control characters other than line breaks and tabs'),
  );
  return (trim ? base.trim() : base).max(max);
};

/** Names and short fields: single-line, trimmed, bounded, never empty. */
export const shortText = (max = 200) => lineText(max).min(1);
/** A single-line field that may be left empty. */
export const optionalLine = (max = 200) => lineText(max).default('');
/** Notes and other multi-line fields that may be left empty. */
export const optionalText = (max = 2000) => multilineText(max).default('');

/** Identifiers and keys the app or a template defines (item ids, template ids, task ids): single-line, bounded. */
export const token = (max = 80) => lineText(max).min(1);

/** A phone number as people write it (operators, account managers); may be left empty. */
export const optionalPhone = () =>
  text().trim().max(50).regex(/^[+0-9 ()\-./]*$/, 'digits, spaces and + ( ) - . / only').default('');
/** An e-mail address; may be left empty. */
export const optionalEmail = () => z.union([z.literal(''), z.email().max(254)]).default('');

export const EmptyInput = z.strictObject({});
export const ByIdInput = z.strictObject({ id: Id });
/** Most channels read or change one case's records. */
export const ByCaseInput = z.strictObject({ caseId: Id });
/** One record of a case (remove, get), named by its id: the case is checked to own it. */
export const CaseItemInput = z.strictObject({ caseId: Id, id: Id });
/** A list narrowed by what the user typed (a name, a number); without a query, the whole list. */
export const SearchInput = z.strictObject({ query: lineText(200).optional() });
/** What a removal answers: the id of the record it tombstoned. */
export const Removed = z.strictObject({ id: Id });

/*
 * Field groups that records and drafts share, spread into their z.strictObject()s so each schema names only what
 * is its own.
 */
/** A draft of one of a case's records. Save = create when `id` is absent, update when present. */
export const CaseDraftKey = { caseId: Id, id: Id.optional() };
/** A stored record of a case. */
export const CaseRowKey = { id: Id, caseId: Id };
/** When a stored record was made and last changed. */
export const EditTimes = { createdAt: Timestamp, updatedAt: Timestamp };
/** A stored record of a case: its id and its case, then its own fields, then when it was made and last changed. */
export const caseRecord = <T extends z.ZodRawShape>(fields: T) => z.strictObject({ ...CaseRowKey, ...fields, ...EditTimes });

/**
 * The records a risk, a finding or a criterion conclusion rests on, by kind, with one cap per kind wherever they
 * are cited (a conclusion may cite more evidence files than answers, and fewer interviews).
 */
export const citedIds = {
  answerIds: z.array(Id).max(500),
  riskIds: z.array(Id).max(500),
  findingIds: z.array(Id).max(500),
  interviewIds: z.array(Id).max(200),
  evidenceIds: z.array(Id).max(2000),
};
type CitedKind = keyof typeof citedIds;

/** The links a create or an update sets, of the kinds given, in that order; a kind left out links nothing. */
export const linksInput = <K extends CitedKind>(...kinds: K[]) =>
  z.strictObject(
    Object.fromEntries(kinds.map((kind) => [kind, (citedIds[kind] as z.ZodArray<typeof Id>).default([])])) as {
      [P in K]: z.ZodDefault<(typeof citedIds)[P]>;
    },
  );

/**
 * An edit of a stored record: which one, the `updatedAt` the caller read (optimistic concurrency: refused when
 * someone changed the record since), and the patch.
 */
export const guardedUpdate = <P extends z.ZodType>(patch: P) =>
  z.strictObject({ id: Id, expectedUpdatedAt: Timestamp.optional(), patch });

/** A single contract entry: what a channel takes and what it gives back. */
export type ChannelSpec = { input: z.ZodType; output: z.ZodType };

/**
 * A patch schema from a record of field schemas: every field optional and defaults dropped, because a default
 * inside a patch would silently overwrite the stored value of a field the caller never mentioned.
 */
export function patchOf<T extends Record<string, z.ZodType>>(fields: T) {
  const optional = Object.fromEntries(
    Object.entries(fields).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional(),
    ]),
  ) as { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]> };
  return z.strictObject(optional);
}
