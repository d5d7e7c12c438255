import { describe, expect, it } from 'vitest';
import { CaseDraft } from '../../src-main/contract/cases';
import { VisitDraft } from '../../src-main/contract/plan';
import { issuesFromZod } from '../../src-main/contract/result';
import { RiskCreate } from '../../src-main/contract/risks';
import { fieldErrorsFromServer, fieldErrorsFromZod } from '../../src-renderer/src/lib/field-errors';
import en from '../../src-renderer/src/i18n/en.json';
import ru from '../../src-renderer/src/i18n/ru.json';
import { sampleCase } from '../support/temp-store';

const id = '01JD0000000000000000000000';
const same = (field: string) => field;

describe('the contract\'s refinements carry codes the page maps to text', () => {
  it('a due date before the opening date and a visit ending before it starts have codes, client- and server-side', () => {
    const due = CaseDraft.safeParse(sampleCase({ openedOn: '2025-03-03', dueOn: '2025-03-01' }));
    expect(fieldErrorsFromZod(due.error!).dueOn).toEqual({ key: 'dueBeforeOpened' });
    expect(issuesFromZod(due.error!).find((i) => i.path === 'dueOn')?.code).toBe('due_before_opened');

    const visit = VisitDraft.safeParse({ caseId: id, siteId: id, date: '2025-03-04', startTime: '10:00', endTime: '09:00' });
    const issues = issuesFromZod(visit.error!);
    expect(issues.find((i) => i.path === 'endTime')?.code).toBe('end_before_start');
    expect(fieldErrorsFromServer(issues, same).fields.endTime).toEqual({ key: 'endBeforeStart' });
  });

  it('residual ratings set apart are `residual_pair`, shown as the pair message', () => {
    const parsed = RiskCreate.safeParse({ caseId: id, title: 'Seals', likelihood: 3, consequence: 3, residualLikelihood: 2, residualConsequence: null });
    expect(issuesFromZod(parsed.error!)).toContainEqual(expect.objectContaining({ path: 'residualConsequence', code: 'residual_pair' }));
    expect(fieldErrorsFromZod(parsed.error!).residualConsequence).toEqual({ key: 'residualPair' });
  });

  it('server issues map by code; an English message without a code is never parsed', () => {
    const { fields } = fieldErrorsFromServer(
      [
        { path: 'identificationNumber', message: 'x', code: 'already_in_use' },
        { path: 'siteId', message: 'x', code: 'site_not_in_case' },
        { path: 'riskId', message: 'x', code: 'risk_not_in_case' },
        { path: 'deadline', message: 'x', code: 'deadline_before_opened' },
        { path: 'operatorId', message: 'x', code: 'operator_choice' },
        { path: 'title', message: 'x', code: 'too_small' },
        { path: 'notes', message: 'x', code: 'too_big' },
        { path: 'email', message: 'x', code: 'invalid_format' },
        { path: 'aeoType', message: 'x', code: 'invalid_value' },
        { path: 'owner', message: 'already in use' },
      ],
      same,
    );
    expect(fields).toEqual({
      identificationNumber: { key: 'alreadyInUse' },
      siteId: { key: 'siteGone' },
      riskId: { key: 'notRiskOfCase' },
      deadline: { key: 'deadlineBeforeOpenedPlain' },
      operatorId: { key: 'chooseOperator' },
      title: { key: 'required' },
      notes: { key: 'tooLongPlain' },
      email: { key: 'email' },
      aeoType: { key: 'choose' },
      owner: { key: 'invalid' },
    });
    for (const error of Object.values(fields)) {
      expect(en.validation[error.key]).toBeTruthy();
      expect(ru.validation[error.key]).toBeTruthy();
    }
  });
});
