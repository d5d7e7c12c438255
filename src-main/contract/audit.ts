import { z } from 'zod';
import { Id, Timestamp } from './common';

export const AuditEntry = z.strictObject({
  seq: z.number().int(),
  id: Id,
  at: Timestamp,
  actorId: Id.nullable(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  field: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerification = z.strictObject({
  ok: z.boolean(),
  rows: z.number().int(),
  headHash: z.string(),
  firstBroken: z
    .strictObject({ seq: z.number().int(), id: z.string(), reason: z.string() })
    .nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const auditContract = {
  'audit:list': {
    input: z.strictObject({
      entityId: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      beforeSeq: z.number().int().optional(),
    }),
    output: z.array(AuditEntry),
  },
  /** Walks the hash chain from the first row; reports the first row that does not hold. */
  'audit:verify': { input: z.strictObject({}), output: AuditVerification },
} as const;
