import { z } from 'zod';
import { printable } from './printable';

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
export const InputIssue = z.strictObject({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  /** Values the UI may show with the code's text (e.g. the stored revision of a refused stale write). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
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

/** Turns zod issues into flat `a.b.0` paths the UI can attach to form fields, with their codes and limits. */
export function issuesFromZod(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => {
    const params = issueParams(issue);
    return {
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
      code: issueCode(issue),
      ...(params ? { params } : {}),
    };
  });
}

/** zod's code, or ours for the contract's own refinements (`params.code` on a custom issue). */
export function issueCode(issue: z.core.$ZodIssue): string {
  const own = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof own === 'string' ? own : issue.code;
}

/**
 * The limits an issue names, so the UI can say "at most 200 characters" in any language without reading zod's
 * English: `origin` (string, number, array…) with `maximum` or `minimum`, or the `format` a text failed.
 */
export function issueParams(issue: z.core.$ZodIssue): InputIssue['params'] {
  switch (issue.code) {
    case 'too_big':
      return { origin: issue.origin, maximum: Number(issue.maximum) };
    case 'too_small':
      return { origin: issue.origin, minimum: Number(issue.minimum) };
    case 'invalid_format':
      return { format: issue.format };
    default:
      return undefined;
  }
}

export function invalidInput(error: z.ZodError): AppError {
  const issues = issuesFromZod(error);
  const paths = issues.map((i) => i.path).join(', ');
  return new AppError('invalid_input', `Invalid input at: ${paths}`, issues);
}
