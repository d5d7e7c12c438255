import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Contract } from '../../contract';
import { AppError, refusal } from '../../contract/result';
import type { MergeOutcome } from '../../contract/team';
import { applyResolutions, needsDecision, ResolutionError, type Json } from '../../core/merge';
import { bundleFiles, bundles } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { blobRoot } from '../evidence';
import { thumbnail } from '../evidence-files';
import { requireCase } from '../case-rows';
import { outcomeOf, prepareMerge } from './merge';
import { keepResolution, reopenResolution } from './resolutions';

/*
 * The conflict queue's writes: the lead decides one conflict at a time (take a side, combine, or a new value, always
 * with a reason) and may reopen a decision; each is kept on this laptop and audited, and answered with the merge as
 * it now stands. A decision is checked against the conflict before it is kept: an unknown or soft conflict, a side
 * not in it, or a value for a deletion against an edit changes nothing.
 */

type ResolveInput = z.output<Contract['team:resolve']['input']>;

export async function resolveConflict(ctx: HandlerContext, input: ResolveInput): Promise<MergeOutcome> {
  const actor = requireActor(ctx);
  const prepared = await prepareMerge(ctx, input.caseId, undefined, []);
  const conflict = prepared.bare.conflicts.find((c) => c.id === input.conflictId);
  if (!conflict || !needsDecision(conflict)) throw refusal('invalid_input', 'resolution_unknown', `This merge has no conflict ${input.conflictId} to decide.`);
  const invalid = (message: string): never => {
    throw new AppError('invalid_input', message, [{ path: input.choice === 'side' ? 'side' : 'valueJson', message, code: 'resolution_invalid' }]);
  };
  let value: Json = null;
  if (input.choice === 'side') {
    if (input.side === null) invalid('Taking a side names the side.');
  } else {
    if (input.valueJson === null) invalid('A combined or new value is needed.');
    try {
      value = JSON.parse(input.valueJson as string) as Json;
    } catch {
      invalid('A combined or new value must be JSON.');
    }
  }
  try {
    // The pure check the seal will make: a side of this conflict, a value only where a value can stand.
    applyResolutions(prepared.bare, [{ conflictId: conflict.id, choice: input.choice === 'side' ? { side: input.side as string } : { value }, reason: input.reason }]);
  } catch (error) {
    if (error instanceof ResolutionError) invalid(error.message);
    throw error;
  }
  keepResolution(ctx.store, actor, input.caseId, conflict, { choice: input.choice, side: input.side, valueJson: input.valueJson, reason: input.reason });
  return outcomeOf(ctx.store, input.caseId, await prepareMerge(ctx, input.caseId, undefined, []));
}

export async function reopenConflict(ctx: HandlerContext, input: { caseId: string; conflictId: string }): Promise<MergeOutcome> {
  const actor = requireActor(ctx);
  requireCase(ctx.store, input.caseId);
  if (!reopenResolution(ctx.store, actor, input.caseId, input.conflictId)) throw new AppError('not_found', `No decision on ${input.conflictId} is kept.`);
  return outcomeOf(ctx.store, input.caseId, await prepareMerge(ctx, input.caseId, undefined, []));
}

/** A photo an imported bundle of this case carries, by content: the conflict queue shows each side's photos. */
export async function sideThumbnail(ctx: HandlerContext, input: { caseId: string; sha256: string }): Promise<{ dataUrl: string }> {
  requireCase(ctx.store, input.caseId);
  const carried = ctx.store.db
    .select({ mediaType: bundleFiles.mediaType })
    .from(bundleFiles)
    .innerJoin(bundles, eq(bundles.bundleId, bundleFiles.bundleId))
    .where(and(eq(bundles.caseId, input.caseId), eq(bundleFiles.sha256, input.sha256)))
    .get();
  if (!carried || !carried.mediaType.startsWith('image/')) throw new AppError('not_found', 'No photo with this content in the bundles of this case.');
  const data = await thumbnail(blobRoot(ctx.store), input.sha256, 'small');
  return { dataUrl: `data:image/jpeg;base64,${data.toString('base64')}` };
}
