import { z } from 'zod';
import { AeoType } from './cases';
import { ApplicationDocumentKind } from './certification';
import { IsoDate, text } from './common';
import { AccountManagerFunction, ReevaluationScope } from './post-certification';

/*
 * What the report model freezes of the certification cycle (issue 13). Both are optional in the model: a case with
 * nothing recorded composes exactly as before they existed, and versions frozen earlier still parse.
 */

/** The application that started the case, printed in its own section of the validation report. */
export const ModelApplication = z.strictObject({
  receivedOn: IsoDate.nullable(),
  reference: text(),
  profile: AeoType,
  documents: z.array(z.strictObject({ kind: ApplicationDocumentKind, title: text(), receivedOn: IsoDate })),
  /** Present when the case re-evaluates an earlier one. */
  reevaluationOf: z.strictObject({ caseNumber: text(), scope: ReevaluationScope, areas: z.array(text()) }).optional(),
});
export type ModelApplication = z.infer<typeof ModelApplication>;

/** The operator's account manager and their activities, printed in the control plan. */
export const ModelAccountManager = z.strictObject({
  name: text(),
  position: text(),
  phone: text(),
  email: text(),
  assignedOn: IsoDate,
  activities: z.array(z.strictObject({ function: AccountManagerFunction, date: IsoDate, note: text(), managerName: text() })),
});
export type ModelAccountManager = z.infer<typeof ModelAccountManager>;
