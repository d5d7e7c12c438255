import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cases } from './core';
import { visits } from './plan';

/*
 * The official form's own records (src-main/domains/official.ts): one row per case, and the actual dates of the
 * planned visits, kept apart from the plan so a locked plan still takes what happened on the day.
 */

export const caseOfficial = sqliteTable(
  'case_official',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    registrationNumber: text('registration_number'),
    lookBackFrom: text('look_back_from'),
    lookBackTo: text('look_back_to'),
    closingMeetingOn: text('closing_meeting_on'),
    closingAttendees: text('closing_attendees').notNull().default(''),
    operatorComments: text('operator_comments').notNull().default(''),
    /** The conditions the validators propose with a recommendation to grant with conditions. */
    conditions: text('conditions').notNull().default(''),
    approvers: text('approvers', { mode: 'json' }).$type<{ name: string; position: string }[]>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('case_official_case').on(t.caseId), uniqueIndex('case_official_number').on(t.registrationNumber)],
);

export const visitsHeld = sqliteTable('visits_held', {
  id: text('id').primaryKey(),
  visitId: text('visit_id')
    .notNull()
    .unique()
    .references(() => visits.id, { onDelete: 'restrict' }),
  caseId: text('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'restrict' }),
  heldOn: text('held_on').notNull(),
  startTime: text('start_time'),
  endTime: text('end_time'),
  updatedAt: text('updated_at').notNull(),
});
