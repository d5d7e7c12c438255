import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { openStore } from '../../src-main/db/open';
import { createAppDispatcher } from '../../src-main/handlers';
import { PASSPHRASE } from '../support/bundle-devices';
import { runAeo as aeo } from '../support/aeo-cli';
import { entryArgs, projectRoot } from '../support/built-app';
import { testFiles } from '../support/local-files';
import { call, sampleCase, tempDir } from '../support/temp-store';

/*
 * Issue 12's "done when", on the command line: three data folders (the lead and two validators) go handout → field
 * work → seal → merge with a resolutions file → `aeo verify` of the merged bundle prints every signer.
 */

const root = tempDir('aeo-team-cli-');
const dir = (name: string) => path.join(root, name);
const passFile = dir('pass.txt');
const p = { 'passphrase-file': passFile };
const keys: Record<string, string> = {};
let caseId: string;
let runId: string;

/** Work on a laptop through the handler map, as the app would (there is no `aeo runs` verb). */
async function onLaptop(name: string, work: (dispatch: ReturnType<typeof createAppDispatcher>) => Promise<void>) {
  const store = openStore({ dataDir: dir(name), migrationsDir: migrationsDir() });
  try {
    await work(createAppDispatcher(store, { fileTokens: testFiles, logError: () => undefined }));
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  writeFileSync(passFile, `${PASSPHRASE}\n`);
  for (const [name, person, role] of [
    ['hq', 'Aliya HQ', 'team_lead'],
    ['lead', 'Timur Lead', 'team_lead'],
    ['dana', 'Dana Validator', 'validator'],
    ['arman', 'Arman Validator', 'validator'],
  ] as const) {
    const made = await aeo('keys', ['new'], { data: dir(name), name: person, role, ...p });
    keys[name] = /key id: +([0-9a-f]{64})/.exec(made.out)?.[1] ?? '';
    expect((await aeo('keys', ['export'], { data: dir(name), out: dir(`${name}.enrollment.json`), ...p })).code).toBe(0);
  }
  expect((await aeo('trust', ['new'], { out: dir('draft.json'), issuer: 'Customs HQ', expires: '2030-12-31' })).code).toBe(0);
  for (const [name, role] of [['hq', 'hq'], ['lead', 'team_lead'], ['dana', 'validator'], ['arman', 'validator']] as const) {
    expect((await aeo('trust', ['add', dir('draft.json')], { enrollment: dir(`${name}.enrollment.json`), role })).code).toBe(0);
  }
  expect((await aeo('trust', ['sign', dir('draft.json')], { data: dir('hq'), out: dir('trust.json'), ...p })).code).toBe(0);
  for (const name of ['lead', 'dana', 'arman']) {
    expect((await aeo('trust', ['import', dir('trust.json')], { data: dir(name), 'hq-key': keys.hq as string, ...p })).code).toBe(0);
  }
  expect((await aeo('keys', ['export'], { data: dir('hq'), out: dir('hq.identity'), identity: true, ...p })).code).toBe(0);
  await onLaptop('lead', async (dispatch) => {
    caseId = (await call<{ id: string }>(dispatch, 'cases:create', sampleCase())).id;
  });
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('aeo assign, handout, merge, verify', { timeout: 180_000 }, () => {
  it('the lead assigns one shared run to both validators and hands the case out', async () => {
    for (const name of ['dana', 'arman']) {
      const assigned = await aeo('assign', [], { data: dir('lead'), case: caseId, key: keys[name] as string, runs: 'ctpat-container-7pt@4' });
      expect(assigned.out).toMatch(/^run /m);
      expect(assigned.code).toBe(0);
      runId = /^run ([0-9a-f-]{36})/m.exec(assigned.out)?.[1] ?? '';
    }
    const handout = await aeo('handout', [], { data: dir('lead'), case: caseId, out: dir('handout.aeob'), ...p });
    expect(handout.code).toBe(0);
    expect(handout.out).toMatch(/kind: +handout/);
    expect(handout.out).toMatch(/assigned: Arman Validator/);
    for (const name of ['dana', 'arman']) expect((await aeo('import', [dir('handout.aeob')], { data: dir(name), ...p })).code).toBe(0);
  });

  it('the validators answer, disagree once, and seal field reports', async () => {
    await onLaptop('dana', async (dispatch) => {
      await call(dispatch, 'runs:answer', { runId, itemId: 'front-wall', value: 'compliant' });
      await call(dispatch, 'runs:answer', { runId, itemId: 'left-side', value: 'compliant' });
    });
    await onLaptop('arman', async (dispatch) => {
      await call(dispatch, 'runs:answer', { runId, itemId: 'front-wall', value: 'compliant' });
      await call(dispatch, 'runs:answer', { runId, itemId: 'left-side', value: 'non_compliant', note: 'Dent at 1.2 m' });
    });
    for (const name of ['dana', 'arman']) {
      expect((await aeo('seal', [], { data: dir(name), case: caseId, out: dir(`${name}.aeob`), 'override-reason': 'My part only', ...p })).code).toBe(0);
    }
  });

  it('merge stops at the open hard conflict (text and --json), then seals with a resolutions file', async () => {
    const files = [dir('dana.aeob'), dir('arman.aeob')];
    const open = await aeo('merge', files, { data: dir('lead'), out: dir('merged.aeob'), ...p });
    expect(open.code).toBe(1);
    expect(open.out).toContain(`answers/${runId}/left-side/value  (hard)`);
    const json = await aeo('merge', [...files, dir('dana.aeob')], { data: dir('lead'), out: dir('merged.aeob'), json: true, ...p });
    expect(json.code).toBe(1);
    const listed = JSON.parse(json.out.slice(json.out.indexOf('{'))) as { open: { id: string; sides: { name: string }[] }[] };
    // The value and the note: two fields both validators wrote differently on an answer neither found in the handout.
    expect(listed.open.map((c) => c.id)).toEqual([`answers/${runId}/left-side/note`, `answers/${runId}/left-side/value`]);
    expect(listed.open[0]?.sides.map((s) => s.name).sort()).toEqual(['Arman Validator', 'Dana Validator']);

    writeFileSync(
      dir('resolutions.json'),
      JSON.stringify([
        { conflictId: `answers/${runId}/left-side/value`, side: keys.arman, reason: 'Arman photographed the dent' },
        { conflictId: `answers/${runId}/left-side/note`, value: 'Dent at 1.2 m (seen by Arman; Dana saw the wall after repair)', reason: 'combined' },
      ]),
    );
    // The merged case still has open pre-seal items (criteria, recommendation): refused like `aeo seal`, nothing written.
    const gated = await aeo('merge', files, { data: dir('lead'), out: dir('merged.aeob'), resolutions: dir('resolutions.json'), ...p });
    expect(gated.code).toBe(1);
    expect(gated.out).toMatch(/REFUSED open_items: \d+ open item\(s\)/);
    expect(existsSync(dir('merged.aeob'))).toBe(false);
    const reason = 'Merged field reports; the lead concludes the criteria at HQ';
    const sealed = await aeo('merge', files, { data: dir('lead'), out: dir('merged.aeob'), resolutions: dir('resolutions.json'), 'override-reason': reason, ...p });
    expect(sealed.code).toBe(0);
    expect(sealed.out).toMatch(/2 field reports, 2 conflicts resolved/);
  });

  it('aeo verify of the merged bundle prints every signer', async () => {
    const result = await aeo('verify', [dir('merged.aeob')], { trust: dir('trust.json'), identity: dir('hq.identity'), 'hq-key': keys.hq as string });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/kind: +merged report/);
    expect(result.out).toMatch(/signer: +Timur Lead +role team_lead/);
    expect(result.out).toMatch(/input: .* signer Dana Validator +role validator +key valid/);
    expect(result.out).toMatch(/input: .* signer Arman Validator +role validator +key valid/);
  });

  it('the built `aeo verify`, in a process of its own, prints every signer of the merged bundle', async () => {
    // The merged bundle carries a combined decision (the note): its recorded value digest is re-derived here too.
    const args = ['verify', dir('merged.aeob'), '--trust', dir('trust.json'), '--identity', dir('hq.identity'), '--hq-key', keys.hq as string];
    const { stdout } = await promisify(execFile)(process.execPath, [...entryArgs('cli'), ...args], { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/kind: +merged report/);
    expect(stdout).toMatch(/signer: +Timur Lead +role team_lead/);
    expect(stdout).toMatch(/input: .* signer Dana Validator +role validator +key valid/);
    expect(stdout).toMatch(/input: .* signer Arman Validator +role validator +key valid/);
  });
});
