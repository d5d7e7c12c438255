import type { HandlerMap } from '../../kernel/context';
import { assign, listAssignments } from './assign';
import { sealHandout } from './handout';
import { reopenConflict, resolveConflict, sideThumbnail } from './decide';
import { mergeCase } from './merge';
import { requireCase } from '../case-rows';

export const teamHandlers: HandlerMap<'team'> = {
  'team:assign': (ctx, input) => assign(ctx, input),
  'team:assignments': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return listAssignments(ctx.store, input.caseId);
  },
  'team:handout': (ctx, input) => sealHandout(ctx, input),
  'team:merge': (ctx, input) => mergeCase(ctx, input),
  'team:resolve': (ctx, input) => resolveConflict(ctx, input),
  'team:reopen': (ctx, input) => reopenConflict(ctx, input),
  'team:thumbnail': (ctx, input) => sideThumbnail(ctx, input),
};
