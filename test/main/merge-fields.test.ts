import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldLabels, mergeFieldNames } from '../../src-main/contract/merge-fields';
import { snapshotTables, tableSpecs } from '../../src-main/core/merge/snapshot';
import * as schema from '../../src-main/db/schema';

/*
 * A conflict names a field of a snapshot row; the conflict queue and the merged PDFs show it in the glossary's words
 * (issue 12). Every column of every table a snapshot carries has those words, so a new column cannot reach a
 * lead's screen as `requiredAction`.
 */

/**
 * The fields a conflict can name: the store's columns of each snapshot table but its bookkeeping (never a conflict);
 * a run names its template portably (`template`).
 */
function snapshotFields(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const table of snapshotTables) {
    const volatile = new Set(tableSpecs[table].volatile);
    const columns = Object.keys(getTableColumns(schema[table])).filter((c) => !volatile.has(c));
    const fields = table === 'checklistRuns' ? [...columns.filter((c) => c !== 'templateRowId'), 'template'] : columns;
    out.set(table, fields);
  }
  return out;
}

describe('merge field labels', () => {
  it('every field a snapshot row carries has words in English and Russian', () => {
    const known = new Set<string>(mergeFieldNames);
    const missing = [...snapshotFields()].flatMap(([table, fields]) => fields.filter((f) => !known.has(f)).map((f) => `${table}.${f}`));
    expect(missing).toEqual([]);
    for (const field of mergeFieldNames) {
      expect(fieldLabel(field, 'en'), field).not.toBe(field);
      expect(fieldLabel(field, 'ru'), field).toMatch(/[\u0400-\u04FF]/u);
    }
  });

  it('a field a conflict can name reads as people say it, in both languages', () => {
    expect(fieldLabel('requiredAction', 'en')).toBe('Required action');
    expect(fieldLabel('requiredAction', 'ru')).toBe('Требуемое действие');
    expect(fieldLabels(['likelihood', 'title'], 'ru')).toBe('Вероятность, Название');
    expect(fieldLabel('value', 'en')).toBe('Answer');
    // Volatile bookkeeping never conflicts, so it needs no words; a field no list knows (a newer laptop's) stays raw.
    expect(tableSpecs.answers.volatile).toContain('revision');
    expect(fieldLabel('aNewerColumn', 'ru')).toBe('aNewerColumn');
  });
});
