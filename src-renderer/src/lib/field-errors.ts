import type { z } from 'zod';
import type { FieldIssueCode } from '../../../src-main/contract/issue-codes';
import { issueCode, issueParams, type InputIssue } from '../../../src-main/contract/result';
import type en from '../i18n/en.json';

/**
 * A field-level message kept as an i18n key (plus values), not as text, so it follows a language switch.
 * Both client-side zod issues and the server's `issues[]` end up here.
 */
export type ValidationKey = keyof (typeof en)['validation'];
export type FieldError = { key: ValidationKey; values?: Record<string, string | number> };
export type FieldErrors = Record<string, FieldError>;

const choiceFields = new Set(['aeoType', 'operatorId']);

/** The contract's own issue codes (`src-main/contract/common.ts`), client-side or from the server. */
const ownCodes: Record<FieldIssueCode, ValidationKey> = {
  ill_formed_text: 'illFormedText',
  control_characters: 'controlCharacters',
  residual_pair: 'residualPair',
  operator_choice: 'chooseOperator',
  residual_above_inherent: 'residualAboveInherent',
  site_not_in_case: 'siteGone',
  risk_not_in_case: 'notRiskOfCase',
  deadline_before_opened: 'deadlineBeforeOpenedPlain',
  already_in_use: 'alreadyInUse',
  due_before_opened: 'dueBeforeOpened',
  end_before_start: 'endBeforeStart',
  invalid_date: 'date',
  invalid_time: 'time',
  invalid_choice: 'choose',
  container_length: 'containerLength',
  container_owner: 'containerOwner',
  container_category: 'containerCategory',
  container_serial: 'containerSerial',
  container_check_digit: 'containerCheckDigit',
  pattern_mismatch: 'patternMismatch',
  decision_before_report: 'decisionBeforeReport',
  certificate_required: 'certificateRequired',
  conditions_required: 'conditionsRequired',
  correction_reason_required: 'correctionReasonRequired',
  before_assignment: 'beforeAssignment',
  outcome_required: 'outcomeRequired',
  event_has_no_outcome: 'eventHasNoOutcome',
  measure_not_in_case: 'measureNotInCase',
  areas_required: 'areasRequired',
};

type IssueParams = InputIssue['params'];

const numberParam = (params: IssueParams, name: string): number | undefined => {
  const value = params?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

const numeric = new Set(['number', 'int', 'bigint']);
const listLike = new Set(['array', 'set']);

/** A value that is too big: a text by its length, a list by its entries, a number by its size (zod's `origin`). */
function tooBig(params: IssueParams): FieldError {
  const max = numberParam(params, 'maximum');
  if (max === undefined) return { key: 'tooLongPlain' };
  const origin = params?.origin;
  if (typeof origin === 'string' && listLike.has(origin)) return { key: 'tooMany', values: { max } };
  if (typeof origin === 'string' && numeric.has(origin)) return { key: 'atMost', values: { max } };
  return { key: 'tooLong', values: { max } };
}

/** Only strings and numbers reach the translated text (the core's params are flat values). */
function valuesOf(params: IssueParams): FieldError['values'] {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  }
  return Object.keys(values).length > 0 ? values : undefined;
}

function fromOwnCode(code: unknown, params?: IssueParams): FieldError | null {
  const key = typeof code === 'string' && Object.hasOwn(ownCodes, code) ? ownCodes[code as FieldIssueCode] : undefined;
  if (!key) return null;
  const values = valuesOf(params);
  return values ? { key, values } : { key };
}

/** Too small: an empty text is missing, a list needs entries, a number or a longer text names its minimum. */
function tooSmall(params: IssueParams): FieldError {
  const min = numberParam(params, 'minimum');
  const origin = params?.origin;
  if (typeof origin === 'string' && listLike.has(origin)) return min !== undefined && min > 1 ? { key: 'tooFew', values: { min } } : { key: 'chooseAtLeastOne' };
  if (typeof origin === 'string' && numeric.has(origin)) return min !== undefined ? { key: 'atLeast', values: { min } } : { key: 'invalid' };
  return min !== undefined && min > 1 ? { key: 'tooShort', values: { min } } : { key: 'required' };
}

/** A format zod names only generically (a pattern, a union of formats), read by the field it sits on. */
const byField = (field: string): FieldError => (field === 'email' ? { key: 'email' } : field === 'phone' ? { key: 'phone' } : { key: 'invalid' });

/**
 * An issue by its code and parameters alone (never by its English message), the same for zod's client-side
 * issues and the server's `issues[]`: ours first, then zod's, read with the field it sits on where zod's code is
 * generic (a bad format on `email` is a bad address).
 */
export function errorFromCode(code: string | undefined, field: string, params?: IssueParams): FieldError {
  const own = fromOwnCode(code, params);
  if (own) return own;
  switch (code) {
    case 'too_small':
      return tooSmall(params);
    case 'too_big':
      return tooBig(params);
    case 'invalid_type':
      return choiceFields.has(field) ? { key: 'choose' } : { key: 'required' };
    case 'invalid_value':
      return { key: 'choose' };
    case 'invalid_format':
      if (params?.format === 'email') return { key: 'email' };
      if (params?.format === 'date') return { key: 'date' };
      return byField(field);
    case 'invalid_union':
      return byField(field);
    default:
      return { key: 'invalid' };
  }
}

/** `team.2` → `team`, `newOperator.roles.0` → `newOperator.roles`: errors attach to the whole input. */
export function fieldOf(path: string): string {
  return path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
}

/**
 * A patch's issues come back at `patch.<field>` and link lists at `links.<list>`: the assessment forms show both
 * under the field of the same name.
 */
export function formField(path: string): string {
  return path.replace(/^patch\./, '').replace(/^links\./, '');
}

function lastSegment(path: string): string {
  return path.split('.').at(-1) ?? path;
}

/** A client-side zod issue, read exactly as the server would pass it on (`issuesFromZod`). */
export function errorFromZodIssue(issue: z.core.$ZodIssue): FieldError {
  return errorFromCode(issueCode(issue), lastSegment(fieldOf(issue.path.map(String).join('.'))), issueParams(issue));
}

/** First error per field wins; later ones for the same field would only repeat it. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path.map(String).join('.'));
    out[field] ??= errorFromZodIssue(issue);
  }
  return out;
}

/**
 * Maps the server's `issues[].path` onto form fields. `resolve` turns a path the form does not know
 * (e.g. a unique-index conflict on `identificationNumber`) into one it does, or null.
 */
export function fieldErrorsFromServer(issues: readonly InputIssue[], resolve: (field: string) => string | null) {
  const fields: FieldErrors = {};
  const unplaced: InputIssue[] = [];
  for (const issue of issues) {
    const field = resolve(fieldOf(issue.path));
    if (field) fields[field] ??= errorFromCode(issue.code, lastSegment(field), issue.params);
    else unplaced.push(issue);
  }
  return { fields, unplaced };
}

/** The first issue the contract named by a code of its own (a check digit, a format), as a message key; else null. */
export function ownIssueError(issues: readonly InputIssue[] | undefined): FieldError | null {
  for (const issue of issues ?? []) {
    const own = fromOwnCode(issue.code, issue.params);
    if (own) return own;
  }
  return null;
}
