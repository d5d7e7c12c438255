/*
 * A merge conflict's values as people read them, shared by the conflict queue and the printed merged report. The
 * merge compares rows as stored, so a checklist answer's value is itself JSON text (`"compliant"`), one level
 * deeper than other fields; a new value the lead types is encoded back the same way.
 */

/** Parsed JSON, or null where it is not JSON. */
function parse(json: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(json) as unknown };
  } catch {
    return null;
  }
}

const storesJson = (table: string, field: string | null) => table === 'answers' && field === 'value';

/** The value a conflict side (or a decision) holds, as plain text; null for no value. */
export function displayValue(table: string, field: string | null, valueJson: string): string | null {
  let value = parse(valueJson)?.value ?? null;
  if (storesJson(table, field) && typeof value === 'string') value = parse(value)?.value ?? value;
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What the lead typed as a new (or combined) value, as the JSON the merge stores: a number where the sides hold
 * numbers, a boolean where they hold booleans, else text.
 */
export function encodeValue(table: string, field: string | null, typed: string, sideValuesJson: readonly string[]): string {
  const kinds = new Set(sideValuesJson.map((json) => typeof parse(json)?.value));
  let value: unknown = typed;
  if (kinds.size === 1 && kinds.has('number') && typed.trim() !== '' && Number.isFinite(Number(typed))) value = Number(typed);
  else if (kinds.size === 1 && kinds.has('boolean') && (typed === 'true' || typed === 'false')) value = typed === 'true';
  if (storesJson(table, field)) value = JSON.stringify(value);
  return JSON.stringify(value);
}
