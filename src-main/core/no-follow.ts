import { constants } from 'node:fs';
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/*
 * Files the app serves or writes inside its data folder are reached without following symbolic links: a link
 * planted in `reports/` (or replacing `reports/` itself) must not turn a download into a read of ~/.ssh, nor a
 * print into a write outside the data folder. Every folder below `root` is checked with lstat and the file itself
 * is opened with O_NOFOLLOW, so a link swapped in after the checks still fails the open.
 */

/** Each of `segments` is one plain name: no separators, no `.`/`..`, no NUL. */
function checkSegments(segments: readonly string[]): void {
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0')) {
      throw Object.assign(new Error(`not a plain name: ${JSON.stringify(s)}`), { code: 'EINVAL' });
    }
  }
}

/** Throws ELOOP when `dir` is a symbolic link, ENOTDIR when it is something else than a folder. */
async function requireRealDir(dir: string): Promise<void> {
  const info = await lstat(dir);
  if (info.isSymbolicLink()) throw Object.assign(new Error(`${dir} is a symbolic link`), { code: 'ELOOP' });
  if (!info.isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
}

/**
 * Opens `root/…segments` read-only when every folder after `root` is a real folder and the file a regular file,
 * with no symbolic link anywhere below `root`; null when it is missing or is not that. `root` itself may be a
 * link (a user's data folder can legitimately live elsewhere); what is below it may not.
 */
export async function openRegularFileNoFollow(root: string, segments: readonly string[]): Promise<FileHandle | null> {
  checkSegments(segments);
  let dir = root;
  try {
    for (const segment of segments.slice(0, -1)) {
      dir = path.join(dir, segment);
      await requireRealDir(dir);
    }
    const handle = await open(path.join(root, ...segments), constants.O_RDONLY | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return null;
    }
    return handle;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR' || code === 'EINVAL') return null;
    throw error;
  }
}

/**
 * Makes (or checks) the folders `root/…segments` as real folders, refusing any symbolic link among them (ELOOP),
 * and answers the last one's path. New folders get mode 0700: they hold the user's data.
 */
export async function ensureRealDirs(root: string, segments: readonly string[]): Promise<string> {
  checkSegments(segments);
  let dir = root;
  for (const segment of segments) {
    dir = path.join(dir, segment);
    try {
      await mkdir(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await requireRealDir(dir);
  }
  return dir;
}
