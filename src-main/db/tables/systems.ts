import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { caseListTable, caseRef } from '../case-rows';
import { edited, freeText, id, ref, stringList } from '../../core/sql-columns';
import { interviews } from './plan';

/*
 * Step 3 (business systems) and step 4 (initial interview): what the validator wrote about each system reviewed,
 * and the minutes of each planned interview. Removal of a system note is a tombstone, like the plan's lists.
 */
export const systemReviews = caseListTable('system_reviews', {
  system: text('system').notNull(),
  checked: freeText('checked'),
  notes: freeText('notes'),
  evidenceIds: stringList('evidence_ids'),
});

/** One set of minutes per planned interview, edited in place (each field change audited). */
export const interviewMinutes = sqliteTable(
  'interview_minutes',
  {
    id: id(),
    caseId: caseRef(),
    interviewId: ref('interview_id', () => interviews.id).unique(),
    present: stringList('present'),
    topics: freeText('topics'),
    answers: freeText('answers'),
    followUps: freeText('follow_ups'),
    ...edited(),
  },
  (t) => [index('interview_minutes_case').on(t.caseId)],
);
