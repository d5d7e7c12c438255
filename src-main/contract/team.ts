import { z } from 'zod';
import { BundleDetail } from './bundles';
import { Reason } from './cases';
import { WcoCriterion } from './checklist-template';
import { ByCaseInput, Id, lineText, multilineText, shortText, text, token } from './common';
import { KeyHex } from './keys';
import { ReportLanguage } from './reports';
import { Subject } from './team-report';

/*
 * Team work offline (issue 12): the lead assigns parts of a case to validators by their enrolled keys, hands the case
 * out as a signed, encrypted bundle, and merges the field reports they seal back into one, deciding every hard
 * conflict with a reason. Field reports and handouts travel as ordinary bundles (`bundles:import`).
 */

export const assignmentKinds = ['site', 'visit', 'interview', 'run', 'criterion'] as const;

/** A checklist run to do: the template version and where. The lead's laptop creates the run so its id is shared. */
export const RunAssignment = z.strictObject({
  templateId: token(200),
  version: z.number().int().min(1),
  siteId: Id.nullable().default(null),
  label: lineText(200).default(''),
});

export const TeamAssignment = z.strictObject({
  keyId: KeyHex,
  name: text(),
  sites: z.array(Id),
  visits: z.array(Id),
  interviews: z.array(Id),
  runs: z.array(z.strictObject({ runId: Id, templateId: text(), version: z.number().int(), siteId: Id.nullable() })),
  criteria: z.array(WcoCriterion),
});
export type TeamAssignment = z.infer<typeof TeamAssignment>;

/** Take one side, combine the sides into one value, or write a new value. */
export const resolutionChoices = ['side', 'combined', 'value'] as const;
export type ResolutionChoice = (typeof resolutionChoices)[number];

/** A photo or document a side attached to the entity in conflict (by content), for the side-by-side view. */
export const SideEvidence = z.strictObject({ sha256: text(), name: text(), caption: text(), photo: z.boolean() });
const SideValue = z.strictObject({
  side: KeyHex,
  name: text(),
  valueJson: text(),
  deleted: z.boolean(),
  fields: z.array(text()),
  /** When this side last changed the entity (its own stamp), and the note it wrote with it (answers). */
  at: text().nullable(),
  note: text().nullable(),
  evidence: z.array(SideEvidence),
});
export const TeamConflict = z.strictObject({
  id: text(),
  kind: z.enum(['hard', 'soft', 'delete_edit']),
  table: text(),
  key: text(),
  /** What the record is (an answer's item prompt, a risk's ref and title), in both languages. */
  subject: Subject,
  field: text().nullable(),
  baseJson: text(),
  sides: z.array(SideValue),
  /** The lead's decision, when one is recorded. */
  resolution: z
    .strictObject({
      choice: z.enum(resolutionChoices),
      side: KeyHex.nullable(),
      valueJson: text().nullable(),
      reason: text(),
      /** Who decided and when (null for a resolution given with the request and not yet kept). */
      byName: text().nullable(),
      at: text().nullable(),
    })
    .nullable(),
});
export type TeamConflict = z.infer<typeof TeamConflict>;

/** A decision on one hard conflict: one side's value, or a new (or combined) value as JSON, with a reason. */
export const TeamResolution = z.strictObject({
  conflictId: shortText(2000),
  side: KeyHex.nullable().default(null),
  valueJson: multilineText(100_000, { trim: false }).nullable().default(null),
  reason: shortText(4000),
});

/** The lead's decision on one conflict, kept on this laptop until the merged report is sealed. */
const ResolveInput = z.strictObject({
  caseId: Id,
  conflictId: shortText(2000),
  choice: z.enum(resolutionChoices),
  /** The side taken (`side`); null otherwise. */
  side: KeyHex.nullable().default(null),
  /** The combined or new value as JSON (`combined`, `value`); null for `side`. */
  valueJson: multilineText(100_000, { trim: false }).nullable().default(null),
  reason: Reason,
});

export const MergeOutcome = z.strictObject({
  caseId: Id,
  sides: z.array(z.strictObject({ side: KeyHex, name: text(), bundleId: Id })),
  conflicts: z.array(TeamConflict),
  /** Hard conflicts and deletions against edits no resolution covers: the merged report cannot be sealed. */
  open: z.array(text()),
  /** Kept decisions whose conflict has changed since (a newer field report): open again. */
  stale: z.array(text()),
  /** Entities the field reports changed, and how many of them two or more validators changed alike. */
  summary: z.strictObject({ changed: z.number().int(), agreed: z.number().int(), hard: z.number().int(), soft: z.number().int(), deletions: z.number().int() }),
  merged: BundleDetail.nullable(),
});
export type MergeOutcome = z.infer<typeof MergeOutcome>;

export const teamContract = {
  /** Sets one validator's part of a case (replacing what he had); creates the assigned runs. Audited. */
  'team:assign': {
    input: z.strictObject({
      caseId: Id,
      keyId: KeyHex,
      sites: z.array(Id).max(1000).default([]),
      visits: z.array(Id).max(1000).default([]),
      interviews: z.array(Id).max(1000).default([]),
      runs: z.array(RunAssignment).max(1000).default([]),
      criteria: z.array(WcoCriterion).max(13).default([]),
    }),
    output: TeamAssignment,
  },
  'team:assignments': { input: ByCaseInput, output: z.array(TeamAssignment) },
  /** Seals the case, plan, assignments and template versions into a handout for the assigned validators, the leads and HQ. */
  'team:handout': { input: z.strictObject({ caseId: Id, taskId: token(64).optional() }), output: BundleDetail },
  /**
   * Merges the imported field reports of a case (all of them, or the ones named) against the handout they started
   * from, applies the resolutions, and with `seal` (and no open hard conflict) applies the result to the case and
   * seals the merged report.
   */
  'team:merge': {
    input: z.strictObject({
      caseId: Id,
      bundleIds: z.array(Id).max(64).optional(),
      resolutions: z.array(TeamResolution).max(10_000).default([]),
      seal: z.boolean().default(false),
      lang: ReportLanguage.default('en'),
      /** Seal despite open pre-seal items of the merged case (as `bundles:seal`); printed in the report. */
      overrideReason: Reason.optional(),
      taskId: token(64).optional(),
    }),
    output: MergeOutcome,
  },
  /** Records the lead's decision on one conflict (replacing an earlier one), audited; the merge as it now stands. */
  'team:resolve': { input: ResolveInput, output: MergeOutcome },
  /** Withdraws the decision on one conflict (it is open again), audited. */
  'team:reopen': { input: z.strictObject({ caseId: Id, conflictId: shortText(2000) }), output: MergeOutcome },
  /** A thumbnail of a photo a field report of this case carries (by content), for the conflict queue. */
  'team:thumbnail': {
    input: z.strictObject({ caseId: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.strictObject({ dataUrl: text() }),
  },
} as const;
