/*
 * The one place that names a file leaving the app (a save dialog's suggestion, a preview download's
 * Content-Disposition): case number first, so a folder or a USB stick sorts a case's files together, then what the
 * file is, then the report version, then the language. `AEO-2026-017_validation-report_v3_ru.pdf`,
 * `AEO-2026-017_control-plan_v3_en.pdf`, `AEO-2026-017_v3.aeob`.
 */

export type ExportedFile =
  | { kind: 'pdf'; document: 'validation-report' | 'control-plan'; lang: 'en' | 'ru' }
  | { kind: 'bundle' }
  | { kind: 'letter'; lang: 'en' | 'ru' };

/** Case numbers are free text: keep letters, digits, `.`, `-`; anything else (spaces, slashes, quotes) becomes `_`. */
function safeCaseNumber(caseNumber: string): string {
  const safe = caseNumber
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}.-]+/gu, '_')
    .replace(/^[._-]+|[._]+$/g, '')
    .slice(0, 80);
  return safe || 'case';
}

/** The file name for `file` of report version `version` of the case numbered `caseNumber`. */
export function exportFileName(caseNumber: string, version: number, file: ExportedFile): string {
  const base = safeCaseNumber(caseNumber);
  switch (file.kind) {
    case 'pdf':
      return `${base}_${file.document}_v${version}_${file.lang}.pdf`;
    case 'bundle':
      return `${base}_v${version}.aeob`;
    case 'letter':
      return `${base}_improvement-letter_v${version}_${file.lang}.pdf`;
  }
}
