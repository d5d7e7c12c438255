import type { ModelOfficial } from '../contract/official';
import type { Store } from '../db/open';
import { getAuthority } from './authority';
import { getOfficial } from './official';
import { applicationOf, decisionOf } from './official-links';
import { getPlan } from './plan';

/*
 * The official form's part of the report model (contract/official.ts ModelOfficial), composed from the
 * authority's settings, the case's official record and, where they exist, its application and decision records.
 */

export function composeOfficial(store: Store, caseId: string): ModelOfficial {
  const record = getOfficial(store, caseId);
  const siteNames = new Map(getPlan(store, caseId).sites.map((s) => [s.id, s.name]));
  const decision = decisionOf(store, caseId);
  return {
    authority: getAuthority(store),
    registrationNumber: record.registrationNumber,
    application: applicationOf(store, caseId),
    lookBackFrom: record.lookBackFrom,
    lookBackTo: record.lookBackTo,
    visits: record.visits.map((v) => ({
      siteName: siteNames.get(v.siteId) ?? '',
      plannedOn: v.plannedOn,
      heldOn: v.heldOn,
      startTime: v.startTime,
      endTime: v.endTime,
    })),
    closingMeeting: record.closingMeeting,
    conditions: decision?.conditions ? decision.conditions : record.conditions,
    decision,
    approvers: record.approvers,
  };
}
