import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfResult, ReportVersionSummary } from '../../src-main/contract/reports';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';
import { buildCli, cli, measure } from './child';
import { report, row } from './report';

/*
 * Printing a large case: 400 answered checklist items, 60 findings and 120 photos of 2000×1500 px (noisy, so
 * they compress like real photos). Each PDF is timed through the real handler (the bundled worker thread, the photos' print
 * renditions made at ingest, pdfmake), with its size and the test process's peak resident memory while it
 * printed (that process also holds vitest and the fixture, about 300 MB before the print). Then `aeo report` prints
 * both documents in a fresh process, as a validator would: its wall and CPU time and its own peak RSS. Nothing
 * about time is asserted; the size must stay well under the 25 MB mail limit.
 */

const PHOTOS = 120;
const FINDINGS = 60;
const ITEMS = 400;

let app: TestApp;
let fx: ReportFixture;
let version: ReportVersionSummary;

/** Resets the kernel's peak-RSS counter (Linux), so VmHWM covers only what follows. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

beforeAll(async () => {
  // The handler's PDF worker as the app runs it (the bundle), not its TypeScript source through tsx.
  expect(buildCli()).toBe(true);
  process.env.AEO_BUILT_WORKERS = '1';
  app = openTestApp();
  const start = performance.now();
  fx = await buildReportFixture(app, {
    photos: PHOTOS,
    photoSize: { width: 2000, height: 1500 },
    answeredItems: ITEMS,
    findings: FINDINGS,
  });
  report(
    `report bench fixture: ${fx.answeredItems} answered items in ${fx.runIds.length} runs, ${fx.findings.length} findings, ` +
      `${fx.evidence.filter((e) => e.kind === 'photo').length} photos 2000×1500 (${mb(fx.evidence.reduce((n, e) => n + e.size, 0))} of evidence), ` +
      `built in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
}, 600_000);
afterAll(() => app.dispose());

describe('report printing', () => {
  it('freezes the report model as a version', async () => {
    const start = performance.now();
    version = await call<ReportVersionSummary>(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
    report(`  compose + freeze the report model: ${((performance.now() - start) / 1000).toFixed(2)} s`);
    expect(version.version).toBe(1);
  });

  it.each([
    ['validation-report', 'en'],
    ['validation-report', 'ru'],
    ['control-plan', 'en'],
    ['control-plan', 'ru'],
  ] as const)('prints the %s in %s', async (document, lang) => {
    // Three rounds: a version prints once (printed_pdfs), so each round forgets the draft's print first (bench only).
    const seconds: number[] = [];
    const peaks: number[] = [];
    const added: number[] = [];
    for (let round = 0; round < 3; round += 1) {
    app.store.sqlite.prepare('DELETE FROM printed_pdfs WHERE report_version_id = ? AND document = ? AND lang = ?').run(version.id, document, lang);
    const before = process.memoryUsage().rss;
    const hwm = resetPeak();
    let sampledPeak = before;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
    }, 25);
    const start = performance.now();
    const result = await call<PdfResult>(app.dispatch, 'reports:pdf', { versionId: version.id, document, lang });
    const elapsed = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const peak = (hwm ? peakRssMb() : null) ?? sampledPeak / 1024 / 1024;
    report(
      `  ${document}.${lang}: ${elapsed.toFixed(2)} s, ${mb(result.size)}, ${result.pages} pages, ` +
        `peak RSS ${peak.toFixed(0)} MB ${hwm ? '(VmHWM)' : '(sampled)'}, ${(before / 1024 / 1024).toFixed(0)} MB before`,
    );
    expect(result.size).toBeLessThan(25 * 1024 * 1024);
    seconds.push(elapsed * 1000);
    peaks.push(peak);
    added.push(peak - before / 1024 / 1024);
    }
    const what = `${ITEMS} answers, ${FINDINGS} findings, ${PHOTOS} photos 2000×1500`;
    row({ work: `${document} ${lang.toUpperCase()} PDF (${what})`, unit: 'ms', ours: seconds, goal: '≤ 3 s' });
    // The whole vitest process (it holds vitest and the fixture): informative only. The memory goal is judged on
    // `aeo report` below, a process that does nothing but print.
    row({ work: `${document} ${lang.toUpperCase()} PDF peak RSS (whole test process, fixture included)`, unit: 'MiB', ours: peaks });
    // The test process holds vitest and the fixture before it prints (270–440 MB): what the print itself adds.
    row({ work: `${document} ${lang.toUpperCase()} PDF, RSS the print added (peak − before)`, unit: 'MiB', ours: added });
  });
});

describe('aeo report, whole process', () => {
  it.each(['en', 'ru'] as const)('prints the validation report and the control plan in %s in a fresh process', async (lang) => {
    expect(buildCli()).toBe(true);
    const out = tempDir('aeo-bench-report-');
    const walls: number[] = [];
    const cpus: number[] = [];
    const peaks: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      // A version prints once: forget the PDFs printed so far, so this process prints both again.
      const printed = path.join(app.dataDir, 'reports', version.id);
      for (const name of readdirSync(printed)) rmSync(path.join(printed, name), { force: true });
      const child = await measure(process.execPath, [cli, 'report', '--data', app.dataDir, '--case', fx.caseId, '--out', out, '--lang', lang]);
      expect(child.code).toBe(0);
      walls.push(child.wallMs);
      cpus.push(child.cpuMs);
      peaks.push(child.peakRssKiB / 1024);
      report(
        `  aeo report --lang ${lang} (validation report + control plan): ${(child.wallMs / 1000).toFixed(2)} s wall, ` +
          `${(child.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${(child.peakRssKiB / 1024).toFixed(0)} MiB`,
      );
    }
    const what = `aeo report ${lang.toUpperCase()}, whole process (validation report + control plan, ${ITEMS} answers, ${PHOTOS} photos)`;
    row({ work: what, unit: 'ms', ours: walls, goal: '≤ 3 s' });
    row({ work: `${what}, CPU`, unit: 'ms', ours: cpus });
    row({ work: `${what}, peak RSS`, unit: 'MiB', ours: peaks, goal: '≤ 250 MB' });
  });
});
