import { z } from 'zod';
import { ByIdInput, EditTimes, guardedUpdate, Id, IsoDate, multilineText, optionalText, patchOf, SearchInput, shortText, text, Timestamp } from './common';
import { Operator, OperatorDraft } from './operators';

/** The nine validation steps, in order (seed 000). */
export const validationSteps = [
  'planning',
  'information_gathering',
  'business_systems',
  'initial_interview',
  'risk_assessment',
  'conduct_validation',
  'residual_risk',
  'reporting',
  'control_plan',
] as const;
export const ValidationStep = z.enum(validationSteps);
export type ValidationStep = z.infer<typeof ValidationStep>;

export const stepStatuses = ['not_started', 'in_progress', 'done', 'skipped'] as const;
export const StepStatus = z.enum(stepStatuses);
export type StepStatus = z.infer<typeof StepStatus>;

export const aeoTypes = ['security_safety', 'customs_simplifications', 'both'] as const;
export const AeoType = z.enum(aeoTypes);

export const caseStatuses = ['open', 'closed'] as const;

/** The languages a report prints in; a case names one as its report language (issue 13). */
export const reportLanguages = ['en', 'ru'] as const;
export const ReportLanguage = z.enum(reportLanguages);
export type ReportLanguage = z.infer<typeof ReportLanguage>;

/** Why a step was skipped, marked done with runs unfinished, or reopened (or a run reopened): required there. */
export const Reason = multilineText(2000).min(1);

export const StepState = z.strictObject({
  step: ValidationStep,
  status: StepStatus,
  /** The reason given with the latest status change ('' when none was needed or given). */
  reason: text(),
  updatedAt: Timestamp,
});

const caseFields = {
  caseNumber: shortText(40),
  aeoType: AeoType,
  leadValidator: shortText(120),
  team: z.array(shortText(120)).max(20).default([]),
  openedOn: IsoDate,
  dueOn: IsoDate.nullable().default(null),
  notes: optionalText(10_000),
  /**
   * The language the case's documents are written for: what `aeo report`/`aeo letter` and the app print by default,
   * and the language a risk opened from an answer takes its title in. Editable until a report version is sealed.
   */
  reportLanguage: ReportLanguage.default('en'),
};

const dueNotBeforeOpened = (c: { openedOn?: string; dueOn?: string | null }) =>
  !c.openedOn || !c.dueOn || c.dueOn >= c.openedOn;
const dueRule = { message: 'due date is before the opening date', path: ['dueOn'], params: { code: 'due_before_opened' } };

/** A new case names an existing operator or brings a new one, never both. */
export const CaseDraft = z
  .strictObject({
    ...caseFields,
    operatorId: Id.optional(),
    newOperator: OperatorDraft.optional(),
  })
  .refine((c) => (c.operatorId === undefined) !== (c.newOperator === undefined), {
    message: 'choose an existing operator or describe a new one',
    path: ['operatorId'],
    params: { code: 'operator_choice' },
  })
  .refine(dueNotBeforeOpened, dueRule);
export type CaseDraft = z.input<typeof CaseDraft>;

export const CaseSummary = z.strictObject({
  id: Id,
  caseNumber: text(),
  operatorId: Id,
  operatorName: text(),
  aeoType: AeoType,
  currentStep: ValidationStep,
  currentStepStatus: StepStatus,
  stepsDone: z.number().int(),
  leadValidator: text(),
  openedOn: IsoDate,
  dueOn: IsoDate.nullable(),
  updatedAt: Timestamp,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = z.strictObject({
  id: Id,
  ...caseFields,
  caseNumber: text(),
  leadValidator: text(),
  team: z.array(text()),
  operator: Operator,
  currentStep: ValidationStep,
  steps: z.array(StepState).length(validationSteps.length),
  /** A report version of the case is sealed: the report language no longer changes. */
  hasSealedReport: z.boolean(),
  ...EditTimes,
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseUpdate = guardedUpdate(patchOf(caseFields)).refine((u) => dueNotBeforeOpened(u.patch), { ...dueRule, path: ['patch', 'dueOn'] });

export const SetStepInput = z.strictObject({
  id: Id,
  step: ValidationStep,
  status: StepStatus,
  /** Move the case's current step here (default: true when the step is started). */
  makeCurrent: z.boolean().optional(),
  /**
   * Required to skip a step, to mark it done while checklist runs of the step are unfinished, and to reopen a
   * done or skipped step (issue code `reason_required`); stored, audit-logged and printed in the report.
   */
  reason: Reason.optional(),
});

export const casesContract = {
  'cases:create': { input: CaseDraft, output: CaseDetail },
  'cases:list': {
    input: SearchInput,
    output: z.array(CaseSummary),
  },
  'cases:get': { input: ByIdInput, output: CaseDetail },
  'cases:update': { input: CaseUpdate, output: CaseDetail },
  'cases:setStep': { input: SetStepInput, output: CaseDetail },
} as const;
