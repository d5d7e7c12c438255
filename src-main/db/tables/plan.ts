import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { siteKinds } from '../../contract/plan';
import { caseListTable, caseSingletonColumns } from '../case-rows';
import { freeText, optionalRef, ref, stamp, stringList } from '../../core/sql-columns';

/** Per-case plan details that are not lists: resources and time frame. */
export const plans = sqliteTable('plans', {
  ...caseSingletonColumns(),
  resources: freeText('resources'),
  startsOn: text('starts_on'),
  endsOn: text('ends_on'),
  notes: freeText('notes'),
  updatedAt: stamp('updated_at'),
});

/** Removal is a tombstone (`removed_at`), so a merge can tell "deleted" from "never seen". */
export const sites = caseListTable('sites', {
  name: text('name').notNull(),
  address: freeText('address'),
  kind: text('kind', { enum: siteKinds }).notNull(),
});

export const visits = caseListTable('visits', {
  siteId: ref('site_id', () => sites.id),
  date: text('date').notNull(),
  startTime: text('start_time'),
  endTime: text('end_time'),
  validators: stringList('validators'),
  notes: freeText('notes'),
});

export const interviews = caseListTable('interviews', {
  person: text('person').notNull(),
  role: freeText('role'),
  topics: stringList('topics'),
  date: text('date'),
  held: integer('held', { mode: 'boolean' }).notNull().default(false),
  notes: freeText('notes'),
});

/** Which checklist runs at which site, and in what order. */
export const procedures = caseListTable('procedures', {
  siteId: optionalRef('site_id', () => sites.id),
  templateId: text('template_id').notNull(),
  position: integer('position').notNull(),
  notes: freeText('notes'),
});
