import { CaseDraft, type ReportLanguage } from '../../../src-main/contract/cases';
import { fieldErrorsFromZod, type FieldErrors } from './field-errors';
import { todayIso } from './format';

export type OperatorMode = 'existing' | 'new';

export type CaseFormState = {
  caseNumber: string;
  aeoType: string | null;
  leadValidator: string;
  team: string[];
  openedOn: string;
  dueOn: string;
  notes: string;
  reportLanguage: ReportLanguage;
  operatorMode: OperatorMode;
  operatorId: string | null;
  legalName: string;
  identificationNumber: string;
  roles: string[];
  address: string;
  contactPerson: string;
  phone: string;
  email: string;
};

/** A new case's report language starts as the interface language: the one the validator works in. */
export function emptyCaseForm(leadValidator = '', reportLanguage: ReportLanguage = 'en'): CaseFormState {
  return {
    caseNumber: '',
    aeoType: null,
    leadValidator,
    team: [],
    openedOn: todayIso(),
    dueOn: '',
    notes: '',
    reportLanguage,
    operatorMode: 'new',
    operatorId: null,
    legalName: '',
    identificationNumber: '',
    roles: [],
    address: '',
    contactPerson: '',
    phone: '',
    email: '',
  };
}

/** The form's field names, as the contract's paths, so client and server errors land in the same place. */
export const caseFields = ['caseNumber', 'aeoType', 'leadValidator', 'team', 'openedOn', 'dueOn', 'notes', 'reportLanguage', 'operatorId'];
export const operatorFields = ['legalName', 'identificationNumber', 'roles', 'address', 'contactPerson', 'phone', 'email'];
export const formFieldPaths = new Set([...caseFields, ...operatorFields.map((f) => `newOperator.${f}`)]);

/** What the form sends: exactly one of `operatorId` / `newOperator`, as the contract requires. */
export function draftFromForm(form: CaseFormState): Record<string, unknown> {
  const base = {
    caseNumber: form.caseNumber,
    aeoType: form.aeoType ?? undefined,
    leadValidator: form.leadValidator,
    team: form.team,
    openedOn: form.openedOn,
    dueOn: form.dueOn === '' ? null : form.dueOn,
    notes: form.notes,
    reportLanguage: form.reportLanguage,
  };
  if (form.operatorMode === 'existing') return { ...base, operatorId: form.operatorId ?? undefined };
  return {
    ...base,
    newOperator: {
      legalName: form.legalName,
      identificationNumber: form.identificationNumber,
      roles: form.roles,
      address: form.address,
      contactPerson: form.contactPerson,
      phone: form.phone,
      email: form.email,
    },
  };
}

/**
 * Validates with the contract's own CaseDraft schema. Zod runs object-level refinements only once the fields
 * parse, so the two cross-field rules are also checked here directly, to show every message in one pass.
 */
export function validateCaseForm(
  form: CaseFormState,
): { ok: true; draft: CaseDraft } | { ok: false; errors: FieldErrors } {
  const draft = draftFromForm(form);
  const parsed = CaseDraft.safeParse(draft);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  if (form.operatorMode === 'existing' && !form.operatorId) errors.operatorId ??= { key: 'chooseOperator' };
  if (form.dueOn && form.openedOn && form.dueOn < form.openedOn) errors.dueOn ??= { key: 'dueBeforeOpened' };
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, draft: draft as CaseDraft };
  return { ok: false, errors };
}

/** Server paths the form does not show directly: a conflict on the operator's unique number, for one. */
export function resolveServerPath(mode: OperatorMode) {
  return (field: string): string | null => {
    if (formFieldPaths.has(field)) return field;
    if (mode === 'new' && formFieldPaths.has(`newOperator.${field}`)) return `newOperator.${field}`;
    if (field === 'newOperator' || field === '(root)') return mode === 'existing' ? 'operatorId' : null;
    return null;
  };
}
