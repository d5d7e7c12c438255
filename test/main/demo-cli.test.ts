import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Evidence } from '../../src-main/contract/evidence';
import type { Plan } from '../../src-main/contract/plan';
import type { RunSummary } from '../../src-main/contract/runs';
import type { AuditVerification } from '../../src-main/contract/audit';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/** `aeo demo` run as a user runs it: the real CLI entry in a child process, then its data opened by the app's store. */
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let caseId: string;
let app: TestApp;

beforeAll(() => {
  dataDir = tempDir('aeo-demo-');
  const stdout = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src-main/cli/aeo.ts'), 'demo', '--data', dataDir],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  caseId = stdout.trim();
  app = openTestApp(dataDir);
}, 120_000);
afterAll(() => {
  app.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('aeo demo', () => {
  it('prints only the new case id on stdout', () => {
    expect(caseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('creates a case whose plan has two sites and two interviews', async () => {
    const detail = await call<CaseDetail>(app.dispatch, 'cases:get', { id: caseId });
    expect(detail.operator.legalName).toBe('Steppe Logistics LLP');
    const plan = await call<Plan>(app.dispatch, 'plan:get', { caseId });
    expect(plan.sites).toHaveLength(2);
    expect(plan.interviews).toHaveLength(2);
    expect(plan.procedures.map((p) => p.templateId)).toEqual(['ctpat-container-7pt', 'physical-security']);
  });

  it('has a completed seven-point inspection with one non-compliant point and a partly answered physical checklist', async () => {
    const runs = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    const inspection = runs.find((r) => r.templateId === 'ctpat-container-7pt')!;
    const physical = runs.find((r) => r.templateId === 'physical-security')!;
    expect(inspection.progress.answered).toBe(inspection.progress.total);
    expect(inspection.progress.nonCompliant).toBe(1);
    expect(physical.progress.answered).toBeGreaterThan(0);
    expect(physical.progress.answered).toBeLessThan(physical.progress.total);
  });

  it('attached three generated photos with their EXIF capture times', async () => {
    const evidence = await call<Evidence[]>(app.dispatch, 'evidence:list', { caseId });
    expect(evidence).toHaveLength(3);
    expect(evidence.every((e) => e.kind === 'photo' && e.mediaType === 'image/jpeg')).toBe(true);
    expect(evidence[0]?.capturedAt).toBe('2026-11-20T09:26:05.000Z');
    const integrity = await call<{ ok: boolean; checked: number }>(app.dispatch, 'evidence:verify', { caseId });
    expect(integrity).toMatchObject({ ok: true, checked: 3 });
  });

  it('left an intact audit chain behind everything it did', async () => {
    const chain = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(chain.ok).toBe(true);
    expect(chain.rows).toBeGreaterThan(30);
  });
});
