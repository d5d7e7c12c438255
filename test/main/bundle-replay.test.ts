import { describe, expect, it } from 'vitest';
import { judgeReplay, type HeldBundles } from '../../src-main/domains/bundles';

/* The replay judgement at import, as a table: what arrives against what this device already holds. */

const digest = (c: string) => c.repeat(64);
const incoming = {
  bundleId: 'b-7',
  envelopeDigest: digest('a'),
  sequence: 7,
  previousBundleDigest: digest('6') as string | null,
  signer: { name: 'Dana Validator' },
  warnings: [] as { code: 'trust_list_expired' | 'sequence_regression' | 'chain_mismatch'; message: string }[],
};
const nothingHeld: HeldBundles = { sameEnvelope: false, sameIdDigest: null, highestSequence: null, predecessorDigest: null };

const cases: { name: string; held: Partial<HeldBundles>; incoming?: Partial<typeof incoming>; verdict: string; flags?: string[] }[] = [
  { name: 'first bundle from this signer', held: {}, verdict: 'new', flags: [] },
  { name: 'the next in sequence, chained to the one held', held: { highestSequence: 6, predecessorDigest: digest('6') }, verdict: 'new', flags: [] },
  { name: 'a later one after a gap (predecessor not held)', held: { highestSequence: 4 }, verdict: 'new', flags: [] },
  { name: 'the same envelope again: a no-op', held: { sameEnvelope: true, sameIdDigest: digest('a'), highestSequence: 7 }, verdict: 'already_imported' },
  { name: 'the same bundle id with other content: refused', held: { sameIdDigest: digest('b'), highestSequence: 7 }, verdict: 'rejected' },
  { name: 'a sequence equal to the highest seen: flagged', held: { highestSequence: 7 }, verdict: 'new', flags: ['sequence_regression'] },
  { name: 'a sequence going backwards: flagged', held: { highestSequence: 9 }, verdict: 'new', flags: ['sequence_regression'] },
  { name: 'another predecessor than the one held: flagged', held: { highestSequence: 6, predecessorDigest: digest('5') }, verdict: 'new', flags: ['chain_mismatch'] },
  {
    name: 'a first bundle naming no predecessor where one is held: flagged',
    held: { highestSequence: 6, predecessorDigest: digest('6') },
    incoming: { previousBundleDigest: null },
    verdict: 'new',
    flags: ['chain_mismatch'],
  },
  {
    name: 'backwards and mis-chained, with a verification warning kept first',
    held: { highestSequence: 8, predecessorDigest: digest('5') },
    incoming: { warnings: [{ code: 'trust_list_expired', message: 'expired' }] },
    verdict: 'new',
    flags: ['trust_list_expired', 'sequence_regression', 'chain_mismatch'],
  },
];

describe('judgeReplay', () => {
  it.each(cases)('$name → $verdict', ({ held, incoming: change, verdict, flags }) => {
    const arriving = { ...incoming, ...change, warnings: [...(change?.warnings ?? incoming.warnings)] };
    const judgement = judgeReplay(arriving, { ...nothingHeld, ...held });
    expect(judgement.verdict).toBe(verdict);
    if (judgement.verdict === 'new') {
      expect(judgement.flags).toEqual(flags);
      expect(judgement.warnings.map((w) => w.code)).toEqual(flags);
      expect(judgement.warnings.every((w) => w.message.length > 0)).toBe(true);
    }
    if (judgement.verdict === 'rejected') {
      expect(judgement.rejection.code).toBe('replay_conflict');
      expect(judgement.rejection.reason).toContain('b-7');
    }
    // The incoming report is not changed behind the caller's back.
    expect(arriving.warnings).toHaveLength(change?.warnings?.length ?? 0);
  });
});
