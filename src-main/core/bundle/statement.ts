import { z } from 'zod';
import { BundleError } from './errors';

/*
 * What a bundle says about itself: an in-toto Statement v1 (https://github.com/in-toto/attestation, spec v1) whose
 * subjects are every blob in the archive by SHA-256, with our seal predicate. Parsed strictly: unknown keys,
 * wrong types, duplicate subjects or files pointing at nothing are all `statement_invalid`.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SEAL_PREDICATE_TYPE = 'https://aeo-validator.example/seal/v1';
/** The DSSE payloadType of a statement, as in-toto registers it. */
export const STATEMENT_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Uuid7 = z.uuid({ version: 'v7' });
const Uuid = z.uuid();
const Timestamp = z.iso.datetime();

export const fileRoles = ['report', 'validation-report-pdf', 'control-plan-pdf', 'evidence'] as const;
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

export const SealPredicate = z.strictObject({
  bundleId: Uuid7,
  signer: z.strictObject({ keyId: Hex64, userId: Uuid, name: z.string().min(1).max(200) }),
  deviceId: Uuid,
  caseId: Uuid,
  caseNumber: z.string().max(100),
  reportVersion: z.strictObject({
    id: Uuid,
    version: z.number().int().min(1),
    modelSha256: Hex64,
    supersedesId: Uuid.nullable(),
  }),
  /** Per signing key, strictly increasing from 1. */
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Envelope digest of this key's previous bundle; null for its first. */
  previousBundleDigest: Hex64.nullable(),
  createdAt: Timestamp,
  /** Fingerprints (hex SHA-256 of the `age1…` string) of everyone the bundle is encrypted to. */
  audience: z.array(Hex64).min(1).max(64),
  trustListVersion: z.number().int().min(1),
  auditHead: z.strictObject({ hash: Hex64, rows: z.number().int().min(0) }),
  files: z.array(SealedFile).min(1).max(100_000),
});
export type SealPredicate = z.infer<typeof SealPredicate>;

export const Statement = z
  .strictObject({
    _type: z.literal(STATEMENT_TYPE),
    subject: z.array(Subject).min(1).max(100_000),
    predicateType: z.literal(SEAL_PREDICATE_TYPE),
    predicate: SealPredicate,
  })
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
    statement.predicate.files.forEach((f, i) => {
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
    if (statement.predicate.files.filter((f) => f.role === 'report').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['predicate', 'files'], message: 'exactly one file must have the role "report"' });
    }
  });
export type Statement = z.infer<typeof Statement>;

/** The statement's subjects with the size each file declares, by digest. */
export function subjectSizes(statement: Statement): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of statement.predicate.files) sizes.set(file.sha256, file.size);
  return sizes;
}

export function buildStatement(predicate: SealPredicate): Statement {
  const digests = [...new Set(predicate.files.map((f) => f.sha256))];
  return {
    _type: STATEMENT_TYPE,
    subject: digests.map((sha256) => ({ name: `blobs/sha256/${sha256}`, digest: { sha256 } })),
    predicateType: SEAL_PREDICATE_TYPE,
    predicate,
  };
}

export function parseStatement(payload: Uint8Array): Statement {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new BundleError('statement_invalid', 'the signed payload is not UTF-8 JSON');
  }
  const parsed = Statement.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(root)';
    throw new BundleError('statement_invalid', `the statement is not a valid seal statement: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
