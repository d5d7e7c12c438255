import { canonical, type Json, type Snapshot } from '../merge/snapshot';
import { FieldReportDocument, HandoutDocument, MergedReportDocument, readDocument } from '../merge/documents';
import { mergeSnapshots, MergeError } from '../merge/merge';
import { applyResolutions, ResolutionError } from '../merge/resolve';
import { checkEnvelope, type CheckedEnvelope } from './envelope-check';
import { checkMergedModel } from './merged-model-check';
import { BundleError } from './errors';
import { HANDOUT_PREDICATE_TYPE, SEAL_PREDICATE_TYPE, type FileRole, type MergedStatement } from './statement';
import type { TrustList, TrustRole } from './trust-list';

/*
 * What a merged bundle must prove beyond its own signature (after its blobs were re-hashed): the handout it names is
 * carried, signed and of this case; every input it lists is carried once, byte for byte, signed by a key the
 * handout assigned, of this case and started from this handout; and its merged report is exactly what merging those
 * inputs against the handout and applying the recorded resolutions gives, with no hard conflict left open. Every
 * resolution records its kind and the digest of the value it chose, whichever the kind (a side, a combination, a new
 * value), and the printed model must show the same decisions and values. A value no input and no resolution holds
 * is refused (`merge_mismatch`).
 */

export const mergeRoles: readonly FileRole[] = ['report', 'handout', 'handout-envelope', 'input-envelope', 'input-report'];

export type VerifiedInput = {
  bundleId: string;
  envelopeDigest: string;
  signer: { keyId: string; name: string; role: TrustRole };
  createdAt: string;
};

export function checkMergedContents(statement: MergedStatement, contents: Map<string, Buffer>, trust: TrustList, now: Date, maxEnvelopeBytes: number): { inputs: VerifiedInput[] } {
  const predicate = statement.predicate;
  const filesOf = (role: FileRole) => predicate.files.filter((f) => f.role === role);
  const bytesOf = (sha256: string) => contents.get(sha256) ?? Buffer.alloc(0);

  // The handout: its envelope is carried, verifies, and is the one the statement names.
  const handoutEnvelope = filesOf('handout-envelope')[0];
  if (!handoutEnvelope || handoutEnvelope.sha256 !== predicate.handout.envelopeDigest) {
    throw new BundleError('input_missing', 'the handout this merge names is not the one it carries');
  }
  const handout = inner(() => checkEnvelope(bytesOf(handoutEnvelope.sha256), trust, now, maxEnvelopeBytes), 'the handout');
  if (handout.statement.predicateType !== HANDOUT_PREDICATE_TYPE || handout.statement.predicate.bundleId !== predicate.handout.bundleId) {
    throw new BundleError('input_invalid', 'the carried handout envelope is not a handout with the named id');
  }
  if (handout.statement.predicate.caseId !== predicate.caseId) throw new BundleError('input_other_case', 'the handout is of another case');
  const handoutFile = handout.statement.predicate.files.find((f) => f.role === 'handout');
  const handoutDoc = handoutFile && filesOf('handout').some((f) => f.sha256 === handoutFile.sha256) ? readDocument(HandoutDocument, bytesOf(handoutFile.sha256)) : null;
  if (!handoutDoc) throw new BundleError('input_missing', 'the handout’s case document is not carried');
  const assigned = new Set(handout.statement.predicate.assignments.map((a) => a.keyId));

  // Each input: listed once, carried, signed by an assigned key, of this case, from this handout.
  const inputs: VerifiedInput[] = [];
  const sides: { id: string; snapshot: Snapshot }[] = [];
  const seen = new Set<string>();
  const envelopes = filesOf('input-envelope');
  const reports = filesOf('input-report');
  if (envelopes.length !== predicate.inputs.length || reports.length !== predicate.inputs.length) {
    throw new BundleError('input_missing', `the merge lists ${predicate.inputs.length} inputs but carries ${envelopes.length} envelopes and ${reports.length} reports`);
  }
  for (const listed of predicate.inputs) {
    for (const id of [listed.bundleId, listed.envelopeDigest, listed.signerKeyId]) {
      if (seen.has(id)) throw new BundleError('input_duplicate', `input ${listed.bundleId} is listed twice (same bundle, envelope or signer)`);
      seen.add(id);
    }
    if (!envelopes.some((f) => f.sha256 === listed.envelopeDigest)) throw new BundleError('input_missing', `input ${listed.bundleId} is listed but its envelope is not carried`);
    const checked = inner(() => checkEnvelope(bytesOf(listed.envelopeDigest), trust, now, maxEnvelopeBytes), `input ${listed.bundleId}`);
    const input = checked.statement;
    if (input.predicateType !== SEAL_PREDICATE_TYPE || input.predicate.bundleId !== listed.bundleId || checked.signer.keyId !== listed.signerKeyId) {
      throw new BundleError('input_invalid', `input ${listed.bundleId} is not the field report the merge lists`);
    }
    if (input.predicate.caseId !== predicate.caseId) throw new BundleError('input_other_case', `input ${listed.bundleId} is a report of case ${input.predicate.caseNumber}`);
    if (!input.predicate.handout || input.predicate.handout.envelopeDigest !== predicate.handout.envelopeDigest) {
      throw new BundleError('input_other_case', `input ${listed.bundleId} did not start from this handout`);
    }
    if (!assigned.has(checked.signer.keyId)) throw new BundleError('input_not_assigned', `input ${listed.bundleId} is signed by ${checked.signer.member.name}, whom the handout did not assign`);
    const reportFile = input.predicate.files.find((f) => f.role === 'report');
    const doc = reportFile && reports.some((f) => f.sha256 === reportFile.sha256) ? readDocument(FieldReportDocument, bytesOf(reportFile.sha256)) : null;
    if (!doc) throw new BundleError('input_missing', `input ${listed.bundleId}'s report is not carried (or carries no case snapshot)`);
    sides.push({ id: checked.signer.keyId, snapshot: doc.snapshot });
    inputs.push({
      bundleId: listed.bundleId,
      envelopeDigest: listed.envelopeDigest,
      signer: { keyId: checked.signer.keyId, name: checked.signer.member.name, role: checked.signer.member.role },
      createdAt: input.predicate.createdAt,
    });
  }

  // The merged report says only what the inputs and the recorded resolutions say.
  const report = filesOf('report')[0];
  const merged = report ? readDocument(MergedReportDocument, bytesOf(report.sha256)) : null;
  if (!merged || merged.caseId !== predicate.caseId) throw new BundleError('merge_mismatch', 'the merged report is not a merged report of this case');
  const unbound = merged.resolutions.find((r) => r.kind === undefined || r.valueSha256 === undefined);
  if (unbound) throw new BundleError('merge_mismatch', `the resolution of ${unbound.conflictId} records no kind or no digest of the value it chose`);
  let expected;
  try {
    expected = applyResolutions(mergeSnapshots(handoutDoc.snapshot, sides), merged.resolutions);
  } catch (error) {
    if (error instanceof MergeError || error instanceof ResolutionError) throw new BundleError('merge_mismatch', error.message);
    throw error;
  }
  if (expected.open.length > 0) throw new BundleError('merge_mismatch', `${expected.open.length} hard conflict(s) are left open (first: ${expected.open[0]?.id})`);
  const same = (a: unknown, b: unknown) => canonical(a as Json) === canonical(b as Json);
  if (!same(expected.snapshot, merged.snapshot)) throw new BundleError('merge_mismatch', 'the merged report holds values that neither its inputs nor the recorded resolutions give');
  if (!same(expected.conflicts, merged.conflicts) || !same(expected.provenance, merged.provenance)) {
    throw new BundleError('merge_mismatch', 'the merged report’s conflicts or provenance are not those of its inputs');
  }
  checkMergedModel(merged.model, predicate.reportVersion?.modelSha256, expected, new Map(inputs.map((i) => [i.signer.keyId, i.signer.name])));
  return { inputs };
}

/** An input envelope refused by the common checks is refused as an input, with its own code in the reason. */
function inner(check: () => CheckedEnvelope, what: string): CheckedEnvelope {
  try {
    return check();
  } catch (error) {
    if (error instanceof BundleError) throw new BundleError('input_invalid', `${what}: ${error.code}: ${error.reason}`);
    throw error;
  }
}
