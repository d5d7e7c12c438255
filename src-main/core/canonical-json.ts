import { createHash } from 'node:crypto';

/*
 * Canonical JSON and its digest, for anything whose hash must not depend on key order: stored checklist templates
 * and the frozen report model. Moved out of the template store because the report model needs it too and is not
 * a template.
 */

/** JSON with object keys sorted at every level: the same template always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
