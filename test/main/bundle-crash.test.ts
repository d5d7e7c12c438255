import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAppRoot, migrationsDir } from '../../src-main/core/app-paths';
import { BundleError } from '../../src-main/core/bundle/errors';
import { loadInstalledTrustList, type TrustList } from '../../src-main/core/bundle/trust-list';
import { verifyBundle } from '../../src-main/core/bundle/verify';
import { openStore } from '../../src-main/db/open';
import { recoverInterruptedSeals } from '../../src-main/domains/bundles';
import { device, enrollmentOf, importTrust, PASSPHRASE, signingKeyOf, trustFile, type Device } from '../support/bundle-devices';
import { call, sampleCase, tempDir } from '../support/temp-store';
import { fileSource } from '../support/local-files';

/*
 * kill -9 the sealing process (`aeo seal --out FILE`) at random moments. Afterwards the database passes
 * PRAGMA integrity_check, FILE is either absent or a complete bundle that verifies, and whatever the device
 * recorded as sealed is, after the recovery the next start runs, a complete bundle on disk too.
 * 30 runs here; `node scripts/crash-seal.mjs` runs 200 (AEO_CRASH_RUNS). The kill moments come from a fixed
 * seed, so a failing run replays (AEO_CRASH_SEED changes it; the seed is printed with the outcome).
 * A kill before the seal has written anything proves little, so the test counts the runs killed while the seal's
 * temp file (`<id>.aeob.part`, or the export's temp beside --out) was on disk, and asserts enough of them.
 */

const RUNS = Number(process.env.AEO_CRASH_RUNS ?? 30);
const SEED = Number(process.env.AEO_CRASH_SEED ?? 0x5ea1_c0de);
/**
 * At least this share of the runs must be killed mid-seal, with the temp file on disk. The kill window stretches to
 * the slowest write seen, so on a busy machine more kills land after the end (a load spike once gave 12 of 30 where
 * a quiet one gives about 20): a fifth proves the kills land where a crash can do harm, without depending on load.
 */
const MIN_MID_SEAL_SHARE = 0.2;
const root = findAppRoot();
const work = tempDir('aeo-crash-');
const template = path.join(work, 'template');
const passFile = path.join(work, 'pass.txt');
let hqIdentity: string;
let trust: TrustList;
let command: { bin: string; args: string[] };
let fullRunMs = 0;
/** How long the seal writes: from its temp file's first sight to the end of a whole run (the longest seen). */
let writeMs = 0;
/** How long the CLI takes to load before it touches any data: kills before that prove little. */
let startupMs = 0;

/** The built CLI when it is newer than every source file (as in `npm test`), else the sources through tsx. */
function cliCommand(): { bin: string; args: string[] } {
  const built = path.join(root, 'out', 'main', 'cli.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const full = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  if (existsSync(built) && statSync(built).mtimeMs > newest(path.join(root, 'src-main'))) return { bin: process.execPath, args: [built] };
  return { bin: process.execPath, args: ['--import', 'tsx', path.join(root, 'src-main', 'cli', 'aeo.ts')] };
}

/** A fresh copy of the prepared data folder; blobs are hard links (the store never changes a blob). */
function copyTemplate(to: string): void {
  cpSync(template, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}blobs${path.sep}sha256${path.sep}`) || statSync(src).isDirectory() });
  const blobs = path.join(template, 'blobs', 'sha256');
  for (const prefix of readdirSync(blobs)) {
    for (const name of readdirSync(path.join(blobs, prefix))) {
      mkdirSync(path.join(to, 'blobs', 'sha256', prefix), { recursive: true });
      linkSync(path.join(blobs, prefix, name), path.join(to, 'blobs', 'sha256', prefix, name));
    }
  }
}

/** The seal had started writing: its temp file (or the bundle it was renamed to) or the export's temp is on disk. */
function sealWriting(dataDir: string, out: string): boolean {
  const bundles = path.join(dataDir, 'bundles');
  const names = existsSync(bundles) ? readdirSync(bundles) : [];
  return (
    names.some((n) => n.endsWith('.aeob.part') || n.endsWith('.aeob')) ||
    readdirSync(path.dirname(out)).some((n) => n.startsWith(`.${path.basename(out)}.`))
  );
}

type SealResult = {
  code: number | null;
  signal: string | null;
  ms: number;
  /** When the seal's temp file was first seen, from the start of the process; null if never. */
  tempAtMs: number | null;
  /** Killed by us after the temp file was on disk. */
  killedMidSeal: boolean;
};

/** When to kill: a time from the start of the process, or a time after the seal's temp file first appears. */
type Kill = { afterStartMs: number } | { afterTempMs: number } | null;

function seal(dataDir: string, out: string, kill: Kill): Promise<SealResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      command.bin,
      [...command.args, 'seal', '--data', dataDir, '--case', 'AEO-2026-0001', '--out', out, '--passphrase-file', passFile, '--override-reason', 'demo case'],
      { stdio: ['ignore', 'ignore', 'pipe'], cwd: root },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let tempAtMs: number | null = null;
    let tempSeenAtKill = false;
    let killTimer: NodeJS.Timeout | null = null;
    const killNow = () => {
      // Looked at just before the kill, while the process can still only move forward.
      tempSeenAtKill = tempAtMs !== null || sealWriting(dataDir, out);
      child.kill('SIGKILL');
    };
    if (kill && 'afterStartMs' in kill) killTimer = setTimeout(killNow, kill.afterStartMs);
    // Watches for the temp file (a readdir every 5 ms), to learn when writing starts and to aim kills after it.
    const watch = setInterval(() => {
      if (tempAtMs !== null || !sealWriting(dataDir, out)) return;
      tempAtMs = Date.now() - started;
      if (kill && 'afterTempMs' in kill) killTimer = setTimeout(killNow, kill.afterTempMs);
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (killTimer) clearTimeout(killTimer);
      if (code !== 0 && signal === null) console.error(stderr);
      resolve({ code, signal, ms: Date.now() - started, tempAtMs, killedMidSeal: signal === 'SIGKILL' && tempSeenAtKill });
    });
  });
}

async function verifies(file: string): Promise<true | string> {
  try {
    await verifyBundle({ path: file, identities: [hqIdentity], trustList: trust });
    return true;
  } catch (error) {
    if (error instanceof BundleError) return `${error.code}: ${error.reason}`;
    throw error;
  }
}

let validator: Device;
let hq: Device;

beforeAll(async () => {
  command = cliCommand();
  writeFileSync(passFile, PASSPHRASE);
  [validator, hq] = await Promise.all([device('Dana Validator', 'validator', template), device('Aliya HQ', 'team_lead')]);
  const file = await trustFile(hq, [
    { enrollment: await enrollmentOf(hq), role: 'hq' },
    { enrollment: await enrollmentOf(validator), role: 'validator' },
  ]);
  expect((await importTrust(validator.dispatch, file)).outcome).toBe('installed');
  hqIdentity = (await signingKeyOf(hq)).ageIdentity;
  trust = loadInstalledTrustList(file.toString(), []);
  const caseId = (await call<{ id: string }>(validator.dispatch, 'cases:create', sampleCase())).id;
  // Enough evidence (34 MiB, over the 32 MiB threshold) that sealing takes a while and runs the cipher in its worker thread.
  const scratch = tempDir('aeo-crash-files-');
  for (let i = 0; i < 2; i++) {
    const file = path.join(scratch, `evidence-${i}.bin`);
    writeFileSync(file, randomFillSync(Buffer.alloc(17 * 1024 * 1024)));
    await call(validator.dispatch, 'evidence:attach', { caseId, source: fileSource(file) });
  }
  rmSync(scratch, { recursive: true, force: true });
  // Freeze the version each run will seal, and print its PDFs once (every copy inherits them and their digests).
  const { id: versionId } = await call<{ id: string }>(validator.dispatch, 'reports:createVersion', { caseId });
  for (const document of ['validation-report', 'control-plan'] as const) await call(validator.dispatch, 'reports:pdf', { versionId, document, lang: 'en' });
  validator.store.close();
  // How long a whole run takes (the slower of two), to spread the kills over it.
  for (let i = 0; i < 2; i++) {
    const calibration = path.join(work, `calibration-${i}`);
    copyTemplate(calibration);
    const whole = await seal(calibration, path.join(calibration, 'out.aeob'), null);
    expect(whole.code).toBe(0);
    expect(whole.tempAtMs, 'the seal wrote a temp file the watch saw').not.toBeNull();
    fullRunMs = Math.max(fullRunMs, whole.ms);
    writeMs = Math.max(writeMs, whole.ms - whole.tempAtMs!);
    rmSync(calibration, { recursive: true, force: true });
  }
  startupMs = await new Promise<number>((resolve) => {
    const started = Date.now();
    spawn(command.bin, [...command.args, '--help'], { stdio: 'ignore', cwd: root }).on('exit', () => resolve(Date.now() - started));
  });
}, 120_000);

afterAll(() => {
  hq?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe(`kill -9 while sealing (${RUNS} runs)`, () => {
  it('leaves an intact database and either no output or a complete, valid bundle', async () => {
    const outcomes = { completed: 0, killedWithoutOutput: 0, killedWithOutput: 0, killedMidSeal: 0 };
    // Seeded fractions of the kill window (no bias toward the ends, unlike fast-check's default draws).
    const fractions = fc.sample(fc.noBias(fc.integer({ min: 0, max: 0xffff_ffff })), { seed: SEED, numRuns: RUNS }).map((n) => n / 2 ** 32);
    for (let run = 0; run < RUNS; run++) {
      const dataDir = path.join(work, `run-${run}`);
      copyTemplate(dataDir);
      const out = path.join(dataDir, 'out.aeob');
      // Mostly between the end of start-up and a little past the end of a whole run; a few during start-up.
      // One run in five anywhere from the start (start-up, preparing the seal); the others while the seal writes,
      // from its temp file's first sight to a little past the end of a whole run.
      const fraction = fractions[run]!;
      const kill: Kill =
        run % 5 === 0 ? { afterStartMs: Math.floor(fraction * fullRunMs * 1.15) } : { afterTempMs: Math.floor(fraction * writeMs * 1.15) };
      const result = await seal(dataDir, out, kill);
      // Runs slow down when the machine is busy: widen the windows to the slowest whole run seen.
      if (result.signal === null) {
        fullRunMs = Math.max(fullRunMs, result.ms);
        if (result.tempAtMs !== null) writeMs = Math.max(writeMs, result.ms - result.tempAtMs);
      }

      const db = new Database(path.join(dataDir, 'aeo.sqlite'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `run ${run}`).toBe('ok');
      } finally {
        db.close();
      }
      if (existsSync(out)) expect(await verifies(out), `run ${run}: ${out}`).toBe(true);
      if (result.killedMidSeal) outcomes.killedMidSeal += 1;
      if (result.signal === null) outcomes.completed += 1;
      else if (existsSync(out)) outcomes.killedWithOutput += 1;
      else outcomes.killedWithoutOutput += 1;

      // What the next start finds: every bundle the device recorded as sealed is whole on disk and verifies, and
      // its report version is sealed; without a recorded bundle, the version is still a draft.
      const store = openStore({ dataDir, migrationsDir: migrationsDir() });
      try {
        await recoverInterruptedSeals(store);
        const rows = store.sqlite.prepare("SELECT path, report_version_id AS versionId FROM bundles WHERE direction = 'sealed'").all() as {
          path: string;
          versionId: string;
        }[];
        const status = store.sqlite.prepare('SELECT status FROM report_versions ORDER BY version DESC LIMIT 1').pluck().get();
        expect(status, `run ${run}`).toBe(rows.length > 0 ? 'sealed' : 'draft');
        for (const row of rows) expect(await verifies(row.path), `run ${run}: recorded ${row.path}`).toBe(true);
        if (existsSync(out)) expect(rows.length, `run ${run}: an exported bundle was recorded`).toBe(1);
      } finally {
        store.close();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
    console.log(`crash runs (seed ${SEED}): ${JSON.stringify(outcomes)} (start-up ${startupMs} ms, a full run ${fullRunMs} ms, writing ${writeMs} ms, via ${command.args[0] === '--import' ? 'tsx' : 'the built CLI'})`);
    // The kills must land where a crash can do harm: after the seal began writing its temp file.
    expect(outcomes.killedMidSeal, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(Math.ceil(RUNS * MIN_MID_SEAL_SHARE));
  }, 600_000);
});

