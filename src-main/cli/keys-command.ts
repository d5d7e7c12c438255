import { existsSync } from 'node:fs';
import path from 'node:path';
import { Passphrase, type Enrollment, type KeysStatus } from '../contract/keys';
import { writeFileAtomic } from '../core/fs-atomic';
import { WEAK_PASSPHRASE, passphraseFrom, passphraseWrapper } from '../core/keys';
import { exportIdentity } from './identity-export';
import { CliError, need, rethrowApp, run, str, valueOf, type Command, cliOptions } from './kit';
import { withDevice } from './device';
import { printable } from '../contract/printable';

/*
 * `aeo keys`: make, show or export this device's signing key and age identity, through the same dispatcher as the
 * app, with private keys wrapped by a passphrase (AEO_PASSPHRASE or --passphrase-file).
 */

const KEYS_USAGE = `Usage:
  aeo keys new --data DIR [--name NAME --role validator|team_lead] [--replace]
  aeo keys show --data DIR
  aeo keys export --data DIR --out FILE [--force]  the enrollment file (public keys, self-signed) for HQ
  aeo keys export --data DIR --out FILE --identity the age identity (a SECRET), for age -d and aeo verify
Private keys are wrapped with a passphrase: AEO_PASSPHRASE or --passphrase-file FILE.`;

export const keysCommand: Command = {
  usage: KEYS_USAGE,
  options: cliOptions({
    strings: ['data', 'name', 'role', 'out', 'passphrase-file'],
    flags: ['replace', 'identity', 'force'],
  }),
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
        console.log(`user:        ${printable(status.user?.name ?? '(none)')}`);
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
        // Checked before the key is unlocked, and again by the exclusive link inside the write.
        if (values.force !== true && existsSync(out)) throw new CliError(`${out} already exists (use --force to replace it).`);
        const enrollment = valueOf<Enrollment>('keys:exportEnrollment', await dispatch('keys:exportEnrollment', {}));
        await writeFileAtomic(out, Buffer.from(enrollment.content, 'utf8'), { overwrite: values.force === true });
        console.log(`${out}: enrollment for key ${enrollment.fingerprint}`);
        return 0;
      }
      throw new CliError(KEYS_USAGE, 2);
    });
  }),
};

