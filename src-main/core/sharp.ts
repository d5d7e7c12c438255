import type SharpModule from 'sharp';

/*
 * sharp (libvips) loaded on first use rather than when the process starts: `aeo report` decodes no image when
 * every photo has its print rendition, yet loading sharp took 42 ms and 19 MiB of resident memory at start-up
 * (measured, issue 14), on the way to the report's peak RSS goal.
 */

export type Sharp = typeof SharpModule;

let loading: Promise<Sharp> | undefined;

/** The sharp module, loaded once. */
export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
