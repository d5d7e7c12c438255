import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { auditActions } from '../../contract/audit';
import { aeoTypes, reportLanguages, stepStatuses, validationSteps } from '../../contract/cases';
import type { operatorRoles } from '../../contract/operators';
import { userRoles } from '../../contract/users';
import { edited, freeText, id, ref, stamp, stringList } from '../../core/sql-columns';
/*
 * Every row: a UUIDv7 `id` made on the device that created it, and UTC ISO timestamps. Reports from several
 * validators' devices are merged later by these ids, so ids are never reused or renumbered.
 */

export const users = sqliteTable('users', {
  id: id(),
  name: text('name').notNull(),
  role: text('role', { enum: userRoles }).notNull(),
  createdAt: stamp('created_at'),
});

/** Device-local settings such as the current user. Not synced. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const operators = sqliteTable(
  'operators',
  {
    id: id(),
    legalName: text('legal_name').notNull(),
    identificationNumber: text('identification_number').notNull(),
    /** JSON array of roles (importer, exporter, ...). */
    roles: text('roles', { mode: 'json' }).$type<(typeof operatorRoles)[number][]>().notNull(),
    address: freeText('address'),
    contactPerson: freeText('contact_person'),
    phone: freeText('phone'),
    email: freeText('email'),
    ...edited(),
  },
  (t) => [uniqueIndex('operators_identification_number').on(t.identificationNumber)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: id(),
    caseNumber: text('case_number').notNull(),
    operatorId: ref('operator_id', () => operators.id),
    aeoType: text('aeo_type', { enum: aeoTypes }).notNull(),
    currentStep: text('current_step', { enum: validationSteps }).notNull(),
    leadValidator: text('lead_validator').notNull(),
    team: stringList('team'),
    openedOn: text('opened_on').notNull(),
    dueOn: text('due_on'),
    notes: freeText('notes'),
    /** What the case's documents print in by default (issue 13); cases made before it existed print in English. */
    reportLanguage: text('report_language', { enum: reportLanguages }).notNull().default('en'),
    ...edited(),
  },
  (t) => [uniqueIndex('cases_case_number').on(t.caseNumber), index('cases_operator').on(t.operatorId)],
);

/** One row per case and step: merge-friendly (each step's status merges on its own). */
export const caseSteps = sqliteTable(
  'case_steps',
  {
    id: id(),
    caseId: ref('case_id', () => cases.id),
    step: text('step', { enum: validationSteps }).notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: stepStatuses }).notNull(),
    /** Why the step was skipped, done with unfinished runs, or reopened (the latest such change); printed in the report. */
    reason: freeText('reason'),
    updatedAt: stamp('updated_at'),
  },
  (t) => [uniqueIndex('case_steps_case_step').on(t.caseId, t.step)],
);

/**
 * Append-only: triggers in the migration refuse UPDATE and DELETE. `hash` = SHA-256 over the row's content and
 * `prev_hash`, so editing or removing any row behind the app's back breaks the chain that `audit:verify` walks.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: auditActions }).notNull(),
    field: text('field'),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entityId)],
);


/* ---- Issue 3: the validation plan (step 1) ---- */
