import type Database from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
import type { Session, User } from '../contract/users';
import { AppError } from '../contract/result';
import { appendAudit, type UserActor } from '../db/audit-chain';
import { settings, users } from '../db/schema';
import type { Store } from '../db/open';
import { newId, nowUtc } from '../core/ids';
import type { HandlerContext, HandlerMap } from '../kernel/context';

const CURRENT_USER = 'current_user_id';

export function currentUser(store: Store): User | null {
  const setting = store.db.select().from(settings).where(eq(settings.key, CURRENT_USER)).get();
  if (!setting) return null;
  return store.db.select().from(users).where(eq(users.id, setting.value)).get() ?? null;
}

// Every change asks who is working (the autosave of each answer included): one statement, prepared once per database.
const actorStatements = new WeakMap<Database.Database, Database.Statement<[string], UserActor>>();

/** Who is working on this device, as the audit log records them; null when nobody was chosen. */
export function currentActor(store: Store): UserActor | null {
  let statement = actorStatements.get(store.sqlite);
  if (!statement) {
    statement = store.sqlite.prepare<[string], UserActor>(
      'SELECT u.id AS id, u.name AS name FROM settings s JOIN users u ON u.id = s.value WHERE s.key = ?',
    );
    actorStatements.set(store.sqlite, statement);
  }
  return statement.get(CURRENT_USER) ?? null;
}

function session(ctx: HandlerContext): Session {
  return {
    currentUser: currentUser(ctx.store),
    users: ctx.store.db.select().from(users).orderBy(asc(users.name)).all(),
  };
}

function setCurrent(store: Store, id: string) {
  store.db
    .insert(settings)
    .values({ key: CURRENT_USER, value: id })
    .onConflictDoUpdate({ target: settings.key, set: { value: id } })
    .run();
}

export const usersHandlers: HandlerMap<'users'> = {
  'users:session': (ctx) => session(ctx),

  'users:create': (ctx, input) =>
    ctx.store.db.transaction(() => {
      const user: User = { id: newId(), name: input.name, role: input.role, createdAt: nowUtc() };
      ctx.store.db.insert(users).values(user).run();
      setCurrent(ctx.store, user.id);
      appendAudit(ctx.store.sqlite, { id: user.id, name: user.name }, [
        { entity: 'user', entityId: user.id, action: 'create', after: user },
      ]);
      return user;
    }),

  'users:switch': (ctx, input) => {
    const user = ctx.store.db.select().from(users).where(eq(users.id, input.id)).get();
    if (!user) throw new AppError('not_found', 'No such user on this device.');
    setCurrent(ctx.store, user.id);
    return session(ctx);
  },
};
