import { z } from 'zod';
import { lineText } from './common';

/*
 * Formats a checklist template may declare for a text answer or a run detail: a container number checked by
 * ISO 6346, or a pattern (a seal number's format). Pure and shared: the core refuses a value that does not fit, and
 * the page can say what is wrong before it sends anything. Every problem is an issue code plus parameters, so the
 * page words it in the user's language.
 */

/** Issue codes a value format raises (carried in `issues[].code`, with `issues[].params`). */
export const valueFormatIssueCodes = [
  'container_length',
  'container_owner',
  'container_category',
  'container_serial',
  'container_check_digit',
  'pattern_mismatch',
] as const;
export type ValueFormatIssueCode = (typeof valueFormatIssueCodes)[number];

export type FormatProblem = {
  code: ValueFormatIssueCode;
  message: string;
  params: Record<string, string | number>;
};

/* ---- ISO 6346 ---- */

/**
 * ISO 6346 letter values: A = 10 upwards, skipping 11, 22 and 33 (multiples of 11 would weaken the check).
 */
const LETTER_VALUES: Readonly<Record<string, number>> = (() => {
  const values: Record<string, number> = {};
  let value = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (value % 11 === 0) value += 1;
    values[letter] = value;
    value += 1;
  }
  return values;
})();

/** U freight container, J detachable equipment, Z trailer or chassis. */
export const containerCategories = ['U', 'J', 'Z'] as const;

/** What a container number is compared as: spaces, hyphens and dots dropped, letters upper-cased. */
export const normalizeContainerNumber = (value: string) => value.replace(/[\s.-]/g, '').toUpperCase();

/**
 * The check digit of the first ten characters (owner code, category, serial): each character's value times 2 to
 * the power of its position, summed, mod 11, mod 10 (a remainder of 10 counts as 0).
 */
export function iso6346CheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const char = firstTen[i] ?? '';
    const value = /\d/.test(char) ? Number(char) : LETTER_VALUES[char];
    if (value === undefined) throw new Error(`not an ISO 6346 character: ${JSON.stringify(char)}`);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** Null when `raw` is a valid ISO 6346 container number, else the first thing wrong with it. */
export function containerNumberProblem(raw: string): FormatProblem | null {
  const value = normalizeContainerNumber(raw);
  if (value.length !== 11) {
    return {
      code: 'container_length',
      message: `a container number has 11 characters (4 letters, 7 digits), this one has ${value.length}`,
      params: { length: value.length },
    };
  }
  if (!/^[A-Z]{3}$/.test(value.slice(0, 3))) {
    return { code: 'container_owner', message: 'the owner code (first three characters) must be letters', params: {} };
  }
  const category = value[3]!;
  if (!(containerCategories as readonly string[]).includes(category)) {
    return {
      code: 'container_category',
      message: `the fourth letter is the equipment category: U, J or Z, not ${category}`,
      params: { got: category },
    };
  }
  if (!/^\d{7}$/.test(value.slice(4))) {
    return { code: 'container_serial', message: 'the serial number and check digit (last seven characters) must be digits', params: {} };
  }
  const expected = iso6346CheckDigit(value);
  const got = Number(value[10]);
  if (expected !== got) {
    return {
      code: 'container_check_digit',
      message: `the check digit should be ${expected}, not ${got}`,
      params: { expected, got },
    };
  }
  return null;
}

/* ---- declared formats ---- */

/**
 * A pattern is a regular expression the whole value must match (anchored here). It is compiled with the `u` flag,
 * and values longer than `PATTERN_MAX_INPUT` are refused before it runs, which bounds the work a careless pattern
 * can cause; templates come from HQ or the validator's own import, not from the operator.
 */
export const PATTERN_MAX_INPUT = 64;

function compiles(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u');

export const ValueFormat = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('iso6346') }),
  z
    .strictObject({
      kind: z.literal('pattern'),
      /** A regular expression for the whole value, e.g. `[A-Z]{2}[0-9]{6,8}` for a seal number. */
      pattern: lineText(200).min(1).refine(compiles, { message: 'not a valid regular expression' }),
      /** A value that fits, shown to the user with a refusal ("e.g. EU12345678"). */
      example: lineText(PATTERN_MAX_INPUT).min(1),
    })
    .refine((f) => !compiles(f.pattern) || anchored(f.pattern).test(f.example), {
      message: 'the example does not match the pattern',
      path: ['example'],
    }),
]);
export type ValueFormat = z.infer<typeof ValueFormat>;

/** Null when `raw` fits `format` (a blank value always fits: it means "not filled in"), else what is wrong. */
export function formatProblem(format: ValueFormat, raw: string): FormatProblem | null {
  const value = raw.trim();
  if (value === '') return null;
  if (format.kind === 'iso6346') return containerNumberProblem(value);
  if (value.length <= PATTERN_MAX_INPUT && anchored(format.pattern).test(value)) return null;
  return {
    code: 'pattern_mismatch',
    message: `does not match the format this checklist declares (e.g. ${format.example})`,
    params: { example: format.example },
  };
}
