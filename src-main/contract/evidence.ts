import { z } from 'zod';
import { ByIdInput, CaseRowKey, Id, IsoDate, lineText, optionalLine, Removed, shortText, text, Timestamp, token } from './common';
import { FileSource } from './file-source';

export const evidenceKinds = ['photo', 'document'] as const;
export const EvidenceKind = z.enum(evidenceKinds);

export const Evidence = z.strictObject({
  ...CaseRowKey,
  runId: Id.nullable(),
  itemId: text().nullable(),
  sha256: text().regex(/^[0-9a-f]{64}$/),
  kind: EvidenceKind,
  originalName: text(),
  size: z.number().int(),
  mediaType: text(),
  capturedAt: Timestamp,
  effectiveDate: IsoDate.nullable(),
  caption: text(),
  attachedBy: Id,
  attachedByName: text(),
  attachedAt: Timestamp,
});
export type Evidence = z.infer<typeof Evidence>;

/** Whether the stored file still is what was attached: its bytes hash to `sha256` (`ok`), differ, or are gone. */
export const evidenceIntegrity = ['ok', 'altered', 'missing'] as const;
export const EvidenceIntegrity = z.enum(evidenceIntegrity);
export type EvidenceIntegrity = z.infer<typeof EvidenceIntegrity>;

/** Evidence as lists and galleries show it: with the state of its stored file. */
export const ListedEvidence = Evidence.extend({ integrity: EvidenceIntegrity });
export type ListedEvidence = z.infer<typeof ListedEvidence>;

/**
 * Where the bytes come from: a token for a file the user dropped or picked (Electron, the CLI), or a file the
 * preview server has already received through its streaming upload endpoint. Never a path.
 */
export const EvidenceSource = FileSource;

export const AttachInput = z
  .strictObject({
    caseId: Id,
    runId: Id.optional(),
    itemId: token(80).optional(),
    source: EvidenceSource,
    /** Shown to the user instead of the temp name of an upload. */
    originalName: shortText(300).optional(),
    caption: optionalLine(2000),
    effectiveDate: IsoDate.nullable().default(null),
    /** The UI asked for a photo; a file that is no image is still kept, as a document. */
    expectPhoto: z.boolean().default(false),
    /** Correlates progress events with the call that started the work. */
    taskId: token(64).optional(),
  })
  .refine((i) => i.itemId === undefined || i.runId !== undefined, {
    message: 'an item is named within a run',
    path: ['runId'],
  });

export const IntegrityReport = z.strictObject({
  checked: z.number().int(),
  ok: z.boolean(),
  problems: z.array(
    z.strictObject({
      evidenceIds: z.array(Id),
      sha256: text(),
      originalName: text(),
      problem: z.enum(['missing', 'altered']),
    }),
  ),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

export const evidenceContract = {
  'evidence:attach': { input: AttachInput, output: Evidence },
  /** Each with `integrity`: a file whose bytes no longer match its hash is `altered`, one that is gone `missing`. */
  'evidence:list': {
    input: z.strictObject({ caseId: Id, runId: Id.optional(), itemId: lineText(80).optional() }),
    output: z.array(ListedEvidence),
  },
  'evidence:update': {
    input: z.strictObject({
      id: Id,
      // Not optionalText(): its default would turn a patch that leaves the caption out into "clear the caption".
      caption: lineText(2000).optional(),
      effectiveDate: IsoDate.nullable().optional(),
    }),
    output: Evidence,
  },
  'evidence:remove': { input: ByIdInput, output: Removed },
  /** A JPEG thumbnail (EXIF orientation applied) as a data URL, so it needs no extra protocol or CSP source. */
  'evidence:thumbnail': {
    input: z.strictObject({ id: Id, size: z.enum(['small', 'large']).default('small') }),
    output: z.strictObject({ id: Id, dataUrl: text() }),
  },
  /** Re-hashes every stored file of the case (or of all cases) and names any whose bytes no longer match. */
  'evidence:verify': {
    input: z.strictObject({ caseId: Id.optional(), taskId: token(64).optional() }),
    output: IntegrityReport,
  },
} as const;
