/*
 * Team work offline (issue 12): assignments (assign.ts), the handout and its import (handout.ts), case snapshots in
 * and out of the store (snapshot-store.ts) and the lead's merge of field reports (merge.ts; the merge itself is the
 * pure core/merge). Handouts, field reports and merged reports are bundles (domains/bundles).
 */
export { teamHandlers } from './handler-map';
export { listAssignments } from './assign';
export { readSnapshot, applySnapshot } from './snapshot-store';
