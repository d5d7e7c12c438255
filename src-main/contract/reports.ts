import { z } from 'zod';
import { StepStatus, ValidationStep, AeoType, ReportLanguage } from './cases';
import { CriterionAssessment, Recommendation } from './assessment';
import { LocalizedText, WcoCriterion } from './checklist-template';
import { ByCaseInput, ByIdInput, CaseRowKey, Id, IsoDate, text, Timestamp, token } from './common';
import { measureFields, ScheduleEntry } from './control-plan';
import { ModelOfficial } from './official';
import { OpenItem, SealOverride } from './open-items';
import { OperatorRole } from './operators';
import { SiteKind } from './plan';
import { Finding, Risk, ScoreAndLevel } from './risks';
import { RiskMatrix } from './risk-scale';
import { TeamMergeModel } from './team-report';
import { ModelAccountManager, ModelApplication } from './report-cycle';

/*
 * The validation report (step 8) and control plan (step 9) as one language-neutral, serializable model,
 * composed from the case. Missing data is null or an empty list, never invented: the printed report says
 * "not assessed" there. A version freezes a model; both PDFs of a version print from the same frozen model.
 */

export const reportDocuments = ['validation-report', 'control-plan'] as const;
export const ReportDocument = z.enum(reportDocuments);
export type ReportDocument = z.infer<typeof ReportDocument>;

// Defined with the case, which names its report language; re-exported here where the printing contract uses it.
export { ReportLanguage, reportLanguages } from './cases';

export const reportVersionStatuses = ['draft', 'sealed'] as const;

/** A checklist answer cited by a risk or finding: enough to print it without the template. */
export const AnswerRef = z.strictObject({
  runId: Id,
  itemId: text(),
  runTitle: LocalizedText,
  prompt: LocalizedText.nullable(),
  value: text().nullable(),
});
export type AnswerRef = z.infer<typeof AnswerRef>;

/** A risk as the report prints it: the register's fields, cited by `ref`, with its answers resolved for print. */
const ModelRisk = Risk.pick({
  id: true,
  title: true,
  criterion: true,
  siteName: true,
  criticalAsset: true,
  threat: true,
  vulnerability: true,
  likelihood: true,
  consequence: true,
  inherent: true,
  controls: true,
  controlTesting: true,
  controlsEffective: true,
  residualLikelihood: true,
  residualConsequence: true,
  residual: true,
  residualReason: true,
  response: true,
  responseNotes: true,
}).extend({
  /** R1, R2, … in register order: how tables, heat map cells and findings cite the risk. */
  ref: text(),
  answers: z.array(AnswerRef),
  evidenceRefs: z.array(text()),
});
export type ModelRisk = z.infer<typeof ModelRisk>;

/** A finding as the report prints it: the finding's own fields, cited by `ref`, with what it rests on resolved. */
const ModelFinding = Finding.pick({ id: true, description: true, requiredAction: true, owner: true, deadline: true, status: true }).extend({
  /** F1, F2, … in register order. */
  ref: text(),
  riskRefs: z.array(text()),
  answers: z.array(AnswerRef),
  evidenceRefs: z.array(text()),
});
export type ModelFinding = z.infer<typeof ModelFinding>;

/** What a criterion conclusion cites (issue 13), resolved for print: answers in full, the rest by reference. */
export const ModelCitations = z.strictObject({
  answers: z.array(AnswerRef),
  riskRefs: z.array(text()),
  findingRefs: z.array(text()),
  interviews: z.array(z.strictObject({ person: text(), role: text(), date: IsoDate.nullable() })),
  evidenceRefs: z.array(text()),
});
export type ModelCitations = z.infer<typeof ModelCitations>;

/** A criterion as the report prints it: the conclusion, and what it cites when it cites anything. */
const ModelCriterion = CriterionAssessment.omit({ citations: true }).extend({ cites: ModelCitations.optional() });

/** A checklist run as its annex prints it (issue 13): the run's details and every item, answered or not. */
export const ModelChecklist = z.strictObject({
  runId: Id,
  templateId: text(),
  title: LocalizedText,
  label: text(),
  siteName: text().nullable(),
  /** The run's details (container number, inspector, date, …) in template order; a choice names its option. */
  metadata: z.array(z.strictObject({ id: text(), label: LocalizedText, value: LocalizedText })),
  sections: z.array(
    z.strictObject({
      title: LocalizedText,
      items: z.array(
        z.strictObject({
          /** 2.3, as the runner numbers it. */
          number: text(),
          itemId: text(),
          prompt: LocalizedText,
          /** The answer as text (a compliance value, a number, `true`/`false`, a choice's value); null: unanswered. */
          value: text().nullable(),
          note: text(),
          evidenceRefs: z.array(text()),
        }),
      ),
    }),
  ),
});
export type ModelChecklist = z.infer<typeof ModelChecklist>;

/** One 5×5 heat map: `cells[likelihood - 1][consequence - 1]` lists the refs of the risks placed there. */
const HeatGrid = z.array(z.array(z.array(text())));

const ModelEvidence = z.strictObject({
  id: Id,
  ref: text(),
  kind: z.enum(['photo', 'document']),
  sha256: text(),
  originalName: text(),
  mediaType: text(),
  size: z.number().int(),
  caption: text(),
  capturedAt: Timestamp,
  effectiveDate: IsoDate.nullable(),
  attachedByName: text(),
  /** Where it was taken: the checklist item it belongs to, if any. */
  runTitle: LocalizedText.nullable(),
  itemPrompt: LocalizedText.nullable(),
});
export type ModelEvidence = z.infer<typeof ModelEvidence>;

const ModelMeasure = z.strictObject({
  id: Id,
  ref: text(),
  riskRef: text(),
  riskTitle: text(),
  residual: ScoreAndLevel.nullable(),
  ...measureFields,
});
export type ModelMeasure = z.infer<typeof ModelMeasure>;

export const ReportModel = z.strictObject({
  schema: z.literal(1),
  composedAt: Timestamp,
  case: z.strictObject({
    id: Id,
    caseNumber: text(),
    aeoType: AeoType,
    openedOn: IsoDate,
    dueOn: IsoDate.nullable(),
    leadValidator: text(),
    team: z.array(text()),
    currentStep: ValidationStep,
    /** `reason`: why the step was skipped, done with runs unfinished, or reopened; absent when none was given. */
    steps: z.array(z.strictObject({ step: ValidationStep, status: StepStatus, reason: text().optional() })),
  }),
  operator: z.strictObject({
    legalName: text(),
    identificationNumber: text(),
    roles: z.array(OperatorRole),
    address: text(),
    contactPerson: text(),
    phone: text(),
    email: text(),
  }),
  /** The application record (issue 13); absent when none was recorded. */
  application: ModelApplication.optional(),
  plan: z.strictObject({
    startsOn: IsoDate.nullable(),
    endsOn: IsoDate.nullable(),
    resources: text(),
    sites: z.array(
      z.strictObject({
        id: Id,
        name: text(),
        address: text(),
        kind: SiteKind,
        /** Dates of planned visits; the site counts as visited when a checklist was run there or a visit date has passed. */
        visitDates: z.array(IsoDate),
        visited: z.boolean(),
      }),
    ),
    interviews: z.array(
      z.strictObject({
        person: text(),
        role: text(),
        topics: z.array(text()),
        date: IsoDate.nullable(),
        held: z.boolean(),
      }),
    ),
    runs: z.array(
      z.strictObject({
        id: Id,
        templateId: text(),
        templateVersion: z.number().int(),
        title: LocalizedText,
        label: text(),
        siteName: text().nullable(),
        items: z.number().int(),
        answered: z.number().int(),
        nonCompliant: z.number().int(),
        partiallyCompliant: z.number().int(),
        startedAt: Timestamp,
        /** The sign-off; absent while the run is unfinished (older models never carry it). */
        finishedAt: Timestamp.optional(),
        finishedByName: text().optional(),
        /** The drawn signature (a PNG in the blob store), printed beside the sign-off. */
        signatureSha256: text().nullable().optional(),
      }),
    ),
  }),
  /** Null: the report prints the standard method. */
  method: text().nullable(),
  riskMatrix: RiskMatrix,
  criteria: z.array(ModelCriterion),
  /** Items answered non-compliant or partially compliant, for the compliance summary. */
  deviations: z.array(AnswerRef.extend({ criteria: z.array(WcoCriterion), note: text() })),
  mattersOfSignificance: text().nullable(),
  risks: z.array(ModelRisk),
  heatMap: z.strictObject({ inherent: HeatGrid, residual: HeatGrid }),
  findings: z.array(ModelFinding),
  recommendation: z.strictObject({ value: Recommendation.nullable(), reasoning: text().nullable() }),
  signatures: z.strictObject({ leadValidator: text(), validators: z.array(text()), teamLead: text().nullable() }),
  controlPlan: z.strictObject({
    authorizationDate: IsoDate.nullable(),
    maxMonitoringMonths: z.number().int(),
    reevaluationDue: IsoDate.nullable(),
    partialReevaluationAreas: z.array(text()),
    measures: z.array(ModelMeasure),
    unmonitoredRiskRefs: z.array(text()),
    schedule: z.array(ScheduleEntry.extend({ measureRef: text().nullable(), riskRef: text().nullable() })),
    /** The operator's account manager and their activities (issue 13); absent while none is assigned. */
    accountManager: ModelAccountManager.optional(),
  }),
  evidence: z.array(ModelEvidence),
  /** Present only in a version sealed despite open pre-seal items: the validator's reason and what was open. */
  sealOverride: SealOverride.optional(),
  /** The filled checklists for the annexes (issue 13); absent when no checklist was run, and in older models. */
  checklists: z.array(ModelChecklist).optional(),
  /** Steps 3 and 4: notes per business system reviewed, minutes per planned interview (absent in older models). */
  stepContent: z
    .strictObject({
      systems: z.array(z.strictObject({ system: text(), checked: text(), notes: text(), evidenceRefs: z.array(text()) })),
      minutes: z.array(
        z.strictObject({
          person: text(),
          role: text(),
          present: z.array(text()),
          topics: text(),
          answers: text(),
          followUps: text(),
        }),
      ),
    })
    .optional(),
  /** Present only in a merged team report: who recorded what, and the conflicts with their decisions. */
  teamMerge: TeamMergeModel.optional(),
  /** The official form: issuing authority, registration number, visits held, closing meeting, approvers. Absent in versions frozen before it. */
  official: ModelOfficial.optional(),
  audit: z.strictObject({
    ok: z.boolean(),
    rows: z.number().int(),
    headHash: text(),
    /** Audit rows about this case's records, and the first and last of them. */
    caseEntries: z.number().int(),
    firstAt: Timestamp.nullable(),
    lastAt: Timestamp.nullable(),
  }),
});
export type ReportModel = z.infer<typeof ReportModel>;

export const ReportVersionSummary = z.strictObject({
  ...CaseRowKey,
  version: z.number().int(),
  modelSha256: text(),
  createdBy: text(),
  createdByName: text(),
  createdAt: Timestamp,
  status: z.enum(reportVersionStatuses),
  supersedesId: Id.nullable(),
  sealedAt: Timestamp.nullable(),
});
export type ReportVersionSummary = z.infer<typeof ReportVersionSummary>;

export const PdfInput = z
  .strictObject({
    caseId: Id.optional(),
    versionId: Id.optional(),
    document: ReportDocument,
    /** Without it, the case's report language. */
    lang: ReportLanguage.optional(),
    taskId: token(64).optional(),
  })
  .refine((i) => (i.caseId === undefined) !== (i.versionId === undefined), {
    message: 'name either a case (prints its current state) or a report version',
    path: ['caseId'],
  });

export const PdfResult = z.strictObject({
  versionId: Id,
  version: z.number().int(),
  document: ReportDocument,
  lang: ReportLanguage,
  path: text(),
  size: z.number().int(),
  pages: z.number().int(),
  sha256: text(),
});
export type PdfResult = z.infer<typeof PdfResult>;

/** A PDF already printed by `reports:pdf`, named by version, document and language. */
export const PrintedPdf = z.strictObject({ versionId: Id, document: ReportDocument, lang: ReportLanguage });

export const reportsContract = {
  /** The report composed from the case as it is now, for the preview. Nothing is saved. */
  'reports:model': { input: ByCaseInput, output: ReportModel },
  /** Freezes the current model as the next draft version of the case's report. */
  'reports:createVersion': { input: ByCaseInput, output: ReportVersionSummary },
  'reports:listVersions': { input: ByCaseInput, output: z.array(ReportVersionSummary) },
  /** What is incomplete or inconsistent in the case now: sealing with any of it needs an override with a reason. */
  'reports:preSealCheck': { input: ByCaseInput, output: z.array(OpenItem) },
  'reports:getVersion': {
    input: ByIdInput,
    output: z.strictObject({ summary: ReportVersionSummary, model: ReportModel }),
  },
  /** Re-composes a draft version from the case's current data; a sealed version is `immutable`. */
  'reports:refreshDraft': { input: ByIdInput, output: ReportVersionSummary },
  /**
   * Prints one document in one language off the UI thread, reporting progress under `taskId`. With `caseId` it
   * prints the latest version when the case has not changed since, else freezes a new draft version first.
   * Writes <dataDir>/reports/<versionId>/<document>.<lang>.pdf.
   */
  'reports:pdf': { input: PdfInput, output: PdfResult },
  /**
   * Desktop only: asks where to save a printed PDF (the system's save dialog) and copies it there; answers the
   * chosen path, or null when the user cancelled. In the browser preview the page downloads
   * `GET /api/reports/<versionId>/<document>.<lang>.pdf` instead, and this answers `unavailable`.
   */
  'reports:saveAs': { input: PrintedPdf, output: z.strictObject({ path: text().nullable() }) },
  /** Desktop only: opens a printed PDF in the system's PDF viewer, for preview. */
  'reports:open': { input: PrintedPdf, output: z.strictObject({ opened: z.boolean() }) },
} as const;
