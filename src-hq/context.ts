import type { DeviceAuth } from './auth';
import type { HqStore } from './db/open';
import type { HqIdentity } from './identity';
import type { Intake } from './intake';
import type { TrustListSource } from './trust';

/** What every route of a running HQ shares. */
export type HqContext = {
  store: HqStore;
  identity: HqIdentity;
  trust: TrustListSource;
  auth: DeviceAuth;
  intake: Intake;
  now: () => Date;
  options: { rateLimit: { perMinute: number } };
};
