import type Database from 'better-sqlite3';
import { AppError } from '../contract/result';
import type { Store } from '../db/open';
import { runFinishedError } from './run-lock';

/*
 * The rows of checklist runs and their answers, and the statements that read and write them. `runs:answer` is the
 * hot path (every keystroke's autosave), so the statements are prepared once per database and kept.
 */

type RunRow = {
  id: string;
  case_id: string;
  site_id: string | null;
  template_row_id: string;
  label: string;
  metadata: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  finished_by: string | null;
  finished_by_name: string | null;
  signature_sha256: string | null;
};
type AnswerRow = {
  id: string;
  run_id: string;
  item_id: string;
  value: string | null;
  note: string;
  answered_by: string;
  answered_by_name: string;
  answered_at: string;
  revision: number;
};

const RUN_COLUMNS =
  'id, case_id, site_id, template_row_id, label, metadata, created_at, updated_at, finished_at, finished_by, finished_by_name, signature_sha256';

export type { RunRow, AnswerRow };

function prepareStatements(sqlite: Database.Database) {
  return {
    run: sqlite.prepare<[string], RunRow>(`SELECT ${RUN_COLUMNS} FROM checklist_runs WHERE id = ?`),
    runsOfCase: sqlite.prepare<[string], RunRow>(
      `SELECT ${RUN_COLUMNS} FROM checklist_runs WHERE case_id = ? ORDER BY created_at, id`,
    ),
    insertRun: sqlite.prepare(
      `INSERT INTO checklist_runs (id, case_id, site_id, template_row_id, label, metadata, created_by, created_at, updated_at)
       VALUES (@id, @case_id, @site_id, @template_row_id, @label, @metadata, @created_by, @created_at, @updated_at)`,
    ),
    updateRun: sqlite.prepare('UPDATE checklist_runs SET label = ?, metadata = ?, updated_at = ? WHERE id = ?'),
    touchRun: sqlite.prepare('UPDATE checklist_runs SET updated_at = ? WHERE id = ?'),
    answer: sqlite.prepare<[string, string], AnswerRow>('SELECT * FROM answers WHERE run_id = ? AND item_id = ?'),
    answersOfRun: sqlite.prepare<[string], AnswerRow>('SELECT * FROM answers WHERE run_id = ? ORDER BY id'),
    answerValuesOfCase: sqlite.prepare<[string], { run_id: string; item_id: string; value: string | null }>(
      `SELECT a.run_id, a.item_id, a.value FROM answers a JOIN checklist_runs r ON r.id = a.run_id WHERE r.case_id = ?`,
    ),
    insertAnswer: sqlite.prepare(
      `INSERT INTO answers (id, run_id, item_id, value, note, answered_by, answered_by_name, answered_at, revision)
       VALUES (@id, @run_id, @item_id, @value, @note, @answered_by, @answered_by_name, @answered_at, @revision)`,
    ),
    updateAnswer: sqlite.prepare(
      `UPDATE answers SET value = @value, note = @note, answered_by = @answered_by,
       answered_by_name = @answered_by_name, answered_at = @answered_at, revision = @revision WHERE id = @id`,
    ),
    evidenceOfRun: sqlite.prepare<[string], { item_id: string; n: number }>(
      `SELECT item_id, count(*) AS n FROM evidence
       WHERE run_id = ? AND item_id IS NOT NULL AND removed_at IS NULL GROUP BY item_id`,
    ),
    evidenceOfCase: sqlite.prepare<[string], { run_id: string; item_id: string; n: number }>(
      `SELECT run_id, item_id, count(*) AS n FROM evidence
       WHERE case_id = ? AND run_id IS NOT NULL AND item_id IS NOT NULL AND removed_at IS NULL
       GROUP BY run_id, item_id`,
    ),
  };
}

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepareStatements>>();
export function statements(store: Store) {
  let cached = statementCache.get(store.sqlite);
  if (!cached) {
    cached = prepareStatements(store.sqlite);
    statementCache.set(store.sqlite, cached);
  }
  return cached;
}

export function requireRun(store: Store, id: string): RunRow {
  const row = statements(store).run.get(id);
  if (!row) throw new AppError('not_found', 'No checklist run with this id.');
  return row;
}

/** A finished run is read-only: its answers and details are what the sign-off vouched for. */
export function requireOpenRun(store: Store, id: string): RunRow {
  const row = requireRun(store, id);
  if (row.finished_at !== null) throw runFinishedError(row.finished_by_name, row.finished_at);
  return row;
}
