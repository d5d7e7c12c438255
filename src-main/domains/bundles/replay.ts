import type { VerificationReport } from '../../contract/bundles';

/*
 * How an incoming, verified bundle relates to what this device already holds. Pure: the importer looks up the
 * facts (`HeldBundles`) and records whatever this returns.
 *   - the same envelope again: a no-op (already imported, or sealed here);
 *   - the same bundle id with other content: refused (someone re-signed or altered it);
 *   - a sequence number not above the signer's highest seen, or a predecessor digest that is not the one this device
 *     holds for sequence - 1: imported, but flagged for a person to look at (bundles can arrive out of order).
 */

export type IncomingBundle = Pick<VerificationReport, 'bundleId' | 'envelopeDigest' | 'sequence' | 'previousBundleDigest' | 'warnings'> & {
  signer: Pick<VerificationReport['signer'], 'name'>;
};

export type HeldBundles = {
  /** A bundle with the same envelope digest is recorded. */
  sameEnvelope: boolean;
  /** The envelope digest recorded under the same bundle id, if any. */
  sameIdDigest: string | null;
  /** The highest sequence number recorded from the same signing key, if any. */
  highestSequence: number | null;
  /** The envelope digest recorded for the same key at sequence - 1, if any. */
  predecessorDigest: string | null;
};

type Warning = VerificationReport['warnings'][number];

export type ReplayJudgement =
  | { verdict: 'already_imported' }
  | { verdict: 'rejected'; rejection: { code: 'replay_conflict'; reason: string } }
  | { verdict: 'new'; flags: string[]; warnings: Warning[] };

export function judgeReplay(incoming: IncomingBundle, held: HeldBundles): ReplayJudgement {
  if (held.sameEnvelope) return { verdict: 'already_imported' };
  if (held.sameIdDigest !== null) {
    return {
      verdict: 'rejected',
      rejection: {
        code: 'replay_conflict',
        reason: `bundle ${incoming.bundleId} is already recorded with different content (digest ${held.sameIdDigest.slice(0, 16)}…)`,
      },
    };
  }
  const warnings = [...incoming.warnings];
  if (held.highestSequence !== null && incoming.sequence <= held.highestSequence) {
    warnings.push({
      code: 'sequence_regression',
      message: `sequence ${incoming.sequence} is not above ${held.highestSequence}, the highest already seen from ${incoming.signer.name}`,
    });
  }
  if (held.predecessorDigest !== null && held.predecessorDigest !== incoming.previousBundleDigest) {
    warnings.push({
      code: 'chain_mismatch',
      message: `the bundle names another predecessor than the sequence-${incoming.sequence - 1} bundle this device holds`,
    });
  }
  return { verdict: 'new', flags: warnings.map((w) => w.code as string), warnings };
}
