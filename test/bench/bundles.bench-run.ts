import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printingPhases } from '../../src-main/contract/progress';
import { blobPath } from '../../src-main/core/blob-store';
import { wcoCriteria } from '../../src-main/contract/checklist-template';
import { device, enrollmentOf, importTrust, PASSPHRASE, signingKeyOf, trustFile, type Device } from '../support/bundle-devices';
import { call, sampleCase, sampleOperator, tempDir } from '../support/temp-store';
import { buildCli, cli, measure, type Child } from './child';
import { report, row } from './report';
import { fileSource, testFiles } from '../support/local-files';

/*
 * Sealing and verifying 1 GiB of evidence, against what an expert would do by hand on the same bytes with the
 * standard tools: `openssl dgst -sha256` over every file, plus `age` encrypting a bundle-sized stream to the same
 * recipients. Goals: see the rows (issue 14); peak RSS at most 150 MiB for each command.
 *
 * Each of ours runs as the built `aeo` CLI in a child process (its peak RSS read from /proc/<pid>/status), after
 * `sync`, alternating with the reference, three rounds; medians are reported. Each round seals twice, each time a
 * new report version (the case changes before each): once after `aeo report` printed that version, as a validator
 * who read the report before sealing does (the seal prints nothing), and once straight away (the seal prints it).
 * The reference writes its output to a file on the same disk (as sealing does); the figure to /dev/null is printed
 * too. Our commands print their own phase timings (--timing): "stream" is the pass over the data, "command" adds
 * the start-up work of the command (keys unlocked, model checked, PDFs printed), "process" adds starting Node and
 * loading the app.
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
  // Nothing open before sealing (every criterion concluded, a reasoned recommendation): no override reason, which
  // the sealed report would print and so would differ from the report printed before the seal.
  for (const criterion of wcoCriteria) await call(validator.dispatch, 'assessment:setConclusion', { caseId, criterion, conclusion: 'met', text: `Criterion ${criterion} met.` });
  await call(validator.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'grant', reasoning: 'Every criterion is met.' } });
  expect(await call(validator.dispatch, 'reports:preSealCheck', { caseId })).toEqual([]);
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
    const record = (command: 'seal' | 'sealPrinted' | 'verify' | 'import', run: Child, streamPhase: string) => {
      expect(run.code).toBe(0);
      add(`${command}Process`, run.wallMs);
      add(`${command}Cpu`, run.cpuMs);
      add(`${command}Command`, run.timing?.totalMs ?? NaN);
      add(`${command}Stream`, run.timing?.phases[streamPhase] ?? NaN);
      rss[command] = Math.max(rss[command] ?? 0, run.peakRssKiB);
    };
    const quoted = files.map((f) => `'${f}'`).join(' ');
    const ageArgs = recipients.map((r) => `-r ${r}`).join(' ');

    /** A change to the case: the next seal or print freezes a new report version. */
    let changes = 0;
    const changeCase = async () => {
      const { openStore } = await import('../../src-main/db/open');
      const { migrationsDir } = await import('../../src-main/core/app-paths');
      const { createAppDispatcher } = await import('../../src-main/handlers');
      const store = openStore({ dataDir: validator.dataDir, migrationsDir: migrationsDir() });
      changes += 1;
      await call(createAppDispatcher(store, { fileTokens: testFiles, logError: () => undefined }), 'cases:update', { id: caseId, patch: { dueOn: `2027-01-${String(10 + changes).padStart(2, '0')}` } });
      store.close();
    };
    const sealArgs = ['seal', '--data', validator.dataDir, '--case', caseId, '--timing', '--passphrase-file', paths.pass];
    const bundleOf = (run: Child) => path.join(validator.dataDir, 'bundles', `${/^(\S+) {2}\d+ bytes/m.exec(run.stdout)?.[1] as string}.aeob`);
    const printedDir = path.join(work, 'printed');

    for (let round = 0; round < ROUNDS; round++) {
      // A version the validator already printed (and read): `aeo report`, then `aeo seal` prints nothing.
      await changeCase();
      const printedFirst = await measure(process.execPath, [cli, 'report', '--data', validator.dataDir, '--case', caseId, '--out', printedDir]);
      expect(printedFirst.code).toBe(0);
      sync();
      const sealPrinted = await measure(process.execPath, [cli, ...sealArgs]);
      record('sealPrinted', sealPrinted, 'sealing');
      expect(Object.values(printingPhases).map((phase) => sealPrinted.timing?.phases[phase])).toEqual([undefined, undefined]);
      rmSync(bundleOf(sealPrinted));

      await changeCase();
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

      // A version nobody printed yet: the seal prints its PDFs first.
      const seal = await measure(process.execPath, [cli, ...sealArgs]);
      record('seal', seal, 'sealing');
      add('sealPdf', Object.values(printingPhases).reduce((sum, phase) => sum + (seal.timing?.phases[phase] ?? 0), 0));
      const bundle = bundleOf(seal);
      sync();

      const verify = await measure(process.execPath, [cli, 'verify', bundle, '--trust', paths.trust, '--identity', paths.identity, '--hq-key', paths.hqKey, '--timing']);
      record('verify', verify, 'verifying');
      sync();

      const hqDir = path.join(work, `hq-${round}`);
      cpSync(hqTemplate, hqDir, { recursive: true });
      const imported = await measure(process.execPath, [cli, 'import', bundle, '--data', hqDir, '--timing', '--passphrase-file', paths.pass]);
      record('import', imported, 'verifying');
      rmSync(hqDir, { recursive: true, force: true });
      rmSync(bundle);
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
    row({ work: `seal, data pass (${size})`, unit: 'ms', ours: [...of('sealPrintedStream'), ...of('sealStream')], reference: dataRef, goal: '≤ 0.8×', note: 'both seals of each round' });
    row({ work: '`aeo seal` whole process, version already printed by `aeo report`', unit: 'ms', ours: of('sealPrintedProcess'), reference: dataRef, goal: '≤ 1.1×' });
    row({ work: '`aeo seal` whole process incl. printing the new version', unit: 'ms', ours: of('sealProcess'), reference: dataRef, goal: '≤ 1.1×', note: 'PDFs printed once per version: this seal prints them' });
    row({ work: 'verify, data pass', unit: 'ms', ours: of('verifyStream'), reference: dataRef, goal: '≤ 0.6×' });
    row({ work: '`aeo verify` whole process', unit: 'ms', ours: of('verifyProcess'), reference: dataRef });
    row({ work: 'import, data pass (writes into the store, fsync)', unit: 'ms', ours: of('importStream'), reference: dataRef, goal: '≤ 1.0×' });
    row({ work: '`aeo import` whole process', unit: 'ms', ours: of('importProcess'), reference: dataRef });
    row({ work: 'CPU time seal, version already printed (user+sys, whole process)', unit: 'ms', ours: of('sealPrintedCpu'), reference: { label: 'reference CPU', values: referenceOf('opensslCpu', 'ageFileCpu') } });
    row({ work: 'CPU time seal incl. printing (user+sys, whole process)', unit: 'ms', ours: of('sealCpu'), reference: { label: 'reference CPU', values: referenceOf('opensslCpu', 'ageFileCpu') } });
    const rssLabels = { sealPrinted: 'seal, version already printed', seal: 'seal incl. printing', verify: 'verify', import: 'import' } as const;
    for (const [key, label] of Object.entries(rssLabels)) row({ work: `peak RSS ${label}`, unit: 'MiB', ours: [(rss[key] ?? NaN) / 1024], goal: '≤ 150 MiB' });
    row({ work: '`aeo --help`, whole process', unit: 'ms', ours: rows.help ?? [], reference: { label: 'node -e 0', values: rows.nodeBare ?? [] }, goal: '≤ 0.4 s' });
    row({ work: `\`aeo verify\` of a ${smallKiB} KB bundle, whole process`, unit: 'ms', ours: rows.verifySmall ?? [], reference: { label: 'node -e 0', values: rows.nodeBare ?? [] }, goal: '≤ 0.8 s' });

    const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, best(v)])) as Record<string, number>;
    const med = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    const reference = (m.openssl as number) + (m.ageFile as number);
    const referenceNull = (m.openssl as number) + (m.ageNull as number);
    const ratio = (ours: number) => `${(ours / reference).toFixed(2)}× (${(ours / referenceNull).toFixed(2)}× vs age to /dev/null)`;
    report(`bundles: ${EVIDENCE_FILES} files, ${(totalBytes / MIB).toFixed(0)} MiB of evidence, 3 recipients, best of ${ROUNDS} rounds (medians at the end)`);
    report(`  reference: openssl dgst -sha256 ${s(m.openssl as number)} + age to a file ${s(m.ageFile as number)} = ${s(reference)} (age to /dev/null: ${s(m.ageNull as number)}, total ${s(referenceNull)})`);
    report(`  seal, version already printed: stream ${s(m.sealPrintedStream as number)} = ${ratio(m.sealPrintedStream as number)}; command ${s(m.sealPrintedCommand as number)}; process ${s(m.sealPrintedProcess as number)} = ${ratio(m.sealPrintedProcess as number)}`);
    report(`  seal incl. printing: stream ${s(m.sealStream as number)} = ${ratio(m.sealStream as number)}; command ${s(m.sealCommand as number)} (PDF printing ${s(m.sealPdf as number)}); process ${s(m.sealProcess as number)} = ${ratio(m.sealProcess as number)}`);
    report(`  verify: stream ${s(m.verifyStream as number)} = ${ratio(m.verifyStream as number)}; process ${s(m.verifyProcess as number)} = ${ratio(m.verifyProcess as number)}`);
    report(`  import: stream ${s(m.importStream as number)} = ${ratio(m.importStream as number)}; process ${s(m.importProcess as number)} = ${ratio(m.importProcess as number)}`);
    const referenceCpu = (m.opensslCpu as number) + (m.ageFileCpu as number);
    report(
      `  CPU time (user+sys, whole process): reference ${s(referenceCpu)}; seal of a printed version ${s(m.sealPrintedCpu as number)} (${((m.sealPrintedCpu as number) / referenceCpu).toFixed(2)}×, start-up included); seal ${s(m.sealCpu as number)} (${((m.sealCpu as number) / referenceCpu).toFixed(2)}×, PDF printing and start-up included), verify ${s(m.verifyCpu as number)} (${((m.verifyCpu as number) / referenceCpu).toFixed(2)}×), import ${s(m.importCpu as number)} (${((m.importCpu as number) / referenceCpu).toFixed(2)}×)`,
    );
    report(`  load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${availableParallelism()} CPUs`);
    report(`  peak RSS (VmHWM): seal of a printed version ${mib(rss.sealPrinted as number)}, seal incl. printing ${mib(rss.seal as number)}, verify ${mib(rss.verify as number)}, import ${mib(rss.import as number)} (goal ≤ 150 MiB)`);
    const medianReference = (med.openssl as number) + (med.ageFile as number);
    report(
      `  medians: reference ${s(medianReference)}; seal of a printed version: stream ${s(med.sealPrintedStream as number)} (${((med.sealPrintedStream as number) / medianReference).toFixed(2)}×), process ${s(med.sealPrintedProcess as number)} (${((med.sealPrintedProcess as number) / medianReference).toFixed(2)}×); seal stream ${s(med.sealStream as number)} (${((med.sealStream as number) / medianReference).toFixed(2)}×); verify stream ${s(med.verifyStream as number)} (${((med.verifyStream as number) / medianReference).toFixed(2)}×); import stream ${s(med.importStream as number)} (${((med.importStream as number) / medianReference).toFixed(2)}×)`,
    );
    for (const key of ['openssl', 'ageFile', 'sealPrintedStream', 'sealPrintedProcess', 'sealStream', 'sealProcess', 'verifyStream', 'importStream']) {
      report(`  rounds ${key}: ${(rows[key] ?? []).map((v) => s(v)).join(', ')}`);
    }
    report(`  targets: seal ≤ 1.3× → stream ${(m.sealStream as number) / reference <= 1.3 ? 'met' : 'MISSED'}; verify ≤ 1.3× → stream ${(m.verifyStream as number) / reference <= 1.3 ? 'met' : 'MISSED'}`);
    expect(Object.values(rss).every((k) => k > 0)).toBe(true);
  }, 1_800_000);
});
