import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { loadSharp } from '../core/sharp';
import { blobPath, hashFile, ingestStream } from '../core/blob-store';
import { nowUtc } from '../core/ids';
import { appendAudit, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { printRenditions } from '../db/schema';
import type { PrintPhoto } from '../report/pdf-job';
import { withIntegrity } from './evidence-files';
import { blobRoot } from './evidence-ingest';

/*
 * Print renditions (issue 14). The report used to decode and downscale every full-size photo at every print (120
 * photos of 2000×1500: most of a 9 s print, and most of its memory). Now each photo is downscaled once, when it is
 * stored, and the rendition is kept in the blob store under its own hash and recorded in print_renditions; a print
 * copies those bytes into the PDF without decoding anything, so the PDF worker no longer loads sharp at all.
 *
 * Why 600 px, JPEG q70: the evidence annex fits a photo into a 170×128 pt box (2.4 inches wide), so 600 px is
 * about 250 dpi, more than print needs; and these are exactly the bytes the print made before renditions
 * existed, so a frozen report version printed again gives the same PDF, digest and all.
 */

const PRINT_PIXELS = 600;
const PRINT_QUALITY = 70;

export type Rendition = typeof printRenditions.$inferSelect;

/** Upright, flattened onto white, at most PRINT_PIXELS on either side. Null when sharp cannot decode the bytes. */
async function downscale(bytes: Buffer): Promise<{ data: Buffer; width: number; height: number } | null> {
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error' })
      .rotate() // applies the EXIF orientation, then drops the tag
      .resize(PRINT_PIXELS, PRINT_PIXELS, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: PRINT_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

/**
 * Makes the print rendition of the photo whose verified bytes are `bytes` and stores it in the blob store (temp
 * file, fsync, rename, as every blob). Null when the bytes are no image sharp can decode.
 */
export async function makeRendition(root: string, sourceSha256: string, bytes: Buffer): Promise<Rendition | null> {
  const out = await downscale(bytes);
  if (!out) return null;
  const stored = await ingestStream(root, Readable.from([out.data]));
  return { sourceSha256, sha256: stored.sha256, size: stored.size, width: out.width, height: out.height, madeAt: nowUtc() };
}

export const renditionOf = (store: Store, sourceSha256: string): Rendition | undefined =>
  store.db.select().from(printRenditions).where(eq(printRenditions.sourceSha256, sourceSha256)).get();

/**
 * Records a rendition and its audit row. Call inside the transaction of the change it belongs to (the blob's
 * row must exist). A record that already names the same bytes is left as it is.
 */
export function recordRendition(store: Store, actor: Actor, rendition: Rendition): void {
  const before = renditionOf(store, rendition.sourceSha256);
  if (before?.sha256 === rendition.sha256) return;
  const { sourceSha256: _source, ...values } = rendition;
  store.db.insert(printRenditions).values(rendition).onConflictDoUpdate({ target: printRenditions.sourceSha256, set: values }).run();
  appendAudit(store.sqlite, actor, [
    {
      entity: 'blob',
      entityId: rendition.sourceSha256,
      // The blob row is what changed: it gained (or regained) its rendition.
      action: 'update',
      field: 'print_rendition',
      before: before ? { sha256: before.sha256, width: before.width, height: before.height } : null,
      after: { sha256: rendition.sha256, width: rendition.width, height: rendition.height },
    },
  ]);
}

/** At ingest: the rendition of a photo just stored, or null (undecodable, or the disk refused; a print retries). */
export async function renditionAtIngest(store: Store, sourceSha256: string, storedPath: string): Promise<Rendition | null> {
  if (renditionOf(store, sourceSha256)) return null; // the same bytes were stored before, with their rendition
  try {
    return await makeRendition(blobRoot(store), sourceSha256, await readFile(storedPath));
  } catch {
    return null;
  }
}

/** The recorded rendition, if its file still holds its hash. */
async function keptRendition(store: Store, sourceSha256: string): Promise<Rendition | null> {
  const row = renditionOf(store, sourceSha256);
  if (!row) return null;
  const digest = await hashFile(blobPath(blobRoot(store), row.sha256)).catch(() => null);
  return digest === row.sha256 ? row : null;
}

/**
 * What the report prints for each photo, by the photo's hash: its rendition, or why there is none. The original
 * is checked first (a picture must not suggest the evidence is still there when it is gone or altered). A photo
 * stored before renditions existed, or whose rendition file was lost, gets one now, once, and it is kept.
 */
export async function printPhotos(
  store: Store,
  actor: Actor,
  photos: readonly { sha256: string; size: number }[],
): Promise<Record<string, PrintPhoto>> {
  const root = blobRoot(store);
  const out: Record<string, PrintPhoto> = {};
  for (const photo of await withIntegrity(store, photos)) {
    if (out[photo.sha256]) continue;
    if (photo.integrity !== 'ok') {
      out[photo.sha256] = { status: photo.integrity };
      continue;
    }
    let rendition = await keptRendition(store, photo.sha256);
    if (!rendition) {
      const bytes = await readFile(blobPath(root, photo.sha256)).catch(() => null);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== photo.sha256) {
        out[photo.sha256] = { status: bytes ? 'altered' : 'missing' };
        continue;
      }
      rendition = await makeRendition(root, photo.sha256, bytes);
      if (rendition) {
        const made = rendition;
        store.db.transaction(() => recordRendition(store, actor, made));
      }
    }
    // Bytes that match their hash but that sharp cannot decode: unreadable as an image, as the print always said.
    out[photo.sha256] = rendition
      ? { status: 'ok', sha256: rendition.sha256, width: rendition.width, height: rendition.height }
      : { status: 'missing' };
  }
  return out;
}
