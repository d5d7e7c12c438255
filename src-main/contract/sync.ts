import { z } from 'zod';
import { EmptyInput, Id, Timestamp, lineText, text, token } from './common';
import { KeyHex } from './keys';

/*
 * Sync with headquarters: the outbox of sealed bundles on their way up (queued → uploading → delivered with HQ's
 * signed receipt, or rejected with HQ's code and reason), the HQ address and the HQ key pinned at enrollment, the
 * connectivity the badge shows, one round on demand ("Sync now"), and HQ's officer view for HQ and team leads.
 */

export const outboxStates = ['queued', 'uploading', 'delivered', 'rejected'] as const;
export const OutboxState = z.enum(outboxStates);
export type OutboxState = z.infer<typeof OutboxState>;

/** What the header badge says: no HQ set, HQ not answering, a round moving bundles, all delivered, or a rejection. */
export const syncBadges = ['not_configured', 'offline', 'syncing', 'up_to_date', 'needs_attention'] as const;

/**
 * Why a round stopped short of HQ, as codes the UI words in both languages (the message beside it is English,
 * for logs and the CLI).
 */
export const syncProblemCodes = [
  'not_configured',
  'not_pinned',
  'unreachable',
  'wrong_hq_key',
  'not_enrolled',
  'auth_refused',
  'trust_refused',
  'no_keys',
  'upload_interrupted',
  'receipt_invalid',
  'hq_error',
] as const;
export const SyncProblem = z.strictObject({ code: z.enum(syncProblemCodes), message: text() });
export type SyncProblem = z.infer<typeof SyncProblem>;

/** An HQ URL: http(s) only, no credentials or fragment; empty clears it. */
export const HqUrl = lineText(500).refine((value) => {
  if (value === '') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.hash;
  } catch {
    return false;
  }
}, 'an http:// or https:// address without a password');

export const HqKeyPin = z.strictObject({ keyId: KeyHex, fingerprint: text(), pinnedAt: Timestamp });
export type HqKeyPin = z.infer<typeof HqKeyPin>;

export const SyncSettings = z.strictObject({
  hqUrl: text(),
  hqKey: HqKeyPin.nullable(),
});
export type SyncSettings = z.infer<typeof SyncSettings>;

export const Receipt = z.strictObject({
  hqKeyId: KeyHex,
  hqFingerprint: text(),
  receivedAt: Timestamp,
  sequence: z.number().int(),
});
export type Receipt = z.infer<typeof Receipt>;

export const OutboxEntry = z.strictObject({
  bundleId: Id,
  caseNumber: text(),
  sha256: KeyHex,
  size: z.number().int(),
  state: OutboxState,
  /** Bytes HQ holds (the last confirmed offset), or being sent now. */
  sent: z.number().int(),
  attempts: z.number().int(),
  lastError: SyncProblem.nullable(),
  rejection: z.strictObject({ code: token(80), reason: text() }).nullable(),
  receipt: Receipt.nullable(),
  queuedAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const SyncStatus = z.strictObject({
  badge: z.enum(syncBadges),
  hqUrl: text(),
  pinned: z.boolean(),
  online: z.enum(['unknown', 'online', 'offline']),
  /** A round is running now; `done` of `total` bundles of this round reached a final state. */
  running: z.boolean(),
  progress: z.strictObject({ done: z.number().int(), total: z.number().int() }),
  counts: z.strictObject({ queued: z.number().int(), uploading: z.number().int(), delivered: z.number().int(), rejected: z.number().int() }),
  lastCheckedAt: Timestamp.nullable(),
  lastSuccessAt: Timestamp.nullable(),
  problem: SyncProblem.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** What one round moved: up (delivered, rejected, still pending), the trust list, and down (the inbox). */
export const SyncRound = z.strictObject({
  reached: z.boolean(),
  problem: SyncProblem.nullable(),
  trustList: z.strictObject({ installed: z.boolean(), version: z.number().int().nullable() }),
  delivered: z.array(OutboxEntry),
  rejected: z.array(OutboxEntry),
  pending: z.array(OutboxEntry),
  received: z.array(
    z.strictObject({ sha256: KeyHex, bundleId: Id, caseNumber: text(), outcome: z.enum(['imported', 'already_imported', 'rejected']), reason: text().nullable() }),
  ),
  status: SyncStatus,
});
export type SyncRound = z.infer<typeof SyncRound>;

export const EnrollResult = z.discriminatedUnion('outcome', [
  /** Nothing pinned yet: compare this fingerprint with the one HQ gave you, then enroll again confirming it. */
  z.strictObject({ outcome: z.literal('needs_confirmation'), hqKey: z.strictObject({ keyId: KeyHex, fingerprint: text() }) }),
  z.strictObject({ outcome: z.literal('pending'), keyId: KeyHex, settings: SyncSettings }),
  z.strictObject({ outcome: z.literal('refused'), problem: SyncProblem }),
]);
export type EnrollResult = z.infer<typeof EnrollResult>;

/** One row of HQ's officer view, as HQ serves it (flags as HQ names them). */
export const OfficerRow = z.strictObject({
  sha256: KeyHex,
  bundleId: text(),
  signerName: text(),
  signerRole: text(),
  caseNumber: text(),
  reportVersion: z.number().int().nullable(),
  receivedAt: Timestamp,
  verified: z.boolean(),
  flags: z.array(text()),
});
export type OfficerRow = z.infer<typeof OfficerRow>;

export const OfficerView = z.discriminatedUnion('reachable', [
  z.strictObject({ reachable: z.literal(true), rows: z.array(OfficerRow) }),
  z.strictObject({ reachable: z.literal(false), problem: SyncProblem }),
]);
export type OfficerView = z.infer<typeof OfficerView>;

export const syncContract = {
  'sync:status': { input: EmptyInput, output: SyncStatus },
  /** Runs one round now (or joins the one running): trust list, then the outbox up, then the inbox down. */
  'sync:now': { input: EmptyInput, output: SyncRound },
  'sync:settings': { input: EmptyInput, output: SyncSettings },
  /** Sets the HQ address (empty: no HQ; sealing and the outbox go on without one). A new address unpins the HQ key. */
  'sync:configure': { input: z.strictObject({ hqUrl: HqUrl }), output: SyncSettings },
  /**
   * Sends this user's enrollment file to HQ. The first time, answers HQ's key fingerprint to compare with the one HQ
   * gave out of band; enrolling again with `confirmFingerprint` pins that key (another fingerprint: refused).
   */
  'sync:enroll': { input: z.strictObject({ confirmFingerprint: lineText(200).min(1).optional() }), output: EnrollResult },
  'sync:outbox': { input: EmptyInput, output: z.array(OutboxEntry) },
  /** A rejected bundle goes back to the queue (HQ may accept it now: a renewed key, a newer trust list). */
  'sync:retry': { input: z.strictObject({ bundleId: Id }), output: OutboxEntry },
  /** Takes a rejected or still queued bundle out of the outbox; the sealed bundle itself stays on the device. */
  'sync:remove': { input: z.strictObject({ bundleId: Id }), output: z.strictObject({ removed: z.literal(true) }) },
  /** HQ's officer view (HQ and team-lead users): what HQ received, verified; `reachable: false` says why not. */
  'sync:inbox': { input: EmptyInput, output: OfficerView },
} as const;
