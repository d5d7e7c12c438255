import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDetail, ImportResult } from '../../src-main/contract/bundles';
import type { MergeOutcome, TeamAssignment } from '../../src-main/contract/team';
import { blobPath } from '../../src-main/core/blob-store';
import { canonicalJson } from '../../src-main/core/canonical-json';
import { BundleError } from '../../src-main/core/bundle/errors';
import { sealToFile } from '../../src-main/core/bundle/seal';
import { MERGED_PREDICATE_TYPE, type MergedStatement, type SealedFile } from '../../src-main/core/bundle/statement';
import { verifyBundle } from '../../src-main/core/bundle/verify';
import { verifyTrustList } from '../../src-main/core/bundle/trust-list';
import { exportBundle } from '../../src-main/domains/bundles';
import { device, enrollmentOf, importTrust, signingKeyOf, trustFile, type Device } from '../support/bundle-devices';
import { fileSource } from '../support/local-files';
import { call, sampleCase, sampleOperator, tempDir } from '../support/temp-store';

/*
 * Team work offline, end to end on real stores (issue 12): the lead hands a case out to three validators, each
 * imports it, works and seals a field report; the lead imports them, sees the conflicts, resolves the hard ones
 * with reasons, seals the merged report; HQ verifies it with every signer.
 */

let hq: Device;
let lead: Device;
let dana: Device;
let arman: Device;
let gulnara: Device;
let outsider: Device;
let stick: string;
let trustBytes: Buffer;
let caseId: string;
let riskId: string;
let findingId: string;
let siteId: string;
let runId: string;
let keyOf: Record<string, string>;
const field: Record<string, BundleDetail> = {};
const THREAT = () => `risks/${riskId}/threat`;
const COMBINED = 'Seals not checked at the gate, and swapped at night';
/** Field reports of a case still in progress: the pre-seal check wants a reason. */
const OVERRIDE = 'Field report: my part only, the rest is the team’s.';
let mergedFile: string;
let otherReport: BundleDetail;
const hqTrust = async () => verifyTrustList(trustBytes, { anchors: [await keyIdOf(hq)] });

const unlocked = new Map<Device, ReturnType<typeof signingKeyOf>>();
/** Unwrapping a key runs scrypt: once per device is enough. */
const keysOf = (d: Device) => unlocked.get(d) ?? (unlocked.set(d, signingKeyOf(d)).get(d) as ReturnType<typeof signingKeyOf>);
const keyIdOf = async (d: Device) => (await keysOf(d)).keyId;
const onStick = async (d: Device, bundle: BundleDetail, name: string) => {
  const file = path.join(stick, `${name}.aeob`);
  await exportBundle(d.store, bundle.summary.bundleId, file, true);
  return file;
};
const importFile = (d: Device, file: string) => call<ImportResult>(d.dispatch, 'bundles:import', { source: fileSource(file) });
const answer = (d: Device, itemId: string, value: string) => call(d.dispatch, 'runs:answer', { runId, itemId, value });

beforeAll(async () => {
  [hq, lead, dana, arman, gulnara, outsider] = await Promise.all([
    device('Aliya HQ', 'team_lead'),
    device('Timur Lead', 'team_lead'),
    device('Dana Validator'),
    device('Arman Validator'),
    device('Gulnara Validator'),
    device('Eve Outsider'),
  ]);
  trustBytes = await trustFile(hq, [
    { enrollment: await enrollmentOf(hq), role: 'hq' },
    { enrollment: await enrollmentOf(lead), role: 'team_lead' },
    ...(await Promise.all([dana, arman, gulnara, outsider].map(async (d) => ({ enrollment: await enrollmentOf(d), role: 'validator' as const })))),
  ]);
  for (const d of [hq, lead, dana, arman, gulnara, outsider]) expect((await importTrust(d.dispatch, trustBytes)).outcome).toBe('installed');
  keyOf = { dana: await keyIdOf(dana), arman: await keyIdOf(arman), gulnara: await keyIdOf(gulnara), outsider: await keyIdOf(outsider) };
  stick = tempDir('aeo-team-stick-');

  // The lead plans the case: a site, a risk, a finding; and splits the work.
  caseId = (await call<{ id: string }>(lead.dispatch, 'cases:create', sampleCase())).id;
  siteId = (await call<{ id: string }>(lead.dispatch, 'plan:saveSite', { caseId, name: 'Main warehouse', address: 'Almaty', kind: 'warehouse' })).id;
  riskId = (await call<{ id: string }>(lead.dispatch, 'risks:create', { caseId, title: 'Unsealed containers', likelihood: 2, consequence: 3 })).id;
  findingId = (await call<{ id: string }>(lead.dispatch, 'findings:create', { caseId, description: 'Seal log not kept', requiredAction: 'Keep a seal log' })).id;
  const run = { templateId: 'ctpat-container-7pt', version: 4, siteId };
  const danaPart = await call<TeamAssignment>(lead.dispatch, 'team:assign', { caseId, keyId: keyOf.dana, sites: [siteId], runs: [run] });
  runId = danaPart.runs[0]?.runId as string;
  await call(lead.dispatch, 'team:assign', { caseId, keyId: keyOf.arman, runs: [run] });
  await call(lead.dispatch, 'team:assign', { caseId, keyId: keyOf.gulnara, criteria: ['C', 'D'] });
}, 180_000);
afterAll(() => {
  for (const d of [hq, lead, dana, arman, gulnara, outsider]) d?.dispose();
  rmSync(stick, { recursive: true, force: true });
});

describe('assignments and the handout', () => {
  it('the same run assigned to two validators is one run; each validator has his part', async () => {
    const list = await call<TeamAssignment[]>(lead.dispatch, 'team:assignments', { caseId });
    expect(list.map((a) => [a.name, a.runs.map((r) => r.runId), a.criteria]).sort()).toEqual(
      [
        ['Arman Validator', [runId], []],
        ['Dana Validator', [runId], []],
        ['Gulnara Validator', [], ['C', 'D']],
      ].sort(),
    );
    const refused = await lead.dispatch('team:assign', { caseId, keyId: 'f'.repeat(64), criteria: ['A'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ code: 'not_enrolled' }] } });
  });

  it('a validator imports the handout: the case appears with the lead’s ids and his assignments', async () => {
    const handout = await call<BundleDetail>(lead.dispatch, 'team:handout', { caseId });
    expect(handout.report.kind).toBe('handout');
    expect(handout.report.assignees.map((a) => a.name).sort()).toEqual(['Arman Validator', 'Dana Validator', 'Gulnara Validator']);
    const file = await onStick(lead, handout, 'handout-1');
    for (const d of [dana, arman, gulnara]) {
      expect((await importFile(d, file)).outcome).toBe('imported');
      expect(d.store.sqlite.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(caseId)).toBe(1);
      expect(d.store.sqlite.prepare('SELECT count(*) FROM checklist_runs WHERE id = ?').pluck().get(runId)).toBe(1);
      expect(d.store.sqlite.prepare('SELECT title FROM risks WHERE id = ?').pluck().get(riskId)).toBe('Unsealed containers');
    }
    const mine = await call<TeamAssignment[]>(dana.dispatch, 'team:assignments', { caseId });
    expect(mine.find((a) => a.keyId === keyOf.dana)?.sites).toEqual([siteId]);
    // The outsider was not assigned: the handout is not encrypted to him.
    expect(await importFile(outsider, file)).toMatchObject({ outcome: 'rejected', rejection: { code: 'not_recipient' } });
    // Importing it again changes nothing.
    expect((await importFile(dana, file)).outcome).toBe('already_imported');
  });

  it('a newer handout updates what the validator left alone and keeps what he changed', async () => {
    await call(dana.dispatch, 'risks:update', { id: riskId, patch: { title: 'Unsealed containers in the yard' } });
    await call(lead.dispatch, 'risks:update', { id: riskId, patch: { title: 'Lead retitled' } });
    await call(lead.dispatch, 'plan:saveSite', { caseId, id: siteId, name: 'Main warehouse', address: 'Almaty, Rayimbek 1', kind: 'warehouse' });
    const file = await onStick(lead, await call<BundleDetail>(lead.dispatch, 'team:handout', { caseId }), 'handout-2');
    for (const d of [dana, arman, gulnara]) expect((await importFile(d, file)).outcome).toBe('imported');
    expect(dana.store.sqlite.prepare('SELECT title FROM risks WHERE id = ?').pluck().get(riskId)).toBe('Unsealed containers in the yard');
    expect(dana.store.sqlite.prepare('SELECT address FROM sites WHERE id = ?').pluck().get(siteId)).toBe('Almaty, Rayimbek 1');
    expect(arman.store.sqlite.prepare('SELECT title FROM risks WHERE id = ?').pluck().get(riskId)).toBe('Lead retitled');
  });
});

describe('field reports and the merge', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    // Dana and Arman agree on the front wall, disagree on the left side, both photograph the same seal.
    const photo = path.join(stick, 'seal.jpg');
    writeFileSync(photo, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20_000)]));
    await answer(dana, 'front-wall', 'compliant');
    await answer(arman, 'front-wall', 'compliant');
    await answer(dana, 'left-side', 'compliant');
    await answer(arman, 'left-side', 'non_compliant');
    for (const d of [dana, arman]) await call(d.dispatch, 'evidence:attach', { caseId, runId, itemId: 'front-wall', source: fileSource(photo), caption: 'Seal' });
    // Gulnara rates the risk higher (Dana retitled it: different fields); Arman removes the finding Gulnara edits.
    await call(gulnara.dispatch, 'risks:update', { id: riskId, patch: { likelihood: 4, threat: 'Seals swapped at night' } });
    // Dana describes the threat otherwise: a hard conflict the lead settles by combining both.
    await call(dana.dispatch, 'risks:update', { id: riskId, patch: { threat: 'Seals not checked at the gate' } });
    await call(arman.dispatch, 'findings:remove', { id: findingId });
    await call(gulnara.dispatch, 'findings:update', { id: findingId, patch: { requiredAction: 'Keep a numbered seal log' } });
    for (const [name, d] of [['dana', dana], ['arman', arman], ['gulnara', gulnara]] as const) {
      field[name] = await call<BundleDetail>(d.dispatch, 'bundles:seal', { caseId, overrideReason: OVERRIDE });
      expect(field[name]?.report.handout?.bundleId).toBeTruthy();
      expect((await importFile(lead, await onStick(d, field[name] as BundleDetail, `field-${name}`))).outcome).toBe('imported');
    }
  }, 180_000);

  it('lists the conflicts: a hard one, a soft one, a deletion against an edit', async () => {
    const outcome = await call<MergeOutcome>(lead.dispatch, 'team:merge', { caseId });
    const kinds = outcome.conflicts.map((c) => [c.kind, c.table, c.field]);
    expect(kinds).toContainEqual(['hard', 'answers', 'value']);
    expect(kinds).toContainEqual(['soft', 'risks', null]);
    expect(kinds).toContainEqual(['delete_edit', 'findings', null]);
    const hard = outcome.conflicts.find((c) => c.kind === 'hard');
    expect(hard?.key).toBe(`${runId}/left-side`);
    expect(hard?.sides.map((s) => [s.name, JSON.parse(JSON.parse(s.valueJson))]).sort()).toEqual([
      ['Arman Validator', 'non_compliant'],
      ['Dana Validator', 'compliant'],
    ]);
    expect(kinds).toContainEqual(['hard', 'risks', 'threat']);
    expect(outcome.open.sort()).toEqual([hard?.id, `findings/${findingId}/#deleted`, THREAT()].sort());
    // Nothing sealed while a hard conflict is open: refused with a code, the case unchanged.
    const rows = lead.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const blocked = await lead.dispatch('team:merge', { caseId, seal: true, overrideReason: OVERRIDE });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(blocked.ok ? [] : blocked.error.issues).toEqual([
      expect.objectContaining({ code: 'conflicts_open', params: { count: 3 } }),
      ...outcome.open.map((id) => expect.objectContaining({ code: 'conflicts_open', message: id })),
    ]);
    expect(lead.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(rows);
  });

  it('seals the merged report once every hard conflict is resolved, and HQ verifies every signer', async () => {
    const first = await call<MergeOutcome>(lead.dispatch, 'team:merge', { caseId });
    // The threat is decided in the conflict queue, by combining both validators' words.
    await call(lead.dispatch, 'team:resolve', { caseId, conflictId: THREAT(), choice: 'combined', valueJson: JSON.stringify(COMBINED), reason: 'Both describe the same gap' });
    const resolutions = [
      { conflictId: first.open.find((id) => id.startsWith('answers/')), side: keyOf.arman, reason: 'Arman measured the wall twice' },
      { conflictId: `findings/${findingId}/#deleted`, side: keyOf.gulnara, reason: 'The finding stands' },
    ];
    const done = await call<MergeOutcome>(lead.dispatch, 'team:merge', { caseId, resolutions, seal: true, overrideReason: OVERRIDE });
    expect(done.open).toEqual([]);
    const merged = done.merged as BundleDetail;
    expect(merged.report.kind).toBe('merged');
    // The merge is written into the lead's case.
    expect(lead.store.sqlite.prepare('SELECT likelihood, threat FROM risks WHERE id = ?').get(riskId)).toEqual({ likelihood: 4, threat: COMBINED });
    expect(lead.store.sqlite.prepare("SELECT value FROM answers WHERE run_id = ? AND item_id = 'left-side'").pluck().get(runId)).toBe(JSON.stringify('non_compliant'));
    expect(lead.store.sqlite.prepare('SELECT count(*) FROM evidence WHERE case_id = ? AND removed_at IS NULL').pluck().get(caseId)).toBe(1);
    // The kept decision (1), and the three decisions the seal records next to its bundle.
    expect(lead.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity = 'merge_resolution'").pluck().get()).toBe(4);

    const file = await onStick(lead, merged, 'merged');
    mergedFile = file;
    const verified = await verifyBundle({ path: file, identities: [(await keysOf(hq)).ageIdentity], trustList: await hqTrust() });
    expect(verified.report.signer.name).toBe('Timur Lead');
    expect(verified.report.inputs.map((i) => i.signer.name).sort()).toEqual(['Arman Validator', 'Dana Validator', 'Gulnara Validator']);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  it('refuses a field report of another case', async () => {
    const other = (await call<{ id: string }>(dana.dispatch, 'cases:create', sampleCase({ caseNumber: 'AEO-OTHER-1', newOperator: { ...sampleOperator, identificationNumber: 'KZ-BIN-999' } }))).id;
    otherReport = await call<BundleDetail>(dana.dispatch, 'bundles:seal', { caseId: other, overrideReason: OVERRIDE });
    await importFile(lead, await onStick(dana, otherReport, 'other-case'));
    const refused = await lead.dispatch('team:merge', { caseId, bundleIds: [field.dana?.summary.bundleId, otherReport.summary.bundleId] });
    expect(refused).toMatchObject({ ok: false, error: { issues: [{ code: 'input_other_case' }] } });
  });
});

/* ---- A merged bundle is judged on what it carries ---- */

type Part = SealedFile & { bytes: Buffer };
type Parts = { predicate: MergedStatement['predicate']; files: Part[] };

async function partsOfMerged(): Promise<Parts> {
  const stage = tempDir('aeo-merged-parts-');
  try {
    const v = await verifyBundle({ path: mergedFile, identities: [(await keysOf(hq)).ageIdentity], trustList: await hqTrust(), stageDir: stage });
    const statement = v.statement as MergedStatement;
    return { predicate: statement.predicate, files: statement.predicate.files.map((f) => ({ ...f, bytes: readFileSync(v.staged.get(f.sha256) as string) })) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

let resealed = 0;
/** The lead's key signs whatever the parts say: only the content checks can refuse it. */
async function sealParts(parts: Parts): Promise<string> {
  const key = await keysOf(lead);
  const out = path.join(stick, `resealed-${++resealed}.aeob`);
  const { files: _files, audience: _audience, signer, ...predicate } = parts.predicate;
  await sealToFile({
    blobs: parts.files.map((f) => ({
      role: f.role,
      mediaType: f.mediaType,
      displayName: f.displayName,
      size: f.bytes.length,
      ...(f.evidenceId ? { evidenceId: f.evidenceId } : {}),
      open: () => Readable.from([f.bytes]),
    })),
    signer: { keyId: key.keyId, secretKey: key.secretKey, userId: signer.userId, name: signer.name },
    recipients: [hqRecipient],
    predicateType: MERGED_PREDICATE_TYPE,
    predicate,
    outPath: out,
  });
  return out;
}

async function refusal(file: string): Promise<string | null> {
  return verifyBundle({ path: file, identities: [(await keysOf(hq)).ageIdentity], trustList: await hqTrust() }).then(
    () => null,
    (error: unknown) => (error instanceof BundleError ? error.code : String(error)),
  );
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const withRole = (parts: Parts, role: SealedFile['role']) => parts.files.filter((f) => f.role === role);
let hqRecipient: string;

describe('a merged bundle is checked against its inputs', () => {
  beforeAll(async () => {
    hqRecipient = (await hqTrust()).members.find((m) => m.role === 'hq')?.ageRecipient as string;
  });

  it('resealed as it is, it holds', async () => {
    expect(await refusal(await sealParts(await partsOfMerged()))).toBeNull();
  });

  it('an input whose envelope was tampered with is refused (input_invalid)', async () => {
    const parts = await partsOfMerged();
    const victim = withRole(parts, 'input-envelope')[0] as Part;
    const envelope = JSON.parse(victim.bytes.toString('utf8')) as { signatures: { sig: string }[] };
    const sig = envelope.signatures[0] as { sig: string };
    sig.sig = (sig.sig.startsWith('A') ? 'B' : 'A') + sig.sig.slice(1);
    const bytes = Buffer.from(JSON.stringify(envelope));
    const listed = parts.predicate.inputs.find((i) => i.envelopeDigest === victim.sha256);
    if (listed) listed.envelopeDigest = sha(bytes);
    victim.bytes = bytes;
    expect(await refusal(await sealParts(parts))).toBe('input_invalid');
  });

  it('a listed input that is not carried is refused (input_missing)', async () => {
    const parts = await partsOfMerged();
    const gone = parts.predicate.inputs[0]?.envelopeDigest;
    const report = withRole(parts, 'input-report')[0]?.sha256;
    parts.files = parts.files.filter((f) => f.sha256 !== gone && f.sha256 !== report);
    expect(await refusal(await sealParts(parts))).toBe('input_missing');
  });

  it('an input listed twice is refused (input_duplicate)', async () => {
    const parts = await partsOfMerged();
    const first = parts.predicate.inputs[0] as MergedStatement['predicate']['inputs'][number];
    parts.predicate.inputs = [...parts.predicate.inputs, first];
    parts.files = [...parts.files, ...parts.files.filter((f) => f.sha256 === first.envelopeDigest), withRole(parts, 'input-report')[0] as Part];
    expect(await refusal(await sealParts(parts))).toBe('input_duplicate');
  });

  it('a field report of another case in place of an input is refused (input_other_case)', async () => {
    const parts = await partsOfMerged();
    const dana = parts.predicate.inputs.find((i) => i.signerKeyId === keyOf.dana) as MergedStatement['predicate']['inputs'][number];
    const root = path.join(lead.dataDir, 'blobs');
    const envelope = readFileSync(blobPath(root, otherReport.summary.envelopeDigest));
    const reportFile = otherReport.report.files.find((f) => f.role === 'report') as SealedFile;
    const carried = parts.files.find((f) => f.sha256 === dana.envelopeDigest) as Part;
    carried.bytes = envelope;
    carried.sha256 = otherReport.summary.envelopeDigest;
    withRole(parts, 'input-report').forEach((f) => {
      if (f.displayName.includes(dana.bundleId)) f.bytes = readFileSync(blobPath(root, reportFile.sha256));
    });
    Object.assign(dana, { bundleId: otherReport.summary.bundleId, envelopeDigest: otherReport.summary.envelopeDigest });
    expect(await refusal(await sealParts(parts))).toBe('input_other_case');
  });

  it('a merged report holding a value no input or resolution gives is refused (merge_mismatch)', async () => {
    const parts = await partsOfMerged();
    const report = withRole(parts, 'report')[0] as Part;
    const doc = JSON.parse(report.bytes.toString('utf8')) as { snapshot: { tables: { risks: { title: string }[] } } };
    (doc.snapshot.tables.risks[0] as { title: string }).title = 'A title nobody recorded';
    report.bytes = Buffer.from(JSON.stringify(doc));
    expect(await refusal(await sealParts(parts))).toBe('merge_mismatch');
  });

  it('a resolution the lead did not record cannot flip a value either (merge_mismatch)', async () => {
    const parts = await partsOfMerged();
    const report = withRole(parts, 'report')[0] as Part;
    const doc = JSON.parse(report.bytes.toString('utf8')) as { resolutions: unknown[] };
    doc.resolutions = [];
    report.bytes = Buffer.from(JSON.stringify(doc));
    expect(await refusal(await sealParts(parts))).toBe('merge_mismatch');
  });

  /* The lead combined both validators' words on the threat: that value is bound as tightly as a side's. */
  type Doc = {
    snapshot: { tables: { risks: { id: string; threat: string }[] } };
    resolutions: { conflictId: string; choice: { value?: unknown; side?: string }; kind?: string; valueSha256?: string }[];
    model: { risks: { id: string; threat: string }[]; teamMerge: { conflicts: { id: string; resolution: { value: string | null } | null }[] } };
  };
  /** Edits the carried merged report and reseals; `model` true keeps the statement's model hash in step, as a forger would. */
  async function forged(edit: (doc: Doc) => void, model = false): Promise<string | null> {
    const parts = await partsOfMerged();
    const report = withRole(parts, 'report')[0] as Part;
    const doc = JSON.parse(report.bytes.toString('utf8')) as Doc;
    edit(doc);
    report.bytes = Buffer.from(JSON.stringify(doc));
    if (model && parts.predicate.reportVersion) parts.predicate.reportVersion.modelSha256 = sha(Buffer.from(canonicalJson(doc.model)));
    return refusal(await sealParts(parts));
  }
  const threatRisk = (rows: { id: string; threat: string }[]) => rows.find((r) => r.id === riskId) as { threat: string };
  const combined = (doc: Doc) => doc.resolutions.find((r) => r.conflictId === THREAT()) as Doc['resolutions'][number];
  const ALTERED = 'Seals not checked at the gate';

  it('records the combined decision with its kind and the digest of its value', async () => {
    const doc = JSON.parse((withRole(await partsOfMerged(), 'report')[0] as Part).bytes.toString('utf8')) as Doc;
    expect(combined(doc)).toMatchObject({ choice: { value: COMBINED }, kind: 'combined', valueSha256: sha(Buffer.from(JSON.stringify(COMBINED))) });
    expect(doc.resolutions.map((r) => r.kind).sort()).toEqual(['combined', 'side', 'side']);
    expect(doc.resolutions.every((r) => /^[0-9a-f]{64}$/.test(r.valueSha256 ?? ''))).toBe(true);
    expect(threatRisk(doc.model.risks).threat).toBe(COMBINED);
  });

  it('a combined value altered in the merged rows after the resolution is refused (merge_mismatch)', async () => {
    expect(await forged((doc) => void (threatRisk(doc.snapshot.tables.risks).threat = ALTERED))).toBe('merge_mismatch');
  });

  it('a combined value altered in the rows and the resolution, its digest left, is refused (merge_mismatch)', async () => {
    const edit = (doc: Doc) => {
      threatRisk(doc.snapshot.tables.risks).threat = ALTERED;
      combined(doc).choice = { value: ALTERED };
    };
    expect(await forged(edit)).toBe('merge_mismatch');
  });

  it('a resolution that records no kind or no value digest is refused (merge_mismatch)', async () => {
    expect(await forged((doc) => void delete combined(doc).valueSha256)).toBe('merge_mismatch');
    expect(await forged((doc) => void delete doc.resolutions.find((r) => r.kind === 'side')?.kind)).toBe('merge_mismatch');
  });

  it('a side decision whose digest names another value is refused (merge_mismatch)', async () => {
    const edit = (doc: Doc) => void ((doc.resolutions.find((r) => r.kind === 'side') as Doc['resolutions'][number]).valueSha256 = sha(Buffer.from('"compliant"')));
    expect(await forged(edit)).toBe('merge_mismatch');
  });

  it('a printed model showing another combined value than the resolution is refused (merge_mismatch)', async () => {
    const edit = (doc: Doc) => {
      threatRisk(doc.model.risks).threat = ALTERED;
      const shown = doc.model.teamMerge.conflicts.find((c) => c.id === THREAT());
      if (shown?.resolution) shown.resolution.value = ALTERED;
    };
    // With the statement's model hash in step (a forger re-signing), and without it.
    expect(await forged(edit, true)).toBe('merge_mismatch');
    expect(await forged(edit)).toBe('merge_mismatch');
    expect(await forged((doc) => void (threatRisk(doc.model.risks).threat = ALTERED), true)).toBe('merge_mismatch');
  });
});
