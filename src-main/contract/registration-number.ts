/*
 * Registration numbers of validation reports, from the issuing authority's pattern: literal text with the tokens
 * {YYYY} (year of issue), {YY}, {SEQ} or {SEQ:n} (the year's running number, zero-padded to n digits) and {CASE}
 * (the case number). A pattern must hold {SEQ} or {CASE}, or two reports would get the same number. Pure: the
 * caller finds the numbers already issued.
 */

const TOKEN = /\{(YYYY|YY|SEQ(?::([1-9]))?|CASE)\}/g;
/** What may stand between tokens: letters (any script), digits, spaces and the usual separators. */
const LITERAL = /^[\p{L}\p{N} ./_№#-]*$/u;

export type PatternProblem = 'unknown_token' | 'repeated_token' | 'no_unique_part' | 'bad_literal';

export type RegistrationParts = { year: number; seq: number; caseNumber: string };

type Piece = { literal: string } | { token: 'YYYY' | 'YY' | 'CASE' } | { token: 'SEQ'; width: number };

function piecesOf(pattern: string): Piece[] | PatternProblem {
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    const literal = pattern.slice(at, match.index);
    if (literal) pieces.push({ literal });
    const name = match[1]!;
    pieces.push(name.startsWith('SEQ') ? { token: 'SEQ', width: Number(match[2] ?? 1) } : { token: name as 'YYYY' | 'YY' | 'CASE' });
    at = match.index + match[0].length;
  }
  if (at < pattern.length) pieces.push({ literal: pattern.slice(at) });
  for (const piece of pieces) {
    if (!('literal' in piece)) continue;
    if (/[{}]/.test(piece.literal)) return 'unknown_token';
    if (!LITERAL.test(piece.literal)) return 'bad_literal';
  }
  const tokens = pieces.flatMap((p) => ('token' in p ? [p.token] : []));
  if (new Set(tokens).size !== tokens.length) return 'repeated_token';
  if (!tokens.some((token) => token === 'SEQ' || token === 'CASE')) return 'no_unique_part';
  return pieces;
}

/** What is wrong with a pattern, or null when it can number reports. */
export function patternProblem(pattern: string): PatternProblem | null {
  const pieces = piecesOf(pattern);
  return typeof pieces === 'string' ? pieces : null;
}

function piecesOrThrow(pattern: string): Piece[] {
  const pieces = piecesOf(pattern);
  if (typeof pieces === 'string') throw new Error(`registration number pattern is not valid: ${pieces}`);
  return pieces;
}

/** The number the pattern gives for these parts. */
export function formatRegistration(pattern: string, parts: RegistrationParts): string {
  return piecesOrThrow(pattern)
    .map((piece) => {
      if ('literal' in piece) return piece.literal;
      switch (piece.token) {
        case 'YYYY':
          return String(parts.year).padStart(4, '0');
        case 'YY':
          return String(parts.year % 100).padStart(2, '0');
        case 'SEQ':
          return String(parts.seq).padStart(piece.width, '0');
        case 'CASE':
          return parts.caseNumber;
      }
    })
    .join('');
}

/** Only the characters with a meaning in a `u` regular expression are escaped (there, `\-` would be an error). */
const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regexOf(pattern: string): RegExp {
  const source = piecesOrThrow(pattern)
    .map((piece) => {
      if ('literal' in piece) return escape(piece.literal);
      switch (piece.token) {
        case 'YYYY':
          return '(?<year>\\d{4})';
        case 'YY':
          return '(?<yy>\\d{2})';
        case 'SEQ':
          return `(?<seq>\\d{${piece.width},})`;
        case 'CASE':
          return '.+?';
      }
    })
    .join('');
  return new RegExp(`^${source}$`, 'u');
}

/** Whether a number typed by hand has the pattern's shape. */
export function matchesPattern(pattern: string, value: string): boolean {
  return regexOf(pattern).test(value);
}

/**
 * The next number for `parts` (year and case), one past the highest running number already issued in that year
 * under this pattern. Numbers of other shapes (an older pattern, typed by hand) do not count.
 */
export function nextRegistration(pattern: string, issued: readonly string[], year: number, caseNumber: string): string {
  const regex = regexOf(pattern);
  let highest = 0;
  for (const number of issued) {
    const groups = regex.exec(number)?.groups;
    if (!groups) continue;
    if (groups.year !== undefined && Number(groups.year) !== year) continue;
    if (groups.yy !== undefined && Number(groups.yy) !== year % 100) continue;
    if (groups.seq !== undefined) highest = Math.max(highest, Number(groups.seq));
  }
  return formatRegistration(pattern, { year, seq: highest + 1, caseNumber });
}
