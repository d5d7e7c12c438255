import { z } from 'zod';
import { Id, Timestamp, lineText, text } from './common';

export const AuditEntry = z.strictObject({
  seq: z.number().int(),
  id: Id,
  at: Timestamp,
  actorId: Id.nullable(),
  actorName: text(),
  entity: text(),
  entityId: text(),
  action: z.enum(['create', 'update', 'delete']),
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

export const auditContract = {
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
