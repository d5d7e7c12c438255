import type { HandlerMap } from '../../kernel/context';
import { assign, listAssignments } from './assign';
import { sealHandout } from './handout';
import { mergeCase } from './merge';
import { requireCase } from '../plan';

export const teamHandlers: HandlerMap<'team'> = {
  'team:assign': (ctx, input) => assign(ctx, input),
  'team:assignments': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return listAssignments(ctx.store, input.caseId);
  },
  'team:handout': (ctx, input) => sealHandout(ctx, input),
  'team:merge': (ctx, input) => mergeCase(ctx, input),
};
