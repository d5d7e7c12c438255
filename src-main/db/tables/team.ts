import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { assignmentKinds } from '../../contract/team';
import { cases } from './core';

/* ---- Issue 12: team work — who of the team does what part of a handed-out case ---- */

/**
 * One row per part of a case the lead assigned to one validator (by his enrolled signing key): a site, a visit, an
 * interview, a checklist run (which the lead creates before handing out, so every laptop shares its id) or a WCO
 * criterion. Written on the lead's laptop by `team:assign`, and on a validator's by importing the handout.
 * Withdrawing an assignment is a tombstone.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    keyId: text('key_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: assignmentKinds }).notNull(),
    /** The site, visit, interview or run id; the criterion letter for `criterion`. */
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('assignments_case').on(t.caseId), uniqueIndex('assignments_case_key_target').on(t.caseId, t.keyId, t.kind, t.targetId)],
);
