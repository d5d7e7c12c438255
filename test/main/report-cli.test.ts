import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandValues } from '../../src-main/cli/kit';
import { reportCommand } from '../../src-main/cli/report-command';
import { openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, tempDir, type TestApp } from '../support/temp-store';

let app: TestApp;
let fx: ReportFixture;
let out: string;
beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 2 }));
  out = tempDir('aeo-report-out-');
}, 60_000);
afterAll(() => {
  app.dispose();
  rmSync(out, { recursive: true, force: true });
});

function captureConsole() {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.join(' ')));
  return {
    lines,
    restore() {
      log.mockRestore();
      error.mockRestore();
    },
  };
}

/** Runs `aeo report` with `values`: its exit code and what it printed. */
async function runReport(values: CommandValues): Promise<{ code: number; lines: string[] }> {
  const output = captureConsole();
  try {
    return { code: await reportCommand.run(values, []), lines: output.lines };
  } finally {
    output.restore();
  }
}

describe('aeo report', () => {
  it('writes validation-report.pdf and control-plan.pdf for a case named by its number', async () => {
    const output = captureConsole();
    try {
      const code = await reportCommand.run({ data: app.dataDir, case: fx.caseNumber, out, lang: 'ru' }, []);
      expect(code).toBe(0);
    } finally {
      output.restore();
    }
    expect(readdirSync(out).sort()).toEqual(['control-plan.pdf', 'validation-report.pdf']);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(out, 'validation-report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Отчёт о валидации');
    expect(output.lines.join('\n')).toMatch(/validation-report\.pdf {2}\d+ pages/);
  }, 60_000);

  it('accepts the case id as well, in English', async () => {
    const dir = path.join(out, 'en');
    expect((await runReport({ data: app.dataDir, case: fx.caseId, out: dir, lang: 'en' })).code).toBe(0);
    expect(existsSync(path.join(dir, 'control-plan.pdf'))).toBe(true);
  }, 60_000);

  it('prints both documents of one version, freezing one new version after the case changed', async () => {
    await call(app.dispatch, 'assessment:update', { caseId: fx.caseId, patch: { recommendation: 'postpone' } });
    const versions = () => app.store.sqlite.prepare('SELECT count(*) FROM report_versions WHERE case_id = ?').pluck().get(fx.caseId) as number;
    const before = versions();
    const dir = path.join(out, 'changed');
    const { code, lines } = await runReport({ data: app.dataDir, case: fx.caseId, out: dir, lang: 'en' });
    expect(code).toBe(0);
    expect(versions()).toBe(before + 1);
    const printed = lines.map((line) => /(validation-report|control-plan)\.pdf .* version (\d+),/.exec(line)).filter((m) => m !== null);
    // Listed in document order, whichever finished first; both of the new version.
    expect(printed.map((m) => m[1])).toEqual(['validation-report', 'control-plan']);
    expect(printed.map((m) => Number(m[2]))).toEqual([before + 1, before + 1]);
    const latest = app.store.sqlite.prepare('SELECT id FROM report_versions WHERE case_id = ? ORDER BY version DESC LIMIT 1').pluck().get(fx.caseId) as string;
    const recorded = app.store.sqlite.prepare('SELECT document, sha256 FROM printed_pdfs WHERE report_version_id = ? ORDER BY document').all(latest) as { document: string; sha256: string }[];
    expect(recorded.map((r) => r.document)).toEqual(['control-plan', 'validation-report']);
    for (const r of recorded) {
      expect(createHash('sha256').update(readFileSync(path.join(dir, `${r.document}.pdf`))).digest('hex')).toBe(r.sha256);
    }
  }, 60_000);

  it('an unknown case exits non-zero with a clear message and writes nothing', async () => {
    const dir = path.join(out, 'none');
    const output = captureConsole();
    let code: number;
    try {
      code = await reportCommand.run({ data: app.dataDir, case: 'AEO-1999-0404', out: dir, lang: 'en' }, []);
    } finally {
      output.restore();
    }
    expect(code).toBe(1);
    expect(output.lines.join('\n')).toContain('no validation case "AEO-1999-0404"');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a missing --out or an unknown language before opening anything', async () => {
    const output = captureConsole();
    try {
      expect(await reportCommand.run({ data: app.dataDir, case: fx.caseNumber, lang: 'en' }, [])).toBe(2);
      expect(await reportCommand.run({ data: app.dataDir, case: fx.caseNumber, out, lang: 'kk' }, [])).toBe(2);
    } finally {
      output.restore();
    }
    expect(output.lines.join('\n')).toContain('--lang must be en or ru');
  });
});
