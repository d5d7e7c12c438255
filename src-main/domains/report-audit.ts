import type { ReportModel } from '../contract/reports';
import { verifyAuditChain } from '../db/audit-chain';
import type { Store } from '../db/open';

/** The whole chain's state and head, and how many audit rows concern this case's records. */
export function auditSummary(store: Store, caseId: string): ReportModel['audit'] {
  const chain = verifyAuditChain(store.sqlite);
  const row = store.sqlite
    .prepare(
      `WITH ids(id) AS (
         SELECT @caseId
         UNION SELECT id FROM plans WHERE case_id = @caseId
         UNION SELECT id FROM sites WHERE case_id = @caseId
         UNION SELECT id FROM visits WHERE case_id = @caseId
         UNION SELECT id FROM interviews WHERE case_id = @caseId
         UNION SELECT id FROM procedures WHERE case_id = @caseId
         UNION SELECT id FROM checklist_runs WHERE case_id = @caseId
         UNION SELECT a.id FROM answers a JOIN checklist_runs r ON r.id = a.run_id WHERE r.case_id = @caseId
         UNION SELECT id FROM evidence WHERE case_id = @caseId
         UNION SELECT id FROM risks WHERE case_id = @caseId
         UNION SELECT l.id FROM risk_links l JOIN risks r ON r.id = l.risk_id WHERE r.case_id = @caseId
         UNION SELECT id FROM findings WHERE case_id = @caseId
         UNION SELECT l.id FROM finding_links l JOIN findings f ON f.id = l.finding_id WHERE f.case_id = @caseId
         UNION SELECT id FROM control_measures WHERE case_id = @caseId
         UNION SELECT id FROM case_assessments WHERE case_id = @caseId
         UNION SELECT id FROM criterion_conclusions WHERE case_id = @caseId
         UNION SELECT l.id FROM criterion_links l JOIN criterion_conclusions c ON c.id = l.conclusion_id WHERE c.case_id = @caseId
         UNION SELECT id FROM report_versions WHERE case_id = @caseId
       )
       SELECT count(*) AS n, min(at) AS firstAt, max(at) AS lastAt FROM audit_log WHERE entity_id IN (SELECT id FROM ids)`,
    )
    .get({ caseId }) as { n: number; firstAt: string | null; lastAt: string | null };
  return {
    ok: chain.ok,
    rows: chain.rows,
    headHash: chain.headHash,
    caseEntries: row.n,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
  };
}
