import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { criterionConclusions as conclusionValues, recommendations } from '../contract/assessment';
import { auditActions } from '../contract/audit';
import { bundleDirections, fileRoles } from '../contract/bundles';
import { aeoTypes, stepStatuses, validationSteps } from '../contract/cases';
import { wcoCriteria } from '../contract/checklist-template';
import { monitoringFrequencies, monitoringMeasures } from '../contract/control-plan';
import { evidenceKinds } from '../contract/evidence';
import { wrapMethods } from '../contract/keys';
import type { operatorRoles } from '../contract/operators';
import { reportVersionStatuses } from '../contract/reports';
import { siteKinds } from '../contract/plan';
import { controlEffectiveness, findingStatuses, riskResponses } from '../contract/risks';
import { templateOrigins } from '../contract/templates';
import { userRoles } from '../contract/users';

/*
 * Every row: a UUIDv7 `id` made on the device that created it, and UTC ISO timestamps. Reports from several
 * validators' devices are merged later by these ids, so ids are never reused or renumbered.
 */

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: userRoles }).notNull(),
  createdAt: text('created_at').notNull(),
});

/** Device-local settings such as the current user. Not synced. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const operators = sqliteTable(
  'operators',
  {
    id: text('id').primaryKey(),
    legalName: text('legal_name').notNull(),
    identificationNumber: text('identification_number').notNull(),
    /** JSON array of roles (importer, exporter, ...). */
    roles: text('roles', { mode: 'json' }).$type<(typeof operatorRoles)[number][]>().notNull(),
    address: text('address').notNull().default(''),
    contactPerson: text('contact_person').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('operators_identification_number').on(t.identificationNumber)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNumber: text('case_number').notNull(),
    operatorId: text('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'restrict' }),
    aeoType: text('aeo_type', { enum: aeoTypes }).notNull(),
    currentStep: text('current_step', { enum: validationSteps }).notNull(),
    leadValidator: text('lead_validator').notNull(),
    team: text('team', { mode: 'json' }).$type<string[]>().notNull(),
    openedOn: text('opened_on').notNull(),
    dueOn: text('due_on'),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('cases_case_number').on(t.caseNumber), index('cases_operator').on(t.operatorId)],
);

/** One row per case and step: merge-friendly (each step's status merges on its own). */
export const caseSteps = sqliteTable(
  'case_steps',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    step: text('step', { enum: validationSteps }).notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: stepStatuses }).notNull(),
    updatedAt: text('updated_at').notNull(),
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

/** Every version of every template ever loaded or imported; rows are never changed, so runs can pin them. */
export const checklistTemplates = sqliteTable(
  'checklist_templates',
  {
    id: text('id').primaryKey(),
    templateId: text('template_id').notNull(),
    version: integer('version').notNull(),
    /** The validated template JSON, exactly as stored. */
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    origin: text('origin', { enum: templateOrigins }).notNull(),
    loadedAt: text('loaded_at').notNull(),
  },
  (t) => [uniqueIndex('checklist_templates_id_version').on(t.templateId, t.version)],
);

export const checklistRuns = sqliteTable(
  'checklist_runs',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'restrict' }),
    /** The pinned template version: a newer version never changes this run. */
    templateRowId: text('template_row_id')
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: 'restrict' }),
    label: text('label').notNull().default(''),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('checklist_runs_case').on(t.caseId)],
);

export const answers = sqliteTable(
  'answers',
  {
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => checklistRuns.id, { onDelete: 'restrict' }),
    itemId: text('item_id').notNull(),
    /** JSON of the typed value; null when only a note was written or the answer was cleared. */
    value: text('value'),
    note: text('note').notNull().default(''),
    answeredBy: text('answered_by').notNull(),
    answeredByName: text('answered_by_name').notNull(),
    answeredAt: text('answered_at').notNull(),
    /** Counts saves of this row: a writer names the revision it edited, and an older one is refused (stale write). */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [uniqueIndex('answers_run_item').on(t.runId, t.itemId)],
);

/* ---- Issue 3: evidence ---- */

/** Files in the content-addressed store, one row per distinct content. */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  storedAt: text('stored_at').notNull(),
});

export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    runId: text('run_id').references(() => checklistRuns.id, { onDelete: 'restrict' }),
    itemId: text('item_id'),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'restrict' }),
    kind: text('kind', { enum: evidenceKinds }).notNull(),
    originalName: text('original_name').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    /** EXIF DateTimeOriginal for photos, else the file's modification time. */
    capturedAt: text('captured_at').notNull(),
    /** The date the evidence speaks for, settable by the validator (a photo of last month's seal log). */
    effectiveDate: text('effective_date'),
    caption: text('caption').notNull().default(''),
    attachedBy: text('attached_by').notNull(),
    attachedByName: text('attached_by_name').notNull(),
    attachedAt: text('attached_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('evidence_case').on(t.caseId), index('evidence_run_item').on(t.runId, t.itemId)],
);

/* ---- Issue 4: risk register, findings, assessment, control plan, report versions ---- */

/**
 * ISO 28000 security risk assessment (steps 5–7). Likelihood and consequence are 1–5; the level is not stored but
 * read from the configured matrix, so a changed matrix re-bands every open case (frozen report versions keep
 * theirs). Residual likelihood and consequence are both set or both null.
 */
export const risks = sqliteTable(
  'risks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    /** WCO SAFE criterion letter A–M, or null when none fits. */
    criterion: text('criterion', { enum: wcoCriteria }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'restrict' }),
    criticalAsset: text('critical_asset').notNull().default(''),
    threat: text('threat').notNull().default(''),
    vulnerability: text('vulnerability').notNull().default(''),
    likelihood: integer('likelihood').notNull(),
    consequence: integer('consequence').notNull(),
    /** The operator's internal controls (step 6) and how their effectiveness was tested. */
    controls: text('controls').notNull().default(''),
    controlTesting: text('control_testing').notNull().default(''),
    controlsEffective: text('controls_effective', { enum: controlEffectiveness }).notNull().default('not_tested'),
    residualLikelihood: integer('residual_likelihood'),
    residualConsequence: integer('residual_consequence'),
    /** accept / improvement_action / condition / refuse; null until decided (step 7). */
    response: text('response', { enum: riskResponses }),
    responseNotes: text('response_notes').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('risks_case').on(t.caseId)],
);

/** What a risk rests on: checklist answers and evidence files. Unlinking is a tombstone. */
export const riskLinks = sqliteTable(
  'risk_links',
  {
    id: text('id').primaryKey(),
    riskId: text('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'restrict' }),
    target: text('target', { enum: ['answer', 'evidence'] }).notNull(),
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('risk_links_risk').on(t.riskId), index('risk_links_target').on(t.targetId)],
);

/** Findings and the improvement actions they require; they feed the improvement-actions letter. */
export const findings = sqliteTable(
  'findings',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    requiredAction: text('required_action').notNull().default(''),
    /** The person responsible at the operator. */
    owner: text('owner').notNull().default(''),
    deadline: text('deadline'),
    status: text('status', { enum: findingStatuses }).notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('findings_case').on(t.caseId)],
);

export const findingLinks = sqliteTable(
  'finding_links',
  {
    id: text('id').primaryKey(),
    findingId: text('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'restrict' }),
    target: text('target', { enum: ['answer', 'evidence', 'risk'] }).notNull(),
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('finding_links_finding').on(t.findingId), index('finding_links_target').on(t.targetId)],
);

/** Step 9: how customs monitors one residual risk after authorization. */
export const controlMeasures = sqliteTable(
  'control_measures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    riskId: text('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'restrict' }),
    measure: text('measure', { enum: monitoringMeasures }).notNull(),
    description: text('description').notNull().default(''),
    frequency: text('frequency', { enum: monitoringFrequencies }).notNull(),
    /** First occurrence; null means "from the authorization date". */
    startsOn: text('starts_on'),
    accountManager: text('account_manager').notNull(),
    triggers: text('triggers').notNull().default(''),
    customsResponse: text('customs_response').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('control_measures_case').on(t.caseId), index('control_measures_risk').on(t.riskId)],
);

/** The validators' overall judgement on a case (steps 8–9): one row per case, created on first save. */
export const caseAssessments = sqliteTable('case_assessments', {
  id: text('id').primaryKey(),
  caseId: text('case_id')
    .notNull()
    .unique()
    .references(() => cases.id, { onDelete: 'restrict' }),
  /** grant / grant_with_conditions / postpone / refuse; null until decided. */
  recommendation: text('recommendation', { enum: recommendations }),
  reasoning: text('reasoning').notNull().default(''),
  mattersOfSignificance: text('matters_of_significance').notNull().default(''),
  method: text('method').notNull().default(''),
  teamLead: text('team_lead').notNull().default(''),
  authorizationDate: text('authorization_date'),
  /** JSON array of areas for a partial re-evaluation. */
  partialReevaluationAreas: text('partial_reevaluation_areas', { mode: 'json' }).$type<string[]>().notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A conclusion per WCO SAFE criterion A–M. */
export const criterionConclusions = sqliteTable(
  'criterion_conclusions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    criterion: text('criterion', { enum: wcoCriteria }).notNull(),
    /** met / met_with_improvements / not_met / not_applicable; null = not assessed yet. */
    conclusion: text('conclusion', { enum: conclusionValues }),
    text: text('text').notNull().default(''),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('criterion_conclusions_case_criterion').on(t.caseId, t.criterion)],
);

/**
 * Frozen report models, numbered per case. A sealed row is immutable: the handlers refuse to change it and a
 * trigger (migration report_immutability) makes the database refuse UPDATE and DELETE of it too.
 */
export const reportVersions = sqliteTable(
  'report_versions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    /** The ReportModel as canonical JSON. */
    model: text('model').notNull(),
    modelSha256: text('model_sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status', { enum: reportVersionStatuses }).notNull().default('draft'),
    supersedesId: text('supersedes_id'),
    sealedAt: text('sealed_at'),
  },
  (t) => [uniqueIndex('report_versions_case_version').on(t.caseId, t.version)],
);

/* ---- Issue 5: keys, trust lists, sealed and imported bundles ---- */

/**
 * A user's signing key (Ed25519) and age identity (X25519) on this device. Public halves in clear; the private
 * halves only wrapped (`wrap_method`: the OS keychain through safeStorage, or a passphrase through scrypt). One
 * active key per user; a replaced key is retired, never deleted, so older bundles keep their signer.
 */
export const userKeys = sqliteTable(
  'user_keys',
  {
    keyId: text('key_id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Base64 of the 32-byte Ed25519 public key; `key_id` is its SHA-256. */
    signingPublicKey: text('signing_public_key').notNull(),
    ageRecipient: text('age_recipient').notNull(),
    wrappedSecret: blob('wrapped_secret', { mode: 'buffer' }).notNull(),
    wrapMethod: text('wrap_method', { enum: wrapMethods }).notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [uniqueIndex('user_keys_active_user').on(t.userId).where(sql`retired_at IS NULL`)],
);

/** Every trust list HQ ever sent this device, as signed; the highest version is the one in force. */
export const trustLists = sqliteTable('trust_lists', {
  id: text('id').primaryKey(),
  version: integer('version').notNull().unique(),
  /** SHA-256 of the signed payload: the same list imported twice has the same digest. */
  digest: text('digest').notNull(),
  /** The signed file (DSSE envelope JSON) exactly as imported. */
  file: text('file').notNull(),
  issuer: text('issuer').notNull(),
  issuedAt: text('issued_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  signedBy: text('signed_by', { mode: 'json' }).$type<string[]>().notNull(),
  importedAt: text('imported_at').notNull(),
  importedBy: text('imported_by').notNull(),
});

/**
 * Bundles this device sealed or imported, one row per bundle id. The envelope digest is unique: importing the
 * same bundle again finds its row and changes nothing. `case_id` has no foreign key: HQ imports cases it has
 * never seen. `report` is the verification report as the UI shows it.
 */
export const bundles = sqliteTable(
  'bundles',
  {
    bundleId: text('bundle_id').primaryKey(),
    envelopeDigest: text('envelope_digest').notNull().unique(),
    direction: text('direction', { enum: bundleDirections }).notNull(),
    signerKeyId: text('signer_key_id').notNull(),
    signerName: text('signer_name').notNull(),
    sequence: integer('sequence').notNull(),
    previousDigest: text('previous_digest'),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    reportVersionId: text('report_version_id').notNull(),
    /** When the author sealed it (from the signed statement). */
    createdAt: text('created_at').notNull(),
    /** When this device sealed or imported it. */
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    /** This device's copy of the .aeob file, for bundles it sealed; imported bundles live on as blobs. */
    path: text('path'),
    size: integer('size').notNull(),
    trustListVersion: integer('trust_list_version').notNull(),
    /** Warnings kept with the record (sequence_regression, chain_mismatch, trust_list_expired…). */
    flags: text('flags', { mode: 'json' }).$type<string[]>().notNull(),
    report: text('report').notNull(),
  },
  (t) => [index('bundles_signer_sequence').on(t.signerKeyId, t.sequence), index('bundles_case').on(t.caseId)],
);

/** The files a bundle carries, by digest; imported ones live in the blob store. */
export const bundleFiles = sqliteTable(
  'bundle_files',
  {
    id: text('id').primaryKey(),
    bundleId: text('bundle_id')
      .notNull()
      .references(() => bundles.bundleId, { onDelete: 'restrict' }),
    sha256: text('sha256').notNull(),
    role: text('role', { enum: fileRoles }).notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    displayName: text('display_name').notNull(),
    evidenceId: text('evidence_id'),
  },
  (t) => [index('bundle_files_bundle').on(t.bundleId), index('bundle_files_sha256').on(t.sha256)],
);

/** Per signing key of this device: the last sequence number it sealed and that bundle's envelope digest. */
export const keySequences = sqliteTable('key_sequences', {
  keyId: text('key_id').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
  lastDigest: text('last_digest').notNull(),
  lastBundleId: text('last_bundle_id').notNull(),
  updatedAt: text('updated_at').notNull(),
});
