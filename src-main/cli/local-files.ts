import path from 'node:path';
import { createFileTokenRegistry } from '../core/file-tokens';

/*
 * The CLI's side of file tokens: the paths a user typed on the command line are registered here and passed to
 * channels as `{token}`, exactly as the desktop shell does for dropped files. Channels never take a path, so the
 * CLI keeps its path arguments without any channel the page can call accepting one.
 */
export const cliFiles = createFileTokenRegistry();

/** A `{token}` file source for a path named on the command line. */
export const localFile = (file: string): { token: string } => ({ token: cliFiles.issue(path.resolve(file)) });
