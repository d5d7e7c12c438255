import { readFile, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { loadSharp } from '../core/sharp';
import { DEFAULT_AUTHORITY, IssuingAuthority, type AuthorityLogo } from '../contract/authority';
import { AppError } from '../contract/result';
import { blobPath, ingestStream } from '../core/blob-store';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { settings } from '../db/schema';
import { requireActor, type HandlerContext, type HandlerMap } from '../kernel/context';
import { blobRoot, resolveSource } from './evidence-ingest';

/*
 * The issuing customs authority's settings (contract/authority.ts), one JSON value in the device's settings
 * table, every change audited field by field. The logo comes in as a file the user picked (a token or an upload,
 * never a path from the page); a PNG is kept as it is, an SVG is rasterised here once, so the PDF printer only
 * ever embeds a PNG from the blob store and never parses SVG.
 */

const KEY = 'issuing_authority';
/** A logo is a small picture; anything larger is not what the user meant to pick. */
const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** Pixels on the long side of the stored logo: sharp at print size (about 25 mm at 300 dpi). */
const LOGO_PIXELS = 512;

export function getAuthority(store: Store): IssuingAuthority {
  const row = store.db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (!row) return DEFAULT_AUTHORITY;
  try {
    // A stored value that no longer validates (hand-edited) falls back field by field to the defaults.
    const stored = JSON.parse(row.value) as Record<string, unknown>;
    const merged = { ...DEFAULT_AUTHORITY, ...stored };
    const parsed = IssuingAuthority.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_AUTHORITY;
  } catch {
    return DEFAULT_AUTHORITY;
  }
}

function saveAuthority(ctx: HandlerContext, patch: Partial<IssuingAuthority>): IssuingAuthority {
  const actor = requireActor(ctx);
  return ctx.store.db.transaction(() => {
    const before = getAuthority(ctx.store);
    const changes = fieldChanges('settings', 'issuing_authority', before, patch);
    if (changes.length === 0) return before;
    const value = JSON.stringify({ ...before, ...patch });
    ctx.store.db.insert(settings).values({ key: KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    appendAudit(ctx.store.sqlite, actor, changes);
    return getAuthority(ctx.store);
  });
}

const logoRefused = (reason: 'type' | 'size' | 'external' | 'unreadable', message: string) =>
  new AppError('invalid_input', message, [{ path: 'source', message, code: 'logo_file', params: { reason } }]);

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG by its magic number, SVG by its root element; the file's name decides nothing. */
function logoKind(bytes: Buffer): 'png' | 'svg' | null {
  if (bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

/**
 * An SVG may point outside itself (an image file, a web address, an entity): rasterising it would read that
 * too. Only references inside the document (`#id`) and embedded data are allowed.
 */
function svgReachesOut(svg: string): boolean {
  if (/<!ENTITY/i.test(svg)) return true;
  for (const match of svg.matchAll(/(?:xlink:)?href\s*=\s*["']([^"']*)["']/gi)) {
    const target = match[1]!.trim();
    if (!target.startsWith('#') && !/^data:image\//i.test(target)) return true;
  }
  return /url\(\s*["']?(?!#|data:)/i.test(svg) || /@import/i.test(svg);
}

async function logoFromBytes(bytes: Buffer): Promise<{ png: Buffer; width: number; height: number; kind: 'png' | 'svg' }> {
  const kind = logoKind(bytes);
  if (!kind) throw logoRefused('type', 'The logo must be a PNG or SVG file.');
  if (kind === 'svg' && svgReachesOut(bytes.toString('utf8'))) {
    throw logoRefused('external', 'The SVG refers to files or addresses outside itself; save it as a self-contained SVG or PNG.');
  }
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error', ...(kind === 'svg' ? { density: 300 } : {}) })
      .resize(LOGO_PIXELS, LOGO_PIXELS, { fit: 'inside', withoutEnlargement: kind === 'png' })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height, kind };
  } catch {
    throw logoRefused('unreadable', 'The logo file could not be read as an image.');
  }
}

export const authorityHandlers: HandlerMap<'authority'> = {
  'authority:get': (ctx) => getAuthority(ctx.store),

  'authority:update': (ctx, input) => saveAuthority(ctx, input as Partial<IssuingAuthority>),

  'authority:importLogo': async (ctx, input) => {
    requireActor(ctx);
    const source = await resolveSource(ctx, input.source);
    try {
      if (source.size > MAX_LOGO_BYTES) throw logoRefused('size', 'The logo file is larger than 2 MB.');
      const logo = await logoFromBytes(await readFile(source.file));
      const stored = await ingestStream(blobRoot(ctx.store), Readable.from(logo.png));
      const value: AuthorityLogo = { sha256: stored.sha256, width: logo.width, height: logo.height, originalType: logo.kind };
      return saveAuthority(ctx, { logo: value });
    } finally {
      if (source.upload) await unlink(source.file).catch(() => undefined);
    }
  },

  'authority:removeLogo': (ctx) => saveAuthority(ctx, { logo: null }),

  'authority:logoImage': async (ctx) => {
    const { logo } = getAuthority(ctx.store);
    if (!logo) return null;
    const png = await readFile(blobPath(blobRoot(ctx.store), logo.sha256)).catch(() => null);
    if (!png) throw new AppError('not_found', 'The stored logo file is missing; import the logo again.');
    return { dataUrl: `data:image/png;base64,${png.toString('base64')}` };
  },
};
