import { z } from 'zod';
import { fileRoles } from '../../contract/bundles';
import { parseStrictJson } from './strict-json';

/*
 * What a bundle says about itself: an in-toto Statement v1 (https://github.com/in-toto/attestation, spec v1) whose
 * subjects are every blob in the archive by SHA-256, with our seal predicate. Parsed strictly: unknown keys,
 * wrong types, duplicate subjects or files pointing at nothing are all `statement_invalid`.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SEAL_PREDICATE_TYPE = 'https://aeo-validator.example/seal/v1';
/** The lead hands a case out to his team: case, plan, assignments, template versions (issue 12). */
export const HANDOUT_PREDICATE_TYPE = 'https://aeo-validator.example/handout/v1';
/** The lead's merge of the team's field reports, carrying their envelopes unchanged (issue 12). */
export const MERGED_PREDICATE_TYPE = 'https://aeo-validator.example/merged/v1';
/** The DSSE payloadType of a statement, as in-toto registers it. */
export const STATEMENT_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Uuid7 = z.uuid({ version: 'v7' });
const Uuid = z.uuid();
const Timestamp = z.iso.datetime();

export { fileRoles };
export const FileRole = z.enum(fileRoles);
export type FileRole = z.infer<typeof FileRole>;

export const Subject = z.strictObject({
  name: z.string().regex(/^blobs\/sha256\/[0-9a-f]{64}$/),
  digest: z.strictObject({ sha256: Hex64 }),
});

export const SealedFile = z.strictObject({
  sha256: Hex64,
  role: FileRole,
  mediaType: z.string().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  // eslint-disable-next-line no-control-regex
  displayName: z.string().min(1).max(300).regex(/^[^\u0000-\u001f\u007f]+$/),
  /** The evidence record this file belongs to, for evidence files. */
  evidenceId: Uuid.optional(),
});
export type SealedFile = z.infer<typeof SealedFile>;

/** A bundle named by what identifies it for good: its id and the digest of its signed envelope. */
export const BundleRef = z.strictObject({ bundleId: Uuid7, envelopeDigest: Hex64 });
export type BundleRef = z.infer<typeof BundleRef>;

/** What every kind of bundle says about itself: who, where, which case, which key sequence, to whom, what files. */
const commonPredicate = {
  bundleId: Uuid7,
  signer: z.strictObject({ keyId: Hex64, userId: Uuid, name: z.string().min(1).max(200) }),
  deviceId: Uuid,
  caseId: Uuid,
  caseNumber: z.string().max(100),
  /** Per signing key, strictly increasing from 1. */
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Envelope digest of this key's previous bundle; null for its first. */
  previousBundleDigest: Hex64.nullable(),
  createdAt: Timestamp,
  /** Fingerprints (hex SHA-256 of the `age1…` string) of everyone the bundle is encrypted to. */
  audience: z.array(Hex64).min(1).max(64),
  trustListVersion: z.number().int().min(1),
  files: z.array(SealedFile).min(1).max(100_000),
};
const reportVersionField = z.strictObject({
  id: Uuid,
  version: z.number().int().min(1),
  modelSha256: Hex64,
  supersedesId: Uuid.nullable(),
});
const auditHeadField = z.strictObject({ hash: Hex64, rows: z.number().int().min(0) });

export const SealPredicate = z.strictObject({
  ...commonPredicate,
  reportVersion: reportVersionField,
  auditHead: auditHeadField,
  /** The handout this field report started from (the merge's common base); absent for a case not handed out. */
  handout: BundleRef.optional(),
});
export type SealPredicate = z.infer<typeof SealPredicate>;

const ids = z.array(Uuid).max(10_000);
export const HandoutAssignment = z.strictObject({
  keyId: Hex64,
  name: z.string().min(1).max(200),
  sites: ids,
  visits: ids,
  interviews: ids,
  runs: z.array(z.strictObject({ runId: Uuid, templateId: z.string().min(1).max(200), version: z.number().int().min(1), siteId: Uuid.nullable() })).max(10_000),
  criteria: z.array(z.string().regex(/^[A-M]$/)).max(13),
});
export type HandoutAssignment = z.infer<typeof HandoutAssignment>;

export const HandoutPredicate = z.strictObject({
  ...commonPredicate,
  assignments: z.array(HandoutAssignment).min(1).max(64),
  templates: z.array(z.strictObject({ templateId: z.string().min(1).max(200), version: z.number().int().min(1), sha256: Hex64 })).max(1000),
});
export type HandoutPredicate = z.infer<typeof HandoutPredicate>;

export const MergedInput = z.strictObject({ bundleId: Uuid7, envelopeDigest: Hex64, signerKeyId: Hex64 });
export type MergedInput = z.infer<typeof MergedInput>;

export const MergedPredicate = z.strictObject({
  ...commonPredicate,
  reportVersion: reportVersionField,
  auditHead: auditHeadField,
  handout: BundleRef,
  inputs: z.array(MergedInput).min(1).max(64),
});
export type MergedPredicate = z.infer<typeof MergedPredicate>;

export type AnyPredicate = SealPredicate | HandoutPredicate | MergedPredicate;
export type PredicateType = typeof SEAL_PREDICATE_TYPE | typeof HANDOUT_PREDICATE_TYPE | typeof MERGED_PREDICATE_TYPE;

/** Which roles a kind of bundle may carry, and how many of each it must (min, max). */
const rolesOf: Record<PredicateType, Partial<Record<FileRole, [number, number]>>> = {
  [SEAL_PREDICATE_TYPE]: { report: [1, 1], 'validation-report-pdf': [0, Infinity], 'control-plan-pdf': [0, Infinity], evidence: [0, Infinity] },
  [HANDOUT_PREDICATE_TYPE]: { handout: [1, 1] },
  [MERGED_PREDICATE_TYPE]: {
    report: [1, 1],
    'validation-report-pdf': [0, 1],
    'control-plan-pdf': [0, 1],
    evidence: [0, Infinity],
    handout: [1, 1],
    'handout-envelope': [1, 1],
    'input-envelope': [1, 64],
    'input-report': [1, 64],
  },
};

const statementShape = <T extends PredicateType, P extends z.ZodType>(type: T, predicate: P) =>
  z.strictObject({
    _type: z.literal(STATEMENT_TYPE),
    subject: z.array(Subject).min(1).max(100_000),
    predicateType: z.literal(type),
    predicate,
  });

export const Statement = z
  .discriminatedUnion('predicateType', [
    statementShape(SEAL_PREDICATE_TYPE, SealPredicate),
    statementShape(HANDOUT_PREDICATE_TYPE, HandoutPredicate),
    statementShape(MERGED_PREDICATE_TYPE, MergedPredicate),
  ])
  .superRefine((statement, ctx) => {
    const subjects = new Map<string, number>();
    statement.subject.forEach((s, i) => {
      if (s.name !== `blobs/sha256/${s.digest.sha256}`) {
        ctx.addIssue({ code: 'custom', path: ['subject', i, 'name'], message: 'the name does not match the digest' });
      }
      if (subjects.has(s.digest.sha256)) {
        ctx.addIssue({ code: 'custom', path: ['subject', i], message: 'duplicate subject' });
      }
      subjects.set(s.digest.sha256, i);
    });
    const sizes = new Map<string, number>();
    const referenced = new Set<string>();
    const files: readonly SealedFile[] = statement.predicate.files;
    files.forEach((f, i) => {
      if (!subjects.has(f.sha256)) {
        ctx.addIssue({ code: 'custom', path: ['predicate', 'files', i, 'sha256'], message: 'no subject has this digest' });
      }
      const known = sizes.get(f.sha256);
      if (known !== undefined && known !== f.size) {
        ctx.addIssue({ code: 'custom', path: ['predicate', 'files', i, 'size'], message: 'two sizes for one digest' });
      }
      sizes.set(f.sha256, f.size);
      referenced.add(f.sha256);
    });
    for (const [sha, i] of subjects) {
      if (!referenced.has(sha)) ctx.addIssue({ code: 'custom', path: ['subject', i], message: 'no file refers to this subject' });
    }
    const allowed = rolesOf[statement.predicateType];
    for (const role of fileRoles) {
      const count = files.filter((f) => f.role === role).length;
      const [min, max] = allowed[role] ?? [0, 0];
      if (count < min || count > max) {
        const times = min === max ? `exactly ${min}` : count < min ? `at least ${min}` : `at most ${max}`;
        ctx.addIssue({ code: 'custom', path: ['predicate', 'files'], message: `${times} file(s) must have the role "${role}"` });
      }
    }
  });
export type Statement = z.infer<typeof Statement>;
export type SealStatement = Extract<Statement, { predicateType: typeof SEAL_PREDICATE_TYPE }>;
export type HandoutStatement = Extract<Statement, { predicateType: typeof HANDOUT_PREDICATE_TYPE }>;
export type MergedStatement = Extract<Statement, { predicateType: typeof MERGED_PREDICATE_TYPE }>;

/** The kind of a bundle, as the UI and the CLI name it. */
export const bundleKindOf = (statement: Statement): 'seal' | 'handout' | 'merged' =>
  statement.predicateType === HANDOUT_PREDICATE_TYPE ? 'handout' : statement.predicateType === MERGED_PREDICATE_TYPE ? 'merged' : 'seal';

/** The statement's subjects with the size each file declares, by digest. */
export function subjectSizes(statement: Statement): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of statement.predicate.files) sizes.set(file.sha256, file.size);
  return sizes;
}

export function buildStatement(predicate: AnyPredicate, predicateType: PredicateType = SEAL_PREDICATE_TYPE): Statement {
  const digests = [...new Set(predicate.files.map((f) => f.sha256))];
  return {
    _type: STATEMENT_TYPE,
    subject: digests.map((sha256) => ({ name: `blobs/sha256/${sha256}`, digest: { sha256 } })),
    predicateType,
    predicate,
  } as Statement;
}

export function parseStatement(payload: Uint8Array): Statement {
  return parseStrictJson(payload, Statement, 'statement_invalid', 'the statement');
}
