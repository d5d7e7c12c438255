import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { assignmentKinds, resolutionChoices } from '../../contract/team';
import { caseRowColumns, caseTable } from '../case-rows';
import { stamp } from '../../core/sql-columns';

/* ---- Issue 12: team work — who of the team does what part of a handed-out case ---- */

/**
 * One row per part of a case the lead assigned to one validator (by his enrolled signing key): a site, a visit, an
 * interview, a checklist run (which the lead creates before handing out, so every laptop shares its id) or a WCO
 * criterion. Written on the lead's laptop by `team:assign`, and on a validator's by importing the handout.
 * Withdrawing an assignment is a tombstone.
 */
export const assignments = caseTable(
  'assignments',
  {
    keyId: text('key_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: assignmentKinds }).notNull(),
    /** The site, visit, interview or run id; the criterion letter for `criterion`. */
    targetId: text('target_id').notNull(),
    createdAt: stamp('created_at'),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('assignments_case_key_target').on(t.caseId, t.keyId, t.kind, t.targetId)],
);

/**
 * The lead's decisions on the conflicts of a merge, kept on her laptop until the merged report is sealed (which
 * carries them). One live row per conflict: deciding again tombstones the previous decision (`removedAt`), and so
 * does reopening. `conflictSha` is the hash of the conflict as it stood when decided: a newer field report that
 * changes the conflict makes the decision stale (the conflict is open again) rather than silently applying it to
 * values the lead never saw. Every row change is in the audit chain.
 */
export const mergeResolutions = sqliteTable(
  'merge_resolutions',
  {
    ...caseRowColumns(),
    conflictId: text('conflict_id').notNull(),
    conflictSha: text('conflict_sha').notNull(),
    /** One side's value (`side` is its signer key id), or a new value (a combined one too) as JSON. */
    choice: text('choice', { enum: resolutionChoices }).notNull(),
    side: text('side'),
    valueJson: text('value_json'),
    reason: text('reason').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedByName: text('resolved_by_name').notNull(),
    resolvedAt: stamp('resolved_at'),
    removedAt: text('removed_at'),
  },
  (t) => [index('merge_resolutions_case').on(t.caseId, t.conflictId)],
);
