import type { EnrollResult, OutboxEntry, SyncRound, SyncSettings } from '../contract/sync';
import { cliOptions, need, run, str, valueOf, type Command } from './kit';
import { withDevice } from './device';
import { printable } from '../contract/printable';

/*
 * `aeo sync`: one round with HQ from a device's data folder, through the same handlers as the app (and so the same
 * outbox, checks and audit log): HQ's trust list if newer, every queued bundle up, then the inbox down. It prints
 * what moved and each receipt. `--enroll` sends this user's enrollment to HQ and pins HQ's key instead.
 */

const USAGE = `Usage:
  aeo sync --data DIR [--hq URL]                        one round: trust list, outbox up, inbox down
  aeo sync --data DIR --hq URL --enroll [--confirm FINGERPRINT]
      send your enrollment file to HQ and pin HQ's key. The first time it prints HQ's key fingerprint and exits 3:
      compare it with the one HQ gave you, then run again with --confirm FINGERPRINT.
--hq sets the HQ address kept in DIR (a new address unpins the HQ key). Keys are unlocked with AEO_PASSPHRASE or
--passphrase-file. Exit 0 when HQ was reached and nothing is left to send; 1 otherwise.`;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function printEntry(label: string, entry: OutboxEntry): void {
  const head = `${label} ${entry.bundleId}  ${printable(entry.caseNumber)}  ${entry.size} bytes`;
  if (entry.state === 'delivered' && entry.receipt) {
    console.log(head);
    console.log(`  receipt: HQ key ${entry.receipt.hqFingerprint}, received ${entry.receipt.receivedAt}, HQ sequence ${entry.receipt.sequence}`);
  } else if (entry.state === 'rejected' && entry.rejection) {
    console.log(`${head}\n  REJECTED ${printable(entry.rejection.code)}: ${printable(entry.rejection.reason)}`);
  } else {
    const why = entry.lastError ? `: ${printable(entry.lastError.message)}` : '';
    console.log(`${head}\n  ${entry.state}, ${mib(entry.sent)} of ${mib(entry.size)} at HQ${why}`);
  }
}

export const syncCommand: Command = {
  usage: USAGE,
  options: cliOptions({ strings: ['data', 'hq', 'confirm', 'passphrase-file'], flags: ['enroll'] }),
  run: run(async (values) =>
    withDevice(values, async (dispatch) => {
      const hq = str(values.hq);
      if (hq) valueOf<SyncSettings>('sync:configure', await dispatch('sync:configure', { hqUrl: hq }));
      const settings = valueOf<SyncSettings>('sync:settings', await dispatch('sync:settings', {}));
      if (!settings.hqUrl) need(undefined, '--hq URL (no HQ address is set in this data folder)', USAGE);
      const confirm = str(values.confirm);

      if (values.enroll === true || (confirm && !settings.hqKey)) {
        const result = valueOf<EnrollResult>('sync:enroll', await dispatch('sync:enroll', confirm ? { confirmFingerprint: confirm } : {}));
        if (result.outcome === 'needs_confirmation') {
          console.error(`HQ at ${settings.hqUrl} presents HQ key ${result.hqKey.fingerprint}`);
          console.error('Compare it with the fingerprint HQ gave you (by phone or in person), then run again with --confirm FINGERPRINT. Nothing was sent.');
          return 3;
        }
        if (result.outcome === 'refused') {
          console.error(`REFUSED ${result.problem.code}: ${printable(result.problem.message)}`);
          return 1;
        }
        console.log(`enrollment sent: key ${result.keyId} waits for HQ's approval; HQ key ${result.settings.hqKey?.fingerprint ?? ''} pinned`);
        if (values.enroll === true) return 0;
      }

      const round = valueOf<SyncRound>('sync:now', await dispatch('sync:now', {}));
      if (round.trustList.installed) console.log(`trust list version ${round.trustList.version} installed from HQ`);
      for (const entry of round.delivered) printEntry('delivered', entry);
      for (const entry of round.rejected) printEntry('rejected ', entry);
      for (const entry of round.pending) printEntry('pending  ', entry);
      for (const item of round.received) {
        const why = item.reason ? `: ${printable(item.reason)}` : '';
        console.log(`received ${item.bundleId}  ${printable(item.caseNumber)}  ${item.outcome.replace('_', ' ')}${why}`);
      }
      if (round.problem) {
        console.error(`${round.reached ? 'stopped' : 'offline'} (${round.problem.code}): ${printable(round.problem.message)}`);
        const waiting = round.status.counts.queued + round.status.counts.uploading;
        if (waiting > 0) console.error(`${waiting} bundle(s) wait in the outbox.`);
        return 1;
      }
      const moved = round.delivered.length + round.rejected.length + round.received.length;
      if (moved === 0 && !round.trustList.installed) console.log('up to date: nothing to send or fetch');
      return round.pending.length === 0 ? 0 : 1;
    }),
  ),
};
