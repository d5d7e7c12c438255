import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { applicationDocumentKinds, authorizationDecisions } from '../../contract/certification';
import {
  accountManagerFunctions,
  monitoringEntryKinds,
  monitoringOutcomes,
  reevaluationScopes,
} from '../../contract/post-certification';
import { caseListTable, caseSingletonColumns, caseTable } from '../case-rows';
import { freeText, id, optionalRef, ref, stamp, stringList, tombstoned } from '../../core/sql-columns';
import { cases, operators } from './core';
import { reportVersions } from './assessment';
import { controlMeasures } from './risks';

/* ---- Issue 13: the certification cycle (application, authorization, post-certification) ---- */

/** The application that started the case: one row per case, created on first save. */
export const caseApplications = sqliteTable('case_applications', {
  ...caseSingletonColumns(),
  receivedOn: text('received_on'),
  reference: freeText('reference'),
  updatedAt: stamp('updated_at'),
});

/** Documents received with the application (the SAQ, …), each with the date it arrived. Removal is a tombstone. */
export const applicationDocuments = caseListTable('application_documents', {
  kind: text('kind', { enum: applicationDocumentKinds }).notNull(),
  title: freeText('title'),
  receivedOn: text('received_on').notNull(),
});

/**
 * The authority's decisions on a case, append-only (triggers in the migration refuse UPDATE and DELETE): the
 * latest row is the decision in force; a correction is a new row that names the one it supersedes and why.
 */
export const authorizations = caseTable('authorizations', {
  reportVersionId: ref('report_version_id', () => reportVersions.id),
  decision: text('decision', { enum: authorizationDecisions }).notNull(),
  decidedOn: text('decided_on').notNull(),
  certificateNumber: freeText('certificate_number'),
  registerEntry: freeText('register_entry'),
  conditions: freeText('conditions'),
  reason: freeText('reason'),
  supersedesId: text('supersedes_id'),
  recordedBy: text('recorded_by').notNull(),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: stamp('recorded_at'),
  /** Orders a case's records even when two share a timestamp. */
  sequence: integer('sequence').notNull(),
});

/** One customs account manager per operator (seed 000). */
export const accountManagers = sqliteTable('account_managers', {
  id: id(),
  operatorId: ref('operator_id', () => operators.id).unique(),
  name: text('name').notNull(),
  position: freeText('position'),
  phone: freeText('phone'),
  email: freeText('email'),
  assignedOn: text('assigned_on').notNull(),
  updatedAt: stamp('updated_at'),
});

/** What the account manager did, under one of the five functions. */
export const accountManagerActivities = sqliteTable(
  'account_manager_activities',
  {
    id: id(),
    operatorId: ref('operator_id', () => operators.id),
    function: text('function', { enum: accountManagerFunctions }).notNull(),
    date: text('date').notNull(),
    note: freeText('note'),
    managerName: text('manager_name').notNull(),
    ...tombstoned(),
  },
  (t) => [index('account_manager_activities_operator').on(t.operatorId)],
);

/** Monitoring after authorization: customs' activities and their results, and the operator's events. */
export const monitoringEntries = caseListTable('monitoring_entries', {
  kind: text('kind', { enum: monitoringEntryKinds }).notNull(),
  date: text('date').notNull(),
  measureId: optionalRef('measure_id', () => controlMeasures.id),
  outcome: text('outcome', { enum: monitoringOutcomes }),
  description: text('description').notNull(),
  result: freeText('result'),
  recordedByName: text('recorded_by_name').notNull(),
});

/** A re-evaluation case and the earlier case it re-evaluates. */
export const reevaluations = sqliteTable(
  'reevaluations',
  {
    ...caseSingletonColumns(),
    previousCaseId: ref('previous_case_id', () => cases.id),
    scope: text('scope', { enum: reevaluationScopes }).notNull(),
    areas: stringList('areas'),
    dueOn: text('due_on'),
    createdAt: stamp('created_at'),
  },
  (t) => [index('reevaluations_previous').on(t.previousCaseId)],
);
