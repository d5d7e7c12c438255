import path from 'node:path';
import sharp from 'sharp';

/*
 * What a stored file is, judged by its first bytes (magic numbers) rather than its name: a renamed file keeps its
 * true type. The name only decides among formats that share a container (a .docx is a ZIP) and for formats
 * without a reliable signature (plain text, CSV).
 */

/** Enough bytes for every signature below. */
export const SNIFF_BYTES = 64;

/** Raster image types the app may treat as photos, if sharp can decode the file itself. */
export const RASTER_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/avif',
]);

const ZIP_BY_EXTENSION: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
};

const OLE_BY_EXTENSION: Record<string, string> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.msg': 'application/vnd.ms-outlook',
};

/**
 * Types known only by name. Formats that have a signature checked above (images, PDF, ZIP) are deliberately
 * absent: a "photo.jpg" whose bytes are not a JPEG must not be labelled image/jpeg.
 */
const BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.rtf': 'application/rtf',
  '.svg': 'image/svg+xml',
  '.eml': 'message/rfc822',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
};

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, at: number, length: number) =>
  head.length >= at + length ? head.toString('latin1', at, at + length) : '';

/** The media type of a file from its first bytes (at least 32; `SNIFF_BYTES` is plenty) and its name. */
export function sniffMediaType(head: Buffer, name: string): string {
  const extension = path.extname(name).toLowerCase();
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  const isoBrand = isoMediaBrand(head);
  if (isoBrand) return isoBrand;
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return ZIP_BY_EXTENSION[extension] ?? 'application/zip';
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return OLE_BY_EXTENSION[extension] ?? 'application/x-ole-storage';
  }
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** HEIF family: an ISO-BMFF `ftyp` box whose major or compatible brands name an image format. */
function isoMediaBrand(head: Buffer): string | null {
  if (ascii(head, 4, 4) !== 'ftyp' || head.length < 12) return null;
  const boxSize = head.readUInt32BE(0);
  const brands = [ascii(head, 8, 4)];
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) brands.push(ascii(head, at, 4));
  // The major brand first, then the compatible ones (a generic 'mif1' major brand names its codec among them).
  for (const brand of brands) {
    if (AVIF_BRANDS.has(brand)) return 'image/avif';
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
  }
  return brands.some((b) => HEIF_BRANDS.has(b)) ? 'image/heif' : null;
}

export type EvidenceKind = 'photo' | 'document';

/**
 * A file is a photo only when it is a raster image this build of sharp can decode; anything else, including a
 * HEIC whose HEVC codec the bundled libvips lacks, is kept as a document. Never throws.
 */
export async function classifyKind(file: string, mediaType: string): Promise<EvidenceKind> {
  if (!RASTER_IMAGE_TYPES.has(mediaType)) return 'document';
  try {
    const metadata = await sharp(file).metadata();
    if (!metadata.width || !metadata.height) return 'document';
    if (metadata.format === 'heif') {
      // The header parses whatever the codec; only a decode tells whether thumbnails will work.
      await sharp(file).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
    }
    return 'photo';
  } catch {
    return 'document';
  }
}
