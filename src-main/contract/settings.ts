import { z } from 'zod';
import { RiskMatrix } from './risk-scale';

/** Administration-wide settings kept on the device: the risk matrix bands and the maximum monitoring period. */
export const MaxMonitoringMonths = z.number().int().min(1).max(120);

export const AppSettings = z.strictObject({
  riskMatrix: RiskMatrix,
  /** Re-evaluation is due this many months after the authorization date (seed 000: two years). */
  maxMonitoringMonths: MaxMonitoringMonths,
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_MAX_MONITORING_MONTHS = 24;

export const settingsContract = {
  'settings:get': { input: z.strictObject({}), output: AppSettings },
  'settings:update': {
    input: z.strictObject({ riskMatrix: RiskMatrix.optional(), maxMonitoringMonths: MaxMonitoringMonths.optional() }),
    output: AppSettings,
  },
} as const;
