import type { RejectionCode } from '../../contract/bundle-codes';
import { CodedError } from '../coded-error';

export type { RejectionCode } from '../../contract/bundle-codes';

/**
 * A refusal with a stable code and a one-line reason. Every check in the bundle and trust-list code throws only
 * this; anything else escaping a parser is a bug (the fuzz tests hold us to that).
 */
export class BundleError extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'BundleError';
  }
}

export const reject = (code: RejectionCode, reason: string): never => {
  throw new BundleError(code, reason);
};

/** Sealing stops with one of these: the user's problem (a changed evidence file, a full disk), said plainly. */
export class SealError extends CodedError<'evidence_altered' | 'evidence_unreadable' | 'write_failed' | 'invalid_input'> {
  override readonly name = 'SealError';
}
