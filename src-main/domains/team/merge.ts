import { and, eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Contract } from '../../contract';
import { AppError, refusal } from '../../contract/result';
import type { MergeOutcome } from '../../contract/team';
import { blobPath } from '../../core/blob-store';
import { MERGED_PREDICATE_TYPE } from '../../core/bundle/statement';
import {
  applyResolutions,
  FieldReportDocument,
  MERGED_REPORT_TYPE,
  mergeSnapshots,
  readDocument,
  ResolutionError,
  type MergeResult,
  type Resolution,
  type Resolved,
} from '../../core/merge';
import { appendAudit, verifyAuditChain } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { bundles } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { progressOf, reportOf, type BundleRow } from '../bundles/layout';
import { jsonBlob, preSealGate } from '../bundles/seal';
import { evidenceBlobs, versionPdfs } from '../bundles/seal-contents';
import { prepareSigner, sealAndRecord } from '../bundles/seal-record';
import { blobRoot } from '../evidence';
import { requireKey, unlockKeys } from '../keys';
import { requireCase } from '../case-rows';
import { latestUnlessChanged, markVersionSealed } from '../reports';
import { handoutContents } from './handout';
import { describeConflicts, summaryOf, type SideInfo } from './conflict-view';
import { mergedReportModel, subjectsFor } from './merge-report';
import { applicable, asResolution, keptResolutions, type KeptResolution } from './resolutions';
import { applySnapshot } from './snapshot-store';
import { caseReportLanguage } from '../cases';

/*
 * The lead's merge (issue 12): the imported field reports of a case (each fully verified when it was imported), the
 * latest per validator, against the handout they all started from. Refused with a code when a report is of another
 * case, started from another handout, or is signed by a key the handout did not assign. With `seal` and nothing
 * left open, the merged rows are written into the case (audited), a report version is frozen and the merged bundle
 * is sealed: the handout and every input's envelope and report travel in it unchanged, so anyone holding the trust
 * list can redo this merge and check it (core/bundle/merged-check.ts).
 */

type MergeInput = z.output<Contract['team:merge']['input']>;
type Input = { row: BundleRow; envelope: Buffer; report: Buffer; reportSha: string; snapshot: NonNullable<ReturnType<typeof readFieldReport>> };

const refuse = (code: string, message: string): never => {
  throw new AppError('invalid_input', message, [{ path: 'bundleIds', message, code }]);
};

/** The merge as it stands: inputs, the handout, the bare merge, and it with the kept and given decisions applied. */
export type Prepared = {
  ref: { bundleId: string; envelopeDigest: string };
  handout: Awaited<ReturnType<typeof handoutContents>>;
  inputs: Input[];
  sides: SideInfo[];
  bare: MergeResult;
  resolved: Resolved;
  kept: KeptResolution[];
  stale: string[];
};

export async function prepareMerge(ctx: HandlerContext, caseId: string, bundleIds: readonly string[] | undefined, given: readonly Resolution[]): Promise<Prepared> {
  const actor = requireActor(ctx);
  const store = ctx.store;
  requireCase(store, caseId);
  const rows = fieldReports(store, caseId, bundleIds);
  if (rows.length === 0) throw refusal('conflict', 'no_field_reports', 'No field report of this case has been imported yet.');
  const ref = reportOf(rows[0] as BundleRow).handout;
  if (!ref) return refuse('input_other_case', 'These field reports did not start from a handout.');
  for (const row of rows) {
    if (reportOf(row).handout?.envelopeDigest !== ref.envelopeDigest) refuse('input_other_case', `The field report of ${row.signerName} started from another handout.`);
  }
  const handoutRow = store.db.select().from(bundles).where(eq(bundles.bundleId, ref.bundleId)).get();
  if (!handoutRow || handoutRow.envelopeDigest !== ref.envelopeDigest) throw new AppError('not_found', 'The handout these field reports started from is not on this laptop.');
  const keys = await unlockKeys(ctx, requireKey(ctx, actor));
  const handout = await handoutContents(store, keys, handoutRow);
  const assigned = new Set(handout.statement.predicateType === 'https://aeo-validator.example/handout/v1' ? handout.statement.predicate.assignments.map((a) => a.keyId) : []);

  const inputs: Input[] = [];
  for (const row of rows) {
    if (!assigned.has(row.signerKeyId)) refuse('input_not_assigned', `${row.signerName} signed a field report but the handout did not assign him.`);
    const reportFile = reportOf(row).files.find((f) => f.role === 'report');
    const bytes = reportFile ? await readFile(blobPath(blobRoot(store), reportFile.sha256)) : Buffer.alloc(0);
    const snapshot = readFieldReport(bytes);
    if (!snapshot || !reportFile) return refuse('input_missing', `The field report of ${row.signerName} carries no case snapshot.`);
    inputs.push({ row, envelope: await readFile(blobPath(blobRoot(store), row.envelopeDigest)), report: bytes, reportSha: reportFile.sha256, snapshot });
  }
  inputs.sort((a, b) => (a.row.signerKeyId < b.row.signerKeyId ? -1 : 1));
  const sides: SideInfo[] = inputs.map((i) => ({ side: i.row.signerKeyId, name: i.row.signerName, bundleId: i.row.bundleId, snapshot: i.snapshot }));

  try {
    const bare = mergeSnapshots(handout.doc.snapshot, sides.map((s) => ({ id: s.side, snapshot: s.snapshot })));
    // Kept decisions that still fit their conflict, then the ones given with the request in their place.
    const kept = keptResolutions(store, caseId);
    const { usable, stale } = applicable(kept, bare.conflicts);
    const givenIds = new Set(given.map((r) => r.conflictId));
    const decisions = [...usable.filter((k) => !givenIds.has(k.conflictId)).map(asResolution), ...given];
    const resolved = applyResolutions(bare, decisions);
    return { ref, handout, inputs, sides, bare, resolved, kept: usable, stale: stale.filter((id) => !givenIds.has(id)) };
  } catch (error) {
    if (error instanceof ResolutionError) throw new AppError('invalid_input', error.message, [{ path: 'resolutions', message: error.message, code: error.code }]);
    throw error;
  }
}

export function outcomeOf(store: Store, caseId: string, p: Prepared): MergeOutcome {
  return {
    caseId,
    sides: p.sides.map((s) => ({ side: s.side, name: s.name, bundleId: s.bundleId })),
    conflicts: describeConflicts(p.resolved, p.sides, p.kept, subjectsFor(store, caseId, p)),
    open: p.resolved.open.map((c) => c.id),
    stale: p.stale,
    summary: summaryOf(p.resolved),
    merged: null,
  };
}

export async function mergeCase(ctx: HandlerContext, input: MergeInput): Promise<MergeOutcome> {
  const actor = requireActor(ctx);
  const store = ctx.store;
  const given: Resolution[] = input.resolutions.map((r) => ({
    conflictId: r.conflictId,
    choice: r.side !== null ? { side: r.side } : { value: parseValue(r.valueJson) },
    reason: r.reason,
    resolvedBy: actor.name,
  }));
  const prepared = await prepareMerge(ctx, input.caseId, input.bundleIds, given);
  const outcome = outcomeOf(store, input.caseId, prepared);
  if (!input.seal) return outcome;
  if (outcome.open.length > 0) {
    // Refused, not quietly left unsealed: the page and the command line name every conflict still open.
    throw new AppError('conflict', `${outcome.open.length} conflict(s) still need a decision; the merged report cannot be sealed.`, [
      { path: '(root)', message: `${outcome.open.length} open conflict(s)`, code: 'conflicts_open', params: { count: outcome.open.length } },
      ...outcome.open.map((id) => ({ path: 'conflicts', message: id, code: 'conflicts_open' })),
    ]);
  }
  const { ref, handout, inputs, resolved } = prepared;
  const signer = await prepareSigner(ctx);
  // The merged rows go into the case and the pre-seal check reads the result; refused, the transaction rolls the
  // case back to what it was (the gate's error leaves the transaction).
  const extras = store.sqlite.transaction(() => {
    applySnapshot(store, actor, resolved.snapshot);
    const sealOverride = preSealGate(store, actor, input.caseId, input.overrideReason);
    const teamMerge = mergedReportModel(store, input.caseId, prepared);
    return { ...(sealOverride ? { sealOverride } : {}), teamMerge };
  })();
  const { row: version, model, created } = latestUnlessChanged(store, input.caseId, () => actor, extras);
  if (!created && version.status === 'sealed') {
    throw refusal('conflict', 'already_sealed', `Version ${version.version} of this report is already sealed. Change a decision or the case to seal a new version.`, { version: version.version });
  }
  const chain = verifyAuditChain(store.sqlite);
  if (!chain.ok) throw new AppError('conflict', 'The audit log is broken (see audit:verify); a bundle cannot vouch for it.');
  const progress = progressOf(ctx, input.taskId);
  const pdfs = await versionPdfs(store, actor, version, model, input.lang ?? caseReportLanguage(store, input.caseId), progress);
  const sideList = outcome.sides;
  const doc = Buffer.from(
    JSON.stringify({
      _type: MERGED_REPORT_TYPE,
      caseId: input.caseId,
      snapshot: resolved.snapshot,
      conflicts: resolved.conflicts,
      provenance: resolved.provenance,
      resolutions: resolved.resolutions,
      sides: sideList,
      reportVersion: { id: version.id, version: version.version, modelSha256: version.modelSha256 },
      model,
    }),
    'utf8',
  );
  outcome.merged = await sealAndRecord(ctx, signer, {
    caseId: input.caseId,
    predicateType: MERGED_PREDICATE_TYPE,
    blobs: [
      jsonBlob(doc, `merged-report.v${version.version}.json`),
      ...pdfs,
      ...evidenceBlobs(store, input.caseId),
      jsonBlob(handout.docBytes, 'handout.json', 'handout'),
      { ...jsonBlob(handout.envelope, 'handout.dsse.json', 'handout-envelope'), mediaType: 'application/vnd.dsse.envelope.v1+json' },
      ...inputs.flatMap((i) => [
        { ...jsonBlob(i.envelope, `field-report-${i.row.bundleId}.dsse.json`, 'input-envelope'), mediaType: 'application/vnd.dsse.envelope.v1+json' },
        jsonBlob(i.report, `field-report-${i.row.bundleId}.json`, 'input-report'),
      ]),
    ],
    predicate: () => ({
      reportVersion: { id: version.id, version: version.version, modelSha256: version.modelSha256, supersedesId: version.supersedesId },
      auditHead: { hash: chain.headHash, rows: chain.rows },
      handout: ref,
      inputs: inputs.map((i) => ({ bundleId: i.row.bundleId, envelopeDigest: i.row.envelopeDigest, signerKeyId: i.row.signerKeyId })),
    }),
    reportVersionId: version.id,
    progress,
    report: {
      inputs: inputs.map((i) => {
        const r = reportOf(i.row);
        return { bundleId: r.bundleId, envelopeDigest: r.envelopeDigest, signer: { keyId: r.signer.keyId, name: r.signer.name, role: r.signer.role }, createdAt: r.createdAt };
      }),
    },
    record: (bundleId) => {
      markVersionSealed(store, actor, version.id);
      // Every decision is in the audit log, with its reason, next to the bundle that sealed it.
      appendAudit(store.sqlite, actor, [
        ...resolved.resolutions.map((r) => ({ entity: 'merge_resolution', entityId: bundleId, action: 'create' as const, field: r.conflictId, after: { choice: r.choice, reason: r.reason } })),
        ...(extras.sealOverride
          ? [{ entity: 'case', entityId: input.caseId, action: 'update' as const, field: 'sealOverride', after: { reportVersionId: version.id, reason: extras.sealOverride.reason, openItems: extras.sealOverride.openItems.map((i) => i.code) } }]
          : []),
      ]);
    },
  });
  return outcome;
}

/** The imported field reports of a case (or the ones named), the latest per validator. */
function fieldReports(store: Store, caseId: string, ids: readonly string[] | undefined): BundleRow[] {
  const all = store.db.select().from(bundles).where(and(eq(bundles.direction, 'imported'))).all();
  const named = ids ? ids.map((id) => all.find((r) => r.bundleId === id) ?? refuse('not_found', `No imported bundle ${id} on this laptop.`)) : all.filter((r) => r.caseId === caseId);
  const latest = new Map<string, BundleRow>();
  for (const row of named) {
    if (row.caseId !== caseId) refuse('input_other_case', `Bundle ${row.bundleId} is a report of case ${row.caseNumber}.`);
    if (reportOf(row).kind !== 'seal') {
      if (ids) refuse('input_invalid', `Bundle ${row.bundleId} is not a field report.`);
      continue;
    }
    const known = latest.get(row.signerKeyId);
    if (!known || known.sequence < row.sequence) latest.set(row.signerKeyId, row);
  }
  return [...latest.values()];
}

function readFieldReport(bytes: Buffer) {
  return readDocument(FieldReportDocument, bytes)?.snapshot ?? null;
}

function parseValue(json: string | null): Resolution['choice'] extends infer C ? (C extends { value: infer V } ? V : never) : never {
  if (json === null) throw new AppError('invalid_input', 'A resolution needs a side or a new value.', [{ path: 'resolutions', message: 'no side and no value', code: 'resolution_invalid' }]);
  try {
    return JSON.parse(json);
  } catch {
    throw new AppError('invalid_input', 'A new value must be JSON.', [{ path: 'resolutions', message: 'not JSON', code: 'resolution_invalid' }]);
  }
}
