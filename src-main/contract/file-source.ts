import { z } from 'zod';
import { Id } from './common';

/*
 * How the page names a file it wants read: never by path. In Electron the preload registers a dropped or picked
 * file with the main process and hands the page an opaque, single-use token; in the browser preview the file is
 * first streamed to `PUT /api/upload`, which answers an upload id. The CLI registers the paths it was given the
 * same way, so every caller goes through one check.
 */

/** 32 random bytes as base64url (43 characters): issued by the main process, never made by the page. */
export const FILE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const FileToken = z.string().regex(FILE_TOKEN_PATTERN, 'not a file token');

/** A file the user gave the app: a dropped or picked file's token, or a finished upload. */
export const FileSource = z.union([z.strictObject({ token: FileToken }), z.strictObject({ uploadId: Id })]);
export type FileSource = z.infer<typeof FileSource>;
