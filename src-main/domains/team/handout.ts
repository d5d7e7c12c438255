import { and, desc, eq, lt, ne } from 'drizzle-orm';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BundleDetail } from '../../contract/bundles';
import { AppError } from '../../contract/result';
import { blobPath } from '../../core/blob-store';
import { HANDOUT_PREDICATE_TYPE, type HandoutPredicate, type Statement } from '../../core/bundle/statement';
import { lookupKey } from '../../core/bundle/trust-list';
import { verifyBundle } from '../../core/bundle/verify';
import { newId, nowUtc } from '../../core/ids';
import type { UserKeys } from '../../core/keys';
import { HANDOUT_DOCUMENT_TYPE, HandoutDocument, readDocument, type TemplateCopy } from '../../core/merge/documents';
import { parseStatement } from '../../core/bundle/statement';
import { parseEnvelope } from '../../core/bundle/dsse';
import { appendAudit } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { bundles, checklistTemplates } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { type BundleRow, bundleFile, progressOf, reportOf, requireTrust, stagingRoot } from '../bundles/layout';
import { jsonBlob } from '../bundles/seal';
import { prepareSigner, sealAndRecord } from '../bundles/seal-record';
import { blobRoot } from '../evidence';
import { requireCase } from '../case-rows';
import { importTemplate, ensureShippedTemplates } from '../templates-store';
import { listAssignments, replaceAssignments } from './assign';
import { applySnapshot, readSnapshot } from './snapshot-store';

/*
 * The handout: the lead seals the case, its plan, the assignments and the checklist template versions the runs pin
 * into a bundle of its own predicate type, signed by him and encrypted to the assigned validators, the leads and HQ.
 * A validator's import writes the case with the lead's ids; a newer handout of the same case updates only the rows
 * the validator has not changed since the previous one (applySnapshot's `unchangedSince`).
 */

export async function sealHandout(ctx: HandlerContext, input: { caseId: string; taskId?: string | undefined }): Promise<BundleDetail> {
  const store = ctx.store;
  requireCase(store, input.caseId);
  const assignments = listAssignments(store, input.caseId);
  if (assignments.length === 0) throw new AppError('conflict', 'Assign the case to at least one validator before handing it out.');
  const trust = requireTrust(store);
  const recipients = assignments.map((a) => {
    const found = lookupKey(trust, a.keyId, new Date());
    if (found.status !== 'valid' || !found.member) throw new AppError('conflict', `${a.name}'s key is ${found.status.replace(/_/g, ' ')} in the trust list; reassign his part.`);
    return found.member.ageRecipient;
  });
  const signer = await prepareSigner(ctx, recipients);
  const snapshot = readSnapshot(store, input.caseId, { evidence: false });
  const templates = templatesOf(store, snapshot.tables.checklistRuns?.map((r) => String(r['template'])) ?? []);
  const doc = Buffer.from(JSON.stringify({ _type: HANDOUT_DOCUMENT_TYPE, caseId: input.caseId, snapshot, templates }), 'utf8');
  const predicate: Pick<HandoutPredicate, 'assignments' | 'templates'> = {
    assignments,
    templates: templates.map(({ templateId, version, sha256 }) => ({ templateId, version, sha256 })),
  };
  return sealAndRecord(ctx, signer, {
    caseId: input.caseId,
    predicateType: HANDOUT_PREDICATE_TYPE,
    blobs: [jsonBlob(doc, 'handout.json', 'handout')],
    predicate: () => predicate,
    reportVersionId: '',
    progress: progressOf(ctx, input.taskId),
  });
}

function templatesOf(store: Store, refs: readonly string[]): TemplateCopy[] {
  const out = new Map<string, TemplateCopy>();
  for (const ref of refs) {
    const [templateId = '', version = '0'] = ref.split('@');
    const row = store.db.select().from(checklistTemplates).all().find((t) => t.templateId === templateId && t.version === Number(version));
    if (row) out.set(ref, { templateId, version: row.version, sha256: row.sha256, body: row.body });
  }
  return [...out.values()].sort((a, b) => (a.templateId < b.templateId ? -1 : a.templateId > b.templateId ? 1 : a.version - b.version));
}

/** A handout's case document and signed envelope, from the blob store (imported) or the lead's own sealed file. */
export async function handoutContents(store: Store, keys: UserKeys, row: BundleRow): Promise<{ doc: HandoutDocument; docBytes: Buffer; envelope: Buffer; statement: Statement }> {
  const file = reportOf(row).files.find((f) => f.role === 'handout');
  if (!file) throw new AppError('conflict', 'This bundle carries no handout document.');
  let envelope: Buffer;
  let docBytes: Buffer;
  if (row.direction === 'imported') {
    envelope = await readFile(blobPath(blobRoot(store), row.envelopeDigest));
    docBytes = await readFile(blobPath(blobRoot(store), file.sha256));
  } else {
    const stageDir = path.join(stagingRoot(store), newId());
    try {
      const verified = await verifyBundle({ path: row.path ?? bundleFile(store, row.bundleId), identities: [keys.ageIdentity], trustList: requireTrust(store), stageDir });
      envelope = verified.envelope;
      docBytes = await readFile(verified.staged.get(file.sha256) as string);
    } finally {
      await rm(stageDir, { recursive: true, force: true });
    }
  }
  const doc = readDocument(HandoutDocument, docBytes);
  if (!doc) throw new AppError('conflict', 'The handout document cannot be read.');
  return { doc, docBytes, envelope, statement: parseStatement(parseEnvelope(envelope).payload) };
}

/**
 * Writes an imported handout into this laptop's store: the checklist template versions it pins, the case rows with
 * the lead's ids (over what the validator changed since `previous`, his changes win), and the assignments.
 */
export function applyHandout(ctx: HandlerContext, doc: HandoutDocument, statement: Statement, previous: HandoutDocument | null): void {
  const actor = requireActor(ctx);
  const store = ctx.store;
  if (statement.predicateType !== HANDOUT_PREDICATE_TYPE) return;
  ensureShippedTemplates(ctx);
  for (const t of doc.templates) importTemplate(store, actor, t.body);
  store.sqlite.transaction(() => {
    const counts = applySnapshot(store, actor, doc.snapshot, { unchangedSince: previous?.snapshot ?? null });
    const audit = replaceAssignments(store, doc.caseId, statement.predicate.assignments, nowUtc());
    audit.push({ entity: 'case', entityId: doc.caseId, action: 'update', field: 'handout', after: { bundleId: statement.predicate.bundleId, ...counts } });
    appendAudit(store.sqlite, actor, audit);
  })();
}

/** Reads an imported handout's document back from the blob store. */
async function importedHandoutDoc(store: Store, row: BundleRow | null): Promise<HandoutDocument | null> {
  const file = row ? reportOf(row).files.find((f) => f.role === 'handout') : undefined;
  if (!file) return null;
  const bytes = await readFile(blobPath(blobRoot(store), file.sha256)).catch(() => null);
  return bytes ? readDocument(HandoutDocument, bytes) : null;
}

/** After `bundles:import` recorded a handout: write it into the store, over the previous handout of the case. */
export async function onHandoutImported(ctx: HandlerContext, row: BundleRow): Promise<void> {
  const doc = await importedHandoutDoc(ctx.store, row);
  const envelope = await readFile(blobPath(blobRoot(ctx.store), row.envelopeDigest));
  if (!doc) throw new AppError('conflict', 'The handout document cannot be read.');
  const earlier = ctx.store.db
    .select()
    .from(bundles)
    .where(and(eq(bundles.caseId, row.caseId), eq(bundles.direction, 'imported'), ne(bundles.bundleId, row.bundleId), lt(bundles.createdAt, row.createdAt)))
    .orderBy(desc(bundles.createdAt))
    .all()
    .find((r) => reportOf(r).kind === 'handout');
  applyHandout(ctx, doc, parseStatement(parseEnvelope(envelope).payload), await importedHandoutDoc(ctx.store, earlier ?? null));
}

