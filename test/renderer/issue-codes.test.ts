import { describe, expect, it } from 'vitest';
import { CaseDraft } from '../../src-main/contract/cases';
import { VisitDraft } from '../../src-main/contract/plan';
import { issuesFromZod } from '../../src-main/contract/result';
import { MaxMonitoringMonths } from '../../src-main/contract/settings';
import { RiskCreate } from '../../src-main/contract/risks';
import { fieldErrorsFromServer, fieldErrorsFromZod, type FieldError } from '../../src-renderer/src/lib/field-errors';
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

/** A field's message as the page shows it, in either language (i18next's `{{name}}` interpolation). */
const shown = (error: FieldError | undefined, messages: typeof en) =>
  error && messages.validation[error.key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(error.values?.[name]));

describe('zod\'s limits travel as issue parameters', () => {
  it('a text, a list and a number over their limits say the limit in English and Russian, from the server as on the client', () => {
    const long = RiskCreate.safeParse({ caseId: id, title: 'x'.repeat(301), likelihood: 3, consequence: 3, links: { answerIds: Array(501).fill(id) } });
    const issues = issuesFromZod(long.error!);
    expect(issues.find((i) => i.path === 'title')).toMatchObject({ code: 'too_big', params: { origin: 'string', maximum: 300 } });
    expect(issues.find((i) => i.path === 'links.answerIds')).toMatchObject({ code: 'too_big', params: { origin: 'array', maximum: 500 } });
    const server = fieldErrorsFromServer(issues, same).fields;
    expect(server).toEqual(fieldErrorsFromZod(long.error!));
    expect(shown(server.title, en)).toBe('At most 300 characters');
    expect(shown(server.title, ru)).toBe('Не более 300 символов');
    expect(shown(server['links.answerIds'], en)).toBe('At most 500 entries');

    const months = issuesFromZod(MaxMonitoringMonths.safeParse(121).error!).map((i) => ({ ...i, path: 'maxMonitoringMonths' }));
    const monthsError = fieldErrorsFromServer(months, same).fields.maxMonitoringMonths;
    expect(shown(monthsError, en)).toBe('At most 120');
    expect(shown(monthsError, ru)).toBe('Не больше 120');
    const few = fieldErrorsFromServer([{ path: 'months', message: 'x', code: 'too_small', params: { origin: 'int', minimum: 1 } }], same);
    expect(shown(few.fields.months, en)).toBe('At least 1');
  });

  it('an issue without parameters keeps the plain message, and a time says its format by code, not by zod\'s English', () => {
    expect(fieldErrorsFromServer([{ path: 'notes', message: 'Too big: expected string to have <=10000 characters', code: 'too_big' }], same).fields.notes).toEqual({
      key: 'tooLongPlain',
    });
    const visit = VisitDraft.safeParse({ caseId: id, siteId: id, date: '2025-03-04', startTime: '25:00', endTime: null });
    expect(issuesFromZod(visit.error!).find((i) => i.path === 'startTime')?.code).toBe('invalid_time');
    expect(fieldErrorsFromZod(visit.error!).startTime).toEqual({ key: 'time' });
  });
});
