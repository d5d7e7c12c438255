import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { openStore } from '../../src-main/db/open';
import { tempDir } from '../support/temp-store';

/*
 * Migration 0006_actor_ids: older versions stored a user's name in some who-did-it columns. A database built at the
 * migration before it gets those names mapped to user ids where exactly one user bears the name.
 */

const MIGRATION = '0006_actor_ids';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

/** The shipped migrations up to (not including) `tag`, as their own folder. */
function migrationsBefore(tag: string): string {
  const dir = tempDir('aeo-migrations-');
  cpSync(migrationsDir(), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  for (const entry of journal.entries.slice(at)) rmSync(path.join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migration 0006_actor_ids', () => {
  it('maps names to the id of the one user who bears them; ambiguous, unknown names, ids and sealed versions stay', () => {
    const dataDir = tempDir();
    const old = openStore({ dataDir, migrationsDir: migrationsBefore(MIGRATION) });
    const at = '2026-01-01T00:00:00.000Z';
    const run = (sql: string, ...params: unknown[]) => old.sqlite.prepare(sql).run(...params);
    for (const [id, name] of [['u-dana', 'Dana'], ['u-twin-1', 'Twin'], ['u-twin-2', 'Twin']]) {
      run("INSERT INTO users (id, name, role, created_at) VALUES (?, ?, 'validator', ?)", id, name, at);
    }
    run("INSERT INTO operators (id, legal_name, identification_number, roles, created_at, updated_at) VALUES ('op', 'Op', '1', '[]', ?, ?)", at, at);
    run(
      `INSERT INTO cases (id, case_number, operator_id, aeo_type, current_step, lead_validator, team, opened_on, created_at, updated_at)
       VALUES ('c', 'AEO-1', 'op', 'both', 'planning', 'Dana', '[]', '2026-01-01', ?, ?)`,
      at,
      at,
    );
    const risk = (id: string, by: string) =>
      run("INSERT INTO risks (id, case_id, title, likelihood, consequence, created_by, created_at, updated_at) VALUES (?, 'c', 't', 1, 1, ?, ?, ?)", id, by, at, at);
    risk('r-name', 'Dana');
    risk('r-twin', 'Twin');
    risk('r-unknown', 'Nobody');
    risk('r-id', 'u-dana');
    run("INSERT INTO findings (id, case_id, description, created_by, created_at, updated_at) VALUES ('f', 'c', 'd', 'Dana', ?, ?)", at, at);
    const version = (id: string, n: number, status: string) =>
      run(
        "INSERT INTO report_versions (id, case_id, version, model, model_sha256, created_by, created_at, status) VALUES (?, 'c', ?, '{}', 'x', 'Dana', ?, ?)",
        id,
        n,
        at,
        status,
      );
    version('v-sealed', 1, 'sealed');
    version('v-draft', 2, 'draft');
    run(
      `INSERT INTO trust_lists (id, version, digest, file, issuer, issued_at, expires_at, signed_by, imported_at, imported_by)
       VALUES ('t', 1, 'd', '{}', 'HQ', ?, ?, '[]', ?, 'Dana')`,
      at,
      at,
      at,
    );
    run(
      `INSERT INTO bundles (bundle_id, envelope_digest, direction, signer_key_id, signer_name, sequence, case_id, case_number,
         report_version_id, created_at, recorded_at, recorded_by, size, trust_list_version, flags, report)
       VALUES ('b', 'e', 'sealed', 'k', 'Dana', 1, 'c', 'AEO-1', 'v-sealed', ?, ?, 'Dana', 1, 1, '[]', '{}')`,
      at,
      at,
    );
    old.close();

    const store = openStore({ dataDir, migrationsDir: migrationsDir() });
    cleanups.push(() => store.close());
    const value = (sql: string, id: string) => store.sqlite.prepare(sql).pluck().get(id);
    const riskBy = (id: string) => value('SELECT created_by FROM risks WHERE id = ?', id);
    expect(riskBy('r-name')).toBe('u-dana');
    expect(riskBy('r-twin')).toBe('Twin');
    expect(riskBy('r-unknown')).toBe('Nobody');
    expect(riskBy('r-id')).toBe('u-dana');
    expect(value('SELECT created_by FROM findings WHERE id = ?', 'f')).toBe('u-dana');
    expect(value('SELECT created_by FROM report_versions WHERE id = ?', 'v-draft')).toBe('u-dana');
    expect(value('SELECT created_by FROM report_versions WHERE id = ?', 'v-sealed')).toBe('Dana');
    expect(value('SELECT imported_by FROM trust_lists WHERE id = ?', 't')).toBe('u-dana');
    expect(value('SELECT recorded_by FROM bundles WHERE bundle_id = ?', 'b')).toBe('u-dana');
  });
});
