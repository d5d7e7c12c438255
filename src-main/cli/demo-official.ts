import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IssuingAuthority } from '../contract/authority';
import type { OfficialRecord } from '../contract/official';
import type { ReportLanguage } from '../contract/reports';
import type { DemoText } from './demo-content';
import { localFile } from './local-files';

/*
 * The official form of the demo: an issuing customs authority (a device setting, in both working languages, so
 * the report prints it whichever language it is printed in), and the case's official record (registration number,
 * look-back period, the visits as held, the closing meeting with the operator's comments, the approving
 * officials), written in the case's language like everything else the validator types. The application and the
 * proposed conditions are demo-complete.ts's.
 */

type Call = <T>(channel: string, input: unknown) => Promise<T>;

const authority = {
  name: {
    en: 'Department of State Revenue for the City of Almaty, State Revenue Committee of the Ministry of Finance of the Republic of Kazakhstan',
    ru: 'Департамент государственных доходов по городу Алматы Комитета государственных доходов Министерства финансов Республики Казахстан',
  },
  address: {
    en: '93/95 Abylai Khan Avenue, Almaty 050004, Republic of Kazakhstan',
    ru: 'Республика Казахстан, 050004, г. Алматы, пр. Абылай хана, 93/95',
  },
  legalBasis: {
    en: 'Customs Code of the Eurasian Economic Union, Chapter 54 (Authorized economic operator); Code of the Republic of Kazakhstan of 26 December 2017 No. 123-VI "On Customs Regulation in the Republic of Kazakhstan"; WCO SAFE Framework of Standards.',
    ru: 'Таможенный кодекс Евразийского экономического союза, глава 54 «Уполномоченный экономический оператор»; Кодекс Республики Казахстан от 26 декабря 2017 года № 123-VI «О таможенном регулировании в Республике Казахстан»; Рамочные стандарты ВТамО SAFE.',
  },
  confidentialityMarking: { en: 'For official use only', ru: 'Для служебного пользования' },
  registrationPattern: 'KZ-AEO/{YYYY}/{SEQ:4}',
  timeZone: 'Asia/Almaty',
};

/** A self-contained emblem (no outside references, so the import accepts it): a shield with a star. */
const EMBLEM = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="140" viewBox="0 0 120 140">
<path d="M60 4 L112 22 V70 C112 104 88 126 60 136 C32 126 8 104 8 70 V22 Z" fill="#1F3A5F"/>
<path d="M60 16 L100 30 V70 C100 97 82 115 60 124 C38 115 20 97 20 70 V30 Z" fill="none" stroke="#D4AF37" stroke-width="4"/>
<polygon points="60,38 68,62 93,62 73,77 80,101 60,86 40,101 47,77 27,62 52,62" fill="#D4AF37"/>
</svg>`;

const official: Record<ReportLanguage, (words: DemoText) => { attendees: string; operatorComments: string; approvers: { name: string; position: string }[] }> = {
  en: (words) => ({
    attendees: `For the customs authority: ${words.lead} (lead validator), ${words.team[0]} (validator). For the operator: ${words.operator.chiefExecutive} (chief executive), ${words.operator.compliancePerson} (compliance manager).`,
    operatorComments:
      'The operator accepts the finding on unrecorded container repairs and will introduce a repair log within two months. It states that the rear gate to the rail siding will be replaced and covered by a camera before the end of the quarter, and asks that this be taken into account in the conditions.',
    approvers: [
      { name: 'Nurlan Zhaksybekov', position: 'Head of the Post-Clearance Control Division' },
      { name: 'Gulnara Iskakova', position: 'Deputy Head of the Department of State Revenue for the City of Almaty' },
    ],
  }),
  ru: (words) => ({
    attendees: `От таможенного органа: ${words.lead} (руководитель группы валидаторов), ${words.team[0]} (валидатор). От оператора: ${words.operator.chiefExecutive} (генеральный директор), ${words.operator.compliancePerson} (менеджер по соблюдению требований).`,
    operatorComments:
      'Оператор согласен с выводом о неучтённом ремонте контейнеров и в течение двух месяцев введёт журнал ремонтов. Оператор сообщает, что задние ворота к железнодорожному тупику будут заменены и взяты под видеонаблюдение до конца квартала, и просит учесть это при определении условий.',
    approvers: [
      { name: 'Жаксыбеков Нурлан Серикович', position: 'Начальник управления таможенного контроля после выпуска товаров' },
      { name: 'Искакова Гульнара Маратовна', position: 'Заместитель руководителя Департамента государственных доходов по городу Алматы' },
    ],
  }),
};

/**
 * Sets the demo authority, with its emblem as the logo, unless the data folder already has one: a real
 * authority's settings are never overwritten by a demo.
 */
export async function setDemoAuthority(call: Call): Promise<void> {
  const current = await call<IssuingAuthority>('authority:get', {});
  if (current.name.en.trim() || current.name.ru.trim()) return;
  await call('authority:update', authority);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'aeo-demo-logo-'));
  try {
    const emblem = path.join(scratch, 'emblem.svg');
    await writeFile(emblem, EMBLEM);
    await call('authority:importLogo', { source: localFile(emblem) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The case's official record as the validators would have kept it by the day the report is composed. */
export async function recordDemoOfficial(
  call: Call,
  caseId: string,
  lang: ReportLanguage,
  words: DemoText,
  dates: { lookBackFrom: string; lookBackTo: string; closingOn: string },
): Promise<void> {
  const record = await call<OfficialRecord>('official:get', { caseId });
  const hours = [['09:10', '12:50'], ['14:05', '17:40']];
  for (const [index, visit] of record.visits.entries()) {
    const [startTime, endTime] = hours[index % hours.length]!;
    await call('official:recordVisit', { caseId, visitId: visit.visitId, heldOn: visit.plannedOn, startTime, endTime });
  }
  await call('official:assignNumber', { caseId });
  const text = official[lang](words);
  await call('official:update', {
    caseId,
    lookBackFrom: dates.lookBackFrom,
    lookBackTo: dates.lookBackTo,
    closingMeetingOn: dates.closingOn,
    closingAttendees: text.attendees,
    operatorComments: text.operatorComments,
    approvers: text.approvers,
  });
}
