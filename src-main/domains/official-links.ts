import { desc, eq } from 'drizzle-orm';
import type { Store } from '../db/open';
import { authorizations, caseApplications } from '../db/schema';

/*
 * Where the official form reads the certification cycle's records: the application (reference, date received)
 * and the decision in force with its conditions. Read straight from their tables, in the order the cycle's own
 * getters use (domains/application.ts, domains/authorization.ts), because authorization.ts reads report versions
 * and importing it from the report model would close an import cycle.
 */

export type ApplicationLink = { reference: string; receivedOn: string | null };
export type DecisionLink = { decision: string; decidedOn: string | null; conditions: string };

export function applicationOf(store: Store, caseId: string): ApplicationLink | null {
  const row = store.db.select().from(caseApplications).where(eq(caseApplications.caseId, caseId)).get();
  return row ? { reference: row.reference, receivedOn: row.receivedOn } : null;
}

/** The decision in force: the latest record (corrections supersede earlier ones). */
export function decisionOf(store: Store, caseId: string): DecisionLink | null {
  const row = store.db
    .select()
    .from(authorizations)
    .where(eq(authorizations.caseId, caseId))
    .orderBy(desc(authorizations.sequence))
    .get();
  return row ? { decision: row.decision, decidedOn: row.decidedOn, conditions: row.conditions } : null;
}
