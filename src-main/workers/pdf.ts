import { createHash, type Hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportModel } from '../contract/reports';
import { blobPath } from '../core/blob-store';
import { writeStreamAtomic } from '../core/fs-atomic';
import type { WorkerInput, WorkerMessage } from '../core/worker-task';
import { controlPlanDoc } from '../report/control-plan-doc';
import { FONT_FAMILY, TABLE_LAYOUT, tableLayout } from '../report/pdf-common';
import { LOGO_KEY } from '../report/pdf-frame';
import type { PdfJob, PdfJobResult, PrintPhoto, PrintPhotos } from '../report/pdf-job';
import type { EvidenceImage, ReportImages } from '../report/validation-report-annexes';
import { validationReportDoc } from '../report/validation-report-doc';
import { signatureKey } from '../report/validation-report-gates';

/*
 * The PDF worker: lays out and renders one document off the main thread. Photos arrive as print renditions the
 * main thread found (or made once) in the blob store: small upright JPEGs embedded as they are, each checked
 * against its hash here, so printing decodes no photo and this worker never loads sharp. The PDF streams to a temp
 * file beside the target, hashed on the way, is flushed to disk and only then renamed into place: a reader sees the
 * old file or the whole new one, never half of it.
 */

const requireCjs = createRequire(import.meta.url);
type PdfMake = typeof import('pdfmake') & { addTableLayouts(layouts: Record<string, unknown>): void };

function post(message: WorkerMessage<PdfJobResult>) {
  parentPort?.postMessage(message);
}

const progress = (phase: string, done: number, total: number) => post({ type: 'progress', phase, done, total });

/** A stored file's bytes, or null when it is gone or no longer holds its hash. */
async function verifiedBlob(blobRoot: string, sha256: string): Promise<Buffer | null> {
  const bytes = await readFile(blobPath(blobRoot, sha256)).catch(() => null);
  return bytes && createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : null;
}

/** One photo → its print rendition as a JPEG data URL, or the reason there is none. Never throws. */
async function prepareImage(blobRoot: string, photo: PrintPhoto | undefined): Promise<EvidenceImage> {
  if (photo?.status !== 'ok') return { status: photo?.status ?? 'missing' };
  const bytes = await verifiedBlob(blobRoot, photo.sha256);
  // The rendition changed since the main thread checked it: print the gap rather than a picture it cannot vouch for.
  if (!bytes) return { status: 'missing' };
  return { status: 'ok', dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}`, width: photo.width, height: photo.height };
}

async function prepareImages(job: PdfJob, printPhotos: PrintPhotos): Promise<ReportImages> {
  const images: Record<string, EvidenceImage> = {};
  const photos = job.model.evidence.filter((e) => e.kind === 'photo');
  for (const e of job.model.evidence) if (e.kind !== 'photo') images[e.id] = { status: 'document' };
  progress('images', 0, photos.length);
  for (const [done, e] of photos.entries()) {
    images[e.id] = await prepareImage(job.blobRoot, printPhotos[e.sha256]);
    progress('images', done + 1, photos.length);
  }
  return images;
}

/** A drawn signature, checked against its hash; pdfmake embeds PNG as it is. Never throws. */
async function prepareSignature(blobRoot: string, sha256: string): Promise<EvidenceImage> {
  const bytes = await readFile(blobPath(blobRoot, sha256)).catch(() => null);
  if (!bytes) return { status: 'missing' };
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) return { status: 'altered' };
  return { status: 'ok', dataUrl: `data:image/png;base64,${bytes.toString('base64')}`, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function prepareSignatures(model: ReportModel, blobRoot: string): Promise<ReportImages> {
  const images: Record<string, EvidenceImage> = {};
  for (const run of model.plan.runs) {
    if (run.signatureSha256) images[signatureKey(run.signatureSha256)] = await prepareSignature(blobRoot, run.signatureSha256);
  }
  return images;
}

/** The issuing authority's logo (a PNG the settings stored in the blob store), checked against its hash. */
async function prepareLogo(model: ReportModel, blobRoot: string): Promise<ReportImages> {
  const logo = model.official?.authority.logo;
  return logo ? { [LOGO_KEY]: await prepareSignature(blobRoot, logo.sha256) } : {};
}

/** A document under this many pages (cover included) prints without its cover and contents page. */
const COVER_MIN_PAGES = 4;

function loadPdfMake(fontsDir: string): PdfMake {
  const pdfmake = requireCjs('pdfmake') as PdfMake;
  const font = (file: string) => path.join(fontsDir, file);
  pdfmake.setFonts({
    [FONT_FAMILY]: {
      normal: font('PTSans_400Regular.ttf'),
      bold: font('PTSans_700Bold.ttf'),
      italics: font('PTSans_400Regular_Italic.ttf'),
      bolditalics: font('PTSans_700Bold_Italic.ttf'),
    },
  });
  // Nothing from the network, and from disk only the fonts: images arrive as data URLs.
  pdfmake.setUrlAccessPolicy(() => false);
  const fontsRoot = path.resolve(fontsDir) + path.sep;
  pdfmake.setLocalAccessPolicy((file: string) => path.resolve(file).startsWith(fontsRoot));
  pdfmake.addTableLayouts({ [TABLE_LAYOUT]: tableLayout });
  return pdfmake;
}

/** Passes the PDF's bytes through unchanged, hashing and counting them, so the file need not be read back. */
async function* measured(source: AsyncIterable<Uint8Array>, tally: { hash: Hash; size: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    tally.hash.update(chunk);
    tally.size += chunk.length;
    yield chunk;
  }
}

/**
 * Renders `job`. `laterPhotos`: the photos when the job has none yet (the main thread still checks them; see
 * PdfJob.photos).
 */
export async function renderPdf(job: PdfJob, laterPhotos?: Promise<PrintPhotos>): Promise<PdfJobResult> {
  // Loading pdfmake and checking the logo and signatures come first: they need nothing the main thread may still
  // be checking (the photos), so they overlap it.
  const pdfmake = loadPdfMake(job.fontsDir);
  let pages = 0;
  const onPageCount = (n: number) => {
    pages = n;
  };
  const logo = await prepareLogo(job.model, job.blobRoot);
  let images = logo;
  if (job.document === 'validation-report') {
    const signatures = await prepareSignatures(job.model, job.blobRoot);
    const photos = job.photos ?? (await laterPhotos);
    if (!photos) throw new Error('the validation report was sent no photos');
    images = { ...(await prepareImages(job, photos)), ...signatures, ...logo };
  }
  const docOf = (withCover: boolean): TDocumentDefinitions =>
    job.document === 'validation-report'
      ? validationReportDoc({ model: job.model, lang: job.lang, meta: job.meta, images, onPageCount, withCover })
      : controlPlanDoc({ model: job.model, lang: job.lang, meta: job.meta, images, onPageCount, withCover });
  progress('layout', 0, 100);
  let lastPercent = -1;
  pdfmake.setProgressCallback((fraction: number) => {
    const percent = Math.floor(fraction * 100);
    if (percent !== lastPercent) {
      lastPercent = percent;
      progress('render', percent, 100);
    }
  });
  type PdfStream = NodeJS.ReadableStream & AsyncIterable<Uint8Array> & { end(): void };
  let stream = (await pdfmake.createPdf(docOf(true)).getStream()) as PdfStream;
  // The layout is done once the stream is handed over, so the page count is known: a document that is short
  // with its cover (under three pages of its own) is laid out again without it. Long documents lay out once.
  if (pages < COVER_MIN_PAGES) {
    stream = (await pdfmake.createPdf(docOf(false)).getStream()) as PdfStream;
  }
  progress('write', 0, 1);
  // core/fs-atomic: a unique temp file beside the target (a link planted there is never followed), flushed, renamed.
  // pdfmake 0.3 hands the stream over only once every page is rendered, so pdfkit has buffered the finished PDF
  // by then (1.3 MB for 58 pages with 120 photos); from here it goes to disk chunk by chunk, hashed on the way.
  const tally = { hash: createHash('sha256'), size: 0 };
  const written = writeStreamAtomic(job.outPath, measured(stream, tally), { overwrite: true });
  stream.end();
  await written;
  progress('write', 1, 1);
  return { pages, size: tally.size, sha256: tally.hash.digest('hex') };
}

if (parentPort && workerData) {
  const job = workerData as PdfJob;
  // Listening from the start, so the photos are taken whenever they come.
  const port = parentPort;
  const laterPhotos = job.photos ? undefined : new Promise<PrintPhotos>((resolve) => port.once('message', (message: WorkerInput<PrintPhotos>) => resolve(message.value)));
  renderPdf(job, laterPhotos).then(
    (value) => post({ type: 'done', value }),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
}
