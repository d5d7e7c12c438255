import path from 'node:path';
import { createFileTokenRegistry } from '../../src-main/core/file-tokens';

/**
 * Tests hand files to channels as the desktop shell and the CLI do: by a single-use token registered here, never
 * by path. Every test dispatcher redeems tokens against this registry.
 */
export const testFiles = createFileTokenRegistry();

/** A `{token}` file source for a file on disk. */
export const fileSource = (file: string): { token: string } => ({ token: testFiles.issue(path.resolve(file)) });
