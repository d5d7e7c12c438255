import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ModelEvidence } from '../contract/reports';
import { formatDate } from './i18n';
import {
  heading,
  keyValueTable,
  notAssessed,
  stamp,
  TABLE_LAYOUT,
  type Ctx,
} from './pdf-common';

/*
 * The annexes of the validation report: the evidence annex (downscaled photos the PDF worker prepared, or a
 * placeholder naming the hash) and the audit annex. They are the only sections that depend on the worker's image
 * preparation, which is why the image types live here.
 */

/** What the PDF worker prepared for each evidence file: a downscaled JPEG, or why there is none. */
export type EvidenceImage =
  | { status: 'ok'; dataUrl: string; width: number; height: number }
  | { status: 'missing' | 'altered' | 'document' };

export type ReportImages = Readonly<Record<string, EvidenceImage>>;

export const THUMB_BOX = { width: 170, height: 128 } as const;

/** One annex entry: the downscaled photo (or a placeholder box naming the hash) beside its details. */
function annexEntry(ctx: Ctx, e: ModelEvidence, image: EvidenceImage | undefined): TableCell[] {
  const { t, lang } = ctx;
  let visual: TableCell;
  if (image?.status === 'ok') {
    visual = { image: image.dataUrl, fit: [THUMB_BOX.width, THUMB_BOX.height], alignment: 'center' };
  } else {
    const reason =
      image?.status === 'document' ? t.annex.document : image?.status === 'altered' ? t.annex.altered : t.annex.missing;
    visual = {
      table: {
        widths: [THUMB_BOX.width - 10],
        heights: [THUMB_BOX.height - 10],
        body: [
          [
            {
              stack: [
                { text: reason, bold: true, fontSize: 8, color: image?.status === 'document' ? '#555555' : '#A94442' },
                { text: e.originalName, fontSize: 7, margin: [0, 4, 0, 0] },
                { text: `SHA-256 ${e.sha256}`, style: 'mono', margin: [0, 4, 0, 0] },
              ],
              fillColor: '#F4F4F4',
              margin: [2, 30, 2, 0],
            },
          ],
        ],
      },
      layout: TABLE_LAYOUT,
    };
  }
  const where = e.itemPrompt && e.runTitle ? `${e.itemPrompt[lang]} (${e.runTitle[lang]})` : e.runTitle?.[lang] ?? null;
  return [
    visual,
    {
      stack: [
        { text: `${e.ref}. ${e.caption || e.originalName}`, bold: true, margin: [0, 0, 0, 3] },
        {
          table: {
            widths: [80, '*'],
            body: [
              [{ text: t.annex.file, style: 'muted' }, { text: `${e.originalName} (${e.mediaType})` }],
              [{ text: t.annex.captured, style: 'muted' }, { text: stamp(ctx, e.capturedAt) }],
              [{ text: t.annex.effective, style: 'muted' }, e.effectiveDate ? { text: formatDate(e.effectiveDate, lang) } : { text: '—' }],
              ...(where ? [[{ text: t.annex.item, style: 'muted' }, { text: where }]] : []),
              [{ text: t.annex.sha256, style: 'muted' }, { text: e.sha256, style: 'mono' }],
            ],
          },
          layout: 'noBorders',
          fontSize: 8,
        },
      ],
    },
  ];
}

export function annexSection(ctx: Ctx, n: number, images: ReportImages): Content[] {
  const { t, model } = ctx;
  return [
    { ...(heading(t.sections.annex, n) as object), pageBreak: 'before' } as Content,
    model.evidence.length === 0
      ? { text: t.annex.none, style: 'paragraph' }
      : {
          table: {
            dontBreakRows: true,
            widths: [THUMB_BOX.width + 4, '*'],
            body: model.evidence.map((e) => annexEntry(ctx, e, images[e.id])),
          },
          layout: {
            hLineWidth: () => 0.5,
            vLineWidth: () => 0,
            hLineColor: () => '#B8C2CC',
            paddingTop: () => 6,
            paddingBottom: () => 6,
          },
        },
  ];
}

export function auditSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const a = model.audit;
  return [
    heading(t.sections.audit, n),
    keyValueTable([
      [t.audit.rows, { text: String(a.rows) }],
      [t.audit.chain, { text: a.ok ? t.audit.intact : t.audit.broken, bold: !a.ok, color: a.ok ? '#2E7D32' : '#A94442' }],
      [t.audit.head, { text: a.headHash, style: 'mono', fontSize: 8 }],
      [t.audit.caseEntries, { text: String(a.caseEntries) }],
      [
        t.audit.span,
        a.firstAt && a.lastAt
          ? { text: `${stamp(ctx, a.firstAt)} – ${stamp(ctx, a.lastAt)}` }
          : notAssessed(t),
      ],
    ]),
    { text: t.audit.note, style: 'small', color: '#555555' },
  ];
}
