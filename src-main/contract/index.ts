import type { z } from 'zod';
import { assessmentContract } from './assessment';
import { auditContract } from './audit';
import { bundlesContract } from './bundles';
import { keysContract } from './keys';
import { trustContract } from './trust';
import { syncContract } from './sync';
import { controlPlanContract } from './control-plan';
import { reportsContract } from './reports';
import { findingsContract, risksContract } from './risks';
import { settingsContract } from './settings';
import { evidenceContract } from './evidence';
import { planContract } from './plan';
import { runsContract } from './runs';
import { templatesContract } from './templates';
import { casesContract } from './cases';
import { certificationContract } from './certification';
import { postCertificationContract } from './post-certification';
import type { ChannelSpec } from './common';
import { operatorsContract } from './operators';
import type { Result } from './result';
import { teamContract } from './team';
import { interviewsContract, systemsContract } from './systems';
import { usersContract } from './users';
import { channelNames, type ChannelName } from './channels';

/**
 * The one contract between the UI and the core. Each domain declares its channels (`domain:verb`) with zod
 * schemas for input and output; the main process validates every input against them, both transports
 * (Electron IPC and the preview HTTP server) share them, and the renderer's API type is derived from them.
 */
function combine<const Maps extends readonly Record<string, ChannelSpec>[]>(...maps: Maps) {
  const combined: Record<string, ChannelSpec> = {};
  for (const map of maps) {
    for (const [channel, spec] of Object.entries(map)) {
      if (channel in combined) throw new Error(`duplicate channel in contract: ${channel}`);
      if (!/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/.test(channel)) throw new Error(`channel is not domain:verb: ${channel}`);
      combined[channel] = spec;
    }
  }
  return combined as UnionToIntersection<Maps[number]>;
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export const contract = combine(
  usersContract,
  operatorsContract,
  casesContract,
  auditContract,
  planContract,
  templatesContract,
  runsContract,
  evidenceContract,
  risksContract,
  findingsContract,
  assessmentContract,
  controlPlanContract,
  settingsContract,
  reportsContract,
  keysContract,
  trustContract,
  bundlesContract,
  syncContract,
  teamContract,
  systemsContract,
  interviewsContract,
  certificationContract,
  postCertificationContract,
);
export type Contract = typeof contract;
export type Channel = keyof Contract & string;

export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

// The preload bundles only the list of names, not zod; these two lines keep that list and the contract equal.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatchesContract: Exactly<ChannelName, Channel> = true;
void channelListMatchesContract;
export { channelNames };

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K, D extends string> = K extends `${D}:${infer V}` ? V : never;

/** The API object the renderer calls: `api.cases.list({ query })`. Derived, never written by hand. */
export type Api = {
  [D in DomainOf<Channel>]: {
    [K in Channel as VerbOf<K, D>]: (input: InputOf<K>) => Promise<Result<OutputOf<K>>>;
  };
};
