/*
 * Text that is not ours (a bundle's case number, a trust list's name, a parser's quote of a file, a record key the
 * caller chose) can hold ESC, OSC or a newline that would retitle a terminal or forge a line such as "files: all
 * ok", bidi controls that reorder what the page shows, or half of a surrogate pair. What the CLI prints and what an
 * error message quotes goes through `printable`, which shows those characters as visible escapes instead.
 */

// C0 controls (newline and tab included), DEL, C1 controls, the bidi embeddings, overrides, isolates and marks
// (they reorder what follows them on screen), the Unicode line and paragraph separators, and lone surrogates (with
// the `u` flag a well-formed pair is one code point above U+FFFF and never matches). Matching control characters
// is this regex's whole purpose.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

// The same set less C0, which JSON.stringify escapes itself (and whose newline the indentation needs), and less
// lone surrogates, which JSON.stringify escapes too.
const LEFT_RAW_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const hex = (ch: string, width: number): string => (ch.codePointAt(0) ?? 0).toString(16).padStart(width, '0');

/** `text` with control, bidi and lone-surrogate characters replaced by `\x1b`-style or `\u202e`-style escapes. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => ((ch.codePointAt(0) ?? 0) <= 0xff ? `\\x${hex(ch, 2)}` : `\\u${hex(ch, 4)}`));
}

/**
 * `value` as indented JSON that stays valid JSON and safe on a terminal: JSON.stringify already escapes C0
 * controls inside strings, but leaves C1 controls, bidi controls and the Unicode separators raw, so those become
 * JSON `\u` escapes here (outside strings only the layout's own newlines and spaces remain).
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(LEFT_RAW_BY_JSON, (ch) => `\\u${hex(ch, 4)}`);
}
