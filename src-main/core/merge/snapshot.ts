/*
 * A case as rows: what a handout hands out, what a field report carries back, and what the merge works on. One
 * list of plain JSON rows per table, each table with a stable key per entity. Ids are UUIDv7 made on the device
 * that created a row, so most tables are keyed by `id`; where two validators can create "the same" entity on their
 * own (an answer to one item of a shared run, the same photo attached to one item, the one assessment of a case) the
 * key is what makes it the same thing, and the ids are reconciled (see merge.ts).
 *
 * Pure: no database. The domain layer reads and writes these rows (domains/team/snapshot-store.ts).
 */

import { canonicalJson } from '../canonical-json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Row = { readonly [field: string]: Json };

export const snapshotTables = [
  'operators',
  'cases',
  'caseSteps',
  'plans',
  'sites',
  'visits',
  'interviews',
  'procedures',
  'checklistRuns',
  'answers',
  'evidence',
  'risks',
  'riskLinks',
  'findings',
  'findingLinks',
  'controlMeasures',
  'caseAssessments',
  'criterionConclusions',
] as const;
export type SnapshotTable = (typeof snapshotTables)[number];

export type Snapshot = {
  caseId: string;
  tables: { readonly [T in SnapshotTable]?: readonly Row[] };
};

export type TableSpec = {
  /** The entity's stable key inside one case. */
  key: (row: Row) => string;
  /** Set when the key is not the id: the id is then reconciled (the base's, else the smallest). */
  naturalKey: boolean;
  /** Bookkeeping fields (who saved last, when, a revision counter): never a conflict, taken from the latest change. */
  volatile: readonly string[];
  /** The field that says when a side last changed the row; orders the sides for the volatile fields. */
  stamp: string;
  /** Removal is this field going from null to a time (a tombstone); otherwise a missing row is a deletion. */
  tombstone: string | null;
};

const str = (value: Json | undefined): string => (value === null || value === undefined ? '' : String(value));
const byId = (row: Row) => str(row['id']);
const common = ['createdAt', 'updatedAt'];

const idTable = (extra: readonly string[] = [], tombstone: string | null = 'removedAt', stamp = 'updatedAt'): TableSpec => ({
  key: byId,
  naturalKey: false,
  volatile: [...common, 'createdBy', ...extra],
  stamp,
  tombstone,
});

export const tableSpecs: { readonly [T in SnapshotTable]: TableSpec } = {
  operators: idTable([], null),
  cases: idTable(['currentStep'], null),
  caseSteps: { key: (r) => str(r['step']), naturalKey: true, volatile: ['id', ...common], stamp: 'updatedAt', tombstone: null },
  plans: { key: () => 'plan', naturalKey: true, volatile: ['id', ...common], stamp: 'updatedAt', tombstone: null },
  sites: idTable(),
  visits: idTable(),
  interviews: idTable(),
  procedures: idTable(),
  checklistRuns: idTable([], null),
  answers: {
    key: (r) => `${str(r['runId'])}/${str(r['itemId'])}`,
    naturalKey: true,
    volatile: ['id', 'answeredBy', 'answeredByName', 'answeredAt', 'revision'],
    stamp: 'answeredAt',
    tombstone: null,
  },
  // Evidence by its content: the same photo attached to the same item by two validators is one piece of evidence.
  evidence: {
    key: (r) => `${str(r['sha256'])}@${str(r['runId'])}/${str(r['itemId'])}`,
    naturalKey: true,
    volatile: ['id', 'attachedBy', 'attachedByName', 'attachedAt', 'capturedAt', 'originalName'],
    stamp: 'attachedAt',
    tombstone: 'removedAt',
  },
  risks: idTable(),
  riskLinks: idTable([], 'removedAt', 'createdAt'),
  findings: idTable(),
  findingLinks: idTable([], 'removedAt', 'createdAt'),
  controlMeasures: idTable(),
  caseAssessments: { key: () => 'assessment', naturalKey: true, volatile: ['id', ...common], stamp: 'updatedAt', tombstone: null },
  criterionConclusions: { key: (r) => str(r['criterion']), naturalKey: true, volatile: ['id', ...common], stamp: 'updatedAt', tombstone: null },
};

/** Fields of link rows that name an answer or evidence by id: rewritten when those ids are reconciled. */
export const linkTables = ['riskLinks', 'findingLinks'] as const;

export const rowsOf = (snapshot: Snapshot, table: SnapshotTable): readonly Row[] => snapshot.tables[table] ?? [];

/** JSON with object keys sorted: the one text two equal values share. */
export const canonical = (value: Json | undefined): string => canonicalJson(value ?? null);

const isObject = (v: Json | undefined) => typeof v === 'object' && v !== null;
/** Equal as JSON; plain values (most fields) are compared without serialising them. */
export const sameValue = (a: Json | undefined, b: Json | undefined) =>
  isObject(a) || isObject(b) ? canonical(a) === canonical(b) : (a ?? null) === (b ?? null);

/** Plain string order (code units), the same on every machine: never locale order. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
