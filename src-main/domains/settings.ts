import { eq } from 'drizzle-orm';
import { AppSettings, DEFAULT_MAX_MONITORING_MONTHS, MaxMonitoringMonths } from '../contract/settings';
import { DEFAULT_RISK_MATRIX, RiskMatrix } from '../contract/risk-scale';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { settings } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';

/*
 * The risk matrix and the maximum monitoring period, in the device's `settings` table. Absent keys mean the
 * defaults; a stored value that no longer validates (hand-edited, say) also falls back to the default rather
 * than locking the register.
 */

const KEYS = { riskMatrix: 'risk_matrix', maxMonitoringMonths: 'max_monitoring_months' } as const;

function readSetting<T>(store: Store, key: string, schema: { safeParse(v: unknown): { success: boolean; data?: T } }, fallback: T): T {
  const row = store.db.select().from(settings).where(eq(settings.key, key)).get();
  if (!row) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? (parsed.data as T) : fallback;
  } catch {
    return fallback;
  }
}

export function getSettings(store: Store): AppSettings {
  return {
    riskMatrix: readSetting(store, KEYS.riskMatrix, RiskMatrix, DEFAULT_RISK_MATRIX),
    maxMonitoringMonths: readSetting(store, KEYS.maxMonitoringMonths, MaxMonitoringMonths, DEFAULT_MAX_MONITORING_MONTHS),
  };
}

export const settingsHandlers: HandlerMap<'settings'> = {
  'settings:get': (ctx) => getSettings(ctx.store),

  'settings:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const before = getSettings(ctx.store);
      const patch: Partial<AppSettings> = {};
      if (input.riskMatrix !== undefined) patch.riskMatrix = input.riskMatrix;
      if (input.maxMonitoringMonths !== undefined) patch.maxMonitoringMonths = input.maxMonitoringMonths;
      const changes = fieldChanges('settings', 'app', before, patch);
      for (const change of changes) {
        const key = KEYS[change.field as keyof typeof KEYS];
        const value = JSON.stringify(change.after);
        ctx.store.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
      }
      appendAudit(ctx.store.sqlite, actor, changes);
      return getSettings(ctx.store);
    });
  },
};
