import type { Interview, Plan, Procedure, Site, Visit } from '../../../../src-main/contract/plan';

/** Which of the plan's dialogs is open, and what it opens on. */
export type PlanDialog =
  | { type: 'site'; site: Site | null }
  | { type: 'visit'; visit: Visit | null }
  | { type: 'interview'; interview: Interview | null }
  | { type: 'procedure'; procedure: Procedure | null; siteId?: string | null }
  | { type: 'run'; templateId: string; siteId: string | null };

/** A plan row awaiting the confirm of its removal. */
export type PlanRemoval = { kind: 'Site' | 'Visit' | 'Interview' | 'Procedure'; id: string; name: string };

export type PlanSectionProps = { plan: Plan; onDialog: (d: PlanDialog) => void; onRemove: (r: PlanRemoval) => void };
