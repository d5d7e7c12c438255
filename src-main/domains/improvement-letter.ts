import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LetterResult } from '../contract/certification';
import type { Authorization } from '../contract/certification';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import { AppError } from '../contract/result';
import { exportFileName } from '../core/file-names';
import { writeFileAtomic } from '../core/fs-atomic';
import { ensureRealDirs, openRegularFileNoFollow } from '../core/no-follow';
import type { Store } from '../db/open';
import { requireHost, type HandlerContext } from '../kernel/context';
import { improvementLetterDoc, type LetterAction, type LetterData } from '../report/improvement-letter-doc';
import { FONT_FAMILY, TABLE_LAYOUT, tableLayout } from '../report/pdf-common';
import { accountManagerOfCase } from './account-manager';
import { fontsDir } from './reports';

/*
 * The improvement-actions letter of a decision: composed from the sealed report version the decision rests on
 * (its findings, never the case as it is now, so the letter and the sealed report say the same) and printed to
 * <dataDir>/letters/<authorizationId>/improvement-letter.<lang>.pdf. A letter is a page or two, so it is laid out
 * here rather than in the PDF worker, which is kept for the long reports.
 */

/** Findings that still ask something of the operator: neither cancelled nor already verified as done. */
export function letterActions(model: ReportModel): LetterAction[] {
  return model.findings
    .filter((f) => f.status !== 'cancelled' && f.status !== 'verified')
    .map((f) => ({ ref: f.ref, description: f.description, requiredAction: f.requiredAction, owner: f.owner, deadline: f.deadline }));
}

export function letterData(store: Store, authorization: Authorization, model: ReportModel, lang: ReportLanguage): LetterData {
  const manager = accountManagerOfCase(store, authorization.caseId);
  const official = model.official;
  const authorityName = official?.authority.name[lang].trim() ?? '';
  return {
    authority: authorityName
      ? { name: authorityName, address: official!.authority.address[lang].trim(), registrationNumber: official!.registrationNumber }
      : null,
    caseNumber: model.case.caseNumber,
    reportVersion: authorization.reportVersion,
    operator: {
      legalName: model.operator.legalName,
      identificationNumber: model.operator.identificationNumber,
      address: model.operator.address,
      contactPerson: model.operator.contactPerson,
    },
    decision: authorization.decision,
    decidedOn: authorization.decidedOn,
    certificateNumber: authorization.certificateNumber,
    registerEntry: authorization.registerEntry,
    conditions: authorization.conditions,
    actions: letterActions(model),
    accountManager: manager ? { name: manager.name, position: manager.position, phone: manager.phone, email: manager.email } : null,
    leadValidator: model.signatures.leadValidator,
    teamLead: model.signatures.teamLead,
  };
}

const letterName = (lang: ReportLanguage) => `improvement-letter.${lang}.pdf`;

const requireCjs = createRequire(import.meta.url);
type PdfMakeNode = {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (file: string) => boolean): void;
  addTableLayouts(layouts: Record<string, unknown>): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};

/** pdfmake with PT Sans (Cyrillic) and nothing reachable beyond the fonts folder. */
function pdfmakeWithFonts(): PdfMakeNode {
  const pdfmake = requireCjs('pdfmake') as PdfMakeNode;
  const dir = fontsDir();
  const [normal, bold, italics, bolditalics] = ['400Regular', '700Bold', '400Regular_Italic', '700Bold_Italic'].map((w) => path.join(dir, `PTSans_${w}.ttf`));
  pdfmake.setFonts({ [FONT_FAMILY]: { normal: normal!, bold: bold!, italics: italics!, bolditalics: bolditalics! } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(path.resolve(dir) + path.sep));
  pdfmake.addTableLayouts({ [TABLE_LAYOUT]: tableLayout });
  return pdfmake;
}

export async function printLetter(store: Store, authorization: Authorization, model: ReportModel, lang: ReportLanguage): Promise<LetterResult> {
  let pages = 0;
  const doc = improvementLetterDoc(letterData(store, authorization, model, lang), lang, (n) => {
    pages = n;
  });
  const bytes = await pdfmakeWithFonts().createPdf(doc).getBuffer();
  const dir = await ensureRealDirs(store.dataDir, ['letters', authorization.id]).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENOTDIR') {
      throw new AppError('unavailable', 'The letters folder in the data folder is not a plain folder (a link?); nothing was printed.');
    }
    throw error;
  });
  await writeFileAtomic(path.join(dir, letterName(lang)), bytes, { overwrite: true });
  return {
    authorizationId: authorization.id,
    lang,
    pages,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fileName: exportFileName(model.case.caseNumber, authorization.reportVersion, { kind: 'letter', lang }),
  };
}

/** The printed letter's path, opened without following links; null when it was never printed. */
export async function printedLetter(dataDir: string, authorizationId: string, lang: ReportLanguage): Promise<string | null> {
  const handle = await openRegularFileNoFollow(dataDir, ['letters', authorizationId, letterName(lang)]);
  if (!handle) return null;
  await handle.close();
  return path.join(dataDir, 'letters', authorizationId, letterName(lang));
}

/** Desktop: offers a printed letter in the save dialog under its export name. */
export async function saveLetter(ctx: HandlerContext, authorizationId: string, lang: ReportLanguage): Promise<{ saved: boolean }> {
  const host = requireHost(ctx);
  const source = await printedLetter(ctx.store.dataDir, authorizationId, lang);
  if (!source) throw new AppError('not_found', 'This letter has not been printed yet; print it first.');
  const name = letterFileName(ctx.store, authorizationId, lang);
  return { saved: (await host.saveFileAs(source, name)) !== null };
}

/** The export name of a decision's letter: case number, document, report version, language. */
export function letterFileName(store: Store, authorizationId: string, lang: ReportLanguage): string {
  const row = store.sqlite
    .prepare(
      `SELECT c.case_number AS caseNumber, v.version AS version FROM authorizations a
       JOIN cases c ON c.id = a.case_id JOIN report_versions v ON v.id = a.report_version_id WHERE a.id = ?`,
    )
    .get(authorizationId) as { caseNumber: string; version: number } | undefined;
  if (!row) throw new AppError('not_found', 'No authorization record with this id.');
  return exportFileName(row.caseNumber, row.version, { kind: 'letter', lang });
}
