import type { RunDetail } from '../contract/runs';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type AuditChange } from '../db/audit-chain';
import { requireActor, type HandlerMap } from '../kernel/context';
import { requireCase } from './case-rows';
import { requireLiveSite } from './plan';
import { answerRunItem } from './run-answer';
import { checkMetadata } from './run-rules';
import { requireOpenRun, requireRun, statements, type RunRow } from './run-store';
import { detailsOf, runProgress, runSummary, summaryOf, toAnswer } from './run-summary';
import { ensureShippedTemplates, isLatest, loadTemplateRow, requireTemplate, summarize } from './templates-store';

/*
 * Checklist runs: one template version pinned per run, several runs per template and site (five containers
 * inspected = five runs). Rows and statements are in run-store.ts, the page's view of a run in run-summary.ts, the
 * autosave of an answer in run-answer.ts.
 */

/** The sign-off channels live in run-signoff.ts. */
export type SignoffChannel = 'runs:finishCheck' | 'runs:finish' | 'runs:reopen';

export const runsHandlers: Omit<HandlerMap<'runs'>, SignoffChannel> = {
  'runs:create': (ctx, input) => {
    const actor = requireActor(ctx);
    ensureShippedTemplates(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      if (input.siteId !== null) requireLiveSite(ctx.store, input.caseId, input.siteId);
      const template = requireTemplate(ctx.store, input.templateId, input.version);
      const metadata = checkMetadata(template, input.metadata);
      const now = nowUtc();
      const row: RunRow = {
        id: newId(),
        case_id: input.caseId,
        site_id: input.siteId,
        template_row_id: template.rowId,
        label: input.label,
        metadata: JSON.stringify(metadata),
        created_at: now,
        updated_at: now,
        finished_at: null,
        finished_by: null,
        finished_by_name: null,
        signature_sha256: null,
      };
      statements(ctx.store).insertRun.run({ ...row, created_by: actor.id });
      appendAudit(ctx.store.sqlite, actor, [
        {
          entity: 'run',
          entityId: row.id,
          action: 'create',
          after: {
            caseId: row.case_id,
            siteId: row.site_id,
            templateId: template.templateId,
            templateVersion: template.version,
            templateRowId: template.rowId,
            label: row.label,
            metadata,
          },
        },
      ]);
      return runSummary(row, template, runProgress(template, new Map(), new Map(), metadata).overall);
    });
  },

  'runs:list': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    const s = statements(ctx.store);
    const rows = s.runsOfCase.all(input.caseId);
    const values = new Map<string, Map<string, string | null>>();
    for (const a of s.answerValuesOfCase.all(input.caseId)) {
      let forRun = values.get(a.run_id);
      if (!forRun) values.set(a.run_id, (forRun = new Map()));
      forRun.set(a.item_id, a.value);
    }
    const evidence = new Map<string, Map<string, number>>();
    for (const e of s.evidenceOfCase.all(input.caseId)) {
      let forRun = evidence.get(e.run_id);
      if (!forRun) evidence.set(e.run_id, (forRun = new Map()));
      forRun.set(e.item_id, e.n);
    }
    return rows.map((row) => {
      const template = loadTemplateRow(ctx.store, row.template_row_id);
      const progress = runProgress(template, values.get(row.id) ?? new Map(), evidence.get(row.id) ?? new Map(), detailsOf(row));
      return runSummary(row, template, progress.overall);
    });
  },

  'runs:get': (ctx, input): RunDetail => {
    const s = statements(ctx.store);
    const row = requireRun(ctx.store, input.id);
    const template = loadTemplateRow(ctx.store, row.template_row_id);
    const answers = s.answersOfRun.all(row.id);
    const evidenceCounts: Record<string, number> = {};
    for (const e of s.evidenceOfRun.all(row.id)) evidenceCounts[e.item_id] = e.n;
    const progress = runProgress(
      template,
      new Map(answers.map((a) => [a.item_id, a.value])),
      new Map(Object.entries(evidenceCounts)),
      detailsOf(row),
    );
    return {
      run: runSummary(row, template, progress.overall),
      template: template.template,
      templateSummary: summarize(template, isLatest(ctx.store, template)),
      answers: answers.map(toAnswer),
      sectionProgress: progress.sections,
      evidenceCounts,
    };
  },

  'runs:answer': answerRunItem,

  'runs:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const run = requireOpenRun(ctx.store, input.id);
      const template = loadTemplateRow(ctx.store, run.template_row_id);
      const before = JSON.parse(run.metadata) as Record<string, string>;
      const label = input.label ?? run.label;
      let metadata = before;
      if (input.metadata) {
        // A merge: named fields are set, a blank value clears its field, fields not named keep their value.
        const given = checkMetadata(template, input.metadata);
        metadata = { ...before };
        for (const key of Object.keys(input.metadata)) {
          if (given[key] === undefined) delete metadata[key];
          else metadata[key] = given[key];
        }
      }
      const changes: AuditChange[] = [];
      if (label !== run.label) {
        changes.push({ entity: 'run', entityId: run.id, action: 'update', field: 'label', before: run.label, after: label });
      }
      for (const key of new Set([...Object.keys(before), ...Object.keys(metadata)])) {
        if (before[key] !== metadata[key]) {
          changes.push({
            entity: 'run',
            entityId: run.id,
            action: 'update',
            field: `metadata.${key}`,
            before: before[key] ?? null,
            after: metadata[key] ?? null,
          });
        }
      }
      if (changes.length === 0) return summaryOf(ctx.store, run);
      const now = nowUtc();
      statements(ctx.store).updateRun.run(label, JSON.stringify(metadata), now, run.id);
      appendAudit(ctx.store.sqlite, actor, changes);
      return summaryOf(ctx.store, { ...run, label, metadata: JSON.stringify(metadata), updated_at: now });
    });
  },
};
