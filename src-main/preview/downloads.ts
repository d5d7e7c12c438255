import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BundleDetail } from '../contract/bundles';
import type { CaseDetail } from '../contract/cases';
import type { AuthorizationState } from '../contract/certification';
import type { Enrollment } from '../contract/keys';
import type { ReportVersionSummary } from '../contract/reports';
import type { ErrorCode } from '../contract/result';
import { exportFileName, type ExportedFile } from '../core/file-names';
import { openRegularFileNoFollow } from '../core/no-follow';
import type { Dispatch } from '../handlers';
import { envelopeError, sendJson } from './respond';

/*
 * What the browser preview offers for download instead of writing files where the page says: printed PDFs, a
 * sealed bundle, the enrollment file. The page names a document by id, never a path, and every file is opened
 * inside the data folder without following symbolic links, so nothing outside it can be served.
 */

export type DownloadOptions = {
  dispatch: Dispatch;
  /** `<dataDir>/reports`, where `reports:pdf` prints. */
  reportsDir?: string | undefined;
  /** `<dataDir>/bundles`, where sealed bundles are kept as `<bundleId>.aeob`. */
  bundlesDir?: string | undefined;
  /** `<dataDir>/letters`, where `authorization:letter` prints a decision's improvement-actions letter. */
  lettersDir?: string | undefined;
};

const UUID7 = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Only the names `reports:pdf` writes: a version id, a known document, a known language. Nothing else. */
const PRINTED_PDF = new RegExp(`^/api/reports/(${UUID7})/(validation-report|control-plan)\\.(en|ru)\\.pdf$`);
const BUNDLE = new RegExp(`^/api/download/bundles/(${UUID7})\\.aeob$`);
const ENROLLMENT = '/api/download/enrollment';
/** The letter of the decision in force on a case, in one language (issue 13). */
const LETTER = new RegExp(`^/api/download/letters/(${UUID7})/improvement-letter\\.(en|ru)\\.pdf$`);

/** Whether `pathname` is one of the download routes (which answer GET and HEAD only). */
export function isDownloadRoute(pathname: string): boolean {
  return PRINTED_PDF.test(pathname) || BUNDLE.test(pathname) || LETTER.test(pathname) || pathname === ENROLLMENT;
}

/**
 * Answers a download route; false when `url` names none (or the method is not GET/HEAD), so the caller goes on.
 * A request another site started (`Sec-Fetch-Site: cross-site`) is refused: a download is for our own page.
 */
export async function serveDownload(options: DownloadOptions, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!isDownloadRoute(url.pathname) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    sendError(res, 403, 'forbidden', 'Downloads started by another site are refused.');
    return true;
  }
  const headOnly = req.method === 'HEAD';
  const printed = PRINTED_PDF.exec(url.pathname);
  if (printed) {
    const [, versionId, document, lang] = printed as unknown as [string, string, 'validation-report' | 'control-plan', 'en' | 'ru'];
    const handle = options.reportsDir ? await openInDataFolder(options.reportsDir, [versionId, `${document}.${lang}.pdf`]) : null;
    if (!handle) return notFound(res, 'This PDF has not been printed yet.');
    await sendFile(res, handle, {
      type: 'application/pdf',
      name: await printedPdfName(options.dispatch, versionId, { kind: 'pdf', document, lang }),
      attachment: url.searchParams.has('download'),
      headOnly,
    });
    return true;
  }
  const bundle = BUNDLE.exec(url.pathname);
  if (bundle) {
    const bundleId = bundle[1] as string;
    const found = await options.dispatch('bundles:get', { bundleId });
    const detail = found.ok ? (found.value as BundleDetail) : null;
    // Imported bundles live on as verified blobs, not as a file: only sealed ones can be downloaded.
    const handle =
      detail?.summary.direction === 'sealed' && options.bundlesDir
        ? await openInDataFolder(options.bundlesDir, [`${bundleId}.aeob`])
        : null;
    if (!detail || !handle) return notFound(res, 'No sealed bundle file with this id on this device.');
    await sendFile(res, handle, { type: 'application/octet-stream', name: exportFileName(detail.summary.caseNumber, detail.report.reportVersion?.version ?? 0, { kind: 'bundle' }), attachment: true, headOnly });
    return true;
  }
  const letter = LETTER.exec(url.pathname);
  if (letter) {
    await serveLetter(options, letter[1] as string, letter[2] as 'en' | 'ru', res, headOnly);
    return true;
  }
  const result = await options.dispatch('keys:exportEnrollment', {});
  if (!result.ok) {
    sendError(res, statusOf(result.error.code), result.error.code, result.error.message);
    return true;
  }
  const enrollment = result.value as Enrollment;
  const body = Buffer.from(enrollment.content, 'utf8');
  res.writeHead(200, {
    ...downloadHeaders('application/json', enrollment.fileName, true),
    'content-length': String(body.length),
  });
  res.end(headOnly ? undefined : body);
  return true;
}

/** The printed letter of the decision in force on `caseId`, under its export name. */
async function serveLetter(options: DownloadOptions, caseId: string, lang: 'en' | 'ru', res: ServerResponse, headOnly: boolean): Promise<void> {
  const found = await options.dispatch('authorization:get', { caseId });
  const current = found.ok ? (found.value as AuthorizationState).current : null;
  const handle = current && options.lettersDir ? await openInDataFolder(options.lettersDir, [current.id, `improvement-letter.${lang}.pdf`]) : null;
  if (!current || !handle) {
    notFound(res, 'This letter has not been printed yet.');
    return;
  }
  const detail = await options.dispatch('cases:get', { id: caseId });
  const caseNumber = detail.ok ? (detail.value as CaseDetail).caseNumber : 'case';
  const name = exportFileName(caseNumber, current.reportVersion, { kind: 'letter', lang });
  await sendFile(res, handle, { type: 'application/pdf', name, attachment: true, headOnly });
}

/** The name a printed PDF downloads under: case number, document, version, language (core/file-names). */
async function printedPdfName(dispatch: Dispatch, versionId: string, file: ExportedFile): Promise<string> {
  const version = await dispatch('reports:getVersion', { id: versionId });
  const summary = version.ok ? (version.value as { summary: ReportVersionSummary }).summary : null;
  const found = summary ? await dispatch('cases:get', { id: summary.caseId }) : null;
  const caseNumber = found?.ok ? (found.value as CaseDetail).caseNumber : 'case';
  return exportFileName(caseNumber, summary?.version ?? 0, file);
}

/**
 * Opens `dir/…names` where `dir` is a folder directly in the data folder (reports/, bundles/): the check for links
 * starts at the data folder, so `dir` replaced by a link to elsewhere is refused too.
 */
const openInDataFolder = (dir: string, names: readonly string[]) => openRegularFileNoFollow(path.dirname(dir), [path.basename(dir), ...names]);

async function sendFile(
  res: ServerResponse,
  handle: FileHandle,
  file: { type: string; name: string; attachment: boolean; headOnly: boolean },
): Promise<void> {
  try {
    const { size } = await handle.stat();
    res.writeHead(200, { ...downloadHeaders(file.type, file.name, file.attachment), 'content-length': String(size) });
    if (file.headOnly) {
      res.end();
      return;
    }
    // Streams from the descriptor opened without following links: a link swapped in now changes nothing.
    await pipeline(handle.createReadStream({ autoClose: false }), res).catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
function downloadHeaders(type: string, name: string, attachment: boolean): Record<string, string> {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-type': type,
    'content-disposition': `${attachment ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'forbidden':
      return 403;
    case 'invalid_input':
      return 400;
    case 'conflict':
    case 'immutable':
      return 409;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

function notFound(res: ServerResponse, message: string): true {
  sendError(res, 404, 'not_found', message);
  return true;
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, envelopeError(code, message));
}
