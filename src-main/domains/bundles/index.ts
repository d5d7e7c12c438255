/*
 * Sealed bundles on a device: layout and crash recovery (layout.ts), sealing (seal.ts, seal-contents.ts), export
 * to a file (export.ts), import with the replay judgement (import.ts, replay.ts) and the `bundles:*` handlers.
 */
export { keysHandlers } from '../keys';
export { trustHandlers } from '../trust';
export { exportBundle, exportFaults } from './export';
export { bundlesHandlers } from './handler-map';
export { importBundle } from './import';
export { bundleFile, bundlesDir, recoverInterruptedSeals } from './layout';
export { judgeReplay, type HeldBundles, type ReplayJudgement } from './replay';
export { sealCase, type SealOptions } from './seal';
