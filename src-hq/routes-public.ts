import type { FastifyInstance } from 'fastify';
import { ChallengeRequest, ENROLL_MAX_BYTES, EnrollRequest, HQ_SERVICE, TokenRequest, type EnrollAnswer, type HealthAnswer, type TrustListAnswer } from '../src-main/contract/hq';
import { BundleError } from '../src-main/core/bundle/errors';
import { HttpError, ok, parse } from './http';
import type { HqContext } from './context';
import { receiveEnrollment } from './trust';

/*
 * The routes a device reaches without a token: health, the signed trust list, enrollment and the login handshake.
 * Each is rate-limited per client address (its own bucket per route, so a flood of bad enrollments does not make
 * /health answer 429).
 */

export function publicRoutes(app: FastifyInstance, ctx: HqContext): void {
  const limit = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });
  const { perMinute } = ctx.options.rateLimit;

  app.get('/health', { config: limit(perMinute * 4) }, async (_request, reply) => {
    const value: HealthAnswer = { service: HQ_SERVICE, hqKeyId: ctx.identity.signer.keyId, trustListVersion: ctx.trust.current().version };
    return ok(reply, value);
  });

  app.get('/trust-list', { config: limit(perMinute * 4) }, async (_request, reply) => {
    const list = ctx.trust.current();
    const value: TrustListAnswer = { version: list.version, file: list.file };
    return ok(reply, value);
  });

  app.post('/enroll', { config: limit(perMinute), bodyLimit: ENROLL_MAX_BYTES }, async (request, reply) => {
    const envelope = parse(EnrollRequest, request.body, 'enrollment file');
    let outcome;
    try {
      outcome = receiveEnrollment(ctx.store, Buffer.from(JSON.stringify(envelope), 'utf8'), ctx.now());
    } catch (error) {
      if (error instanceof BundleError) throw new HttpError(400, 'invalid_input', error.reason, [{ path: '(body)', message: error.reason, code: error.code }]);
      throw error;
    }
    request.log.info({ keyId: outcome.keyId, outcome: `enrollment_${outcome.status}` }, 'enrollment received');
    const value: EnrollAnswer = { status: outcome.status, keyId: outcome.keyId };
    return ok(reply, value, outcome.status === 'pending' ? 202 : 200);
  });

  app.post('/auth/challenge', { config: limit(perMinute) }, async (request, reply) => {
    const { keyId } = parse(ChallengeRequest, request.body, 'challenge request');
    return ok(reply, ctx.auth.challenge(keyId));
  });

  app.post('/auth/token', { config: limit(perMinute) }, async (request, reply) => {
    const body = parse(TokenRequest, request.body, 'token request');
    const token = ctx.auth.token(body);
    request.log.info({ keyId: body.keyId, outcome: 'signed_in' }, 'token issued');
    return ok(reply, token);
  });
}
