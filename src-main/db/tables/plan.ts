import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { siteKinds } from '../../contract/plan';
import { cases } from './core';

/** Per-case plan details that are not lists: resources and time frame. */
export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  caseId: text('case_id')
    .notNull()
    .unique()
    .references(() => cases.id, { onDelete: 'restrict' }),
  resources: text('resources').notNull().default(''),
  startsOn: text('starts_on'),
  endsOn: text('ends_on'),
  notes: text('notes').notNull().default(''),
  updatedAt: text('updated_at').notNull(),
});

/** Removal is a tombstone (`removed_at`), so a merge can tell "deleted" from "never seen". */
export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    kind: text('kind', { enum: siteKinds }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('sites_case').on(t.caseId)],
);

export const visits = sqliteTable(
  'visits',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    date: text('date').notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    validators: text('validators', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('visits_case').on(t.caseId)],
);

export const interviews = sqliteTable(
  'interviews',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    person: text('person').notNull(),
    role: text('role').notNull().default(''),
    topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
    date: text('date'),
    held: integer('held', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('interviews_case').on(t.caseId)],
);

/** Which checklist runs at which site, and in what order. */
export const procedures = sqliteTable(
  'procedures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'restrict' }),
    templateId: text('template_id').notNull(),
    position: integer('position').notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('procedures_case').on(t.caseId)],
);

/* ---- Issue 3: checklist templates, runs and answers ---- */
