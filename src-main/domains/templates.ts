import { requireActor, type HandlerMap } from '../kernel/context';
import {
  ensureShippedTemplates,
  importTemplate,
  isLatest,
  listTemplates,
  requireTemplate,
  summarize,
} from './templates-store';

export const templatesHandlers: HandlerMap<'templates'> = {
  'templates:list': (ctx, input) => {
    ensureShippedTemplates(ctx);
    return listTemplates(ctx.store, input.includeOldVersions);
  },

  'templates:get': (ctx, input) => {
    ensureShippedTemplates(ctx);
    const found = requireTemplate(ctx.store, input.templateId, input.version);
    return { summary: summarize(found, isLatest(ctx.store, found)), template: found.template };
  },

  'templates:import': (ctx, input) => {
    const actor = requireActor(ctx);
    ensureShippedTemplates(ctx);
    return importTemplate(ctx.store, actor, input.content, input.fileName);
  },
};
