import { randomBytes } from 'node:crypto';
import type { TokenRequest } from '../src-main/contract/hq';
import { lookupKey, type TrustMember } from '../src-main/core/bundle/trust-list';
import { verifyAuthChallenge } from '../src-main/core/hq-protocol';
import { forbidden, HttpError, unauthorized } from './http';
import type { TrustListSource } from './trust';

/*
 * Devices log in with the signing key HQ enrolled, never a password: HQ hands out a one-time nonce, the device signs
 * authMessage(hqKeyId, nonce), HQ answers a short-lived bearer token. Every request re-checks the token's key
 * against the current trust list, so revoking a key (a new list version) shuts it out at once. Nonces and tokens
 * live in memory: a restarted HQ asks devices to log in again (401), which they do by themselves.
 */

export const NONCE_TTL_MS = 2 * 60 * 1000;
export const TOKEN_TTL_MS = 15 * 60 * 1000;
/** Bounds on what strangers can make HQ remember; past them, old entries go first. */
const MAX_NONCES = 10_000;
const MAX_TOKENS = 50_000;

export type Caller = { keyId: string; member: TrustMember };

const random = () => randomBytes(32).toString('base64url');

export class DeviceAuth {
  private readonly nonces = new Map<string, { keyId: string; expires: number }>();
  private readonly tokens = new Map<string, { keyId: string; expires: number }>();

  constructor(
    private readonly trust: TrustListSource,
    private readonly hqKeyId: string,
    private readonly now: () => Date,
  ) {}

  /** A member in good standing, or 403. */
  private member(keyId: string): TrustMember {
    const at = this.now();
    const lookup = lookupKey(this.trust.current(), keyId, at);
    if (lookup.status !== 'valid' || !lookup.member) {
      throw forbidden(lookup.status === 'unknown' ? 'This key is not on HQ\'s trust list.' : `This key is ${lookup.status.replace(/_/g, ' ')} on HQ's trust list.`);
    }
    return lookup.member;
  }

  challenge(keyId: string): { nonce: string; expiresAt: string } {
    this.member(keyId);
    const at = this.now().getTime();
    prune(this.nonces, at, MAX_NONCES);
    const nonce = random();
    this.nonces.set(nonce, { keyId, expires: at + NONCE_TTL_MS });
    return { nonce, expiresAt: new Date(at + NONCE_TTL_MS).toISOString() };
  }

  token(request: TokenRequest): { token: string; expiresAt: string } {
    const member = this.member(request.keyId);
    const at = this.now().getTime();
    const issued = this.nonces.get(request.nonce);
    // One use only, whatever the outcome: a nonce seen once cannot be tried again.
    this.nonces.delete(request.nonce);
    if (!issued || issued.keyId !== request.keyId || issued.expires < at) throw unauthorized('Unknown or expired challenge: ask for a new one.');
    if (!verifyAuthChallenge(this.hqKeyId, request.nonce, request.signature, Buffer.from(member.signingKey, 'base64'))) {
      throw unauthorized('The challenge signature does not verify with this key.');
    }
    prune(this.tokens, at, MAX_TOKENS);
    const token = random();
    this.tokens.set(token, { keyId: request.keyId, expires: at + TOKEN_TTL_MS });
    return { token, expiresAt: new Date(at + TOKEN_TTL_MS).toISOString() };
  }

  /** The caller behind `Authorization: Bearer …`: 401 without a live token, 403 when its key is no longer valid. */
  authenticate(authorization: string | null | undefined): Caller {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!match) throw unauthorized();
    const session = this.tokens.get(match[1] as string);
    if (!session || session.expires < this.now().getTime()) throw unauthorized('The token is unknown or expired: sign in again.');
    return { keyId: session.keyId, member: this.member(session.keyId) };
  }

  /** Officer routes: an HQ or team-lead key, else 403. */
  officer(authorization: string | null | undefined): Caller {
    const caller = this.authenticate(authorization);
    if (caller.member.role !== 'hq' && caller.member.role !== 'team_lead') throw new HttpError(403, 'forbidden', 'Only HQ and team-lead keys see the officer view.');
    return caller;
  }
}

function prune(map: Map<string, { expires: number }>, at: number, max: number): void {
  for (const [key, entry] of map) if (entry.expires < at) map.delete(key);
  // Maps iterate in insertion order: the oldest go first.
  for (const key of map.keys()) {
    if (map.size < max) break;
    map.delete(key);
  }
}
