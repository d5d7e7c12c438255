import { eq } from 'drizzle-orm';
import { displayValue } from '../../contract/merge-values';
import type { LocalizedText } from '../../contract/checklist-template';
import type { Subject, TeamMergeModel } from '../../contract/team-report';
import { canonical, rowsOf, tableSpecs, type Conflict, type Resolved, type Row, type Snapshot, type SnapshotTable } from '../../core/merge';
import type { Store } from '../../db/open';
import { checklistRuns } from '../../db/schema';
import { composeReportContent } from '../report-model';
import { loadTemplateRow } from '../templates-store';
import type { SideInfo } from './conflict-view';
import type { KeptResolution } from './resolutions';

/*
 * The merged report's own part, composed when the lead seals (after the merged rows are in the case, so refs such as
 * R1 and F2 are the ones the report prints): the field reports, who recorded each answer, risk, finding and
 * measure the merge took from them, and every conflict with its decision. Names, refs and labels are resolved here
 * so the printer needs nothing but the frozen model.
 */


const recordedTables: { readonly [T in SnapshotTable]?: Subject['kind'] } = {
  answers: 'answer',
  risks: 'risk',
  findings: 'finding',
  controlMeasures: 'measure',
};

/** What of the prepared merge this needs. */
type MergeParts = { sides: readonly SideInfo[]; resolved: Resolved; handout: { doc: { snapshot: Snapshot } }; kept: readonly KeptResolution[] };

const same = (text: string): LocalizedText => ({ en: text, ru: text });

/** What each record of the merge is, with the ref and label the case gives it now (R1, a run's item prompt). */
export function subjectsFor(store: Store, caseId: string, p: Omit<MergeParts, 'kept'>): (table: SnapshotTable, key: string) => Subject {
  const model = composeReportContent(store, caseId);
  const prompts = new Map<string, ReturnType<typeof loadTemplateRow> | null>();
  const promptOf = (runId: string, itemId: string): LocalizedText | null => {
    if (!prompts.has(runId)) {
      const run = store.db.select({ templateRowId: checklistRuns.templateRowId }).from(checklistRuns).where(eq(checklistRuns.id, runId)).get();
      prompts.set(runId, run ? loadTemplateRow(store, run.templateRowId) : null);
    }
    return prompts.get(runId)?.items.get(itemId)?.item.prompt ?? null;
  };
  /** Any version of the row, for a label when the entity is not in the report (deleted, or not printed). */
  const anyRow = (table: SnapshotTable, key: string): Row | null => {
    for (const snapshot of [p.resolved.snapshot, p.handout.doc.snapshot, ...p.sides.map((s) => s.snapshot)]) {
      const row = rowsOf(snapshot, table).find((r) => tableSpecs[table].key(r) === key);
      if (row) return row;
    }
    return null;
  };

  return (table: SnapshotTable, key: string): Subject => {
    const kind = recordedTables[table] ?? 'other';
    const row = anyRow(table, key);
    if (kind === 'answer') {
      const [runId = '', itemId = ''] = key.split('/');
      const run = model.plan.runs.find((r) => r.id === runId);
      const prompt = promptOf(runId, itemId);
      const title = run?.title ?? same(runId.slice(0, 8));
      return { kind, ref: itemId, label: { en: `${title.en}: ${prompt?.en ?? itemId}`, ru: `${title.ru}: ${prompt?.ru ?? itemId}` } };
    }
    if (kind === 'risk') {
      const risk = model.risks.find((r) => r.id === key);
      return { kind, ref: risk?.ref ?? '—', label: same(risk?.title ?? String(row?.['title'] ?? key)) };
    }
    if (kind === 'finding') {
      const finding = model.findings.find((f) => f.id === key);
      return { kind, ref: finding?.ref ?? '—', label: same(finding?.description ?? String(row?.['description'] ?? key)) };
    }
    if (kind === 'measure') {
      const measure = model.controlPlan.measures.find((m) => m.id === key);
      return { kind, ref: measure?.ref ?? '—', label: same(measure?.description ?? String(row?.['description'] ?? key)) };
    }
    const named = row?.['title'] ?? row?.['name'] ?? row?.['description'] ?? row?.['person'];
    return { kind, ref: table, label: same(typeof named === 'string' && named !== '' ? named : key) };
  };
}

export function mergedReportModel(store: Store, caseId: string, p: MergeParts): TeamMergeModel {
  const nameOf = (side: string) => p.sides.find((s) => s.side === side)?.name ?? side.slice(0, 12);
  const subjectOf = subjectsFor(store, caseId, p);
  const recorded = p.resolved.provenance
    .filter((pv) => recordedTables[pv.table] && !pv.deleted)
    .map((pv) => ({ ...subjectOf(pv.table, pv.key), names: pv.sides.map(nameOf) }));

  const conflicts = p.resolved.conflicts.map((c: Conflict) => {
    const decision = p.resolved.resolutions.find((r) => r.conflictId === c.id);
    const kept = p.kept.find((k) => k.conflictId === c.id && k.reason === decision?.reason);
    const value = (json: string) => displayValue(c.table, c.field, json);
    return {
      id: c.id,
      kind: c.kind,
      subject: subjectOf(c.table, c.key),
      field: c.field,
      sides: c.sides.map((s) => ({ name: nameOf(s.side), value: c.kind === 'hard' ? value(canonical(s.value)) : null, deleted: s.deleted, fields: s.fields })),
      resolution: decision
        ? {
            choice: decision.kind ?? kept?.choice ?? ('side' in decision.choice ? ('side' as const) : ('value' as const)),
            sideName: 'side' in decision.choice ? nameOf(decision.choice.side) : null,
            value: 'side' in decision.choice ? null : value(canonical(decision.choice.value)),
            reason: decision.reason,
            byName: kept?.byName ?? decision.resolvedBy ?? null,
            at: kept?.at ?? decision.resolvedAt ?? null,
          }
        : null,
    };
  });

  return { sides: p.sides.map((s) => ({ name: s.name, keyId: s.side, bundleId: s.bundleId })), recorded, conflicts };
}
