#!/usr/bin/env node
// Development aid: regenerates the newest migration from the schema while it has NOT been committed yet.
// A committed (shipped) migration is never regenerated: test/main/migrations.test.ts pins it.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const journalPath = path.join(root, 'migrations', 'meta', '_journal.json');
const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
const last = journal.entries.at(-1);
const file = `migrations/${last.tag}.sql`;
const tracked = execFileSync('git', ['ls-files', file], { cwd: root, encoding: 'utf8' }).trim();
if (tracked) {
  console.error(`${file} is committed (shipped); add a new migration with \`npm run db:generate\` instead.`);
  process.exit(1);
}
// A hand-written migration (drizzle-kit generate --custom: triggers and the like) leaves the schema snapshot as
// it was; regenerating it from the schema would silently replace its SQL. Refuse, and add a new migration instead.
const snapshotOf = (idx) => {
  const file = path.join(root, 'migrations', 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`);
  const { id: _id, prevId: _prevId, ...rest } = JSON.parse(readFileSync(file, 'utf8'));
  return JSON.stringify(rest, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
};
if (last.idx > 0 && snapshotOf(last.idx) === snapshotOf(last.idx - 1)) {
  console.error(
    `${file} is a hand-written (custom) migration; regenerating it would drop its SQL. ` +
      'Add a new migration with `npx drizzle-kit generate --name <name>` instead.',
  );
  process.exit(1);
}
const name = last.tag.replace(/^\d+_/, '');
rmSync(path.join(root, file));
rmSync(path.join(root, 'migrations', 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`));
journal.entries.pop();
writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
execFileSync('npx', ['drizzle-kit', 'generate', '--name', name], { cwd: root, stdio: 'inherit' });
