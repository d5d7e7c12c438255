import type { Evidence } from '../../../src-main/contract/evidence';
import type { FileSource } from '../../../src-main/contract/file-source';
import type { Result } from '../../../src-main/contract/result';
import { api } from './client';
import { withProgress } from './progress';
import { tokenHeaders } from './token';

export type UploadProgress = { phase: 'upload' | 'process'; done: number; total: number; step?: string };

/**
 * Streams one file to the preview server (`PUT /api/upload`, raw body). XMLHttpRequest rather than fetch: it
 * reports upload progress, so a 2 GiB file shows a moving bar. The browser reads the file from disk in chunks;
 * nothing is loaded into memory whole.
 */
export function uploadFile(
  file: File,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Result<{ uploadId: string; size: number }>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const fail = (message: string): void =>
      resolve({ ok: false, error: { code: 'unavailable', message } });
    xhr.open('PUT', '/api/upload');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    for (const [name, value] of Object.entries(tokenHeaders())) xhr.setRequestHeader(name, value);
    if (file.lastModified > 0) xhr.setRequestHeader('x-last-modified', String(file.lastModified));
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => fail('upload failed');
    xhr.onabort = () => fail('upload cancelled');
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<{ uploadId: string; size: number }>);
      } catch {
        fail(`upload answered ${xhr.status}`);
      }
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export type AttachTarget = { caseId: string; runId?: string; itemId?: string; caption?: string };

/**
 * How the service will read a file the user picked or dropped, without the page ever naming a path: in Electron
 * the preload registers it with the main process and hands back an opaque single-use token (the main process then
 * streams it from disk); in the browser, and for a file that is not on disk, the bytes are uploaded first.
 */
export async function fileSourceFor(
  file: File,
  onUpload: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Result<FileSource>> {
  const token = await window.aeo?.fileToken(file).catch(() => null);
  if (token) return { ok: true, value: { token } };
  const uploaded = await uploadFile(file, onUpload, signal);
  return uploaded.ok ? { ok: true, value: { uploadId: uploaded.value.uploadId } } : uploaded;
}

/**
 * Attaches one file as evidence: in Electron by a token for it (the main process streams it from disk), in the
 * browser by uploading it first. Hashing and copying on the server report progress under the call's task id.
 */
export async function attachFile(
  file: File,
  target: AttachTarget,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<Result<Evidence>> {
  const found = await fileSourceFor(file, (done, total) => onProgress({ phase: 'upload', done, total }), signal);
  if (!found.ok) return found;
  const source = found.value;
  onProgress({ phase: 'process', done: 0, total: 0 });
  return withProgress(
    (taskId) =>
      api.evidence.attach({
        caseId: target.caseId,
        ...(target.runId ? { runId: target.runId } : {}),
        ...(target.itemId ? { itemId: target.itemId } : {}),
        source,
        originalName: file.name,
        ...(target.caption ? { caption: target.caption } : {}),
        expectPhoto: file.type.startsWith('image/'),
        taskId,
      }),
    (event) => onProgress({ phase: 'process', done: event.done, total: event.total, step: event.phase }),
  );
}
