import type sharpModule from 'sharp';

/*
 * sharp (libvips), loaded the first time an image is actually decoded, not when the handlers load.
 *
 * Why: importing sharp costs 28 MiB of RSS (measured: `node -e "import('sharp')"` peaks at 68 MiB against 40 MiB
 * for a bare `node`), and every handler module reached it statically, so `aeo seal`, `import`, `verify` and
 * `status` paid for it without decoding a single image (issue 14: "load sharp … only when a command needs it").
 */

export type Sharp = typeof sharpModule;

let loading: Promise<Sharp> | null = null;

export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
