import { fileTypeFromBuffer } from 'file-type';
import path from 'node:path';
import { loadSharp } from './lazy-sharp';

/*
 * What a stored file is, judged by its bytes (file-type's magic numbers) rather than its name: a renamed file keeps
 * its true type, and a text file named photo.jpg is recorded as text. The name only decides among formats that
 * share a container (a .docx is a ZIP, a .msg an OLE compound file) and, for text, which kind of text it is.
 */

/** What file-type reads to recognise every format it knows (its documented minimum). */
export const SNIFF_BYTES = 4100;

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

/** A ZIP whose entries file-type could not see (only the head was read) is named by its extension. */
const ZIP_BY_EXTENSION: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
};

/** Old Office files and Outlook messages are all OLE compound files (file-type: application/x-cfb). */
const OLE_BY_EXTENSION: Record<string, string> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.msg': 'application/vnd.ms-outlook',
};

/** Kinds of text, by name; used only once the bytes have been found to be text. */
const TEXT_BY_EXTENSION: Record<string, string> = {
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
};

// Controls other than tab, line feed, form feed, carriage return and escape do not occur in text files.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F]/;

/** UTF-8 (or ASCII) without binary control characters. The head may end inside a character; that is not binary. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return !BINARY_CONTROLS.test(decoded);
  } catch {
    return false;
  }
}

/** The media type of a file from its first bytes (`SNIFF_BYTES` of them) and its name. */
export async function sniffMediaType(head: Uint8Array, name: string): Promise<string> {
  const extension = path.extname(name).toLowerCase();
  const detected = await fileTypeFromBuffer(head);
  if (detected?.mime === 'application/zip') return ZIP_BY_EXTENSION[extension] ?? detected.mime;
  if (detected?.mime === 'application/x-cfb') return OLE_BY_EXTENSION[extension] ?? detected.mime;
  if (detected) return detected.mime;
  if (looksLikeText(head)) return TEXT_BY_EXTENSION[extension] ?? 'text/plain';
  return 'application/octet-stream';
}

export type EvidenceKind = 'photo' | 'document';

/**
 * A file is a photo only when it is a raster image this build of sharp can decode; anything else, including a
 * HEIC whose HEVC codec the bundled libvips lacks, is kept as a document. Never throws.
 */
export async function classifyKind(file: string, mediaType: string): Promise<EvidenceKind> {
  if (!RASTER_IMAGE_TYPES.has(mediaType)) return 'document';
  try {
    const sharp = await loadSharp();
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
