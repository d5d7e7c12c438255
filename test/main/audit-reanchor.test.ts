import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands, loadCommand } from '../../src-main/cli/commands';
import type { AuditEntry, AuditVerification } from '../../src-main/contract/audit';
import { newId, nowUtc } from '../../src-main/core/ids';
import { auditRowHash, verifyAuditChain } from '../../src-main/db/audit-chain';
import { call, openTestApp, sampleCase, sampleOperator, type TestApp } from '../support/temp-store';

let app: TestApp;
beforeEach(async () => {
  app = openTestApp();
  await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  await call(app.dispatch, 'operators:create', sampleOperator);
});
afterEach(() => app.dispose());

const auditRows = () => app.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
const snapshot = () => app.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all();

/**
 * What the app did before ill-formed strings were refused: it hashed the string it was given (a lone surrogate,
 * escaped by JSON.stringify) while SQLite stored a replacement character in its place.
 */
function insertRowLikeAnOldApp(after: string, link?: string): string {
  const head = link ?? app.store.sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;
  const row = {
    id: newId(),
    at: nowUtc(),
    actor_id: null,
    actor_name: 'Dana Validator',
    entity: 'answer',
    entity_id: newId(),
    action: 'update',
    field: 'note',
    before: null,
    after,
    prev_hash: head,
  };
  app.store.sqlite
    .prepare(
      `INSERT INTO audit_log (id, at, actor_id, actor_name, entity, entity_id, action, field, before, after, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @actor_name, @entity, @entity_id, @action, @field, @before, @after, @prev_hash, @hash)`,
    )
    .run({ ...row, hash: auditRowHash(row) });
  return row.id;
}

async function aeo(name: string, positionals: string[], values: Record<string, string>) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.join(' ')));
  try {
    const code = await (await loadCommand(commands[name]!)).run({ data: app.dataDir, ...values }, positionals);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('re-anchoring an audit chain broken by a row an older app wrote', () => {
  it('appends one audited re-anchor row, after which the chain holds and the broken row is kept as it was', async () => {
    const brokenId = insertRowLikeAnOldApp('\ud800');
    // The app keeps working on top of the stored head, as it did in the field.
    await call(app.dispatch, 'cases:create', sampleCase({ newOperator: { ...sampleOperator, identificationNumber: 'KZ-3' } }));

    const broken = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(broken).toMatchObject({ ok: false, firstBroken: { id: brokenId, reason: expect.stringMatching(/not valid UTF-8/) } });
    const status = await aeo('status', [], {});
    expect(status.code).toBe(1);
    expect(status.out).toMatch(/audit chain: BROKEN at row/);

    const before = snapshot();
    const noReason = await aeo('audit', ['reanchor'], { reason: '   ' });
    expect(noReason.code).toBe(2);
    expect(auditRows()).toBe(before.length);

    const reanchor = await aeo('audit', ['reanchor'], { reason: 'row written before lone surrogates were refused' });
    expect(reanchor.code).toBe(0);
    const storedHash = app.store.sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(brokenId) as string;
    expect(reanchor.out).toContain(`re-anchored row ${broken.firstBroken!.seq} (${brokenId}): stored ${storedHash}, recomputed `);

    // Only grew, by exactly one row; every earlier row is byte-for-byte what it was.
    const after = snapshot();
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, before.length)).toEqual(before);
    const [record] = await call<AuditEntry[]>(app.dispatch, 'audit:list', { limit: 1 });
    expect(record).toMatchObject({ entity: 'audit_log', entityId: brokenId, field: 'reanchor' });
    const facts = JSON.parse(record!.before!) as { storedHash: string; recomputedHash: string };
    expect(facts.storedHash).toBe(storedHash);
    expect(facts.recomputedHash).not.toBe(storedHash);
    expect(JSON.parse(record!.after!)).toMatchObject({ reason: 'row written before lone surrogates were refused' });

    const holding = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(holding).toMatchObject({
      ok: true,
      firstBroken: null,
      rows: after.length,
      reanchored: [{ id: brokenId, seq: broken.firstBroken!.seq, reanchorSeq: record!.seq }],
    });
    const statusAfter = await aeo('status', [], {});
    expect(statusAfter.code).toBe(0);
    expect(statusAfter.out).toMatch(/audit chain: intact/);
    expect(statusAfter.out).toMatch(new RegExp(`row ${broken.firstBroken!.seq} re-anchored by row ${record!.seq}`));

    // The app keeps appending on top, and the chain keeps holding.
    await call(app.dispatch, 'operators:create', { ...sampleOperator, identificationNumber: 'KZ-2' });
    expect(verifyAuditChain(app.store.sqlite)).toMatchObject({ ok: true });

    // A second run finds nothing to do and appends nothing.
    const rows = auditRows();
    const again = await aeo('audit', ['reanchor'], { reason: 'again' });
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/nothing to re-anchor/) });
    expect(auditRows()).toBe(rows);
  });

  it('a re-anchor covers only the rows it names: a later broken row breaks the chain again', async () => {
    insertRowLikeAnOldApp('half \udc00 emoji');
    expect((await aeo('audit', ['reanchor'], { reason: 'old row' })).code).toBe(0);
    const laterId = insertRowLikeAnOldApp('\ud83d');
    expect(verifyAuditChain(app.store.sqlite)).toMatchObject({ ok: false, firstBroken: { id: laterId } });
    expect((await aeo('audit', ['verify'], {})).code).toBe(1);
  });

  it('several broken rows, including a removed link, are all re-anchored in one go', async () => {
    insertRowLikeAnOldApp('\ud800');
    // Links to a row that is no longer there (well-formed text, so only the link is wrong).
    insertRowLikeAnOldApp('well-formed', 'f'.repeat(64));
    insertRowLikeAnOldApp('\udfff');
    const outcome = await aeo('audit', ['reanchor'], { reason: 'three old rows' });
    expect(outcome.code).toBe(0);
    expect(outcome.out.match(/re-anchored row \d+/g)).toHaveLength(3);
    const chain = verifyAuditChain(app.store.sqlite);
    expect(chain).toMatchObject({ ok: true, reanchored: [{}, { reason: expect.stringMatching(/previous-hash/) }, {}] });
  });

  it('an intact chain needs nothing and gets nothing appended', async () => {
    const rows = auditRows();
    expect(await aeo('audit', ['reanchor'], { reason: 'just in case' })).toMatchObject({ code: 0 });
    expect(auditRows()).toBe(rows);
    expect(await aeo('audit', ['verify'], {})).toMatchObject({ code: 0, out: expect.stringMatching(/intact/) });
  });
});
