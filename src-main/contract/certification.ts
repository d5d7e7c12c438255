import { z } from 'zod';
import { AeoType } from './cases';
import { ByCaseInput, CaseDraftKey, CaseItemInput, caseRecord, CaseRowKey, Id, IsoDate, lineText, optionalLine, optionalText, text, Timestamp, token } from './common';

/*
 * The certification cycle around the validation (seed 000): the application that starts it, and the authority's
 * decision that ends it. The decision is its own record, made after the report is sealed: it never changes the
 * sealed report, and once recorded it is never edited, only superseded by a later record that says why.
 */

/** What an applicant hands in with the application (EU AEO practice: the SAQ beside the form). */
export const applicationDocumentKinds = [
  'application_form',
  'saq',
  'security_profile',
  'company_registration',
  'financial_statements',
  'procedures_manual',
  'other',
] as const;
export const ApplicationDocumentKind = z.enum(applicationDocumentKinds);
export type ApplicationDocumentKind = z.infer<typeof ApplicationDocumentKind>;

export const ApplicationDocument = caseRecord({
  kind: ApplicationDocumentKind,
  /** What the document is called on the operator's side ("SAQ v2, signed"); may be empty. */
  title: text(),
  receivedOn: IsoDate,
});
export type ApplicationDocument = z.infer<typeof ApplicationDocument>;

export const Application = z.strictObject({
  caseId: Id,
  /** Null until the application's receipt date is recorded. */
  receivedOn: IsoDate.nullable(),
  reference: text(),
  /** The AEO type applied for: the case's own type, kept in one place. */
  profile: AeoType,
  documents: z.array(ApplicationDocument),
  updatedAt: Timestamp.nullable(),
});
export type Application = z.infer<typeof Application>;

export const ApplicationUpdate = z.strictObject({
  caseId: Id,
  receivedOn: IsoDate.nullable().optional(),
  // Not optionalLine: its default would fill a missing key (zod 4), and a patch would empty the reference.
  reference: lineText(120).optional(),
  profile: AeoType.optional(),
});

export const ApplicationDocumentDraft = z.strictObject({
  ...CaseDraftKey,
  kind: ApplicationDocumentKind,
  title: optionalLine(300),
  receivedOn: IsoDate,
});

export const authorizationDecisions = ['granted', 'granted_with_conditions', 'refused', 'deferred'] as const;
export const AuthorizationDecision = z.enum(authorizationDecisions);
export type AuthorizationDecision = z.infer<typeof AuthorizationDecision>;

/** Decisions that make the operator an AEO: they need a certificate and open post-certification monitoring. */
export const grantingDecisions: readonly AuthorizationDecision[] = ['granted', 'granted_with_conditions'];
export const isGranting = (decision: AuthorizationDecision | null | undefined) => !!decision && grantingDecisions.includes(decision);

export const AuthorizationDraft = z.strictObject({
  caseId: Id,
  decision: AuthorizationDecision,
  decidedOn: IsoDate,
  /** Required when the status is granted. */
  certificateNumber: optionalLine(80),
  /** The entry in the AEO register / management system (number and date as the register gives them). */
  registerEntry: optionalLine(200),
  /** Required when granted with conditions; printed in the letter to the operator. */
  conditions: optionalText(4000),
  /** Required when this record supersedes an earlier one: why the decision record is corrected. */
  reason: optionalText(2000),
});
export type AuthorizationDraft = z.input<typeof AuthorizationDraft>;

export const Authorization = z.strictObject({
  ...CaseRowKey,
  /** The sealed report version the decision rests on. */
  reportVersionId: Id,
  reportVersion: z.number().int(),
  decision: AuthorizationDecision,
  decidedOn: IsoDate,
  certificateNumber: text(),
  registerEntry: text(),
  conditions: text(),
  reason: text(),
  supersedesId: Id.nullable(),
  recordedByName: text(),
  recordedAt: Timestamp,
});
export type Authorization = z.infer<typeof Authorization>;

export const AuthorizationState = z.strictObject({
  caseId: Id,
  /** The latest sealed report version: a decision can be recorded only once there is one. */
  sealedVersion: z.strictObject({ id: Id, version: z.number().int(), sealedAt: Timestamp }).nullable(),
  /** The decision in force (the latest record), or null. */
  current: Authorization.nullable(),
  /** Every record, newest first (the current one included). */
  history: z.array(Authorization),
  /** Findings whose improvement actions the letter to the operator lists (from the sealed version). */
  letterActions: z.number().int(),
});
export type AuthorizationState = z.infer<typeof AuthorizationState>;

export const LetterInput = z.strictObject({
  caseId: Id,
  /** Without it, the case's report language. */
  lang: z.enum(['en', 'ru']).optional(),
  taskId: token(64).optional(),
});

export const LetterResult = z.strictObject({
  authorizationId: Id,
  lang: z.enum(['en', 'ru']),
  pages: z.number().int(),
  size: z.number().int(),
  sha256: text(),
  /** The name a saved copy is offered under (case number, document, language). */
  fileName: text(),
});
export type LetterResult = z.infer<typeof LetterResult>;

export const certificationContract = {
  'application:get': { input: ByCaseInput, output: Application },
  'application:update': { input: ApplicationUpdate, output: Application },
  'application:saveDocument': { input: ApplicationDocumentDraft, output: Application },
  'application:removeDocument': { input: CaseItemInput, output: Application },
  'authorization:get': { input: ByCaseInput, output: AuthorizationState },
  /**
   * Records the authority's decision on a case whose report is sealed. Granted needs a certificate number, granted
   * with conditions needs the conditions, and a second record (a correction) needs a reason.
   */
  'authorization:record': { input: AuthorizationDraft, output: AuthorizationState },
  /** Prints the improvement-actions letter of the decision in force (from the sealed version's findings). */
  'authorization:letter': { input: LetterInput, output: LetterResult },
  /**
   * Desktop only: the system's save dialog for a printed letter; null when cancelled. The browser preview downloads
   * `GET /api/download/letters/<authorizationId>/improvement-letter.<lang>.pdf` instead.
   */
  'authorization:saveLetter': {
    input: z.strictObject({ authorizationId: Id, lang: z.enum(['en', 'ru']) }),
    output: z.strictObject({ saved: z.boolean() }),
  },
} as const;
