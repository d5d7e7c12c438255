import { requireActor, type HandlerMap } from '../../kernel/context';
import { enroll } from './enroll';
import { officerView } from './inbox';
import { outboxEntries, removeEntry, retryEntry } from './outbox';
import { runRound, syncStatus } from './round';
import { configureHq, syncSettings } from './settings';

/*
 * Sync with HQ on a device: settings (settings.ts), the outbox (outbox.ts), reaching HQ (session.ts), one round
 * (round.ts: trust list, up in upload.ts, down in inbox.ts), enrollment (enroll.ts) and the `sync:*` handlers.
 */
export { enqueueChange } from './outbox';
export { runRound, syncStatus } from './round';

export const syncHandlers: HandlerMap<'sync'> = {
  'sync:status': (ctx) => syncStatus(ctx),
  'sync:now': (ctx) => runRound(ctx),
  'sync:settings': (ctx) => syncSettings(ctx.store),
  'sync:configure': (ctx, input) => configureHq(ctx.store, requireActor(ctx), input.hqUrl),
  'sync:enroll': (ctx, input) => enroll(ctx, input.confirmFingerprint),
  'sync:outbox': (ctx) => outboxEntries(ctx.store),
  'sync:retry': (ctx, input) => retryEntry(ctx.store, requireActor(ctx), input.bundleId),
  'sync:remove': (ctx, input) => {
    removeEntry(ctx.store, requireActor(ctx), input.bundleId);
    return { removed: true as const };
  },
  'sync:inbox': (ctx) => officerView(ctx),
};
