import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { applicationDocumentKinds, authorizationDecisions } from '../../contract/certification';
import {
  accountManagerFunctions,
  monitoringEntryKinds,
  monitoringOutcomes,
  reevaluationScopes,
} from '../../contract/post-certification';
import { cases, operators } from './core';
import { reportVersions } from './assessment';
import { controlMeasures } from './risks';

/* ---- Issue 13: the certification cycle (application, authorization, post-certification) ---- */

/** The application that started the case: one row per case, created on first save. */
export const caseApplications = sqliteTable('case_applications', {
  id: text('id').primaryKey(),
  caseId: text('case_id')
    .notNull()
    .unique()
    .references(() => cases.id, { onDelete: 'restrict' }),
  receivedOn: text('received_on'),
  reference: text('reference').notNull().default(''),
  updatedAt: text('updated_at').notNull(),
});

/** Documents received with the application (the SAQ, …), each with the date it arrived. Removal is a tombstone. */
export const applicationDocuments = sqliteTable(
  'application_documents',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: applicationDocumentKinds }).notNull(),
    title: text('title').notNull().default(''),
    receivedOn: text('received_on').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('application_documents_case').on(t.caseId)],
);

/**
 * The authority's decisions on a case, append-only (triggers in the migration refuse UPDATE and DELETE): the
 * latest row is the decision in force; a correction is a new row that names the one it supersedes and why.
 */
export const authorizations = sqliteTable(
  'authorizations',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    reportVersionId: text('report_version_id')
      .notNull()
      .references(() => reportVersions.id, { onDelete: 'restrict' }),
    decision: text('decision', { enum: authorizationDecisions }).notNull(),
    decidedOn: text('decided_on').notNull(),
    certificateNumber: text('certificate_number').notNull().default(''),
    registerEntry: text('register_entry').notNull().default(''),
    conditions: text('conditions').notNull().default(''),
    reason: text('reason').notNull().default(''),
    supersedesId: text('supersedes_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: text('recorded_at').notNull(),
    /** Orders a case's records even when two share a timestamp. */
    sequence: integer('sequence').notNull(),
  },
  (t) => [index('authorizations_case').on(t.caseId)],
);

/** One customs account manager per operator (seed 000). */
export const accountManagers = sqliteTable('account_managers', {
  id: text('id').primaryKey(),
  operatorId: text('operator_id')
    .notNull()
    .unique()
    .references(() => operators.id, { onDelete: 'restrict' }),
  name: text('name').notNull(),
  position: text('position').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  assignedOn: text('assigned_on').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** What the account manager did, under one of the five functions. */
export const accountManagerActivities = sqliteTable(
  'account_manager_activities',
  {
    id: text('id').primaryKey(),
    operatorId: text('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'restrict' }),
    function: text('function', { enum: accountManagerFunctions }).notNull(),
    date: text('date').notNull(),
    note: text('note').notNull().default(''),
    managerName: text('manager_name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('account_manager_activities_operator').on(t.operatorId)],
);

/** Monitoring after authorization: customs' activities and their results, and the operator's events. */
export const monitoringEntries = sqliteTable(
  'monitoring_entries',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: monitoringEntryKinds }).notNull(),
    date: text('date').notNull(),
    measureId: text('measure_id').references(() => controlMeasures.id, { onDelete: 'restrict' }),
    outcome: text('outcome', { enum: monitoringOutcomes }),
    description: text('description').notNull(),
    result: text('result').notNull().default(''),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('monitoring_entries_case').on(t.caseId)],
);

/** A re-evaluation case and the earlier case it re-evaluates. */
export const reevaluations = sqliteTable(
  'reevaluations',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .unique()
      .references(() => cases.id, { onDelete: 'restrict' }),
    previousCaseId: text('previous_case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    scope: text('scope', { enum: reevaluationScopes }).notNull(),
    areas: text('areas', { mode: 'json' }).$type<string[]>().notNull(),
    dueOn: text('due_on'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('reevaluations_previous').on(t.previousCaseId)],
);
