import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TrustImportResult, TrustStatus } from '../contract/trust';
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
import { fingerprint } from '../core/keys';
import { writeFileAtomic } from '../core/fs-atomic';
import { localFile } from './local-files';
import { signerOf } from './identity-export';
import { CliError, isoDate, need, rethrowApp, run, str, valueOf, type Command, type CommandValues, cliOptions } from './kit';
import { withDevice } from './device';
import { printable, printableJson } from '../contract/printable';
import { resolveAnchor } from './trust-anchor';

/*
 * `aeo trust`: HQ administrators draft, fill and sign trust lists; devices import and show them. Names, issuers
 * and reasons in a list are printed through `printable` (a list is a file someone sent).
 */

const TRUST_USAGE = `Usage (HQ administrators):
  aeo trust new --out DRAFT --issuer NAME --expires DATE [--from LIST]   a draft, version = LIST's + 1
  aeo trust add DRAFT --enrollment FILE --role validator|team_lead|hq [--valid-until DATE (default: 2 years)] [--valid-from DATE]
  aeo trust revoke DRAFT --key KEYID [--reason TEXT]
  aeo trust sign DRAFT --data DIR --out SIGNED          signs with the HQ key of DIR's current user
Usage (devices):
  aeo trust import SIGNED --data DIR [--hq-key KEYID | --anchor FILE | --confirm FINGERPRINT]
      install it (a lower version or an expired list is refused). The first list on a device needs the HQ key
      pinned (--hq-key, --anchor, or the shipped anchor) or its fingerprint confirmed: without them it is shown
      and nothing is installed; check it with HQ, then run again with --confirm FINGERPRINT.
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

/**
 * The pinned HQ key (from --hq-key, --anchor or the shipped anchor) that signed `file`, for `trust:import`'s
 * `anchorKeyId`; undefined when nothing is pinned. A list no pinned key signed is refused here.
 */
async function pinnedSigner(values: CommandValues, file: string): Promise<string | undefined> {
  const anchor = await resolveAnchor(values);
  if (!anchor) return undefined;
  const bytes = await readFile(file).catch(() => {
    throw new CliError(`cannot read ${file}`);
  });
  return verifyTrustList(bytes, { anchors: anchor.keyIds }).signedBy.find((k) => anchor.keyIds.includes(k));
}

// Drafts are edited in place (`trust add FILE`), so replacing the named file is the command's purpose.
const writeDraft = (file: string, body: TrustListBody) =>
  writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`, { overwrite: true });

export const trustCommand: Command = {
  usage: TRUST_USAGE,
  // The HQ anchor's two options, but not --tofu: a list is installed on a pinned key or a confirmed fingerprint.
  options: cliOptions({
    strings: [
      ...['data', 'out', 'issuer', 'expires', 'from', 'enrollment', 'role', 'valid-until', 'valid-from', 'key', 'reason'],
      ...['hq-key', 'anchor', 'confirm', 'passphrase-file'],
    ],
  }),

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
        console.log(`added ${printable(enrollment.name)} as ${role.data}: ${fingerprint(enrollment.keyId)}`);
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
      const anchorKeyId = await pinnedSigner(values, signed);
      const confirm = str(values.confirm);
      return withDevice(values, async (dispatch) => {
        const result = valueOf<TrustImportResult>(
          'trust:import',
          await dispatch('trust:import', {
            source: localFile(signed),
            ...(anchorKeyId ? { anchorKeyId } : {}),
            ...(confirm ? { confirmFingerprint: confirm } : {}),
          }),
        );
        if (result.outcome === 'rejected') {
          console.error(`REJECTED ${result.rejection.code}: ${printable(result.rejection.reason)}`);
          return 1;
        }
        if (result.outcome === 'needs_confirmation') {
          console.error(`NEEDS CONFIRMATION: this is the first trust list on this device (version ${result.version} from ${printable(result.issuer)}).`);
          for (const k of result.signedBy) console.error(`  signed by HQ key ${k.fingerprint}  ${printable(k.name)}`);
          console.error('Check that fingerprint with HQ (by phone or in person), then run again with --confirm FINGERPRINT. Nothing was installed.');
          return 3;
        }
        console.log(`${result.outcome}: trust list version ${result.status.installed?.version}`);
        for (const w of result.status.warnings) console.error(`warning: ${printable(w)}`);
        return 0;
      });
    }
    if (verb === 'show') {
      if (file) {
        const { body } = parseTrustListFile(await readFile(path.resolve(file)));
        console.log(printableJson(body));
        return 0;
      }
      return withDevice(values, async (dispatch) => {
        const status = valueOf<TrustStatus>('trust:status', await dispatch('trust:status', {}));
        if (!status.installed) {
          console.log('no trust list installed');
          return 1;
        }
        const t = status.installed;
        console.log(`version ${t.version} from ${printable(t.issuer)}, issued ${t.issuedAt}, expires ${t.expiresAt}${t.expired ? ' (EXPIRED)' : ''}`);
        for (const m of t.members) console.log(`  ${m.role.padEnd(10)} ${m.status.padEnd(14)} ${m.fingerprint}  ${printable(m.name)}`);
        for (const r of t.revoked) console.log(`  revoked    ${fingerprint(r.keyId)}  ${r.revokedAt} ${printable(r.reason)}`);
        for (const w of status.warnings) console.error(`warning: ${printable(w)}`);
        return 0;
      });
    }
    throw new CliError(TRUST_USAGE, 2);
  }),
};

