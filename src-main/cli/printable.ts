/*
 * Text that came from a bundle, a trust list or a data folder is not ours: a case number holding ESC, OSC or a
 * newline could retitle the terminal or forge a line such as "files: all ok". Everything the CLI prints from such
 * a source goes through `printable`, which shows those characters as visible escapes instead of sending them.
 */

// C0 controls (newline and tab included), DEL, C1 controls, the bidi embeddings, overrides, isolates and marks
// (they reorder what follows them on screen), and the Unicode line and paragraph separators. Matching control
// characters is this regex's whole purpose.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

// The same set less C0, which JSON.stringify escapes itself (and whose newline the indentation needs).
const LEFT_RAW_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const escape = (ch: string): string => {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with control and bidi characters replaced by `\x1b`-style or `\u202e`-style escapes. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * `value` as indented JSON that stays valid JSON and safe on a terminal: JSON.stringify already escapes C0
 * controls inside strings, but leaves C1 controls, bidi controls and the Unicode separators raw, so those become
 * JSON `\u` escapes here (outside strings only the layout's own newlines and spaces remain).
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(LEFT_RAW_BY_JSON, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
