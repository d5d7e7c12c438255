import { asc, eq, like, or } from 'drizzle-orm';
import type { Operator } from '../contract/operators';
import { AppError } from '../contract/result';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { operators } from '../db/schema';
import { newId, nowUtc } from '../core/ids';
import { requireActor, type HandlerMap } from '../kernel/context';

export function getOperator(store: Store, id: string): Operator {
  const row = store.db.select().from(operators).where(eq(operators.id, id)).get();
  if (!row) throw new AppError('not_found', 'No operator with this id.');
  return row;
}

/** Escapes LIKE wildcards so a search for "10%" means the text "10%". */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function insertOperator(
  store: Store,
  actor: ReturnType<typeof requireActor>,
  draft: Omit<Operator, 'id' | 'createdAt' | 'updatedAt'>,
): Operator {
  const now = nowUtc();
  const operator: Operator = { id: newId(), ...draft, createdAt: now, updatedAt: now };
  store.db.insert(operators).values(operator).run();
  appendAudit(store.sqlite, actor, [{ entity: 'operator', entityId: operator.id, action: 'create', after: operator }]);
  return operator;
}

export const operatorsHandlers: HandlerMap<'operators'> = {
  'operators:create': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => insertOperator(ctx.store, actor, input));
  },

  'operators:list': (ctx, input) => {
    const query = input.query?.trim();
    const where = query
      ? or(
          like(operators.legalName, likePattern(query)),
          like(operators.identificationNumber, likePattern(query)),
        )
      : undefined;
    return ctx.store.db.select().from(operators).where(where).orderBy(asc(operators.legalName)).all();
  },

  'operators:get': (ctx, input) => getOperator(ctx.store, input.id),

  'operators:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const before = getOperator(ctx.store, input.id);
      const changes = fieldChanges('operator', before.id, before, input.patch);
      if (changes.length === 0) return before;
      const updatedAt = nowUtc();
      ctx.store.db
        .update(operators)
        .set({ ...input.patch, updatedAt })
        .where(eq(operators.id, before.id))
        .run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return getOperator(ctx.store, before.id);
    });
  },
};
