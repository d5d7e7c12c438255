import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';

/**
 * Shipped migrations are append-only: a validator's laptop may hold a database migrated by any released version,
 * and drizzle's migrator never re-runs an edited file. Add a new migration instead of editing one; then add its
 * hash here.
 */
const SHIPPED: Record<string, string> = {
  '0000_init.sql': 'f6e69029d77b6f2255449711cfba7b07018e6f3bab3fed0d19af19f44468f795',
  '0001_audit_append_only.sql': '88b6d59ee187966c2726fbf842a3ba1d1a5d3b8b617de715ae535deab5a24ca1',
  '0002_site_visit.sql': 'ce15cbbebdec2d67c787d41aff531746dbecd80e0969d949496a3ec90dac9ff3',
  '0003_report_immutability.sql': 'dbd36d1434951a4bef3e18786d988f5f24d9159643a6325dc8cd9e5b00b4fa5d',
  '0004_bundles.sql': '65782a6e37debbff14bb7175b9d471865a73a3ca9aaefa87b40820c6a79e2a97',
  '0005_answer_revision.sql': 'a7f5e80cd67ddcea462e3794f983fa40d3373a3821aad5e9a816d45bf08e520d',
  '0006_actor_ids.sql': '56d2926f2d55ed0c86cc510fe3bb125fc65bbef3aca35a3f0f91aa7229415817',
  '0007_residual_reason.sql': '1e041eb4c16e535173bec0cd820949388a4d3e91543b7ca8467c9fcf5f253c8d',
  '0008_completion_gates.sql': 'aecfe762e7fd02ef98cac9564475956af8c0c7fab9b18838b46736e1c07cbdb3',
  '0009_team_assignments.sql': 'a513b7cf07fabeece382475834fcc3ecc4e5b67218707259841d44e57f856d5a',
  '0010_sync_outbox.sql': '09ee970d9900866cdc662dbcc059a7f7d619e13c5e55d69dafc8c1eacde991a9',
  '0011_steps_systems_interviews.sql': '8eafc35449171bf3c273a9b766cbec686946ba72d5963d6186d4e83ac111fd97',
  '0012_merge_resolutions.sql': '4674835066e3b59a877f55df44f1286c222b02464d6c1b5b97cb3e5c4a4d0a9c',
  '0013_certification_cycle.sql': 'bb5e55705acd2b2d1e33f05c8dcd7a7b8e8563da112e57b1b1da2fecad61dcaa',
  '0014_criterion_citations.sql': '71d1031494f07011c6afb0406988cfeaa43ddce245b88867c79f79b1539c09c9',
  '0015_official_form.sql': 'addc7e11b1611dc3d3297c506f488cb56dffe5e57d96faa907dfc1bf172f66fa',
  '0016_printed_pdfs.sql': '715242cc357f5edc576c8483ddc097b19eef67d66cd195217d3b524a6096a3b4',
  '0017_print_renditions.sql': 'b80b8a88d5ea56c1b0ff271fa70045a63ba0750dd15821574e2816f05d0cd096',
  '0018_case_report_language.sql': 'c5ea672b5230ed85d860459e96dcd5b27764cd8085ee2fa679f8f0fea6e030ce',
};

const dir = migrationsDir();
const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
  entries: { idx: number; when: number; tag: string }[];
};
const sha256 = (file: string) => createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex');

describe('shipped migrations', () => {
  it.each(Object.keys(SHIPPED))('%s is unchanged since it shipped', (file) => {
    expect(sha256(file)).toBe(SHIPPED[file]);
  });

  it('every migration file is listed in the journal and pinned here', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(journal.entries.map((e) => `${e.tag}.sql`).sort());
    expect(Object.keys(SHIPPED).sort()).toEqual(files.sort());
  });

  it('journal timestamps strictly increase, so no migration is silently skipped', () => {
    journal.entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      if (i > 0) expect(entry.when).toBeGreaterThan(journal.entries[i - 1]!.when);
    });
  });
});
