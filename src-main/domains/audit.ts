import { and, desc, eq, lt } from 'drizzle-orm';
import { verifyAuditChain } from '../db/audit-chain';
import { auditLog } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { caseAudit } from './case-audit';

export const auditHandlers: HandlerMap<'audit'> = {
  'audit:list': (ctx, input) =>
    ctx.store.db
      .select()
      .from(auditLog)
      .where(
        and(
          input.entityId ? eq(auditLog.entityId, input.entityId) : undefined,
          input.beforeSeq !== undefined ? lt(auditLog.seq, input.beforeSeq) : undefined,
        ),
      )
      .orderBy(desc(auditLog.seq))
      .limit(input.limit)
      .all(),

  'audit:case': (ctx, input) => caseAudit(ctx.store, input),

  'audit:verify': (ctx) => verifyAuditChain(ctx.store.sqlite),
};
