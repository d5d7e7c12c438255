import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cases } from './core';
import { interviews } from './plan';

/*
 * Step 3 (business systems) and step 4 (initial interview): what the validator wrote about each system reviewed,
 * and the minutes of each planned interview. Removal of a system note is a tombstone, like the plan's lists.
 */
export const systemReviews = sqliteTable(
  'system_reviews',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    system: text('system').notNull(),
    checked: text('checked').notNull().default(''),
    notes: text('notes').notNull().default(''),
    evidenceIds: text('evidence_ids', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('system_reviews_case').on(t.caseId)],
);

/** One set of minutes per planned interview, edited in place (each field change audited). */
export const interviewMinutes = sqliteTable(
  'interview_minutes',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    interviewId: text('interview_id')
      .notNull()
      .unique()
      .references(() => interviews.id, { onDelete: 'restrict' }),
    present: text('present', { mode: 'json' }).$type<string[]>().notNull(),
    topics: text('topics').notNull().default(''),
    answers: text('answers').notNull().default(''),
    followUps: text('follow_ups').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('interview_minutes_case').on(t.caseId)],
);
