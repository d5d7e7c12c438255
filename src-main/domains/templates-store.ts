import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq, max } from 'drizzle-orm';
import { ChecklistTemplate, type TemplateItem } from '../contract/checklist-template';
import { AppError, type InputIssue } from '../contract/result';
import type { TemplateSummary } from '../contract/templates';
import { assetsDir } from '../core/app-paths';
import { canonicalJson, sha256Hex } from '../core/canonical-json';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { checklistTemplates } from '../db/schema';
import type { HandlerContext } from '../kernel/context';
import { checkTemplate } from './templates-check';

/*
 * The template store: every version of every checklist template ever shipped or imported, one immutable row
 * each. Runs pin a row, so a newer version never changes past answers. Parsed templates are cached per store by
 * row id (rows never change), which keeps `runs:answer` free of JSON parsing.
 */

export type ItemEntry = { item: TemplateItem; sectionId: string };

export type LoadedTemplate = {
  rowId: string;
  templateId: string;
  version: number;
  sha256: string;
  origin: 'shipped' | 'imported';
  template: ChecklistTemplate;
  /** Item id → item and its section. */
  items: ReadonlyMap<string, ItemEntry>;
  itemCount: number;
};

type StoreState = { synced: boolean; rows: Map<string, LoadedTemplate> };
const states = new WeakMap<Store, StoreState>();

function stateOf(store: Store): StoreState {
  let state = states.get(store);
  if (!state) {
    state = { synced: false, rows: new Map() };
    states.set(store, state);
  }
  return state;
}

export const shippedTemplatesDir = () => path.join(assetsDir(), 'checklists');

function loaded(row: Omit<LoadedTemplate, 'template' | 'items' | 'itemCount'>, template: ChecklistTemplate) {
  const items = new Map<string, ItemEntry>();
  for (const section of template.sections) {
    for (const item of section.items) items.set(item.id, { item, sectionId: section.id });
  }
  return { ...row, template, items, itemCount: items.size } satisfies LoadedTemplate;
}

/** A stored row, parsed once per store and cached (rows are immutable). */
export function loadTemplateRow(store: Store, rowId: string): LoadedTemplate {
  const state = stateOf(store);
  const cached = state.rows.get(rowId);
  if (cached) return cached;
  const row = store.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, rowId)).get();
  if (!row) throw new AppError('not_found', 'No stored checklist template with this id.');
  const check = checkTemplate(JSON.parse(row.body));
  if (!check.ok) throw new Error(`stored template ${row.templateId} v${row.version} no longer validates`);
  const result = loaded(
    { rowId: row.id, templateId: row.templateId, version: row.version, sha256: row.sha256, origin: row.origin },
    check.template,
  );
  state.rows.set(row.id, result);
  return result;
}

/** The latest stored version of `templateId`, or the given version; null when there is none. */
export function findTemplate(store: Store, templateId: string, version?: number): LoadedTemplate | null {
  const row = store.db
    .select({ id: checklistTemplates.id })
    .from(checklistTemplates)
    .where(
      version === undefined
        ? eq(checklistTemplates.templateId, templateId)
        : and(eq(checklistTemplates.templateId, templateId), eq(checklistTemplates.version, version)),
    )
    .orderBy(desc(checklistTemplates.version))
    .limit(1)
    .get();
  return row ? loadTemplateRow(store, row.id) : null;
}

export function requireTemplate(store: Store, templateId: string, version?: number): LoadedTemplate {
  const found = findTemplate(store, templateId, version);
  if (found) return found;
  throw new AppError(
    'not_found',
    version === undefined
      ? `No checklist template "${templateId}".`
      : `No version ${version} of checklist template "${templateId}".`,
    [{ path: version === undefined ? 'templateId' : 'version', message: 'not in the template store' }],
  );
}

export function latestVersions(store: Store): Map<string, number> {
  const rows = store.db
    .select({ templateId: checklistTemplates.templateId, version: max(checklistTemplates.version) })
    .from(checklistTemplates)
    .groupBy(checklistTemplates.templateId)
    .all();
  return new Map(rows.map((r) => [r.templateId, r.version ?? 0]));
}

export function isLatest(store: Store, template: LoadedTemplate): boolean {
  const row = store.db
    .select({ version: max(checklistTemplates.version) })
    .from(checklistTemplates)
    .where(eq(checklistTemplates.templateId, template.templateId))
    .get();
  return row?.version === template.version;
}

export function summarize(template: LoadedTemplate, latest: boolean): TemplateSummary {
  const t = template.template;
  return {
    rowId: template.rowId,
    templateId: template.templateId,
    version: template.version,
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    source: t.source,
    languages: t.languages,
    step: t.step,
    sections: t.sections.length,
    items: template.itemCount,
    origin: template.origin,
    latest,
    sha256: template.sha256,
  };
}

/** Every stored row, newest version first within each template id. */
export function listTemplates(store: Store, includeOldVersions: boolean): TemplateSummary[] {
  const rows = store.db
    .select({ id: checklistTemplates.id, templateId: checklistTemplates.templateId, version: checklistTemplates.version })
    .from(checklistTemplates)
    .orderBy(checklistTemplates.templateId, desc(checklistTemplates.version))
    .all();
  const latest = latestVersions(store);
  return rows
    .filter((row) => includeOldVersions || latest.get(row.templateId) === row.version)
    .map((row) => summarize(loadTemplateRow(store, row.id), latest.get(row.templateId) === row.version));
}

const SYSTEM_ACTOR: Actor = { id: null, name: 'system (shipped checklist templates)' };

type StoredPair = { id: string; sha256: string };

function storedPair(store: Store, templateId: string, version: number): StoredPair | undefined {
  return store.db
    .select({ id: checklistTemplates.id, sha256: checklistTemplates.sha256 })
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.templateId, templateId), eq(checklistTemplates.version, version)))
    .get();
}

/** Inserts a validated template row and its audit row; returns null when another writer stored the pair first. */
function insertTemplate(
  store: Store,
  actor: Actor,
  template: ChecklistTemplate,
  origin: 'shipped' | 'imported',
  extra: Record<string, unknown> = {},
): LoadedTemplate | null {
  const body = canonicalJson(template);
  const row = {
    id: newId(),
    templateId: template.id,
    version: template.version,
    body,
    sha256: sha256Hex(body),
    origin,
    loadedAt: nowUtc(),
  };
  const result = store.db.insert(checklistTemplates).values(row).onConflictDoNothing().run();
  if (result.changes === 0) return null;
  appendAudit(store.sqlite, actor, [
    {
      entity: 'checklist_template',
      entityId: row.id,
      action: 'create',
      after: { templateId: row.templateId, version: row.version, sha256: row.sha256, origin, ...extra },
    },
  ]);
  const entry = loaded(
    { rowId: row.id, templateId: row.templateId, version: row.version, sha256: row.sha256, origin },
    template,
  );
  stateOf(store).rows.set(row.id, entry);
  return entry;
}

export type SyncReport = {
  inserted: { file: string; templateId: string; version: number }[];
  alreadyStored: number;
  /**
   * A shipped file whose content differs from the stored row of the same id and version: a packaging bug (the
   * template changed without a version bump). The stored row is kept, because runs may have pinned it.
   */
  changedWithoutVersionBump: {
    file: string;
    templateId: string;
    version: number;
    storedSha256: string;
    shippedSha256: string;
  }[];
  /** Shipped files that could not be read or do not validate; skipped. */
  invalid: { file: string; message: string; issues: InputIssue[] }[];
};

/**
 * Stores every shipped template (id, version) pair not stored yet. Never overwrites a stored row. Reads every
 * `*.json` in `dir`; unreadable or invalid files are reported and skipped, so one bad file cannot lock the app.
 */
export function syncShippedTemplates(store: Store, dir: string = shippedTemplatesDir()): SyncReport {
  const report: SyncReport = { inserted: [], alreadyStored: 0, changedWithoutVersionBump: [], invalid: [] };
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    report.invalid.push({ file: dir, message: `cannot read the folder: ${(error as Error).message}`, issues: [] });
    return report;
  }
  const candidates: { file: string; template: ChecklistTemplate }[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      report.invalid.push({ file, message: `not readable JSON: ${(error as Error).message}`, issues: [] });
      continue;
    }
    const check = checkTemplate(raw);
    if (!check.ok) {
      report.invalid.push({ file, message: 'does not match the template schema', issues: check.issues });
      continue;
    }
    candidates.push({ file, template: check.template });
  }
  store.db.transaction(() => {
    for (const { file, template } of candidates) {
      const shippedSha256 = sha256Hex(canonicalJson(template));
      const stored = storedPair(store, template.id, template.version);
      if (!stored && insertTemplate(store, SYSTEM_ACTOR, template, 'shipped', { file })) {
        report.inserted.push({ file, templateId: template.id, version: template.version });
        continue;
      }
      const existing = stored ?? storedPair(store, template.id, template.version);
      if (existing && existing.sha256 !== shippedSha256) {
        report.changedWithoutVersionBump.push({
          file,
          templateId: template.id,
          version: template.version,
          storedSha256: existing.sha256,
          shippedSha256,
        });
      } else {
        report.alreadyStored += 1;
      }
    }
  });
  return report;
}

/**
 * Syncs the shipped templates once per store, on the first call that needs templates (not at store open, which
 * stays fast and independent of the assets). Problems go to the error log: they are packaging bugs, not user
 * errors, and the stored templates keep working.
 */
export function ensureShippedTemplates(ctx: HandlerContext): void {
  const state = stateOf(ctx.store);
  if (state.synced) return;
  const report = syncShippedTemplates(ctx.store);
  state.synced = true;
  if (report.changedWithoutVersionBump.length > 0 || report.invalid.length > 0) {
    ctx.logError(
      'templates:sync',
      new Error(
        `shipped checklist templates need attention: ${JSON.stringify({
          changedWithoutVersionBump: report.changedWithoutVersionBump,
          invalid: report.invalid,
        })}`,
      ),
    );
  }
}

/**
 * Imports a template from the text of a file. Bad JSON or a bad template is `invalid_input` listing every
 * failing path, and nothing is stored; the same id and version already stored with other content is a conflict;
 * the identical template already stored is returned as it is.
 */
export function importTemplate(store: Store, actor: Actor, content: string, fileName?: string): TemplateSummary {
  let raw: unknown;
  try {
    raw = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = (error as Error).message;
    throw new AppError('invalid_input', `The file is not valid JSON (${detail}); nothing was imported.`, [
      { path: 'content', message: `not valid JSON: ${detail}` },
    ]);
  }
  const check = checkTemplate(raw);
  if (!check.ok) {
    const paths = check.issues.map((issue) => issue.path).join(', ');
    throw new AppError(
      'invalid_input',
      `The template has ${check.issues.length} problem${check.issues.length === 1 ? '' : 's'}, at: ${paths}. Nothing was imported.`,
      check.issues,
    );
  }
  const template = check.template;
  const sha256 = sha256Hex(canonicalJson(template));
  return store.db.transaction(() => {
    const stored = storedPair(store, template.id, template.version);
    const entry = stored
      ? null
      : insertTemplate(store, actor, template, 'imported', fileName ? { fileName } : {});
    if (entry) return summarize(entry, isLatest(store, entry));
    const existing = stored ?? storedPair(store, template.id, template.version);
    if (!existing) throw new Error('template row vanished during import');
    if (existing.sha256 !== sha256) {
      throw new AppError(
        'conflict',
        `Version ${template.version} of template "${template.id}" is already stored with different content. ` +
          'A changed template needs a new version number; nothing was imported.',
        [{ path: 'version', message: 'already stored with different content' }],
      );
    }
    const same = loadTemplateRow(store, existing.id);
    return summarize(same, isLatest(store, same));
  });
}
