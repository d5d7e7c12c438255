import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validationSteps, type CaseDetail, type CaseSummary } from '../../src-main/contract/cases';
import type { AuditEntry, AuditVerification } from '../../src-main/contract/audit';
import type { Operator } from '../../src-main/contract/operators';
import { call, openAppWithUser, openTestApp, sampleCase, sampleOperator, type TestApp } from '../support/temp-store';

let app: TestApp;
beforeEach(async () => {
  app = await openAppWithUser();
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const auditRows = () => count('audit_log');

describe('users', () => {
  it('a new device has no current user, and changes are refused until someone is chosen', async () => {
    const fresh = openTestApp();
    try {
      expect(await call(fresh.dispatch, 'users:session', {})).toEqual({ currentUser: null, users: [] });
      const result = await fresh.dispatch('operators:create', sampleOperator);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(fresh.store.sqlite.prepare('SELECT count(*) FROM operators').pluck().get()).toBe(0);
    } finally {
      fresh.dispose();
    }
  });

  it('creating a user makes them current; switching changes who is recorded in the audit log', async () => {
    const lead = await call<{ id: string }>(app.dispatch, 'users:create', { name: 'Timur Lead', role: 'team_lead' });
    const session = await call<{ currentUser: { id: string } }>(app.dispatch, 'users:session', {});
    expect(session.currentUser.id).toBe(lead.id);
    await call(app.dispatch, 'operators:create', sampleOperator);
    const [latest] = await call<AuditEntry[]>(app.dispatch, 'audit:list', { limit: 1 });
    expect(latest?.actorName).toBe('Timur Lead');
  });
});

describe('operators', () => {
  it('creates, gets, lists with a filter and updates an operator', async () => {
    const created = await call<Operator>(app.dispatch, 'operators:create', sampleOperator);
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(created.createdAt).toMatch(/Z$/);
    expect(await call(app.dispatch, 'operators:get', { id: created.id })).toEqual(created);
    await call(app.dispatch, 'operators:create', {
      ...sampleOperator,
      legalName: 'Caspian Freight JSC',
      identificationNumber: 'KZ-2',
    });
    const filtered = await call<Operator[]>(app.dispatch, 'operators:list', { query: 'steppe' });
    expect(filtered.map((o) => o.legalName)).toEqual(['Steppe Logistics LLP']);

    const updated = await call<Operator>(app.dispatch, 'operators:update', {
      id: created.id,
      patch: { phone: '+7 727 000 0000', roles: ['exporter'] },
    });
    expect(updated.phone).toBe('+7 727 000 0000');
    expect(updated.roles).toEqual(['exporter']);
    // Fields the patch does not name keep their stored values.
    expect(updated.address).toBe(sampleOperator.address);
    expect(updated.email).toBe(sampleOperator.email);
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
  });

  it('a duplicate identification number is a conflict naming the field, and writes nothing', async () => {
    await call(app.dispatch, 'operators:create', sampleOperator);
    const audits = auditRows();
    const result = await app.dispatch('operators:create', { ...sampleOperator, legalName: 'Other' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', issues: [{ path: 'identificationNumber' }] },
    });
    expect(count('operators')).toBe(1);
    expect(auditRows()).toBe(audits);
  });

  it('an unknown id is not_found', async () => {
    const result = await app.dispatch('operators:get', { id: '01900000-0000-7000-8000-000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('bad input is refused with the failing paths, and writes no row', () => {
  const cases: [string, string, unknown, string[]][] = [
    ['missing field', 'operators:create', { ...sampleOperator, legalName: undefined }, ['legalName']],
    ['wrong type', 'operators:create', { ...sampleOperator, roles: 'importer' }, ['roles']],
    ['unknown key', 'operators:create', { ...sampleOperator, isAdmin: true }, ['(root)']],
    ['10,000-character name', 'operators:create', { ...sampleOperator, legalName: 'x'.repeat(10_000) }, ['legalName']],
    ['bad email and role', 'operators:create', { ...sampleOperator, email: 'nope', roles: ['pirate'] }, ['roles.0', 'email']],
    ['case with both operator kinds', 'cases:create', sampleCase({ operatorId: '01900000-0000-7000-8000-000000000000' }), ['operatorId']],
    ['case due before it opened', 'cases:create', sampleCase({ dueOn: '2026-01-01' }), ['dueOn']],
    ['case with a nested bad field', 'cases:create', sampleCase({ newOperator: { ...sampleOperator, legalName: '' } }), ['newOperator.legalName']],
    ['step that does not exist', 'cases:setStep', { id: '01900000-0000-7000-8000-000000000000', step: 'party', status: 'done' }, ['step']],
    ['not an object', 'cases:list', 'everything', ['(root)']],
  ];

  it.each(cases)('%s', async (_name, channel, input, paths) => {
    const before = { operators: count('operators'), cases: count('cases'), audit: auditRows() };
    const result = await app.dispatch(channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    const reported = (result.error.issues ?? []).map((i) => i.path);
    expect(reported).toEqual(expect.arrayContaining(paths));
    expect(result.error.message).toContain(paths[0]!);
    expect({ operators: count('operators'), cases: count('cases'), audit: auditRows() }).toEqual(before);
  });

  it('an unknown channel is not_found', async () => {
    expect(await app.dispatch('cases:drop', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('cases', () => {
  it('creates a case with a new operator, starting at planning with nine steps not started', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    expect(created.operator.legalName).toBe('Steppe Logistics LLP');
    expect(created.currentStep).toBe('planning');
    // The contract's list is the order (seed 000); nine of them, from planning to the control plan.
    expect(created.steps.map((s) => s.step)).toEqual([...validationSteps]);
    expect([validationSteps.length, validationSteps[0], validationSteps.at(-1)]).toEqual([9, 'planning', 'control_plan']);
    expect(created.steps.every((s) => s.status === 'not_started')).toBe(true);
    expect(await call(app.dispatch, 'cases:get', { id: created.id })).toEqual(created);
  });

  it('creates a case for an existing operator', async () => {
    const operator = await call<Operator>(app.dispatch, 'operators:create', sampleOperator);
    const { newOperator: _omit, ...draft } = sampleCase();
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', { ...draft, operatorId: operator.id });
    expect(created.operator.id).toBe(operator.id);
    expect(count('operators')).toBe(1);
  });

  it('refuses a case for an operator that does not exist, writing nothing', async () => {
    const { newOperator: _omit, ...draft } = sampleCase();
    const result = await app.dispatch('cases:create', { ...draft, operatorId: '01900000-0000-7000-8000-000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(count('cases')).toBe(0);
  });

  it('a duplicate case number is a conflict and the new operator is rolled back with it', async () => {
    await call(app.dispatch, 'cases:create', sampleCase());
    const result = await app.dispatch(
      'cases:create',
      sampleCase({ newOperator: { ...sampleOperator, identificationNumber: 'KZ-NEW' } }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'caseNumber' }] } });
    expect(count('operators')).toBe(1);
    expect(count('cases')).toBe(1);
  });

  it('lists cases with a text filter over case number, operator and lead validator', async () => {
    await call(app.dispatch, 'cases:create', sampleCase());
    await call(
      app.dispatch,
      'cases:create',
      sampleCase({
        caseNumber: 'AEO-2026-0002',
        leadValidator: 'Saule Kim',
        newOperator: { ...sampleOperator, legalName: 'Caspian Freight JSC', identificationNumber: 'KZ-2' },
      }),
    );
    const all = await call<CaseSummary[]>(app.dispatch, 'cases:list', {});
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ currentStep: 'planning', currentStepStatus: 'not_started', stepsDone: 0 });
    const byOperator = await call<CaseSummary[]>(app.dispatch, 'cases:list', { query: 'caspian' });
    expect(byOperator.map((c) => c.caseNumber)).toEqual(['AEO-2026-0002']);
    const byNumber = await call<CaseSummary[]>(app.dispatch, 'cases:list', { query: '0001' });
    expect(byNumber.map((c) => c.operatorName)).toEqual(['Steppe Logistics LLP']);
    expect(await call(app.dispatch, 'cases:list', { query: '%' })).toEqual([]);
  });

  it('updates fields, and refuses an edit based on a stale read', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    const updated = await call<CaseDetail>(app.dispatch, 'cases:update', {
      id: created.id,
      expectedUpdatedAt: created.updatedAt,
      patch: { notes: 'Warehouse B added to scope', team: ['Arman Team', 'Olga Team'] },
    });
    expect(updated.notes).toBe('Warehouse B added to scope');
    expect(updated.team).toEqual(['Arman Team', 'Olga Team']);
    const stale = await app.dispatch('cases:update', {
      id: created.id,
      expectedUpdatedAt: '2000-01-01T00:00:00.000Z',
      patch: { notes: 'lost update' },
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const dueBeforeOpen = await app.dispatch('cases:update', { id: created.id, patch: { dueOn: '2026-01-01' } });
    expect(dueBeforeOpen).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await call<CaseDetail>(app.dispatch, 'cases:get', { id: created.id })).notes).toBe(
      'Warehouse B added to scope',
    );
  });

  it('sets a step status and moves the current step when a step is started', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    await call(app.dispatch, 'cases:setStep', { id: created.id, step: 'planning', status: 'done' });
    const started = await call<CaseDetail>(app.dispatch, 'cases:setStep', {
      id: created.id,
      step: 'information_gathering',
      status: 'in_progress',
    });
    expect(started.currentStep).toBe('information_gathering');
    expect(started.steps[0]?.status).toBe('done');
    expect(started.steps[1]?.status).toBe('in_progress');
    const [summary] = await call<CaseSummary[]>(app.dispatch, 'cases:list', {});
    expect(summary).toMatchObject({ stepsDone: 1, currentStepStatus: 'in_progress' });
  });
});

describe('the audit log', () => {
  it('every change writes audit rows naming who, what, before and after', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    await call(app.dispatch, 'cases:update', { id: created.id, patch: { notes: 'n1' } });
    await call(app.dispatch, 'cases:setStep', { id: created.id, step: 'planning', status: 'in_progress' });
    await call(app.dispatch, 'operators:update', { id: created.operator.id, patch: { phone: '+1 555' } });

    const caseRows = await call<AuditEntry[]>(app.dispatch, 'audit:list', { entityId: created.id });
    expect(caseRows.map((r) => [r.action, r.field])).toEqual([
      ['update', 'steps.planning'],
      ['update', 'notes'],
      ['create', null],
    ]);
    expect(caseRows[1]).toMatchObject({ before: '', after: 'n1', actorName: 'Dana Validator', entity: 'case' });
    const operatorRows = await call<AuditEntry[]>(app.dispatch, 'audit:list', { entityId: created.operator.id });
    expect(operatorRows[0]).toMatchObject({ field: 'phone', before: '+7 727 123 4567', after: '+1 555' });
  });

  it('an update that changes nothing writes no audit row', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    const before = auditRows();
    await call(app.dispatch, 'cases:update', { id: created.id, patch: { notes: created.notes } });
    expect(auditRows()).toBe(before);
  });

  it('verify holds for an untouched chain and names the first row edited behind the app', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    await call(app.dispatch, 'cases:update', { id: created.id, patch: { notes: 'n1' } });
    await call(app.dispatch, 'cases:update', { id: created.id, patch: { notes: 'n2' } });
    const intact = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(intact).toMatchObject({ ok: true, firstBroken: null });
    expect(intact.rows).toBe(auditRows());

    const [target] = await call<AuditEntry[]>(app.dispatch, 'audit:list', { entityId: created.id, limit: 2 });
    const middle = (await call<AuditEntry[]>(app.dispatch, 'audit:list', { entityId: created.id }))[1]!;
    // Someone with a SQLite shell drops the guard and rewrites history.
    app.store.sqlite.exec('DROP TRIGGER audit_log_no_update');
    app.store.sqlite.prepare("UPDATE audit_log SET after = 'innocent' WHERE seq = ?").run(middle.seq);
    const broken = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ seq: middle.seq, id: middle.id });
    expect(broken.firstBroken?.reason).toMatch(/edited/);
    expect(target).toBeDefined();
  });

  it('verify detects a row removed from the middle of the chain', async () => {
    const created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
    await call(app.dispatch, 'cases:update', { id: created.id, patch: { notes: 'n1' } });
    await call(app.dispatch, 'cases:update', { id: created.id, patch: { notes: 'n2' } });
    const rows = await call<AuditEntry[]>(app.dispatch, 'audit:list', {});
    const victim = rows[1]!;
    app.store.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    app.store.sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(victim.seq);
    const broken = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken?.seq).toBe(rows[0]!.seq);
    expect(broken.firstBroken?.reason).toMatch(/removed/);
  });
});
