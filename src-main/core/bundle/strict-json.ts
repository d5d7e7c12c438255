import type { z } from 'zod';
import { BundleError, type RejectionCode } from './errors';

/**
 * Signed bytes read as a document: strict UTF-8 (no replacement characters), JSON, then the document's schema.
 * Each failure is a BundleError with the document's `code`, naming `what` was read and the first schema issue.
 */
export function parseStrictJson<T>(bytes: Uint8Array, schema: z.ZodType<T>, code: RejectionCode, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BundleError(code, `${what} is not UTF-8 JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(code, `${what} is malformed: ${issue?.path.map(String).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
