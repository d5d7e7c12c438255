import { z } from 'zod';

export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'immutable',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * One problem with the input. `code` is zod's issue code (`too_big`, `invalid_type`, …) or, for the contract's own
 * refinements, a code of ours (`ill_formed_text`, `control_characters`): the UI maps it to text in its language.
 */
export const InputIssue = z.strictObject({ path: z.string(), message: z.string(), code: z.string().optional() });
export type InputIssue = z.infer<typeof InputIssue>;

export const AppErrorShape = z.strictObject({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(InputIssue).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

/** Every handler answers with this envelope; nothing throws across a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Thrown inside handlers; the dispatcher turns it into an envelope. Anything else becomes `internal`. */
export class AppError extends Error {
  readonly issues?: InputIssue[];
  constructor(
    readonly code: ErrorCode,
    message: string,
    issues?: InputIssue[],
  ) {
    // Messages can quote the input (a JSON parser's error does); what the CLI prints or the page shows stays inert.
    super(printable(message));
    this.name = 'AppError';
    if (issues) this.issues = issues.map((issue) => ({ ...issue, path: printable(issue.path), message: printable(issue.message) }));
  }
}

/** Turns zod issues into flat `a.b.0` paths the UI can attach to form fields. */
export function issuesFromZod(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
    code: issueCode(issue),
  }));
}

/**
 * Error text can echo input (a record key the caller chose, a parser's quote of the file): control, bidi and
 * lone-surrogate code units are written as `\uXXXX` escapes, so a terminal or the page never receives them raw.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/g, (unit, offset: number) => {
    const code = unit.charCodeAt(0);
    const next = text.charCodeAt(offset + 1);
    const prev = text.charCodeAt(offset - 1);
    // A surrogate that is half of a well-formed pair stays as it is.
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return unit;
    if (code >= 0xdc00 && code <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) return unit;
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function issueCode(issue: z.core.$ZodIssue): string {
  const own = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof own === 'string' ? own : issue.code;
}

export function invalidInput(error: z.ZodError): AppError {
  const issues = issuesFromZod(error);
  const paths = issues.map((i) => i.path).join(', ');
  return new AppError('invalid_input', `Invalid input at: ${paths}`, issues);
}
