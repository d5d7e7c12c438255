import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HQ_DATABASE_FILE, openHqStore, type HqStore } from '../../src-hq/db/open';
import { hqPassphrase, HqSetupError, unlockHqIdentity } from '../../src-hq/identity';
import { approveEnrollment, initHq, listEnrollments, revokeEnrolledKey, TrustAdminError, TrustListSource } from '../../src-hq/trust';
import { EnrollAnswer } from '../contract/hq';
import { TrustRole } from '../core/bundle/trust-list';
import { fingerprint } from '../core/keys';
import { CliError, cliOptions, need, run, str, type Command, type CommandValues } from './kit';
import { printable } from '../contract/printable';

/*
 * `aeo hq`: HQ administration on HQ's data folder (no HTTP: whoever can read the folder is the administrator),
 * plus `aeo hq enroll`, which a device's user runs to send an enrollment file to a running HQ.
 */

const HQ_USAGE = `Usage (HQ administrators, on the server's data folder):
  aeo hq init --data HQDIR [--name NAME]        HQ key + first trust list; prints the HQ key fingerprint
  aeo hq pending --data HQDIR                   enrollments waiting for a decision
  aeo hq approve KEYID --data HQDIR --role validator|team_lead|hq
                                                adds the key to a new HQ-signed trust-list version
  aeo hq revoke KEYID --data HQDIR [--reason TEXT]
  The HQ key is unlocked with HQ_PASSPHRASE or --passphrase-file (also HQ_PASSPHRASE_FILE).
Usage (devices):
  aeo hq enroll FILE --hq URL                   sends an enrollment file (aeo keys enrollment) to HQ's queue`;

/** Opens HQ's store; only `init` may create one (a mistyped --data must not leave an empty HQ folder behind). */
function withHqStore<T>(values: CommandValues, work: (store: HqStore, dataDir: string) => Promise<T>, create = false): Promise<T> {
  const dataDir = path.resolve(need(values.data, '--data HQDIR', HQ_USAGE));
  if (!create && !existsSync(path.join(dataDir, HQ_DATABASE_FILE))) {
    return Promise.reject(new CliError(`${dataDir} is not an HQ data folder: run \`aeo hq init --data ${dataDir}\` first.`));
  }
  const store = openHqStore(dataDir);
  return work(store, dataDir).finally(() => store.close());
}

const passphraseOf = (values: CommandValues) => hqPassphrase({ file: str(values['passphrase-file']) });

/** HQ's own refusals become CLI messages. */
async function admin<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HqSetupError || error instanceof TrustAdminError) throw new CliError(printable(error.message));
    throw error;
  }
}

async function enroll(file: string, hq: string): Promise<number> {
  const bytes = await readFile(path.resolve(file)).catch(() => {
    throw new CliError(`cannot read ${file}`);
  });
  let url: URL;
  try {
    url = new URL('enroll', hq.endsWith('/') ? hq : `${hq}/`);
  } catch {
    throw new CliError(`--hq is not a URL: ${printable(hq)}`, 2);
  }
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes }).catch((error: unknown) => {
    throw new CliError(`HQ at ${url.origin} cannot be reached (${(error as Error).message})`);
  });
  const body = (await response.json().catch(() => null)) as { ok?: boolean; value?: unknown; error?: { message?: string } } | null;
  if (!response.ok || !body?.ok) throw new CliError(`HQ refused the enrollment (${response.status}): ${printable(body?.error?.message ?? 'no answer')}`);
  const answer = EnrollAnswer.parse(body.value);
  console.log(`${answer.status}: key ${fingerprint(answer.keyId)} is ${answer.status === 'pending' ? 'waiting for HQ approval' : 'already approved'}`);
  return 0;
}

export const hqCommand: Command = {
  usage: HQ_USAGE,
  options: cliOptions({ strings: ['data', 'name', 'role', 'reason', 'hq', 'passphrase-file'] }),
  run: run(async (values, positionals) => {
    const [verb, arg] = positionals;
    const now = new Date();
    if (verb === 'enroll') return enroll(need(arg, 'the enrollment file', HQ_USAGE), need(values.hq, '--hq URL', HQ_USAGE));
    if (verb === 'init') {
      return withHqStore(values, (store, dataDir) =>
        admin(async () => {
          const { identity, list } = await initHq(store, passphraseOf(values), str(values.name) ?? 'Customs HQ', now);
          console.log(`HQ initialised in ${dataDir}: trust list version ${list.version}`);
          console.log(`HQ key fingerprint: ${fingerprint(identity.signer.keyId)}`);
          console.log('Give devices this fingerprint (in person or by phone) to pin when they first connect.');
          return 0;
        }),
        true,
      );
    }
    if (verb === 'pending') {
      return withHqStore(values, async (store) => {
        const pending = listEnrollments(store, 'pending');
        if (pending.length === 0) console.log('no pending enrollments');
        for (const e of pending) console.log(`${e.keyId}  ${e.deviceRole.padEnd(9)} ${e.receivedAt}  ${printable(e.name)}`);
        return 0;
      });
    }
    if (verb === 'approve' || verb === 'revoke') {
      const ref = need(arg, 'KEYID', HQ_USAGE);
      return withHqStore(values, (store, dataDir) =>
        admin(async () => {
          const identity = await unlockHqIdentity(dataDir, passphraseOf(values));
          if (verb === 'approve') {
            const role = TrustRole.safeParse(need(values.role, '--role', HQ_USAGE));
            if (!role.success) throw new CliError('--role is validator, team_lead or hq', 2);
            const done = approveEnrollment(store, identity, ref, role.data, now);
            console.log(`approved ${printable(done.name)} as ${role.data}: ${fingerprint(done.keyId)}; trust list version ${done.list.version}`);
          } else {
            const done = revokeEnrolledKey(store, identity, ref, str(values.reason) ?? '', now);
            console.log(`revoked ${fingerprint(done.keyId)}; trust list version ${done.list.version}`);
          }
          console.log(`current trust list: version ${new TrustListSource(store, identity.signer).current().version}`);
          return 0;
        }),
      );
    }
    throw new CliError(HQ_USAGE, 2);
  }),
};
