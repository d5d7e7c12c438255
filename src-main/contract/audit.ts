import { z } from 'zod';
import { Id, IsoDate, Timestamp, lineText, text } from './common';

export const auditActions = ['create', 'update', 'delete'] as const;

export const AuditEntry = z.strictObject({
  seq: z.number().int(),
  id: Id,
  at: Timestamp,
  actorId: Id.nullable(),
  actorName: text(),
  entity: text(),
  entityId: text(),
  action: z.enum(auditActions),
  field: text().nullable(),
  before: text().nullable(),
  after: text().nullable(),
  prevHash: text(),
  hash: text(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerification = z.strictObject({
  ok: z.boolean(),
  rows: z.number().int(),
  headHash: text(),
  firstBroken: z
    .strictObject({ seq: z.number().int(), id: text(), reason: text() })
    .nullable(),
  /** Broken rows an administrator re-anchored (`aeo audit reanchor`): kept as they are, acknowledged by a later row. */
  reanchored: z.array(
    z.strictObject({ seq: z.number().int(), id: text(), reason: text(), reanchorSeq: z.number().int() }),
  ),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/** Who made a change: a user, or the app itself (`id` null: shipped templates, migrations). */
export const AuditActor = z.strictObject({ id: Id.nullable(), name: text() });

export const CaseAuditInput = z
  .strictObject({
    caseId: Id,
    /** Kinds of record (`answer`, `evidence`, `risk`, …); none: every kind. */
    entities: z.array(lineText(40).min(1)).max(40).optional(),
    /** One user's changes; null: the app's own. */
    actorId: Id.nullable().optional(),
    /** Changes on or after this day (UTC). */
    from: IsoDate.optional(),
    /** Changes on or before this day (UTC). */
    to: IsoDate.optional(),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { message: 'the period ends before it starts', path: ['to'], params: { code: 'end_before_start' } });

export const CaseAuditPage = z.strictObject({
  /** Rows that match the filter, on every page. */
  total: z.number().int(),
  offset: z.number().int(),
  /** Newest first. */
  entries: z.array(AuditEntry),
  /** What the filters can offer for this case, whatever the filter. */
  kinds: z.array(text()),
  actors: z.array(AuditActor),
});
export type CaseAuditPage = z.infer<typeof CaseAuditPage>;

export const auditContract = {
  /**
   * Every change of one case, whichever record it touched (the case, its plan, runs and answers, evidence and their
   * files, risks, findings and their links, the control plan, report versions, bundles), filtered and paged.
   */
  'audit:case': { input: CaseAuditInput, output: CaseAuditPage },
  'audit:list': {
    input: z.strictObject({
      entityId: lineText(64).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      beforeSeq: z.number().int().optional(),
    }),
    output: z.array(AuditEntry),
  },
  /** Walks the hash chain from the first row; reports the first row that does not hold. */
  'audit:verify': { input: z.strictObject({}), output: AuditVerification },
} as const;
