import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as tus from 'tus-js-client';
import { createHqApp, type HqOptions, type HqServer } from '../../src-hq/app';
import { openHqStore } from '../../src-hq/db/open';
import { approveEnrollment, initHq } from '../../src-hq/trust';
import { TokenAnswer, type ReceiptAnswer } from '../../src-main/contract/hq';
import { createEnrollment, ENROLLMENT_TYPE, type TrustRole } from '../../src-main/core/bundle/trust-list';
import { signAuthChallenge } from '../../src-main/core/hq-protocol';
import { newId } from '../../src-main/core/ids';
import { person, sha256, type Person } from './bundle-fixtures';

/*
 * A real HQ for tests: its data folder made as `aeo hq init` makes it, the Fastify app listening on 127.0.0.1:0,
 * structured logs captured, the clock injectable. Devices are bundle-fixture people who enroll over HTTP, get
 * approved by HQ's own admin code, log in by challenge–response and upload with tus-js-client.
 */

export const HQ_TEST_PASSPHRASE = 'hq test passphrase 0001';

/** Where a device talks to: a server in this process or a spawned one. */
export type HqTarget = { url: string; hqKeyId: string };

export type RunningHq = HqTarget & {
  dataDir: string;
  server: HqServer;
  hqPerson: Person;
  logs: () => Record<string, unknown>[];
  /** Approves an enrolled key as HQ's administrator would (a new trust-list version). */
  approve(keyId: string, role: TrustRole): number;
  close(): Promise<void>;
};

export async function startHq(options: Partial<Omit<HqOptions, 'dataDir' | 'passphrase'>> & { dataDir?: string } = {}): Promise<RunningHq> {
  const dataDir = options.dataDir ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-')), 'hq');
  const setup = openHqStore(dataDir);
  try {
    // A folder given back (a restarted HQ) keeps its key and lists.
    if (!options.dataDir) await initHq(setup, HQ_TEST_PASSPHRASE, 'Customs HQ', new Date());
  } finally {
    setup.close();
  }
  const lines: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const server = await createHqApp({ sweepIntervalMs: 0, ...options, dataDir, passphrase: HQ_TEST_PASSPHRASE, logStream });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const keys = server.identity.keys;
  const hqMember = server.identity;
  const hqPerson: Person = {
    keys,
    userId: newId(),
    member: {
      keyId: keys.keyId,
      name: hqMember.name,
      role: 'hq',
      signingKey: Buffer.from(keys.signingPublicKey).toString('base64'),
      ageRecipient: keys.ageRecipient,
      validFrom: '2020-01-01T00:00:00.000Z',
      validUntil: '2099-01-01T00:00:00.000Z',
    },
  };
  return {
    url,
    hqKeyId: server.identity.signer.keyId,
    dataDir,
    server,
    hqPerson,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    approve: (keyId, role) => approveEnrollment(server.store, server.identity, keyId, role, options.now?.() ?? new Date()).list.version,
    close: () => server.close(),
  };
}

/** The first log line `match` accepts; lines follow the answer, so this waits (bounded) for it. */
export async function logLine(logs: () => Record<string, unknown>[], match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 100; i++) {
    const line = logs().find(match);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

export function enrollmentFile(p: Person, deviceRole: 'validator' | 'team_lead' = 'validator'): Buffer {
  return createEnrollment(
    {
      _type: ENROLLMENT_TYPE,
      name: p.member.name,
      userId: p.userId,
      deviceId: newId(),
      deviceRole,
      keyId: p.keys.keyId,
      signingKey: p.member.signingKey,
      ageRecipient: p.keys.ageRecipient,
      createdAt: new Date().toISOString(),
    },
    { keyId: p.keys.keyId, secretKey: p.keys.signingSecretKey },
  );
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

export async function getJson<T = unknown>(url: string, token?: string): Promise<{ status: number; body: { ok: boolean; value: T; error?: { code: string } } }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as never };
}

/** A person HQ knows: enrolled over HTTP and approved with `role`. */
export async function enrolled(hq: RunningHq, name: string, role: TrustRole): Promise<Person> {
  const p = await person(name, role);
  const answer = await postJson(`${hq.url}/enroll`, enrollmentFile(p, role === 'team_lead' ? 'team_lead' : 'validator'));
  if (answer.status !== 202) throw new Error(`enrollment answered ${answer.status}`);
  hq.approve(p.keys.keyId, role);
  return p;
}

/** Challenge, sign, token. */
export async function login(hq: HqTarget, p: Person): Promise<string> {
  const challenge = await postJson(`${hq.url}/auth/challenge`, { keyId: p.keys.keyId });
  if (challenge.status !== 200) throw new Error(`challenge answered ${challenge.status}`);
  const { nonce } = challenge.body.value as { nonce: string };
  const signature = signAuthChallenge(hq.hqKeyId, nonce, p.keys.signingSecretKey);
  const answer = await postJson(`${hq.url}/auth/token`, { keyId: p.keys.keyId, nonce, signature });
  if (answer.status !== 200) throw new Error(`token answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return TokenAnswer.parse(answer.body.value).token;
}

/** Uploads a file with tus-js-client (Node), declaring `declared` as its SHA-256; answers the Aeo-Outcome header. */
export function tusUpload(hq: HqTarget, token: string, file: string, declared = sha256(readFileSync(file)), options: { chunkSize?: number; retryDelays?: number[] } = {}): Promise<string> {
  const bytes = readFileSync(file);
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `${hq.url}/files/`,
      headers: { authorization: `Bearer ${token}` },
      metadata: { sha256: declared, filename: path.basename(file) },
      uploadSize: bytes.length,
      retryDelays: options.retryDelays ?? [],
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      onSuccess: ({ lastResponse }) => resolve(lastResponse.getHeader('Aeo-Outcome') ?? ''),
      onError: reject,
    });
    upload.start();
  });
}

export async function receiptOf(hq: HqTarget, token: string, sha: string): Promise<{ status: number; value: ReceiptAnswer }> {
  const answer = await getJson<ReceiptAnswer>(`${hq.url}/receipts/${sha}`, token);
  return { status: answer.status, value: answer.body.value };
}
