import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { visits } from './plan';
import { caseRef } from '../case-rows';
import { freeText, id, ref, stamp } from '../../core/sql-columns';

/*
 * The official form's own records (src-main/domains/official.ts): one row per case, and the actual dates of the
 * planned visits, kept apart from the plan so a locked plan still takes what happened on the day.
 */

export const caseOfficial = sqliteTable(
  'case_official',
  {
    id: id(),
    caseId: caseRef(),
    registrationNumber: text('registration_number'),
    lookBackFrom: text('look_back_from'),
    lookBackTo: text('look_back_to'),
    closingMeetingOn: text('closing_meeting_on'),
    closingAttendees: freeText('closing_attendees'),
    operatorComments: freeText('operator_comments'),
    /** The conditions the validators propose with a recommendation to grant with conditions. */
    conditions: freeText('conditions'),
    approvers: text('approvers', { mode: 'json' }).$type<{ name: string; position: string }[]>().notNull(),
    updatedAt: stamp('updated_at'),
  },
  (t) => [uniqueIndex('case_official_case').on(t.caseId), uniqueIndex('case_official_number').on(t.registrationNumber)],
);

export const visitsHeld = sqliteTable('visits_held', {
  id: id(),
  visitId: ref('visit_id', () => visits.id).unique(),
  caseId: caseRef(),
  heldOn: text('held_on').notNull(),
  startTime: text('start_time'),
  endTime: text('end_time'),
  updatedAt: stamp('updated_at'),
});
