import { z } from 'zod';
import { LocalizedText } from './checklist-template';
import { text } from './common';

/*
 * What a merged report prints beyond an ordinary one (issue 12): the field reports it merges, who recorded each
 * answer, risk, finding and control-plan measure the merge took from them, and every conflict with the lead's
 * decision and reason. Composed when the lead seals the merge (domains/team/merge-report.ts) and frozen with the
 * report version, so both PDFs print it in either language.
 */

export const recordedKinds = ['answer', 'risk', 'finding', 'measure'] as const;
export const RecordedKind = z.enum(recordedKinds);

/** What a conflict or a provenance line is about: its kind, ref (R1, F2, a run's item) and a label to print. */
const Subject = z.strictObject({ kind: z.enum([...recordedKinds, 'other']), ref: text(), label: LocalizedText });

export const TeamMergeModel = z.strictObject({
  sides: z.array(z.strictObject({ name: text(), keyId: text(), bundleId: text() })),
  recorded: z.array(Subject.extend({ names: z.array(text()) })),
  conflicts: z.array(
    z.strictObject({
      id: text(),
      kind: z.enum(['hard', 'soft', 'delete_edit']),
      subject: Subject,
      field: text().nullable(),
      sides: z.array(z.strictObject({ name: text(), value: text().nullable(), deleted: z.boolean(), fields: z.array(text()) })),
      resolution: z
        .strictObject({
          choice: z.enum(['side', 'combined', 'value']),
          sideName: text().nullable(),
          value: text().nullable(),
          reason: text(),
          byName: text().nullable(),
          at: text().nullable(),
        })
        .nullable(),
    }),
  ),
});
export type TeamMergeModel = z.infer<typeof TeamMergeModel>;
