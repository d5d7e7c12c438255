import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../contract/result';
import type { ReasonIssueCode } from '../contract/issue-codes';

/*
 * How the preview server answers with JSON: the channel routes, uploads and downloads all send the same envelope
 * with the same headers, so a refusal looks alike whichever route gave it.
 */

export function envelopeError(code: ErrorCode, message: string, reason?: ReasonIssueCode) {
  return { ok: false, error: { code, message, ...(reason ? { issues: [{ path: '(root)', message, code: reason }] } : {}) } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
