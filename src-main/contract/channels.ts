import type { Result } from './result';

/**
 * The channel names alone, free of zod, so the sandboxed preload stays tiny. `contract/index.ts` fails to
 * compile when this list and the contract disagree.
 */
export const channelNames = [
  'users:session',
  'users:create',
  'users:switch',
  'operators:create',
  'operators:list',
  'operators:get',
  'operators:update',
  'cases:create',
  'cases:list',
  'cases:get',
  'cases:update',
  'cases:setStep',
  'audit:list',
  'audit:case',
  'audit:verify',
  'plan:get',
  'plan:updateMeta',
  'plan:saveSite',
  'plan:removeSite',
  'plan:saveVisit',
  'plan:removeVisit',
  'plan:saveInterview',
  'plan:removeInterview',
  'plan:saveProcedure',
  'plan:removeProcedure',
  'plan:reorderProcedures',
  'templates:list',
  'templates:get',
  'templates:import',
  'runs:create',
  'runs:list',
  'runs:get',
  'runs:answer',
  'runs:update',
  'runs:finishCheck',
  'runs:finish',
  'runs:reopen',
  'evidence:attach',
  'evidence:list',
  'evidence:update',
  'evidence:remove',
  'evidence:thumbnail',
  'evidence:verify',
  'risks:list',
  'risks:get',
  'risks:create',
  'risks:update',
  'risks:remove',
  'risks:draftFromAnswer',
  'risks:heatMap',
  'findings:list',
  'findings:get',
  'findings:create',
  'findings:update',
  'findings:remove',
  'assessment:get',
  'assessment:update',
  'assessment:setConclusion',
  'controlPlan:get',
  'controlPlan:saveMeasure',
  'controlPlan:removeMeasure',
  'controlPlan:updateMeta',
  'settings:get',
  'settings:update',
  'authority:get',
  'authority:update',
  'authority:importLogo',
  'authority:removeLogo',
  'official:get',
  'official:update',
  'official:assignNumber',
  'official:recordVisit',
  'reports:model',
  'reports:createVersion',
  'reports:listVersions',
  'reports:getVersion',
  'reports:refreshDraft',
  'reports:pdf',
  'reports:saveAs',
  'reports:open',
  'reports:preSealCheck',
  'keys:status',
  'keys:create',
  'keys:exportEnrollment',
  'trust:status',
  'trust:import',
  'bundles:seal',
  'bundles:export',
  'bundles:import',
  'bundles:list',
  'bundles:get',
  'sync:status',
  'sync:now',
  'sync:settings',
  'sync:configure',
  'sync:enroll',
  'sync:outbox',
  'sync:retry',
  'sync:remove',
  'sync:inbox',
  'team:assign',
  'team:assignments',
  'team:handout',
  'team:merge',
] as const;
export type ChannelName = (typeof channelNames)[number];

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/**
 * Builds the nested API object (`api.cases.list`) over any transport. Only the listed channels exist on it:
 * there is no generic `invoke(anyString)` for a page to reach.
 */
export function buildApi<A>(invoke: Invoke): A {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channelNames) {
    const [domain, verb] = channel.split(':') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (input: unknown) => invoke(channel, input ?? {});
  }
  return Object.freeze(api) as A;
}
