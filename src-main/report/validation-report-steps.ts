import type { Content } from 'pdfmake/interfaces';
import type { ReportLanguage } from '../contract/reports';
import { terms } from '../contract/glossary';
import { subheading, type Ctx } from './pdf-common';
import { labelledText } from './free-text';

/*
 * Steps 3 and 4 in the validation report (issue 10): the notes on each business system reviewed and the minutes
 * of each planned interview, printed after the scope. The minutes themselves are printed once, in their annex
 * (validation-report-records.ts); here a line says how many there are and where. Free text is printed as paragraphs,
 * not table cells, so a long answer flows across pages instead of being cut. Strings for both languages live beside the only code that
 * prints them.
 */

const strings = {
  en: {
    systems: 'Business systems reviewed (step 3)',
    noSystems: 'No business system notes were recorded.',
    checked: 'What was checked',
    notes: 'Notes',
    evidence: terms.evidence.en,
    minutes: 'Interview minutes (step 4)',
    noMinutes: 'No interview minutes were recorded.',
    minutesInAnnex: (n: number) => `Minutes of ${n} interview${n === 1 ? '' : 's'}: see "Annex: interview minutes".`,
  },
  ru: {
    systems: 'Изученные бизнес-системы (шаг 3)',
    noSystems: 'Записи о бизнес-системах не составлялись.',
    checked: 'Что проверено',
    notes: 'Примечания',
    evidence: terms.evidence.ru,
    minutes: 'Протоколы интервью (шаг 4)',
    noMinutes: 'Протоколы интервью не составлялись.',
    minutesInAnnex: (n: number) => `Протоколы интервью (${n}): см. «Приложение. Протоколы интервью».`,
  },
} satisfies Record<ReportLanguage, Record<string, string | ((n: number) => string)>>;

export function stepContentBlock({ model, lang }: Ctx): Content[] {
  const s = strings[lang];
  const content = model.stepContent;
  if (!content) return [];
  return [
    subheading(s.systems),
    ...(content.systems.length === 0
      ? [{ text: s.noSystems, style: 'paragraph' }]
      : content.systems.flatMap((sys): Content[] => [
          // The system's name stays with its first label, like a heading (a headline level of its own).
          { text: sys.system, bold: true, margin: [0, 6, 0, 0], headlineLevel: 3 } as Content,
          ...labelledText(s.checked, sys.checked, lang),
          ...labelledText(s.notes, sys.notes, lang),
          ...labelledText(s.evidence, sys.evidenceRefs.join(', '), lang),
        ])),
    subheading(s.minutes),
    { text: content.minutes.length === 0 ? s.noMinutes : s.minutesInAnnex(content.minutes.length), style: 'paragraph' },
  ];
}
