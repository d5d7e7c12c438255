import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BundleDetail, BundleSummary, ImportResult, VerificationReport } from '../contract/bundles';
import type { CaseDetail, CaseSummary } from '../contract/cases';
import { Passphrase, type Enrollment, type KeysStatus } from '../contract/keys';
import type { Result } from '../contract/result';
import type { TrustImportResult, TrustStatus } from '../contract/trust';
import { BundleError } from '../core/bundle/errors';
import {
  addMember,
  memberFromEnrollment,
  newTrustList,
  parseEnrollment,
  parseTrustListBody,
  parseTrustListFile,
  revokeKey,
  signTrustList,
  TrustRole,
  verifyTrustList,
  type TrustListBody,
} from '../core/bundle/trust-list';
import { readStatement, verifyBundle } from '../core/bundle/verify';
import { WEAK_PASSPHRASE, fingerprint, parseIdentityFile, passphraseFrom, passphraseWrapper } from '../core/keys';
import type { Store } from '../db/open';
import { writeFileAtomic } from '../core/fs-atomic';
import { AppError } from '../contract/result';
import { exportIdentity, signerOf } from './identity-export';
import { createAppDispatcher, type Dispatch } from '../handlers';
import { openDataStore, type Command } from './commands';

/*
 * The `aeo` verbs for keys, trust lists and bundles. Commands that touch a data folder go through the same
 * dispatcher (and so the same checks and audit log) as the app, with private keys wrapped by a passphrase
 * (AEO_PASSPHRASE or --passphrase-file). `verify`, `inspect` and `pdf` need no data folder: an HQ officer runs them
 * on a received bundle with a trust-list file and an age identity file.
 */

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const need = (v: unknown, what: string, usage: string): string => {
  const s = str(v);
  if (!s) throw new CliError(`${what} is required.\n\n${usage}`, 2);
  return s;
};

function valueOf<T>(channel: string, result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  const issues = result.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new CliError(`${channel}: ${result.error.message}${issues ? ` (${issues})` : ''}`);
}

/**
 * `--timing` prints one line `AEO_TIMING {...}` to stderr at the end: milliseconds from the command's start to
 * the end of its work, and the span of each progress phase (used by the benchmark).
 */
class Timing {
  private readonly started = performance.now();
  private readonly phases = new Map<string, { first: number; last: number }>();
  constructor(private readonly enabled: boolean) {}
  mark(phase: string): void {
    const now = performance.now();
    const span = this.phases.get(phase);
    if (span) span.last = now;
    else this.phases.set(phase, { first: now, last: now });
  }
  report(extra: Record<string, number> = {}): void {
    if (!this.enabled) return;
    const phases = Object.fromEntries([...this.phases].map(([name, span]) => [name, Math.round(span.last - span.first)]));
    console.error(`AEO_TIMING ${JSON.stringify({ totalMs: Math.round(performance.now() - this.started), phases, ...extra })}`);
  }
}

async function withDevice<T>(values: Record<string, unknown>, work: (dispatch: Dispatch, store: Store) => Promise<T>): Promise<T> {
  const timing = new Timing(values.timing === true);
  const store = openDataStore(values);
  try {
    const tty = process.stderr.isTTY;
    const dispatch = createAppDispatcher(store, {
      logError: (channel, error) => console.error(`[${channel}]`, error),
      secrets: passphraseWrapper(passphraseFrom({ file: str(values['passphrase-file']) })),
      emitProgress: (event) => {
        timing.mark(event.phase);
        if (tty && event.total > 0) process.stderr.write(`\r${event.phase} ${Math.round((event.done / event.total) * 100)}%   `);
      },
    });
    const result = await work(dispatch, store);
    if (tty) process.stderr.write('\r\x1b[K');
    timing.report();
    return result;
  } finally {
    store.close();
  }
}

async function findCase(dispatch: Dispatch, ref: string): Promise<string> {
  if (UUID.test(ref)) {
    const result = await dispatch('cases:get', { id: ref });
    if (result.ok) return (result.value as CaseDetail).id;
  } else {
    const found = valueOf<CaseSummary[]>('cases:list', await dispatch('cases:list', { query: ref }));
    const exact = found.find((c) => c.caseNumber.toLowerCase() === ref.toLowerCase());
    if (exact) return exact.id;
  }
  throw new CliError(`no validation case "${ref}"`);
}

const rethrowApp = (error: unknown): never => {
  if (error instanceof AppError) throw new CliError(error.message);
  throw error;
};

/** `2027-12-31` means the whole day; a full ISO timestamp is taken as is. */
function isoDate(text: string, endOfDay: boolean): string {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : text;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError(`not a date: ${text}`, 2);
  return new Date(ms).toISOString();
}

function run(work: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<number>) {
  return async (values: Record<string, string | boolean | undefined>, positionals: string[]) => {
    try {
      return await work(values, positionals);
    } catch (error) {
      if (error instanceof CliError) {
        console.error(error.message);
        return error.exitCode;
      }
      if (error instanceof BundleError) {
        console.error(`REJECTED ${error.code}: ${error.reason}`);
        return 1;
      }
      throw error;
    }
  };
}

export function printReport(report: VerificationReport, out: (line: string) => void = console.log): void {
  out(`bundle:   ${report.bundleId}  (sequence ${report.sequence}, sealed ${report.createdAt})`);
  out(`signer:   ${report.signer.name}  role ${report.signer.role}  key ${report.signer.keyStatus}  ${fingerprint(report.signer.keyId)}`);
  out(`case:     ${report.caseNumber}  ${report.caseId}  report version ${report.reportVersion.version}`);
  out(`audience: ${report.audience.map((a) => `${a.name ?? a.fingerprint.slice(0, 12)}${a.role ? ` (${a.role})` : ''}`).join(', ')}`);
  out(`digest:   ${report.envelopeDigest}`);
  out(`files (${report.files.length}, each re-hashed and matched):`);
  for (const f of report.files) out(`  ok  ${f.sha256.slice(0, 16)}…  ${String(f.size).padStart(12)}  ${f.role.padEnd(22)} ${f.displayName}`);
  for (const w of report.warnings) out(`warning ${w.code}: ${w.message}`);
}

async function readTrustFile(file: string, anchor: string | undefined) {
  const bytes = await readFile(file).catch(() => {
    throw new CliError(`cannot read the trust list ${file}`);
  });
  return verifyTrustList(bytes, anchor ? { anchors: [anchor] } : {});
}

async function readIdentities(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`cannot read the identity file ${file}`);
  });
  try {
    return parseIdentityFile(text);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/* ---- keys ---- */

const KEYS_USAGE = `Usage:
  aeo keys new --data DIR [--name NAME --role validator|team_lead] [--replace]
  aeo keys show --data DIR
  aeo keys export --data DIR --out FILE            the enrollment file (public keys, self-signed) for HQ
  aeo keys export --data DIR --out FILE --identity the age identity (a SECRET), for age -d and aeo verify
Private keys are wrapped with a passphrase: AEO_PASSPHRASE or --passphrase-file FILE.`;

export const keysCommand: Command = {
  summary: 'make, show or export your signing key and age identity',
  usage: KEYS_USAGE,
  options: {
    data: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    replace: { type: 'boolean' },
    out: { type: 'string' },
    identity: { type: 'boolean' },
    'passphrase-file': { type: 'string' },
  },
  run: run(async (values, positionals) => {
    const verb = positionals[0];
    return withDevice(values, async (dispatch, store) => {
      if (verb === 'new') {
        // Refuse a missing or short passphrase before anything is written, so a refusal leaves no user behind.
        const passphrase = passphraseFrom({ file: str(values['passphrase-file']) });
        const unavailable = passphraseWrapper(passphrase).unavailableReason();
        if (unavailable) throw new CliError(unavailable);
        if (!Passphrase.safeParse(passphrase).success) throw new CliError(WEAK_PASSPHRASE);
        const session = valueOf<{ currentUser: { name: string } | null }>('users:session', await dispatch('users:session', {}));
        if (!session.currentUser) {
          const name = need(values.name, '--name (no user on this device yet)', KEYS_USAGE);
          const role = str(values.role) ?? 'validator';
          valueOf('users:create', await dispatch('users:create', { name, role }));
        }
        const status = valueOf<KeysStatus>('keys:create', await dispatch('keys:create', { replace: values.replace === true }));
        console.log(`key id:      ${status.key?.keyId}`);
        console.log(`fingerprint: ${status.key?.fingerprint}`);
        console.log(`age:         ${status.key?.ageRecipient}`);
        return 0;
      }
      if (verb === 'show') {
        const status = valueOf<KeysStatus>('keys:status', await dispatch('keys:status', {}));
        console.log(`device:      ${status.deviceId}`);
        console.log(`user:        ${status.user?.name ?? '(none)'}`);
        if (!status.key) {
          console.log('key:         (none; run `aeo keys new`)');
          return 1;
        }
        console.log(`key id:      ${status.key.keyId}`);
        console.log(`fingerprint: ${status.key.fingerprint}`);
        console.log(`age:         ${status.key.ageRecipient}`);
        console.log(`wrapped by:  ${status.key.wrapMethod}`);
        console.log(`trust list:  ${status.trust.trustListVersion ?? '(none)'}; this key: ${status.trust.status}${status.trust.role ? ` as ${status.trust.role}` : ''}`);
        return 0;
      }
      if (verb === 'export') {
        const out = path.resolve(need(values.out, '--out', KEYS_USAGE));
        if (values.identity === true) {
          await exportIdentity(store, values, out).catch(rethrowApp);
          console.error(`${out} holds your PRIVATE age identity (mode 0600). Keep it safe; delete it when done.`);
          return 0;
        }
        const enrollment = valueOf<Enrollment>('keys:exportEnrollment', await dispatch('keys:exportEnrollment', { path: out }));
        console.log(`${out}: enrollment for key ${enrollment.fingerprint}`);
        return 0;
      }
      throw new CliError(KEYS_USAGE, 2);
    });
  }),
};

/* ---- trust ---- */

const TRUST_USAGE = `Usage (HQ administrators):
  aeo trust new --out DRAFT --issuer NAME --expires DATE [--from LIST]   a draft, version = LIST's + 1
  aeo trust add DRAFT --enrollment FILE --role validator|team_lead|hq [--valid-until DATE (default: 2 years)] [--valid-from DATE]
  aeo trust revoke DRAFT --key KEYID [--reason TEXT]
  aeo trust sign DRAFT --data DIR --out SIGNED          signs with the HQ key of DIR's current user
Usage (devices):
  aeo trust import SIGNED --data DIR [--anchor KEYID]   install it (a lower version is refused)
  aeo trust show --data DIR | aeo trust show SIGNED`;

async function readDraft(file: string): Promise<TrustListBody> {
  const bytes = await readFile(file).catch(() => {
    throw new CliError(`cannot read ${file}`);
  });
  try {
    return parseTrustListBody(bytes);
  } catch {
    // Also accept a signed list as the starting point.
    return parseTrustListFile(bytes).body;
  }
}

// Drafts are edited in place (`trust add FILE`), so replacing the named file is the command's purpose.
const writeDraft = (file: string, body: TrustListBody) =>
  writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`, { overwrite: true });

export const trustCommand: Command = {
  summary: 'make, sign, import or show trust lists',
  usage: TRUST_USAGE,
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    issuer: { type: 'string' },
    expires: { type: 'string' },
    from: { type: 'string' },
    enrollment: { type: 'string' },
    role: { type: 'string' },
    'valid-until': { type: 'string' },
    'valid-from': { type: 'string' },
    key: { type: 'string' },
    reason: { type: 'string' },
    anchor: { type: 'string' },
    'passphrase-file': { type: 'string' },
  },
  run: run(async (values, positionals) => {
    const [verb, file] = positionals;
    if (verb === 'new') {
      const out = path.resolve(need(values.out, '--out', TRUST_USAGE));
      const from = str(values.from) ? await readDraft(path.resolve(values.from as string)) : undefined;
      const body = newTrustList({
        issuer: str(values.issuer) ?? from?.issuer ?? need(values.issuer, '--issuer', TRUST_USAGE),
        expiresAt: isoDate(need(values.expires, '--expires', TRUST_USAGE), true),
        ...(from ? { from } : {}),
      });
      await writeDraft(out, body);
      console.log(`${out}: draft trust list version ${body.version}, ${body.members.length} members`);
      return 0;
    }
    if (verb === 'add' || verb === 'revoke') {
      const draft = path.resolve(need(file, 'the draft file', TRUST_USAGE));
      let body = await readDraft(draft);
      if (verb === 'add') {
        const role = TrustRole.safeParse(need(values.role, '--role', TRUST_USAGE));
        if (!role.success) throw new CliError('--role is validator, team_lead or hq', 2);
        const enrollment = parseEnrollment(await readFile(path.resolve(need(values.enrollment, '--enrollment', TRUST_USAGE))));
        const validFrom = str(values['valid-from']) ? isoDate(values['valid-from'] as string, false) : new Date().toISOString();
        // Default: two years, independent of this list's expiry (the next list, made --from this one, keeps it).
        const validUntil = str(values['valid-until'])
          ? isoDate(values['valid-until'] as string, true)
          : new Date(Date.now() + 2 * 365.25 * 24 * 3600 * 1000).toISOString();
        body = addMember(body, memberFromEnrollment(enrollment, role.data, { validFrom, validUntil }));
        console.log(`added ${enrollment.name} as ${role.data}: ${fingerprint(enrollment.keyId)}`);
      } else {
        const key = need(values.key, '--key', TRUST_USAGE).toLowerCase();
        body = revokeKey(body, key, str(values.reason) ?? '');
        console.log(`revoked ${fingerprint(key)}`);
      }
      await writeDraft(draft, body);
      return 0;
    }
    if (verb === 'sign') {
      const draft = await readDraft(path.resolve(need(file, 'the draft file', TRUST_USAGE)));
      const out = path.resolve(need(values.out, '--out', TRUST_USAGE));
      return withDevice(values, async (_dispatch, store) => {
        const signer = await signerOf(store, values).catch(rethrowApp);
        let signed: Buffer;
        try {
          signed = signTrustList(draft, [signer]);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        await writeFileAtomic(out, signed, { overwrite: true });
        console.log(`${out}: trust list version ${draft.version}, ${draft.members.length} members, ${draft.revoked.length} revoked, signed by ${fingerprint(signer.keyId)}`);
        return 0;
      });
    }
    if (verb === 'import') {
      const signed = path.resolve(need(file, 'the signed trust-list file', TRUST_USAGE));
      return withDevice(values, async (dispatch) => {
        const result = valueOf<TrustImportResult>(
          'trust:import',
          await dispatch('trust:import', { source: { path: signed }, ...(str(values.anchor) ? { anchorKeyId: str(values.anchor) } : {}) }),
        );
        if (result.outcome === 'rejected') {
          console.error(`REJECTED ${result.rejection.code}: ${result.rejection.reason}`);
          return 1;
        }
        console.log(`${result.outcome}: trust list version ${result.status.installed?.version}`);
        for (const w of result.status.warnings) console.error(`warning: ${w}`);
        return 0;
      });
    }
    if (verb === 'show') {
      if (file) {
        const { body } = parseTrustListFile(await readFile(path.resolve(file)));
        console.log(JSON.stringify(body, null, 2));
        return 0;
      }
      return withDevice(values, async (dispatch) => {
        const status = valueOf<TrustStatus>('trust:status', await dispatch('trust:status', {}));
        if (!status.installed) {
          console.log('no trust list installed');
          return 1;
        }
        const t = status.installed;
        console.log(`version ${t.version} from ${t.issuer}, issued ${t.issuedAt}, expires ${t.expiresAt}${t.expired ? ' (EXPIRED)' : ''}`);
        for (const m of t.members) console.log(`  ${m.role.padEnd(10)} ${m.status.padEnd(14)} ${m.fingerprint}  ${m.name}`);
        for (const r of t.revoked) console.log(`  revoked    ${fingerprint(r.keyId)}  ${r.revokedAt} ${r.reason}`);
        for (const w of status.warnings) console.error(`warning: ${w}`);
        return 0;
      });
    }
    throw new CliError(TRUST_USAGE, 2);
  }),
};

/* ---- sealing and moving bundles ---- */

const SEAL_USAGE = `Usage: aeo seal --data DIR --case ID [--out FILE] [--lang en|ru] [--force]

Seals the case's report (its latest version, or a new one if the case changed), both PDFs, the evidence and the
audit-log head into a signed bundle encrypted to HQ, the team leads and you. The device keeps it under
DIR/bundles; with --out it is also exported to FILE (.aeob): temp name, fsync, rename.`;

export const sealCommand: Command = {
  summary: 'seal a case into a signed, encrypted bundle (.aeob)',
  usage: SEAL_USAGE,
  options: {
    data: { type: 'string' },
    case: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    force: { type: 'boolean' },
    'passphrase-file': { type: 'string' },
    timing: { type: 'boolean' },
  },
  run: run(async (values) => {
    const caseRef = need(values.case, '--case', SEAL_USAGE);
    const out = str(values.out) ? path.resolve(values.out as string) : null;
    const lang = values.lang === 'ru' ? 'ru' : 'en';
    return withDevice(values, async (dispatch) => {
      const caseId = await findCase(dispatch, caseRef);
      if (out && values.force !== true && existsSync(out)) throw new CliError(`${out} already exists (use --force to replace it).`);
      const sealed = valueOf<BundleDetail>('bundles:seal', await dispatch('bundles:seal', { caseId, lang, taskId: 'seal' }));
      if (out) {
        valueOf('bundles:export', await dispatch('bundles:export', { bundleId: sealed.summary.bundleId, path: out, overwrite: values.force === true }));
      }
      console.log(`${out ?? sealed.summary.bundleId}  ${sealed.summary.size} bytes`);
      printReport(sealed.report);
      return 0;
    });
  }),
};

export const exportCommand: Command = {
  summary: 'copy a sealed bundle to a file (temp name, fsync, rename)',
  usage: 'Usage: aeo export --data DIR --bundle ID --out FILE [--force]',
  options: { data: { type: 'string' }, bundle: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  run: run(async (values) => {
    const usage = 'Usage: aeo export --data DIR --bundle ID --out FILE [--force]';
    const bundleId = need(values.bundle, '--bundle', usage);
    const out = path.resolve(need(values.out, '--out', usage));
    return withDevice(values, async (dispatch) => {
      const result = valueOf<{ size: number }>('bundles:export', await dispatch('bundles:export', { bundleId, path: out, overwrite: values.force === true }));
      console.log(`${out}  ${result.size} bytes`);
      return 0;
    });
  }),
};

export const importCommand: Command = {
  summary: 'verify a bundle and, if everything holds, store it',
  usage: 'Usage: aeo import FILE --data DIR',
  options: { data: { type: 'string' }, 'passphrase-file': { type: 'string' }, timing: { type: 'boolean' } },
  run: run(async (values, positionals) => {
    const file = path.resolve(need(positionals[0], 'FILE', 'Usage: aeo import FILE --data DIR'));
    return withDevice(values, async (dispatch) => {
      const result = valueOf<ImportResult>('bundles:import', await dispatch('bundles:import', { source: { path: file }, taskId: 'import' }));
      if (result.outcome === 'rejected') {
        console.error(`REJECTED ${result.rejection.code}: ${result.rejection.reason}`);
        return 1;
      }
      console.log(result.outcome === 'imported' ? 'imported' : 'already imported (nothing changed)');
      printReport(result.bundle.report);
      return 0;
    });
  }),
};

export const bundlesCommand: Command = {
  summary: 'list the bundles sealed or imported on this device',
  usage: 'Usage: aeo bundles --data DIR [--case ID]',
  options: { data: { type: 'string' }, case: { type: 'string' } },
  run: run(async (values) =>
    withDevice(values, async (dispatch) => {
      const caseId = str(values.case) ? await findCase(dispatch, values.case as string) : undefined;
      const list = valueOf<BundleSummary[]>('bundles:list', await dispatch('bundles:list', caseId ? { caseId } : {}));
      for (const b of list) {
        console.log(`${b.bundleId}  ${b.direction.padEnd(8)} ${b.caseNumber.padEnd(16)} #${b.sequence} ${b.signerName}  ${b.size} bytes${b.flags.length ? `  [${b.flags.join(', ')}]` : ''}`);
      }
      return 0;
    }),
  ),
};

/* ---- for the receiver: verify, inspect, pdf ---- */

const VERIFY_USAGE = `Usage: aeo verify FILE --trust TRUSTLIST --identity IDENTITY [--hq-key KEYID]

Decrypts FILE with the age identity, checks it against the signed trust list and re-hashes every file. Exit 0
and prints signer, role, case and files; otherwise exit 1 with the rejection code and reason.
--hq-key pins the HQ key the trust list must be signed by (else: an HQ key the list names itself).`;

export const verifyCommand: Command = {
  summary: 'verify a bundle against a trust list (exit 0 if it holds)',
  usage: VERIFY_USAGE,
  options: { trust: { type: 'string' }, identity: { type: 'string' }, 'hq-key': { type: 'string' }, timing: { type: 'boolean' } },
  run: run(async (values, positionals) => {
    const timing = new Timing(values.timing === true);
    const file = path.resolve(need(positionals[0], 'FILE', VERIFY_USAGE));
    const trustList = await readTrustFile(path.resolve(need(values.trust, '--trust', VERIFY_USAGE)), str(values['hq-key']));
    const identities = await readIdentities(path.resolve(need(values.identity, '--identity', VERIFY_USAGE)));
    const { report } = await verifyBundle({ path: file, identities, trustList, onProgress: (phase) => timing.mark(phase) });
    console.log('VERIFIED');
    printReport(report);
    timing.report();
    return 0;
  }),
};

export const inspectCommand: Command = {
  summary: "print a bundle's signed statement as JSON",
  usage: 'Usage: aeo inspect FILE --identity IDENTITY [--trust TRUSTLIST]   (without --trust the signature is not checked)',
  options: { trust: { type: 'string' }, identity: { type: 'string' }, 'hq-key': { type: 'string' } },
  run: run(async (values, positionals) => {
    const usage = 'Usage: aeo inspect FILE --identity IDENTITY [--trust TRUSTLIST]';
    const file = path.resolve(need(positionals[0], 'FILE', usage));
    const identities = await readIdentities(path.resolve(need(values.identity, '--identity', usage)));
    if (str(values.trust)) {
      const trustList = await readTrustFile(path.resolve(values.trust as string), str(values['hq-key']));
      const { statement } = await verifyBundle({ path: file, identities, trustList });
      console.log(JSON.stringify(statement, null, 2));
      return 0;
    }
    const { statement } = await readStatement(file, identities);
    console.error('note: without --trust the signature and the files were not checked.');
    console.log(JSON.stringify(statement, null, 2));
    return 0;
  }),
};

export const pdfCommand: Command = {
  summary: "verify a bundle and write its sealed report's PDFs",
  usage: 'Usage: aeo pdf FILE --out DIR --trust TRUSTLIST --identity IDENTITY [--hq-key KEYID]',
  options: { out: { type: 'string' }, trust: { type: 'string' }, identity: { type: 'string' }, 'hq-key': { type: 'string' } },
  run: run(async (values, positionals) => {
    const usage = 'Usage: aeo pdf FILE --out DIR --trust TRUSTLIST --identity IDENTITY [--hq-key KEYID]';
    const file = path.resolve(need(positionals[0], 'FILE', usage));
    const out = path.resolve(need(values.out, '--out', usage));
    const trustList = await readTrustFile(path.resolve(need(values.trust, '--trust', usage)), str(values['hq-key']));
    const identities = await readIdentities(path.resolve(need(values.identity, '--identity', usage)));
    const stageDir = await mkdtemp(path.join(os.tmpdir(), 'aeo-pdf-'));
    try {
      const { report, staged } = await verifyBundle({
        path: file,
        identities,
        trustList,
        stageDir,
        stageRoles: ['validation-report-pdf', 'control-plan-pdf'],
      });
      await mkdir(out, { recursive: true });
      for (const f of report.files.filter((x) => x.role.endsWith('-pdf'))) {
        const source = staged.get(f.sha256);
        if (!source) continue;
        const target = path.join(out, path.basename(f.displayName).replace(/[^\p{L}\p{N}._-]+/gu, '_'));
        await copyFile(source, target);
        await chmod(target, 0o644);
        console.log(`${target}  ${f.size} bytes  sha256 ${f.sha256}  (verified, signed by ${report.signer.name})`);
      }
      return 0;
    } finally {
      await rm(stageDir, { recursive: true, force: true });
    }
  }),
};
