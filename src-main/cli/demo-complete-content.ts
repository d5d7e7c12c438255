import type { ApplicationDocumentKind } from '../contract/certification';
import type { CriterionConclusion, WcoLetter } from '../contract/assessment';
import type { ReportLanguage } from '../contract/reports';

/*
 * The words of the second half of the demo case (`aeo demo`, see demo-complete.ts), in English and in Russian:
 * the rest of the warehouse checklist, the application record, the business-system notes, the interview minutes,
 * the conclusions on criteria A–M with their reasoning, the recommendation, and the account manager. Kept apart
 * from the code, which is about the order of the work and what each conclusion cites.
 */

/** What a conclusion cites, by the demo's own names; the code turns them into record ids. */
export type CitationKeys = {
  /** Checklist item ids of either run (the inspection's or the warehouse's). */
  answers?: string[];
  risks?: ('floor' | 'gate')[];
  findings?: ('floor' | 'gate')[];
  interviews?: ('ceo' | 'compliance')[];
  /** Checklist item ids whose photos are cited. */
  photos?: string[];
  /** File names of the documents examined that are cited. */
  documents?: string[];
};

/** A document the operator handed over, examined and kept: [file name, caption, effective date (days from now), CSV]. */
export type DemoDocument = [string, string, number, string];

export type CriterionText = { conclusion: CriterionConclusion; text: string; cites: CitationKeys };

type Minutes = { present: string[]; topics: string; answers: string; followUps: string };

export type DemoCompletionText = {
  /** The rest of the warehouse checklist: item id → [answer, note?]. */
  physicalAnswers: Record<string, [string, string?]>;
  /** Photos the warehouse checklist requires even when compliant: item id → [caption, local time taken]. */
  warehousePhotos: Record<string, [string, string]>;
  application: { reference: string; documents: [ApplicationDocumentKind, string, number][] };
  documents: DemoDocument[];
  /** Per business system, the file names of the documents examined with it. */
  systems: { system: string; checked: string; notes: string; documents: string[] }[];
  /** The conditions the validators propose with their recommendation (printed in the official part). */
  conditions: string;
  minutes: { ceo: Minutes; compliance: Minutes };
  gateFinding: { description: string; requiredAction: string };
  responseNotes: { floor: string; gate: string };
  criteria: Record<WcoLetter, CriterionText>;
  mattersOfSignificance: string;
  reasoning: string;
  teamLead: string;
  accountManager: { position: string; email: string; activities: ['day_to_day_questions' | 'meetings_and_visits' | 'information_exchange', number, string][] };
};

const en: DemoCompletionText = {
  physicalAnswers: {
    'gates-gatehouses': ['compliant', 'Main gate manned around the clock; vehicle and pedestrian lanes separate.'],
    parking: ['compliant', 'Staff and visitor parking outside the fence, 40 m from the loading docks.'],
    'building-structure': ['compliant'],
    'locking-devices': ['compliant'],
    'key-control': ['compliant', 'Key register kept by the shift guard; all keys of the warehouse signed out and back on the day seen.'],
    'intrusion-alarms': ['compliant', 'Alarm on the warehouse doors and the server room, monitored by the guard post; two alarms last month, both answered within 5 minutes.'],
    'cctv-recording': ['compliant', 'Recorder room opened by the security manager at 12:30: recordings kept 30 days, export needs a password; footage of the previous night found and played back.'],
    'security-systems-testing': ['compliant', 'Monthly test of alarms and cameras logged; last fault (camera 7) repaired within two days.'],
    'security-guards': ['compliant', 'Guard contractor licensed; written post orders at the gatehouse.'],
    'employee-identification': ['compliant'],
    'badge-control': ['compliant', 'Badges of two employees who left in October were deactivated on their last day (access system log).'],
    'challenge-unauthorised': ['compliant', 'Two warehouse staff asked at random knew whom to call about an unknown person.'],
    'restricted-areas': ['compliant'],
    'loading-delivery-isolation': ['compliant'],
    'cargo-segregation': ['compliant', 'Goods under customs control kept in a fenced bay, separate from domestic goods.'],
    'conveyance-storage': ['compliant'],
    'mail-screening': ['not_applicable', 'Mail and parcels are received at the head office, not at the warehouse.'],
    'fire-protection': ['compliant'],
    'water-protection': ['compliant'],
    'power-supply': ['compliant', 'Diesel generator and UPS for the security systems; last test run 2 weeks before the visit.'],
    'alarm-response': ['compliant'],
    'emergency-procedures': ['compliant', 'Evacuation drill held in September; procedure posted at each exit.'],
    'vehicle-control': ['compliant', 'Trucks logged at the main gate with driver, plate and seal numbers; log of the visit day complete.'],
  },
  warehousePhotos: {
    'perimeter-fencing': ['Perimeter fence with barbed wire, north side', '09:18:40'],
    'key-control': ['Key cabinet and key register at the guard post', '09:36:12'],
    'intrusion-alarms': ['Door contact and siren on the warehouse door', '09:52:03'],
    'cctv-coverage': ['Camera over the loading docks', '10:07:55'],
    'badge-control': ['Badge reader at the staff entrance', '10:24:31'],
    'restricted-areas': ['Marked entrance to the customs bay', '11:05:16'],
    'fire-protection': ['Fire extinguisher and detector in the storage hall', '11:31:48'],
  },
  application: {
    reference: 'APP-2026/0417',
    documents: [
      ['application_form', 'Application for AEO status (security and safety, customs simplifications)', -44],
      ['saq', 'Self-assessment questionnaire, signed by the chief executive', -44],
      ['company_registration', 'Certificate of state registration and extract from the register of legal entities', -44],
      ['financial_statements', 'Audited financial statements 2023–2025', -44],
      ['security_profile', 'Security profile of the bonded warehouse and the container yard', -37],
      ['procedures_manual', 'Security and customs procedures manual, edition 3', -37],
    ],
  },
  documents: [
    ['declarations-sample-2026.csv', 'Sample of 40 import declarations of 2026, checked against invoices and transport documents', -9,
      'Declaration,Date,Invoice,Transport document,Result\n' +
      Array.from({ length: 40 }, (_, i) => `KZ-IM-2026-${String(1040 + i * 37).padStart(6, '0')},2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(3 + (i % 25)).padStart(2, '0')},INV-${5100 + i},CMR-${88000 + i * 3},${i === 7 || i === 23 ? 'amended before release' : 'matches'}`).join('\n')],
    ['yard-gate-log-extract.csv', 'Gate log of the container yard, main gate, last month (extract)', -7,
      'Date,Time in,Time out,Vehicle,Container,Seal,Guard\n2026-11-18,08:12,08:47,777 ABC 02,MSKU 718204-7,KZ 0451187,Bekov\n2026-11-18,09:30,10:05,512 KLM 02,TGHU 402117-3,KZ 0451190,Bekov\n2026-11-19,07:55,08:31,777 ABC 02,CAIU 903311-0,KZ 0451193,Serikov'],
    ['yard-patrol-log.csv', 'Patrol log of the yard guards, the week before the visit', -7,
      'Date,Round,Guard,Rear gate,Remarks\n2026-11-19,02:00,Serikov,closed,—\n2026-11-19,04:00,Serikov,not checked,—\n2026-11-19,06:00,Serikov,open,rail shunting\n2026-11-20,02:00,Bekov,not checked,—'],
  ],
  conditions: 'Within three months of the authorization: the rear gate of the container yard to the rail siding is kept locked outside rail operations, covered by a camera and every opening recorded in the gate log (finding F2).',
  systems: [
    {
      documents: ['declarations-sample-2026.csv'],
      system: 'Customs declarations (declarant module and archive)',
      checked: 'User rights; a sample of 40 import declarations of 2026 against invoices, transport documents and payments.',
      notes: 'All 40 declarations matched their documents; two amended declarations were corrected by the operator before release. Only the two licensed declarants can submit.',
    },
    {
      documents: [],
      system: 'Warehouse management system (bonded warehouse stock)',
      checked: 'Stock records against a physical count of 15 positions; how goods in and out are booked; the audit trail.',
      notes: 'All 15 positions agreed with the records. Every booking carries the user and the time; corrections are logged and cannot be deleted.',
    },
    {
      documents: [],
      system: 'Accounting and financial records',
      checked: 'Audited statements 2023–2025; tax and customs payment records; bank references.',
      notes: 'Profitable in each of the three years; no arrears of customs duties or taxes; solvent at the date of the visit.',
    },
    {
      documents: ['yard-gate-log-extract.csv', 'yard-patrol-log.csv'],
      system: 'Container yard gate log and repair orders (paper)',
      checked: 'Gate log of the last month; how container repairs are ordered and recorded.',
      notes: 'The gate log is complete for the main gate; the rear gate has no log. Repairs are ordered by phone and not recorded (finding F1).',
    },
  ],
  minutes: {
    ceo: {
      present: ['Yerlan Tulegenov (chief executive)', 'Marat Ospanov (compliance manager)', 'Aigerim Sadykova (lead validator)', 'Daniyar Abenov (validator)'],
      topics: 'Security policy; commitment of the management; changes since the application; the plan of the site visits.',
      answers:
        'The security policy was approved by the board in 2025 and is reviewed every year. The security manager reports to the board quarterly (minutes of the last two meetings shown). No change of ownership, premises or activity since the application. The rear gate of the container yard is to be replaced this year; a contract with the supplier is being negotiated.',
      followUps: 'Operator to send the board minutes on security of 2026 and the rear gate contract once signed.',
    },
    compliance: {
      present: ['Marat Ospanov (compliance manager)', 'Aigerim Sadykova (lead validator)', 'Daniyar Abenov (validator)'],
      topics: 'Customs declarations; record keeping; screening of trading partners; container repairs.',
      answers:
        'Declarations are prepared by two licensed in-house declarants and checked by the compliance manager before submission. Records are kept for five years in the archive. New trading partners are checked against the AEO register and sanctions lists, and sign the security clauses of the contract. Container repairs are ordered by the yard supervisor by phone; no repair log is kept.',
      followUps: 'Operator to introduce a container repair log and a check of it before stuffing (finding F1).',
    },
  },
  gateFinding: {
    description: 'The rear gate of the container yard to the rail siding was found unlocked and unguarded, outside camera coverage and without a gate log.',
    requiredAction: 'Keep the rear gate locked outside rail operations, cover it with a camera and record each opening in the gate log.',
  },
  responseNotes: {
    floor: 'Improvement action F1; the repair log is checked at the unannounced visit of the control plan.',
    gate: 'Proposed condition of the authorization: the rear gate locked, covered by a camera and logged within three months; checked quarterly.',
  },
  criteria: {
    A: {
      conclusion: 'met',
      text: 'No customs offences recorded in the three years examined; a sample of 40 declarations matched the commercial documents; declarations are checked before submission.',
      cites: { interviews: ['compliance'], documents: ['declarations-sample-2026.csv'] },
    },
    B: {
      conclusion: 'met',
      text: 'Commercial and warehouse records are complete, kept for five years and protected by an audit trail; the stock count agreed with the records.',
      cites: { interviews: ['compliance'] },
    },
    C: {
      conclusion: 'met',
      text: 'Audited statements of 2023–2025 show a profitable and solvent business with no arrears of duties or taxes.',
      cites: { interviews: ['ceo'] },
    },
    D: {
      conclusion: 'met',
      text: 'A named compliance manager is the contact for customs; requests of the validators were answered within the agreed time.',
      cites: { interviews: ['ceo', 'compliance'] },
    },
    E: {
      conclusion: 'met',
      text: 'Staff know how to challenge unknown persons and the emergency procedures; an evacuation drill was held this year.',
      cites: { answers: ['challenge-unauthorised', 'emergency-procedures'] },
    },
    F: {
      conclusion: 'met',
      text: 'Access to the declarations and warehouse systems is limited to named users with individual accounts; changes are logged.',
      cites: { interviews: ['compliance'], answers: ['badge-control'] },
    },
    G: {
      conclusion: 'met_with_improvements',
      text: 'Seals meet ISO 17712 and are checked (VVTT); goods under customs control are segregated. Unrecorded container repairs leave a concealment risk (R1), to be closed by improvement action F1.',
      cites: { answers: ['floor', 'seal-iso-17712', 'seal-verify', 'cargo-segregation'], risks: ['floor'], findings: ['floor'], photos: ['floor', 'doors'] },
    },
    H: {
      conclusion: 'met_with_improvements',
      text: 'The seven-point inspection is carried out and recorded before stuffing; it missed a modified floor because repairs are not recorded (R1, F1).',
      cites: { answers: ['floor', 'doors', 'undercarriage', 'vehicle-control'], risks: ['floor'], findings: ['floor'], photos: ['floor', 'undercarriage'] },
    },
    I: {
      conclusion: 'met_with_improvements',
      text: 'Fencing, lighting, alarms, CCTV and access control are effective, except the rear gate of the container yard, found unlocked and unguarded (R2). Proposed as a condition of the authorization (F2).',
      cites: { answers: ['gates-locked', 'perimeter-fencing', 'cctv-recording', 'visitor-control'], risks: ['gate'], findings: ['gate'], photos: ['gates-locked'], documents: ['yard-patrol-log.csv', 'yard-gate-log-extract.csv'] },
    },
    J: {
      conclusion: 'met',
      text: 'Employees are identified by badges limited to their areas; badges and keys are returned when staff leave.',
      cites: { answers: ['employee-identification', 'badge-control', 'key-control'] },
    },
    K: {
      conclusion: 'met',
      text: 'New trading partners are checked against the AEO register and sanctions lists and sign security clauses.',
      cites: { interviews: ['compliance'] },
    },
    L: {
      conclusion: 'met',
      text: 'Fire, flood and power-loss procedures are written down, equipped and tested; alarms lead to a logged response.',
      cites: { answers: ['fire-protection', 'power-supply', 'alarm-response', 'emergency-procedures'] },
    },
    M: {
      conclusion: 'met',
      text: 'Security systems are tested monthly and faults repaired; the security manager reports to the board every quarter.',
      cites: { answers: ['security-systems-testing'], interviews: ['ceo'] },
    },
  },
  mattersOfSignificance:
    'The rear gate of the container yard to the rail siding was found unlocked and unguarded during the visit, outside camera coverage (R2). Container repairs are not recorded, and one export container had a modified floor (R1).',
  reasoning:
    'All thirteen WCO SAFE criteria are met; criteria G, H and I with improvements. No risk calls for refusal. The residual risk of unauthorised access through the rear gate (R2) remains high until the gate is secured, so the validators recommend granting AEO status (security and safety, customs simplifications) with the condition that the rear gate is locked, covered by a camera and logged within three months. The repair log (F1) is an improvement action followed up under the control plan.',
  teamLead: 'Nurlan Bekov',
  accountManager: {
    position: 'Chief inspector, AEO account management unit',
    email: 'saule.kim@customs.example',
    activities: [
      ['day_to_day_questions', -40, 'Explained to the operator which documents go with the application and how to fill in the SAQ.'],
      ['meetings_and_visits', -12, 'Agreed the dates of the initial interview and the site visits with the compliance manager.'],
    ],
  },
};

const ru: DemoCompletionText = {
  physicalAnswers: {
    'gates-gatehouses': ['compliant', 'Главные ворота охраняются круглосуточно; проезд транспорта и проход людей разделены.'],
    parking: ['compliant', 'Стоянка сотрудников и посетителей — за ограждением, в 40 м от погрузочных рамп.'],
    'building-structure': ['compliant'],
    'locking-devices': ['compliant'],
    'key-control': ['compliant', 'Журнал выдачи ключей ведёт дежурный охранник; в день посещения все ключи склада выданы и возвращены под подпись.'],
    'intrusion-alarms': ['compliant', 'Сигнализация на дверях склада и серверной выведена на пост охраны; по двум срабатываниям за прошлый месяц реакция — в пределах 5 минут.'],
    'cctv-recording': ['compliant', 'В 12:30 начальник службы безопасности открыл помещение видеорегистратора: записи хранятся 30 дней, выгрузка — только по паролю; запись за прошлую ночь найдена и просмотрена.'],
    'security-systems-testing': ['compliant', 'Ежемесячная проверка сигнализации и камер записывается в журнал; последняя неисправность (камера 7) устранена за два дня.'],
    'security-guards': ['compliant', 'Охранная организация имеет лицензию; письменные инструкции поста — в помещении КПП.'],
    'employee-identification': ['compliant'],
    'badge-control': ['compliant', 'Пропуска двух сотрудников, уволившихся в октябре, заблокированы в последний день их работы (журнал системы контроля доступа).'],
    'challenge-unauthorised': ['compliant', 'Двое выбранных наугад работников склада знают, кому сообщать о посторонних.'],
    'restricted-areas': ['compliant'],
    'loading-delivery-isolation': ['compliant'],
    'cargo-segregation': ['compliant', 'Товары под таможенным контролем хранятся в огороженной секции отдельно от товаров внутреннего рынка.'],
    'conveyance-storage': ['compliant'],
    'mail-screening': ['not_applicable', 'Почта и посылки принимаются в головном офисе, а не на складе.'],
    'fire-protection': ['compliant'],
    'water-protection': ['compliant'],
    'power-supply': ['compliant', 'Дизель-генератор и ИБП для систем безопасности; последний пробный запуск — за две недели до посещения.'],
    'alarm-response': ['compliant'],
    'emergency-procedures': ['compliant', 'Учебная эвакуация проведена в сентябре; порядок действий вывешен у каждого выхода.'],
    'vehicle-control': ['compliant', 'Грузовики регистрируются у главных ворот с данными водителя, госномером и номерами пломб; журнал за день посещения заполнен.'],
  },
  warehousePhotos: {
    'perimeter-fencing': ['Ограждение периметра с колючей проволокой, северная сторона', '09:18:40'],
    'key-control': ['Ключница и журнал выдачи ключей на посту охраны', '09:36:12'],
    'intrusion-alarms': ['Датчик открытия и сирена на двери склада', '09:52:03'],
    'cctv-coverage': ['Камера над погрузочными рампами', '10:07:55'],
    'badge-control': ['Считыватель пропусков у входа для персонала', '10:24:31'],
    'restricted-areas': ['Обозначенный вход в секцию товаров под таможенным контролем', '11:05:16'],
    'fire-protection': ['Огнетушитель и извещатель в складском зале', '11:31:48'],
  },
  application: {
    reference: 'ЗАЯВ-2026/0417',
    documents: [
      ['application_form', 'Заявление о присвоении статуса УЭО (безопасность и защищённость, таможенные упрощения)', -44],
      ['saq', 'Анкета самооценки, подписанная генеральным директором', -44],
      ['company_registration', 'Справка о государственной регистрации и выписка из реестра юридических лиц', -44],
      ['financial_statements', 'Аудированная финансовая отчётность за 2023–2025 годы', -44],
      ['security_profile', 'Профиль безопасности склада временного хранения и контейнерной площадки', -37],
      ['procedures_manual', 'Руководство по безопасности и таможенным процедурам, редакция 3', -37],
    ],
  },
  documents: [
    ['declarations-sample-2026.csv', 'Выборка из 40 импортных деклараций за 2026 год, сверенных со счетами и транспортными документами', -9,
      'Декларация,Дата,Счёт,Транспортный документ,Результат\n' +
      Array.from({ length: 40 }, (_, i) => `KZ-IM-2026-${String(1040 + i * 37).padStart(6, '0')},2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(3 + (i % 25)).padStart(2, '0')},INV-${5100 + i},CMR-${88000 + i * 3},${i === 7 || i === 23 ? 'исправлена до выпуска' : 'соответствует'}`).join('\n')],
    ['yard-gate-log-extract.csv', 'Журнал главных ворот контейнерной площадки за последний месяц (выписка)', -7,
      'Дата,Въезд,Выезд,Автомобиль,Контейнер,Пломба,Охранник\n2026-11-18,08:12,08:47,777 ABC 02,MSKU 718204-7,KZ 0451187,Беков\n2026-11-18,09:30,10:05,512 KLM 02,TGHU 402117-3,KZ 0451190,Беков\n2026-11-19,07:55,08:31,777 ABC 02,CAIU 903311-0,KZ 0451193,Сериков'],
    ['yard-patrol-log.csv', 'Журнал обходов охраны контейнерной площадки за неделю до посещения', -7,
      'Дата,Обход,Охранник,Задние ворота,Замечания\n2026-11-19,02:00,Сериков,закрыты,—\n2026-11-19,04:00,Сериков,не проверены,—\n2026-11-19,06:00,Сериков,открыты,маневровые работы\n2026-11-20,02:00,Беков,не проверены,—'],
  ],
  conditions: 'В течение трёх месяцев после присвоения статуса задние ворота контейнерной площадки к железнодорожному пути держатся запертыми вне железнодорожных операций, просматриваются камерой, а каждое их открытие записывается в журнал ворот (замечание F2).',
  systems: [
    {
      documents: ['declarations-sample-2026.csv'],
      system: 'Таможенные декларации (модуль декларанта и архив)',
      checked: 'Права пользователей; выборка из 40 импортных деклараций за 2026 год в сравнении со счетами, транспортными документами и платежами.',
      notes: 'Все 40 деклараций соответствуют документам; две декларации оператор исправил до выпуска товаров. Подавать декларации могут только два аттестованных декларанта.',
    },
    {
      documents: [],
      system: 'Система управления складом (учёт товаров на складе временного хранения)',
      checked: 'Учётные данные в сравнении с пересчётом 15 позиций; порядок учёта поступления и выдачи; журнал изменений.',
      notes: 'Все 15 позиций совпали с учётом. Каждая запись содержит пользователя и время; исправления записываются в журнал и не удаляются.',
    },
    {
      documents: [],
      system: 'Бухгалтерский учёт и финансовая отчётность',
      checked: 'Аудированная отчётность за 2023–2025 годы; сведения об уплате налогов и таможенных платежей; справки банков.',
      notes: 'Деятельность прибыльна во всех трёх годах; задолженности по таможенным платежам и налогам нет; на дату посещения оператор платёжеспособен.',
    },
    {
      documents: ['yard-gate-log-extract.csv', 'yard-patrol-log.csv'],
      system: 'Журнал ворот контейнерной площадки и заявки на ремонт (на бумаге)',
      checked: 'Журнал ворот за последний месяц; порядок заказа и учёта ремонта контейнеров.',
      notes: 'Журнал главных ворот ведётся полностью; по задним воротам журнал не ведётся. Ремонт заказывается по телефону и не учитывается (замечание F1).',
    },
  ],
  minutes: {
    ceo: {
      present: ['Ерлан Тулегенов (генеральный директор)', 'Марат Оспанов (менеджер по соблюдению требований)', 'Айгерим Садыкова (ведущий валидатор)', 'Данияр Абенов (валидатор)'],
      topics: 'Политика безопасности; участие руководства; изменения после подачи заявления; план выездов на объекты.',
      answers:
        'Политика безопасности утверждена советом директоров в 2025 году и пересматривается ежегодно. Начальник службы безопасности ежеквартально отчитывается перед советом (показаны протоколы двух последних заседаний). Изменений в составе собственников, помещениях и видах деятельности после подачи заявления нет. Задние ворота контейнерной площадки будут заменены в этом году; договор с поставщиком согласовывается.',
      followUps: 'Оператор направит протоколы совета директоров по вопросам безопасности за 2026 год и договор на замену задних ворот после подписания.',
    },
    compliance: {
      present: ['Марат Оспанов (менеджер по соблюдению требований)', 'Айгерим Садыкова (ведущий валидатор)', 'Данияр Абенов (валидатор)'],
      topics: 'Таможенные декларации; ведение учёта; проверка деловых партнёров; ремонт контейнеров.',
      answers:
        'Декларации готовят два штатных аттестованных декларанта, перед подачей их проверяет менеджер по соблюдению требований. Документы хранятся в архиве пять лет. Новых деловых партнёров проверяют по реестру УЭО и санкционным спискам; они подписывают условия договора о безопасности. Ремонт контейнеров заказывает по телефону начальник площадки; журнал ремонтов не ведётся.',
      followUps: 'Оператор введёт журнал ремонта контейнеров и его проверку перед загрузкой (замечание F1).',
    },
  },
  gateFinding: {
    description: 'Задние ворота контейнерной площадки к железнодорожному пути были не заперты и не охранялись, не просматриваются камерами, журнал их открытия не ведётся.',
    requiredAction: 'Держать задние ворота запертыми вне железнодорожных операций, установить камеру и записывать каждое открытие в журнал ворот.',
  },
  responseNotes: {
    floor: 'Мера по улучшению F1; журнал ремонтов проверяется при выезде без предварительного уведомления по плану контроля.',
    gate: 'Предлагаемое условие присвоения статуса: в течение трёх месяцев задние ворота запираются, просматриваются камерой и учитываются в журнале; проверка — ежеквартально.',
  },
  criteria: {
    A: {
      conclusion: 'met',
      text: 'За проверенные три года таможенных правонарушений не зарегистрировано; выборка из 40 деклараций соответствует коммерческим документам; декларации проверяются перед подачей.',
      cites: { interviews: ['compliance'], documents: ['declarations-sample-2026.csv'] },
    },
    B: {
      conclusion: 'met',
      text: 'Коммерческий и складской учёт полный, хранится пять лет и защищён журналом изменений; пересчёт товаров совпал с учётом.',
      cites: { interviews: ['compliance'] },
    },
    C: {
      conclusion: 'met',
      text: 'Аудированная отчётность за 2023–2025 годы показывает прибыльную и платёжеспособную деятельность без задолженности по платежам и налогам.',
      cites: { interviews: ['ceo'] },
    },
    D: {
      conclusion: 'met',
      text: 'Контактным лицом для таможенного органа назначен менеджер по соблюдению требований; запросы валидаторов исполнялись в согласованные сроки.',
      cites: { interviews: ['ceo', 'compliance'] },
    },
    E: {
      conclusion: 'met',
      text: 'Работники знают, как поступать с посторонними, и знают порядок действий при чрезвычайных ситуациях; в этом году проведена учебная эвакуация.',
      cites: { answers: ['challenge-unauthorised', 'emergency-procedures'] },
    },
    F: {
      conclusion: 'met',
      text: 'Доступ к системам декларирования и складского учёта есть только у названных пользователей с личными учётными записями; изменения записываются в журнал.',
      cites: { interviews: ['compliance'], answers: ['badge-control'] },
    },
    G: {
      conclusion: 'met_with_improvements',
      text: 'Пломбы соответствуют ISO 17712 и проверяются (VVTT); товары под таможенным контролем хранятся отдельно. Неучтённый ремонт контейнеров создаёт риск сокрытия (R1), который устраняется мерой по улучшению F1.',
      cites: { answers: ['floor', 'seal-iso-17712', 'seal-verify', 'cargo-segregation'], risks: ['floor'], findings: ['floor'], photos: ['floor', 'doors'] },
    },
    H: {
      conclusion: 'met_with_improvements',
      text: 'Осмотр по семи точкам проводится и записывается перед загрузкой, но изменённый пол не был выявлен, так как ремонт не учитывается (R1, F1).',
      cites: { answers: ['floor', 'doors', 'undercarriage', 'vehicle-control'], risks: ['floor'], findings: ['floor'], photos: ['floor', 'undercarriage'] },
    },
    I: {
      conclusion: 'met_with_improvements',
      text: 'Ограждение, освещение, сигнализация, видеонаблюдение и контроль доступа действуют, кроме задних ворот контейнерной площадки, которые были не заперты и не охранялись (R2). Предлагается условие присвоения статуса (F2).',
      cites: { answers: ['gates-locked', 'perimeter-fencing', 'cctv-recording', 'visitor-control'], risks: ['gate'], findings: ['gate'], photos: ['gates-locked'], documents: ['yard-patrol-log.csv', 'yard-gate-log-extract.csv'] },
    },
    J: {
      conclusion: 'met',
      text: 'Работники опознаются по пропускам, действующим только в их зонах; пропуска и ключи сдаются при увольнении.',
      cites: { answers: ['employee-identification', 'badge-control', 'key-control'] },
    },
    K: {
      conclusion: 'met',
      text: 'Новых деловых партнёров проверяют по реестру УЭО и санкционным спискам; они подписывают условия договора о безопасности.',
      cites: { interviews: ['compliance'] },
    },
    L: {
      conclusion: 'met',
      text: 'Порядок действий при пожаре, затоплении и отключении электроэнергии записан, обеспечен оборудованием и проверяется; на сигналы тревоги реагируют с записью в журнал.',
      cites: { answers: ['fire-protection', 'power-supply', 'alarm-response', 'emergency-procedures'] },
    },
    M: {
      conclusion: 'met',
      text: 'Системы безопасности проверяются ежемесячно, неисправности устраняются; начальник службы безопасности ежеквартально отчитывается перед советом директоров.',
      cites: { answers: ['security-systems-testing'], interviews: ['ceo'] },
    },
  },
  mattersOfSignificance:
    'Во время посещения задние ворота контейнерной площадки к железнодорожному пути были не заперты, не охранялись и не просматривались камерами (R2). Ремонт контейнеров не учитывается; у одного экспортного контейнера изменён пол (R1).',
  reasoning:
    'Все тринадцать критериев Рамочных стандартов ВТамО SAFE соблюдены; критерии G, H и I — с мерами по улучшению. Рисков, требующих отказа, нет. Остаточный риск несанкционированного доступа через задние ворота (R2) остаётся высоким до их обеспечения, поэтому валидаторы рекомендуют присвоить статус УЭО (безопасность и защищённость, таможенные упрощения) с условием: в течение трёх месяцев задние ворота запираются, просматриваются камерой и учитываются в журнале. Журнал ремонтов (F1) — мера по улучшению, контролируемая по плану контроля.',
  teamLead: 'Нурлан Беков',
  accountManager: {
    position: 'Главный инспектор, отдел сопровождения УЭО',
    email: 'saule.kim@customs.example',
    activities: [
      ['day_to_day_questions', -40, 'Разъяснила оператору, какие документы прилагаются к заявлению и как заполнить анкету самооценки.'],
      ['meetings_and_visits', -12, 'Согласовала с менеджером по соблюдению требований даты первичного интервью и выездов на объекты.'],
    ],
  },
};

export const demoCompletionTexts: Record<ReportLanguage, DemoCompletionText> = { en, ru };
