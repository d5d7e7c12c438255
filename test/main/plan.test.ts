import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Interview, Plan, Procedure, Site, Visit } from '../../src-main/contract/plan';
import { call, openAppWithCase, openForEachTest, openTestApp, sampleCase, sampleOperator, type TestApp } from '../support/temp-store';

let app: TestApp;
let caseId: string;
openForEachTest(openAppWithCase, (opened) => ({ app, caseId } = opened));

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const auditFor = (entityId: string) =>
  app.store.sqlite
    .prepare('SELECT actor_name, action, field, before, after FROM audit_log WHERE entity_id = ? ORDER BY seq')
    .all(entityId) as { actor_name: string; action: string; field: string | null; before: string | null; after: string | null }[];
const getPlan = () => call<Plan>(app.dispatch, 'plan:get', { caseId });
const saveSite = (fields: Record<string, unknown> = {}) =>
  call<Site>(app.dispatch, 'plan:saveSite', { caseId, name: 'Main warehouse', kind: 'warehouse', ...fields });
const missingId = '01900000-0000-7000-8000-000000000000';

describe('plan meta', () => {
  it('a new case has an empty plan with no time frame', async () => {
    expect(await getPlan()).toEqual({
      caseId,
      resources: '',
      startsOn: null,
      endsOn: null,
      notes: '',
      sites: [],
      visits: [],
      interviews: [],
      procedures: [],
    });
    expect(await app.dispatch('plan:get', { caseId: missingId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('updateMeta creates the plan row once, then audits each changed field', async () => {
    const meta = { resources: 'Two validators, one car', startsOn: '2026-11-10', endsOn: '2026-11-12', notes: '' };
    const plan = await call<Plan>(app.dispatch, 'plan:updateMeta', { caseId, meta });
    expect(plan).toMatchObject(meta);
    await call(app.dispatch, 'plan:updateMeta', { caseId, meta: { ...meta, endsOn: '2026-11-14', notes: 'Bring PPE' } });
    const row = app.store.sqlite.prepare('SELECT id FROM plans WHERE case_id = ?').get(caseId) as { id: string };
    expect(count('plans')).toBe(1);
    expect(auditFor(row.id).map((a) => [a.action, a.field, a.before, a.after])).toEqual([
      ['create', null, null, expect.stringContaining('Two validators')],
      ['update', 'endsOn', '2026-11-12', '2026-11-14'],
      ['update', 'notes', '', 'Bring PPE'],
    ]);
    expect(await getPlan()).toMatchObject({ endsOn: '2026-11-14', notes: 'Bring PPE' });
  });

  it('a time frame ending before it starts is invalid_input at meta.endsOn', async () => {
    const result = await app.dispatch('plan:updateMeta', {
      caseId,
      meta: { startsOn: '2026-11-10', endsOn: '2026-11-01' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'meta.endsOn' }] } });
    expect(count('plans')).toBe(0);
  });
});

describe('sites', () => {
  it('creates, updates with one audit row per changed field, and lists a site', async () => {
    const site = await saveSite({ address: '12 Dostyk Ave' });
    expect(site).toMatchObject({ caseId, name: 'Main warehouse', address: '12 Dostyk Ave', kind: 'warehouse' });
    const updated = await saveSite({ id: site.id, name: 'Warehouse A', kind: 'terminal', address: '12 Dostyk Ave' });
    expect(updated).toMatchObject({ id: site.id, name: 'Warehouse A', kind: 'terminal', createdAt: site.createdAt });
    expect(updated.updatedAt >= site.updatedAt).toBe(true);
    expect(auditFor(site.id).map((a) => [a.actor_name, a.action, a.field, a.before, a.after])).toEqual([
      ['Dana Validator', 'create', null, null, expect.stringContaining('"Main warehouse"')],
      ['Dana Validator', 'update', 'name', 'Main warehouse', 'Warehouse A'],
      ['Dana Validator', 'update', 'kind', 'warehouse', 'terminal'],
    ]);
    // Saving the same values again writes nothing.
    const audits = count('audit_log');
    await saveSite({ id: site.id, name: 'Warehouse A', kind: 'terminal', address: '12 Dostyk Ave' });
    expect(count('audit_log')).toBe(audits);
    expect((await getPlan()).sites).toEqual([updated]);
  });

  it('an update naming a site of another case, or an unknown one, is not_found', async () => {
    const other = await call<CaseDetail>(
      app.dispatch,
      'cases:create',
      sampleCase({ caseNumber: 'AEO-2026-0002', newOperator: { ...sampleOperator, identificationNumber: 'KZ-2' } }),
    );
    const site = await saveSite();
    expect(
      await app.dispatch('plan:saveSite', { caseId: other.id, id: site.id, name: 'Hijack', kind: 'yard' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.dispatch('plan:saveSite', { caseId, id: missingId, name: 'X', kind: 'yard' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await getPlan()).sites[0]?.name).toBe('Main warehouse');
  });

  it('removal is a tombstone: the row stays, audited as a delete, and leaves plan:get', async () => {
    const keep = await saveSite({ name: 'Office', kind: 'office' });
    const gone = await saveSite();
    const plan = await call<Plan>(app.dispatch, 'plan:removeSite', { caseId, id: gone.id });
    expect(plan.sites.map((s) => s.id)).toEqual([keep.id]);
    const row = app.store.sqlite.prepare('SELECT removed_at FROM sites WHERE id = ?').get(gone.id) as {
      removed_at: string | null;
    };
    expect(row.removed_at).toMatch(/Z$/);
    expect(auditFor(gone.id).at(-1)).toMatchObject({ action: 'delete', field: 'removedAt', after: row.removed_at });
    // A removed site can be neither removed again nor edited.
    expect(await app.dispatch('plan:removeSite', { caseId, id: gone.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await app.dispatch('plan:saveSite', { caseId, id: gone.id, name: 'Back', kind: 'yard' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a site with planned visits or procedures cannot be removed: a conflict naming what depends on it', async () => {
    const site = await saveSite();
    const visit = await call<Visit>(app.dispatch, 'plan:saveVisit', { caseId, siteId: site.id, date: '2026-11-10' });
    const procedure = await call<Procedure>(app.dispatch, 'plan:saveProcedure', {
      caseId,
      siteId: site.id,
      templateId: 'physical-security',
    });
    const audits = count('audit_log');
    const refused = await app.dispatch('plan:removeSite', { caseId, id: site.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!refused.ok) expect(refused.error.message).toContain('1 planned visit and 1 procedure');
    expect(count('audit_log')).toBe(audits);
    expect((await getPlan()).sites).toHaveLength(1);

    await call(app.dispatch, 'plan:removeVisit', { caseId, id: visit.id });
    await call(app.dispatch, 'plan:removeProcedure', { caseId, id: procedure.id });
    expect((await call<Plan>(app.dispatch, 'plan:removeSite', { caseId, id: site.id })).sites).toEqual([]);
  });

  it('a site where a checklist was run cannot be removed', async () => {
    const site = await saveSite();
    await call(app.dispatch, 'runs:create', { caseId, siteId: site.id, templateId: 'physical-security' });
    const refused = await app.dispatch('plan:removeSite', { caseId, id: site.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!refused.ok) expect(refused.error.message).toContain('1 checklist run');
  });
});

describe('visits', () => {
  it('saves a visit with its time window and validators, and updates it', async () => {
    const site = await saveSite();
    const visit = await call<Visit>(app.dispatch, 'plan:saveVisit', {
      caseId,
      siteId: site.id,
      date: '2026-11-10',
      startTime: '09:00',
      endTime: '13:30',
      validators: ['Dana Validator', 'Arman Team'],
    });
    expect(visit).toMatchObject({ siteId: site.id, startTime: '09:00', endTime: '13:30', notes: '' });
    const moved = await call<Visit>(app.dispatch, 'plan:saveVisit', {
      caseId,
      id: visit.id,
      siteId: site.id,
      date: '2026-11-11',
      startTime: '09:00',
      endTime: '13:30',
      validators: ['Dana Validator'],
    });
    expect(moved.date).toBe('2026-11-11');
    expect(auditFor(visit.id).map((a) => a.field)).toEqual([null, 'date', 'validators']);
    expect((await getPlan()).visits).toEqual([moved]);
  });

  it('a visit ending before it starts is invalid_input at endTime, and writes nothing', async () => {
    const site = await saveSite();
    const audits = count('audit_log');
    const result = await app.dispatch('plan:saveVisit', {
      caseId,
      siteId: site.id,
      date: '2026-11-10',
      startTime: '14:00',
      endTime: '09:00',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'endTime' }] } });
    expect(count('visits')).toBe(0);
    expect(count('audit_log')).toBe(audits);
  });

  it('a visit must be at a live site of the same case', async () => {
    const site = await saveSite();
    await call(app.dispatch, 'plan:removeSite', { caseId, id: site.id });
    for (const siteId of [site.id, missingId]) {
      const result = await app.dispatch('plan:saveVisit', { caseId, siteId, date: '2026-11-10' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found', issues: [{ path: 'siteId' }] } });
    }
    expect(count('visits')).toBe(0);
  });

  it('visits are listed by date and start time; removed ones are left out', async () => {
    const site = await saveSite();
    const save = (date: string, startTime: string | null) =>
      call<Visit>(app.dispatch, 'plan:saveVisit', { caseId, siteId: site.id, date, startTime });
    const late = await save('2026-11-12', '10:00');
    const early = await save('2026-11-11', '14:00');
    const earlier = await save('2026-11-11', '08:00');
    const removed = await save('2026-11-01', null);
    await call(app.dispatch, 'plan:removeVisit', { caseId, id: removed.id });
    expect((await getPlan()).visits.map((v) => v.id)).toEqual([earlier.id, early.id, late.id]);
  });
});

describe('interviews', () => {
  it('plans an interview, then records it as held with notes', async () => {
    const planned = await call<Interview>(app.dispatch, 'plan:saveInterview', {
      caseId,
      person: 'Aigerim Sadykova',
      role: 'Compliance officer',
      topics: ['seal control', 'personnel security'],
      date: '2026-11-10',
    });
    expect(planned).toMatchObject({ held: false, notes: '', topics: ['seal control', 'personnel security'] });
    const held = await call<Interview>(app.dispatch, 'plan:saveInterview', {
      caseId,
      id: planned.id,
      person: 'Aigerim Sadykova',
      role: 'Compliance officer',
      topics: ['seal control', 'personnel security'],
      date: '2026-11-10',
      held: true,
      notes: 'Seal log kept on paper.',
    });
    expect(held).toMatchObject({ held: true, notes: 'Seal log kept on paper.' });
    expect(auditFor(planned.id).map((a) => [a.field, a.before, a.after])).toEqual([
      [null, null, expect.any(String)],
      ['held', 'false', 'true'],
      ['notes', '', 'Seal log kept on paper.'],
    ]);
    await call(app.dispatch, 'plan:removeInterview', { caseId, id: planned.id });
    expect((await getPlan()).interviews).toEqual([]);
    expect(count('interviews')).toBe(1);
  });
});

describe('procedures', () => {
  const addProcedure = (templateId: string, siteId: string | null = null) =>
    call<Procedure>(app.dispatch, 'plan:saveProcedure', { caseId, siteId, templateId });

  it('are appended at the end, case-wide or per site, and refuse an unknown template', async () => {
    const site = await saveSite();
    const first = await addProcedure('validator-questions');
    const second = await addProcedure('physical-security', site.id);
    const third = await addProcedure('ctpat-container-7pt', site.id);
    expect([first, second, third].map((p) => [p.position, p.siteId])).toEqual([
      [0, null],
      [1, site.id],
      [2, site.id],
    ]);
    const unknown = await app.dispatch('plan:saveProcedure', { caseId, templateId: 'no-such-checklist' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', issues: [{ path: 'templateId' }] } });
    expect(count('procedures')).toBe(3);
  });

  it('reorders to exactly the given order, auditing each moved position', async () => {
    const a = await addProcedure('validator-questions');
    const b = await addProcedure('physical-security');
    const c = await addProcedure('information-security');
    const removed = await addProcedure('eu-saq');
    await call(app.dispatch, 'plan:removeProcedure', { caseId, id: removed.id });
    const plan = await call<Plan>(app.dispatch, 'plan:reorderProcedures', { caseId, order: [c.id, a.id, b.id] });
    expect(plan.procedures.map((p) => [p.id, p.position])).toEqual([
      [c.id, 0],
      [a.id, 1],
      [b.id, 2],
    ]);
    expect(auditFor(c.id).at(-1)).toMatchObject({ action: 'update', field: 'position', before: '2', after: '0' });
    // A new procedure goes after the reordered ones.
    expect((await addProcedure('eu-saq')).position).toBe(3);
  });

  it('an order that is not exactly the live procedures is invalid_input at order', async () => {
    const a = await addProcedure('validator-questions');
    const b = await addProcedure('physical-security');
    const removed = await addProcedure('eu-saq');
    await call(app.dispatch, 'plan:removeProcedure', { caseId, id: removed.id });
    const audits = count('audit_log');
    for (const order of [[a.id], [a.id, b.id, removed.id], [a.id, a.id], [b.id, a.id, missingId]]) {
      const result = await app.dispatch('plan:reorderProcedures', { caseId, order });
      expect(result, JSON.stringify(order)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', issues: [{ path: 'order' }] },
      });
    }
    expect(count('audit_log')).toBe(audits);
    expect((await getPlan()).procedures.map((p) => p.id)).toEqual([a.id, b.id]);
  });
});

describe('plan changes need a current user', () => {
  it('without one, saving is refused', async () => {
    const fresh = openTestApp();
    try {
      const result = await fresh.dispatch('plan:saveSite', { caseId: missingId, name: 'X', kind: 'yard' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      fresh.dispose();
    }
  });
});
