import { and, desc, eq } from 'drizzle-orm';
import {
  isGranting,
  type Authorization,
  type AuthorizationDraft,
  type AuthorizationState,
} from '../contract/certification';
import type { ReportModel } from '../contract/reports';
import { AppError, type InputIssue } from '../contract/result';
import { newId } from '../core/ids';
import { appendAudit } from '../db/audit-chain';
import type { Store } from '../db/open';
import { authorizations, reportVersions } from '../db/schema';
import { nowOf, type HandlerMap } from '../kernel/context';
import { letterActions, printLetter, saveLetter } from './improvement-letter';
import { editCase, requireCase } from './case-rows';
import { parseStoredModel } from './reports';
import { caseReportLanguage } from './cases';

/*
 * The authority's decision (seed 000, "Authorization Process"): recorded after the report is sealed, as its own
 * audited record that names the sealed version it rests on. The sealed report is never touched. Records are
 * append-only (the database refuses UPDATE and DELETE too): a correction is a new record with its reason, and the
 * latest record is the decision in force.
 */

type AuthorizationRow = typeof authorizations.$inferSelect;
type VersionRow = typeof reportVersions.$inferSelect;

export function latestSealedVersion(store: Store, caseId: string): VersionRow | undefined {
  return store.db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.caseId, caseId), eq(reportVersions.status, 'sealed')))
    .orderBy(desc(reportVersions.version))
    .limit(1)
    .get();
}

function authorizationRows(store: Store, caseId: string): AuthorizationRow[] {
  return store.db.select().from(authorizations).where(eq(authorizations.caseId, caseId)).orderBy(desc(authorizations.sequence)).all();
}

function toAuthorization(store: Store, row: AuthorizationRow): Authorization {
  const version = store.db.select({ version: reportVersions.version }).from(reportVersions).where(eq(reportVersions.id, row.reportVersionId)).get();
  const { recordedBy: _by, sequence: _seq, ...rest } = row;
  return { ...rest, reportVersion: version?.version ?? 0 };
}

/** The decision in force on a case, or null. */
export function currentAuthorization(store: Store, caseId: string): Authorization | null {
  const row = authorizationRows(store, caseId)[0];
  return row ? toAuthorization(store, row) : null;
}

/** The frozen model of the sealed version a decision rests on. */
export function modelOfAuthorization(store: Store, authorization: Pick<Authorization, 'reportVersionId'>): ReportModel {
  const row = store.db.select().from(reportVersions).where(eq(reportVersions.id, authorization.reportVersionId)).get();
  if (!row) throw new AppError('not_found', 'The sealed report version of this decision is missing.');
  return parseStoredModel(row);
}

export function getAuthorization(store: Store, caseId: string): AuthorizationState {
  requireCase(store, caseId);
  const sealed = latestSealedVersion(store, caseId);
  const history = authorizationRows(store, caseId).map((row) => toAuthorization(store, row));
  const current = history[0] ?? null;
  return {
    caseId,
    sealedVersion: sealed && sealed.sealedAt ? { id: sealed.id, version: sealed.version, sealedAt: sealed.sealedAt } : null,
    current,
    history,
    letterActions: current ? letterActions(modelOfAuthorization(store, current)).length : 0,
  };
}

/** Every rule a decision record breaks, as field issues (all at once, so the form marks each field). */
function decisionIssues(draft: AuthorizationDraft & { conditions: string; certificateNumber: string; reason: string }, sealedOn: string, corrects: boolean): InputIssue[] {
  const issues: InputIssue[] = [];
  if (draft.decidedOn < sealedOn) {
    issues.push({ path: 'decidedOn', message: 'the decision cannot precede the sealed report it rests on', code: 'decision_before_report', params: { sealedOn } });
  }
  if (isGranting(draft.decision) && draft.certificateNumber === '') {
    issues.push({ path: 'certificateNumber', message: 'a granted status needs its certificate number', code: 'certificate_required' });
  }
  if (draft.decision === 'granted_with_conditions' && draft.conditions === '') {
    issues.push({ path: 'conditions', message: 'a status granted with conditions needs the conditions', code: 'conditions_required' });
  }
  if (corrects && draft.reason === '') {
    issues.push({ path: 'reason', message: 'a correction of a recorded decision needs a reason', code: 'correction_reason_required' });
  }
  return issues;
}

export const authorizationHandlers: HandlerMap<'authorization'> = {
  'authorization:get': (ctx, input) => getAuthorization(ctx.store, input.caseId),

  'authorization:record': (ctx, draft) =>
    editCase(ctx, draft.caseId, (actor) => {
      const sealed = latestSealedVersion(ctx.store, draft.caseId);
      if (!sealed?.sealedAt) {
        throw new AppError('conflict', 'A decision is recorded on a sealed report: seal the validation report first.', [
          { path: 'caseId', message: 'the case has no sealed report version', code: 'report_not_sealed' },
        ]);
      }
      const previous = authorizationRows(ctx.store, draft.caseId)[0];
      const issues = decisionIssues(draft, sealed.sealedAt.slice(0, 10), previous !== undefined);
      if (issues.length > 0) throw new AppError('invalid_input', `Invalid input at: ${issues.map((i) => i.path).join(', ')}`, issues);
      const row: AuthorizationRow = {
        id: newId(),
        caseId: draft.caseId,
        reportVersionId: sealed.id,
        decision: draft.decision,
        decidedOn: draft.decidedOn,
        certificateNumber: draft.certificateNumber,
        registerEntry: draft.registerEntry,
        // Conditions belong to a conditional grant only; any other decision keeps none, so none is ever printed.
        conditions: draft.decision === 'granted_with_conditions' ? draft.conditions : '',
        reason: previous ? draft.reason : '',
        supersedesId: previous?.id ?? null,
        recordedBy: actor.id,
        recordedByName: actor.name,
        recordedAt: nowOf(ctx),
        sequence: (previous?.sequence ?? 0) + 1,
      };
      ctx.store.db.insert(authorizations).values(row).run();
      appendAudit(ctx.store.sqlite, actor, [{ entity: 'authorization', entityId: row.id, action: 'create', after: toAuthorization(ctx.store, row) }]);
      return getAuthorization(ctx.store, draft.caseId);
    }),

  'authorization:letter': (ctx, input) => {
    const current = currentAuthorization(ctx.store, input.caseId);
    if (!current) {
      throw new AppError('conflict', 'Record the authorization decision first: the letter states it.', [
        { path: 'caseId', message: 'no decision recorded', code: 'no_decision' },
      ]);
    }
    return printLetter(ctx.store, current, modelOfAuthorization(ctx.store, current), input.lang ?? caseReportLanguage(ctx.store, input.caseId));
  },

  'authorization:saveLetter': async (ctx, input) => saveLetter(ctx, input.authorizationId, input.lang),
};
