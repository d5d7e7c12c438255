import type { Store } from '../db/open';

/*
 * Where the official form reads the certification cycle's records (issue 13, "cycle"): the application
 * (reference, date received) and the authorization decision with its conditions. Until those records are in the
 * store these answer null and the report prints its "not recorded" placeholders; pointing them at the cycle's
 * getters is the one change needed when they land.
 */

export type ApplicationLink = { reference: string; receivedOn: string | null };
export type DecisionLink = { decision: string; decidedOn: string | null; conditions: string };

export function applicationOf(_store: Store, _caseId: string): ApplicationLink | null {
  return null;
}

export function decisionOf(_store: Store, _caseId: string): DecisionLink | null {
  return null;
}
