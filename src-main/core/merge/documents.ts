import { z } from 'zod';
import { snapshotTables, type Json, type Snapshot } from './snapshot';

/*
 * The JSON documents a team's bundles carry, as the core reads them back: the handout's case (role `handout`),
 * a field report's snapshot (inside the sealed report JSON, role `report`), and the merged report (role `report` of
 * a merged bundle). Parsed leniently outside the parts the merge relies on, strictly inside them.
 */

export const HANDOUT_DOCUMENT_TYPE = 'https://aeo-validator.example/handout-case/v1';
export const MERGED_REPORT_TYPE = 'https://aeo-validator.example/merged-report/v1';

const JsonValue: z.ZodType<Json> = z.json() as z.ZodType<Json>;
const Rows = z.array(z.record(z.string(), JsonValue)).max(1_000_000);
export const SnapshotDoc: z.ZodType<Snapshot> = z.strictObject({
  caseId: z.string().max(100),
  tables: z.partialRecord(z.enum(snapshotTables), Rows),
});

export const TemplateCopy = z.strictObject({
  templateId: z.string().min(1).max(200),
  version: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The template JSON exactly as stored, so a validator's laptop pins the same version. */
  body: z.string().max(16 * 1024 * 1024),
});
export type TemplateCopy = z.infer<typeof TemplateCopy>;

export const HandoutDocument = z.object({
  _type: z.literal(HANDOUT_DOCUMENT_TYPE),
  caseId: z.string(),
  snapshot: SnapshotDoc,
  templates: z.array(TemplateCopy).max(1000),
});
export type HandoutDocument = z.infer<typeof HandoutDocument>;

/** A field report's sealed JSON, as far as the merge reads it. */
export const FieldReportDocument = z.object({ snapshot: SnapshotDoc });

const Side = z.strictObject({ side: z.string(), value: JsonValue, deleted: z.boolean(), fields: z.array(z.string()) });
export const ConflictDoc = z.strictObject({
  id: z.string(),
  kind: z.enum(['hard', 'soft', 'delete_edit']),
  table: z.enum(snapshotTables),
  key: z.string(),
  field: z.string().nullable(),
  base: JsonValue,
  sides: z.array(Side),
});
export const ResolutionDoc = z.strictObject({
  conflictId: z.string().min(1).max(2000),
  choice: z.union([z.strictObject({ side: z.string().regex(/^[0-9a-f]{64}$/) }), z.strictObject({ value: JsonValue })]),
  kind: z.enum(['side', 'combined', 'value']).optional(),
  valueSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  reason: z.string().min(1).max(4000),
  resolvedBy: z.string().max(200).optional(),
  resolvedAt: z.iso.datetime().optional(),
});
export const ProvenanceDoc = z.strictObject({
  table: z.enum(snapshotTables),
  key: z.string(),
  sides: z.array(z.string()),
  fields: z.record(z.string(), z.array(z.string())),
  deleted: z.boolean(),
});

export const MergedReportDocument = z.object({
  _type: z.literal(MERGED_REPORT_TYPE),
  caseId: z.string(),
  snapshot: SnapshotDoc,
  conflicts: z.array(ConflictDoc),
  provenance: z.array(ProvenanceDoc),
  resolutions: z.array(ResolutionDoc),
  /** Side id (signer key id) → the validator's name, for the printed report. */
  sides: z.array(z.strictObject({ side: z.string(), name: z.string(), bundleId: z.string() })),
  /** The report version's model the PDFs print (read as the contract's ReportModel by merged-check.ts). */
  model: z.unknown().optional(),
});
export type MergedReportDocument = z.infer<typeof MergedReportDocument>;

/** Parses JSON bytes against a schema; null when they are not that document. */
export function readDocument<T>(schema: z.ZodType<T>, bytes: Uint8Array): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
