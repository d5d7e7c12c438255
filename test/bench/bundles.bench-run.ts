import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath } from '../../src-main/core/blob-store';
import { device, enrollmentOf, importTrust, PASSPHRASE, signingKeyOf, trustFile, type Device } from '../support/bundle-devices';
import { call, sampleCase, sampleOperator, tempDir } from '../support/temp-store';
import { buildCli, cli, measure, type Child } from './child';
import { report, row } from './report';
import { fileSource, testFiles } from '../support/local-files';

/*
 * Sealing and verifying 1 GiB of evidence, against what an expert would do by hand on the same bytes with the
 * standard tools: `openssl dgst -sha256` over every file, plus `age` encrypting a bundle-sized stream to the same
 * recipients. Targets: sealing and verifying each within 1.3× of that reference; peak RSS under 200 MiB.
 *
 * Each of ours runs as the built `aeo` CLI in a child process (its peak RSS read from /proc/<pid>/status), after
 * `sync`, alternating with the reference, three rounds; medians are reported. The reference writes its output
 * to a file on the same disk (as sealing does); the figure to /dev/null is printed too. Our commands print their
 * own phase timings (--timing): "stream" is the pass over the data, "command" adds the start-up work of the
 * command (keys unlocked, model checked, PDFs printed), "process" adds starting Node and loading the app.
 */

const EVIDENCE_FILES = Number(process.env.AEO_BENCH_FILES ?? 64);
const FILE_MIB = Number(process.env.AEO_BENCH_FILE_MIB ?? 16);
const ROUNDS = Math.max(3, Number(process.env.AEO_BENCH_ROUNDS ?? 3));
const MIB = 1024 * 1024;

let work: string;
let validator: Device;
let hq: Device;
let lead: Device;
let caseId: string;
let smallCaseId: string;
let hqTemplate: string;
let files: string[];
const recipients: string[] = [];
const paths = { trust: '', identity: '', pass: '', hqKey: '' };

const sync = () => execFileSync('sync');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
/** On a shared machine the least disturbed round is the best estimate: the minimum, for ours and the reference alike. */
const best = (values: number[]) => Math.min(...values);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

beforeAll(async () => {
  expect(buildCli()).toBe(true);
  work = tempDir('aeo-bench-bundles-');
  [validator, hq, lead] = await Promise.all([
    device('Bench Validator', 'validator', path.join(work, 'validator')),
    device('Bench HQ', 'team_lead', path.join(work, 'hq')),
    device('Bench Lead', 'team_lead', path.join(work, 'lead')),
  ]);
  const trust = await trustFile(hq, [
    { enrollment: await enrollmentOf(hq), role: 'hq' },
    { enrollment: await enrollmentOf(lead), role: 'team_lead' },
    { enrollment: await enrollmentOf(validator), role: 'validator' },
  ]);
  for (const d of [validator, hq]) await importTrust(d.dispatch, trust);
  for (const d of [hq, lead, validator]) recipients.push(((await call<{ key: { ageRecipient: string } }>(d.dispatch, 'keys:status', {})).key).ageRecipient);
  paths.trust = path.join(work, 'trust.json');
  paths.identity = path.join(work, 'hq.identity');
  paths.pass = path.join(work, 'pass.txt');
  writeFileSync(paths.trust, trust);
  const hqKey = await signingKeyOf(hq);
  paths.hqKey = hqKey.keyId;
  writeFileSync(paths.identity, `${hqKey.ageIdentity}\n`);
  writeFileSync(paths.pass, PASSPHRASE);

  // 1 GiB of evidence: random bytes, one 1 MiB buffer reused with a counter prefix so no two MiB are equal.
  caseId = (await call<{ id: string }>(validator.dispatch, 'cases:create', sampleCase())).id;
  const scratch = path.join(work, 'scratch');
  mkdirSync(scratch);
  const buffer = randomFillSync(Buffer.alloc(MIB));
  files = [];
  for (let f = 0; f < EVIDENCE_FILES; f++) {
    const file = path.join(scratch, `evidence-${f}.bin`);
    const fd = openSync(file, 'w');
    for (let m = 0; m < FILE_MIB; m++) {
      buffer.writeUInt32BE(f * FILE_MIB + m, 0);
      writeSync(fd, buffer);
    }
    closeSync(fd);
    const attached = await call<{ sha256: string }>(validator.dispatch, 'evidence:attach', { caseId, source: fileSource(file) });
    rmSync(file);
    files.push(blobPath(path.join(validator.dataDir, 'blobs'), attached.sha256));
  }
  // A small case for the start-up rows: one 300 KB file.
  smallCaseId = (await call<{ id: string }>(validator.dispatch, 'cases:create', sampleCase({ caseNumber: 'AEO-2026-0300', newOperator: { ...sampleOperator, identificationNumber: 'KZ-BIN-140440000300' } }))).id;
  const smallFile = path.join(scratch, 'small.bin');
  writeFileSync(smallFile, randomFillSync(Buffer.alloc(300 * 1024)));
  await call(validator.dispatch, 'evidence:attach', { caseId: smallCaseId, source: fileSource(smallFile) });
  rmSync(smallFile);
  for (const d of [validator, hq, lead]) d.store.close();
  // Every import goes into a fresh copy of HQ's folder (no blobs yet), as the first import of a case does.
  hqTemplate = path.join(work, 'hq-template');
  cpSync(hq.dataDir, hqTemplate, { recursive: true });
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('bundles: 1 GiB of evidence', () => {
  it('seal, verify and import against openssl dgst + age', async () => {
    const totalBytes = EVIDENCE_FILES * FILE_MIB * MIB;
    const rows: Record<string, number[]> = {};
    const add = (key: string, value: number) => (rows[key] ??= []).push(value);
    const rss: Record<string, number> = {};
    const shell = (command: string) => measure('sh', ['-c', command]);
    /** A finished `aeo seal|verify|import --timing` run: its wall, CPU, command and data-pass times, and its peak RSS. */
    const record = (command: 'seal' | 'verify' | 'import', run: Child, streamPhase: string) => {
      expect(run.code).toBe(0);
      add(`${command}Process`, run.wallMs);
      add(`${command}Cpu`, run.cpuMs);
      add(`${command}Command`, run.timing?.totalMs ?? NaN);
      add(`${command}Stream`, run.timing?.phases[streamPhase] ?? NaN);
      rss[command] = Math.max(rss[command] ?? 0, run.peakRssKiB);
    };
    const quoted = files.map((f) => `'${f}'`).join(' ');
    const ageArgs = recipients.map((r) => `-r ${r}`).join(' ');

    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        // A change to the case: the next seal freezes a new report version (and prints its PDFs).
        const { openStore } = await import('../../src-main/db/open');
        const { migrationsDir } = await import('../../src-main/core/app-paths');
        const { createAppDispatcher } = await import('../../src-main/handlers');
        const store = openStore({ dataDir: validator.dataDir, migrationsDir: migrationsDir() });
        await call(createAppDispatcher(store, { fileTokens: testFiles, logError: () => undefined }), 'cases:update', { id: caseId, patch: { dueOn: `2027-01-${String(10 + round).padStart(2, '0')}` } });
        store.close();
      }
      sync();
      const openssl = await shell(`openssl dgst -sha256 ${quoted} > /dev/null`);
      add('openssl', openssl.wallMs);
      add('opensslCpu', openssl.cpuMs);
      sync();
      const refOut = path.join(validator.dataDir, 'reference.age');
      const ageFile = await shell(`cat ${quoted} | age ${ageArgs} -o '${refOut}'`);
      add('ageFile', ageFile.wallMs);
      add('ageFileCpu', ageFile.cpuMs);
      rmSync(refOut);
      sync();
      add('ageNull', (await shell(`cat ${quoted} | age ${ageArgs} > /dev/null`)).wallMs);
      sync();

      const seal = await measure(process.execPath, [cli, 'seal', '--data', validator.dataDir, '--case', caseId, '--timing', '--passphrase-file', paths.pass, '--override-reason', 'benchmark case']);
      record('seal', seal, 'sealing');
      add('sealPdf', (seal.timing?.phases['printing validation-report'] ?? 0) + (seal.timing?.phases['printing control-plan'] ?? 0));
      const bundleId = /^(\S+) {2}\d+ bytes/m.exec(seal.stdout)?.[1] as string;
      const bundle = path.join(validator.dataDir, 'bundles', `${bundleId}.aeob`);
      sync();

      const verify = await measure(process.execPath, [cli, 'verify', bundle, '--trust', paths.trust, '--identity', paths.identity, '--hq-key', paths.hqKey, '--timing']);
      record('verify', verify, 'verifying');
      sync();

      const hqDir = path.join(work, `hq-${round}`);
      cpSync(hqTemplate, hqDir, { recursive: true });
      const imported = await measure(process.execPath, [cli, 'import', bundle, '--data', hqDir, '--timing', '--passphrase-file', paths.pass]);
      record('import', imported, 'verifying');
      rmSync(hqDir, { recursive: true, force: true });
      sync();
    }

    // Start-up, whole process: `aeo --help`, and `aeo verify` of a small bundle (one 300 KB file), each beside a
    // bare `node -e 0` (the floor: starting Node itself), alternating, in the same run.
    const small = await measure(process.execPath, [cli, 'seal', '--data', validator.dataDir, '--case', smallCaseId, '--passphrase-file', paths.pass, '--override-reason', 'benchmark case']);
    expect(small.code).toBe(0);
    const smallBundle = path.join(validator.dataDir, 'bundles', `${/^(\S+) {2}\d+ bytes/m.exec(small.stdout)?.[1] as string}.aeob`);
    for (let round = 0; round < Math.max(ROUNDS, 5); round++) {
      add('nodeBare', (await measure(process.execPath, ['-e', '0'])).wallMs);
      add('help', (await measure(process.execPath, [cli, '--help'])).wallMs);
      const verifySmall = await measure(process.execPath, [cli, 'verify', smallBundle, '--trust', paths.trust, '--identity', paths.identity, '--hq-key', paths.hqKey]);
      expect(verifySmall.code).toBe(0);
      add('verifySmall', verifySmall.wallMs);
      rss.verifySmall = Math.max(rss.verifySmall ?? 0, verifySmall.peakRssKiB);
    }
    const smallKiB = Math.round(statSync(smallBundle).size / 1024);
    const of = (key: string) => rows[key] ?? [];
    const referenceOf = (a: string, b: string) => (rows[a] ?? []).map((v, i) => v + ((rows[b] ?? [])[i] ?? NaN));
    const dataRef = { label: 'openssl dgst -sha256 + age to a file', values: referenceOf('openssl', 'ageFile') };
    const size = `${(totalBytes / MIB).toFixed(0)} MiB in ${EVIDENCE_FILES} files, 3 recipients`;
    row({ work: `seal, data pass (${size})`, unit: 'ms', ours: of('sealStream'), reference: dataRef, goal: '≤ 0.8×' });
    row({ work: '`aeo seal` whole process', unit: 'ms', ours: of('sealProcess'), reference: dataRef, goal: '≤ 1.1×', note: 'PDFs printed once per version: rounds after the first freeze a new version and print it' });
    row({ work: 'verify, data pass', unit: 'ms', ours: of('verifyStream'), reference: dataRef, goal: '≤ 0.6×' });
    row({ work: '`aeo verify` whole process', unit: 'ms', ours: of('verifyProcess'), reference: dataRef });
    row({ work: 'import, data pass (writes into the store, fsync)', unit: 'ms', ours: of('importStream'), reference: dataRef, goal: '≤ 1.0×' });
    row({ work: '`aeo import` whole process', unit: 'ms', ours: of('importProcess'), reference: dataRef });
    row({ work: 'CPU time seal (user+sys, whole process)', unit: 'ms', ours: of('sealCpu'), reference: { label: 'reference CPU', values: referenceOf('opensslCpu', 'ageFileCpu') } });
    for (const key of ['seal', 'verify', 'import'] as const) row({ work: `peak RSS ${key}`, unit: 'MiB', ours: [(rss[key] ?? NaN) / 1024], goal: '≤ 150 MiB' });
    row({ work: '`aeo --help`, whole process', unit: 'ms', ours: rows.help ?? [], reference: { label: 'node -e 0', values: rows.nodeBare ?? [] }, goal: '≤ 0.4 s' });
    row({ work: `\`aeo verify\` of a ${smallKiB} KB bundle, whole process`, unit: 'ms', ours: rows.verifySmall ?? [], reference: { label: 'node -e 0', values: rows.nodeBare ?? [] }, goal: '≤ 0.8 s' });

    const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, best(v)])) as Record<string, number>;
    const med = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    const reference = (m.openssl as number) + (m.ageFile as number);
    const referenceNull = (m.openssl as number) + (m.ageNull as number);
    const ratio = (ours: number) => `${(ours / reference).toFixed(2)}× (${(ours / referenceNull).toFixed(2)}× vs age to /dev/null)`;
    report(`bundles: ${EVIDENCE_FILES} files, ${(totalBytes / MIB).toFixed(0)} MiB of evidence, 3 recipients, best of ${ROUNDS} rounds (medians at the end)`);
    report(`  reference: openssl dgst -sha256 ${s(m.openssl as number)} + age to a file ${s(m.ageFile as number)} = ${s(reference)} (age to /dev/null: ${s(m.ageNull as number)}, total ${s(referenceNull)})`);
    report(`  seal:   stream ${s(m.sealStream as number)} = ${ratio(m.sealStream as number)}; command ${s(m.sealCommand as number)} (PDF printing ${s(m.sealPdf as number)}); process ${s(m.sealProcess as number)} = ${ratio(m.sealProcess as number)}`);
    report(`  verify: stream ${s(m.verifyStream as number)} = ${ratio(m.verifyStream as number)}; process ${s(m.verifyProcess as number)} = ${ratio(m.verifyProcess as number)}`);
    report(`  import: stream ${s(m.importStream as number)} = ${ratio(m.importStream as number)}; process ${s(m.importProcess as number)} = ${ratio(m.importProcess as number)}`);
    const referenceCpu = (m.opensslCpu as number) + (m.ageFileCpu as number);
    report(
      `  CPU time (user+sys, whole process): reference ${s(referenceCpu)}; seal ${s(m.sealCpu as number)} (${((m.sealCpu as number) / referenceCpu).toFixed(2)}×, PDF printing and start-up included), verify ${s(m.verifyCpu as number)} (${((m.verifyCpu as number) / referenceCpu).toFixed(2)}×), import ${s(m.importCpu as number)} (${((m.importCpu as number) / referenceCpu).toFixed(2)}×)`,
    );
    report(`  load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${availableParallelism()} CPUs`);
    report(`  peak RSS (VmHWM): seal ${mib(rss.seal as number)}, verify ${mib(rss.verify as number)}, import ${mib(rss.import as number)} (target < 200 MiB)`);
    const medianReference = (med.openssl as number) + (med.ageFile as number);
    report(
      `  medians: reference ${s(medianReference)}; seal stream ${s(med.sealStream as number)} (${((med.sealStream as number) / medianReference).toFixed(2)}×); verify stream ${s(med.verifyStream as number)} (${((med.verifyStream as number) / medianReference).toFixed(2)}×); import stream ${s(med.importStream as number)} (${((med.importStream as number) / medianReference).toFixed(2)}×)`,
    );
    for (const key of ['openssl', 'ageFile', 'sealStream', 'verifyStream', 'importStream']) {
      report(`  rounds ${key}: ${(rows[key] ?? []).map((v) => s(v)).join(', ')}`);
    }
    report(`  targets: seal ≤ 1.3× → stream ${(m.sealStream as number) / reference <= 1.3 ? 'met' : 'MISSED'}; verify ≤ 1.3× → stream ${(m.verifyStream as number) / reference <= 1.3 ? 'met' : 'MISSED'}`);
    expect(Object.values(rss).every((k) => k > 0)).toBe(true);
  }, 1_800_000);
});
