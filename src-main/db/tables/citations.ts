import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { criterionCitationTargets } from '../../contract/assessment';
import { criterionConclusions } from './assessment';
import { id, ref, stamp } from '../columns';

/**
 * What a criterion conclusion rests on (issue 13): the checklist answers, risks, findings, interviews and
 * evidence the validator cites for it. Owned by the case's conclusion row of that criterion (made on the first
 * citation when there is no conclusion yet). Same shape as risk_links and finding_links: unciting is a tombstone.
 */
export const criterionLinks = sqliteTable(
  'criterion_links',
  {
    id: id(),
    conclusionId: ref('conclusion_id', () => criterionConclusions.id),
    target: text('target', { enum: criterionCitationTargets }).notNull(),
    targetId: text('target_id').notNull(),
    createdAt: stamp('created_at'),
    removedAt: text('removed_at'),
  },
  (t) => [index('criterion_links_conclusion').on(t.conclusionId), index('criterion_links_target').on(t.targetId)],
);
