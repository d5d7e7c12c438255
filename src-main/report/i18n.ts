import type { ValidationStep } from '../contract/cases';
import { terms, termsIn, type TermKey } from '../contract/glossary';
import type { ReportLanguage } from '../contract/reports';

/*
 * Print strings for the validation report and control plan, in the two working languages. Russian is written as
 * official Russian, not translated word for word. `ru` has the type of `en`, so a missing key fails to compile. The
 * words for enum values (frequencies, responses, levels…) come from the glossary the app uses too (contract/glossary.ts).
 */

/** A glossary term in one language: the report prints the words the screens show (contract/glossary.ts). */
const term = (key: TermKey, lang: ReportLanguage): string => terms[key][lang];

const pluralRules = { en: new Intl.PluralRules('en'), ru: new Intl.PluralRules('ru') };

/**
 * The form of a word that agrees with the count n, by the CLDR rules Intl carries: 1 месяц, 2 месяца, 5 месяцев,
 * 11 месяцев, 21 месяц. A category without its own form falls back to `other`.
 */
export function plural(lang: ReportLanguage, n: number, forms: Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>): string {
  return forms[pluralRules[lang].select(n)] ?? forms.other;
}

/** Risk levels are printed inside sentences and cells ("high (12)"), so in lower case. */
const lowercase = <K extends string>(terms: Record<K, string>, lang: ReportLanguage): Record<K, string> =>
  Object.fromEntries(Object.entries<string>(terms).map(([key, label]) => [key, label.toLocaleLowerCase(lang)])) as Record<K, string>;

/** The words for enum values in one language, as the screens show them: both tables below take them from here. */
const glossaryLabels = (lang: ReportLanguage) => ({
  riskLevels: lowercase(termsIn('riskLevels', lang), lang),
  responses: termsIn('responses', lang),
  effectiveness: termsIn('effectiveness', lang),
  findingStatus: termsIn('findingStatuses', lang),
  recommendations: termsIn('recommendations', lang),
  criterionConclusions: termsIn('conclusions', lang),
  answerValues: termsIn('answers', lang),
  measures: termsIn('measures', lang),
  frequencies: termsIn('frequencies', lang),
  criteria: termsIn('criteria', lang),
  stepStatus: termsIn('stepStatuses', lang),
  aeoTypes: termsIn('aeoTypes', lang),
  operatorRoles: termsIn('operatorRoles', lang),
  siteKinds: termsIn('siteKinds', lang),
});

const en = {
  reportTitle: 'Validation report',
  controlPlanTitle: 'Control plan',
  subtitle: 'Authorized Economic Operator validation (WCO SAFE Framework)',
  caseLabel: 'Case',
  versionLabel: (n: number) => `version ${n}`,
  preview: 'preview, not saved',
  draft: 'draft',
  sealed: terms.sealed.en,
  page: (x: number, y: number) => `Page ${x} of ${y}`,
  contents: 'Contents',
  notAssessed: 'not assessed',
  notSet: 'not set',
  none: 'none',
  yes: 'yes',
  no: 'no',
  composedAt: 'Composed',
  versionKey: 'Report version',
  months: (n: number) => `${n} ${plural('en', n, { one: 'month', other: 'months' })}`,

  sections: {
    operator: 'Operator profile',
    scope: 'Scope and the plan as carried out',
    method: 'Method',
    conclusions: 'Conclusions per WCO SAFE criterion',
    matters: term('matters', 'en'),
    risks: 'Risks identified and tested',
    residual: 'Residual risks',
    findings: 'Findings and improvement actions',
    recommendation: 'Recommendation',
    signatures: 'Signatures',
    annex: `Annex: ${term('evidence', 'en').toLowerCase()}`,
    audit: 'Audit trail summary',
    cpOverview: 'Authorization and re-evaluation',
    cpMeasures: 'Monitoring measures per residual risk',
    cpSchedule: 'Schedule',
    cpUnmonitored: 'Residual risks without a monitoring measure',
  },

  operator: {
    legalName: 'Legal name',
    identificationNumber: 'Identification number',
    roles: 'Roles in the supply chain',
    address: 'Address',
    contactPerson: 'Contact person',
    phone: 'Phone',
    email: 'Email',
    aeoType: 'AEO status applied for',
    openedOn: 'Case opened',
    dueOn: 'Due',
    leadValidator: 'Lead validator',
    team: 'Validation team',
  },

  scope: {
    timeFrame: 'Planned time frame',
    resources: 'Resources',
    steps: 'Validation steps',
    step: 'Step',
    status: 'Status',
    sites: 'Sites',
    site: 'Site',
    kind: 'Kind',
    visitDates: 'Visit dates',
    visited: 'Visited',
    interviews: 'Interviews',
    person: 'Person',
    role: 'Role',
    topics: 'Topics',
    date: 'Date',
    held: 'Held',
    checklists: 'Checklists run',
    checklist: term('checklist', 'en'),
    label: 'Label',
    answered: 'Answered',
    deviations: 'Deviations',
    noSites: 'No sites were planned.',
    noInterviews: 'No interviews were planned.',
    noRuns: 'No checklists were run.',
  },

  method: {
    standard: [
      'The validation followed the nine validation steps of the CAREC / WCO validator guidance: planning, information gathering, study of the business systems, an initial interview with management, risk assessment, testing of the internal controls on site, response to residual risk, reporting and the control plan.',
      'Risks were assessed as an ISO 28000 security risk assessment (aligned with ISO 31000): critical assets, threats and vulnerabilities were identified, and likelihood and consequence were each rated from 1 to 5. The level of each risk follows from the 5×5 matrix below, before (inherent) and after (residual) the operator\'s internal controls as tested by the validators.',
      'Evidence (photographs and documents) is kept in a content-addressed store; each file is identified in the annex by its SHA-256 hash. Every change to the case is recorded in a hash-chained audit log.',
    ],
    matrix: 'Risk matrix in use: the level of each likelihood and consequence',
  },

  conclusions: {
    criterion: 'Criterion',
    conclusion: term('criterionConclusion', 'en'),
    summary: 'Compliance summary',
    remarks: 'Validators\' conclusion',
    items: (n: number) => `${n} ${plural('en', n, { one: 'item', other: 'items' })}`,
    risks: (n: number) => `${n} ${plural('en', n, { one: 'risk', other: 'risks' })}`,
    deviationsTitle: 'Items found non-compliant or partially compliant',
    answer: 'Answer',
    note: 'Note',
    item: 'Item',
    noDeviations: 'No item was answered non-compliant or partially compliant.',
  },

  risk: {
    no: 'No.',
    risk: 'Risk',
    criterion: 'Criterion',
    site: 'Site',
    asset: term('criticalAsset', 'en'),
    threat: 'Threat',
    vulnerability: 'Vulnerability',
    likelihood: 'Likelihood',
    consequence: 'Consequence',
    lxc: 'L × C',
    score: 'Score',
    level: 'Level',
    inherent: 'Inherent',
    residual: 'Residual',
    controls: 'Internal controls',
    testing: 'How their effectiveness was tested',
    effectiveness: 'Effectiveness',
    response: 'Response',
    responseNotes: 'Notes on the response',
    residualAbove: 'Residual above inherent, because',
    basis: 'Based on',
    heatInherent: 'Heat map: inherent risk',
    heatResidual: 'Heat map: residual risk',
    heatNote: 'Each cell lists the risks placed there; its colour and letter show the level (L low, M medium, H high, C critical).',
    axes: 'Rows: likelihood (1–5); columns: consequence (1–5).',
    axisCorner: 'L / C',
    residualNotRated: 'Residual rating not set for',
    noneIdentified: 'No risks were identified.',
  },

  finding: {
    no: 'No.',
    description: 'Finding',
    action: 'Required action',
    owner: 'Owner at the operator',
    deadline: 'Deadline',
    status: 'Status',
    links: 'Linked risks and evidence',
    none: 'No findings were recorded.',
    letterNote: 'The improvement actions below feed the improvement-actions letter of the authorization stage.',
  },

  recommendation: {
    label: 'Recommendation',
    reasoning: 'Reasoning',
  },

  signatures: {
    intro: 'The validators and the team lead confirm that this report reflects the validation as carried out.',
    leadValidator: 'Lead validator',
    validator: 'Validator',
    teamLead: 'Team lead',
    signature: 'Signature',
    date: 'Date',
  },

  annex: {
    caption: term('photoCaption', 'en'),
    file: 'File',
    captured: 'Captured (file date)',
    effective: 'Effective date',
    sha256: 'SHA-256',
    item: 'Checklist item',
    document: 'Document (not reproduced)',
    missing: 'File missing or unreadable',
    altered: 'File does not match its hash',
    none: 'No evidence was attached.',
  },

  audit: {
    rows: 'Rows in the audit log',
    chain: 'Hash chain',
    intact: 'intact',
    broken: 'BROKEN',
    head: 'Chain head hash (SHA-256)',
    caseEntries: 'Entries about this case',
    span: 'First and last entry',
    note: 'The chain head hash identifies the state of the audit log when this report was composed; any later change to an earlier row breaks the chain.',
  },

  controlPlan: {
    authorizationDate: term('authorizationDate', 'en'),
    maxPeriod: 'Maximum monitoring period',
    reevaluationDue: 'Re-evaluation due',
    partialAreas: 'Areas for partial re-evaluation',
    risk: 'Residual risk',
    residualLevel: 'Residual level',
    measure: term('monitoringMeasure', 'en'),
    frequency: 'Frequency',
    startsOn: 'From',
    accountManager: term('accountManager', 'en'),
    triggers: term('triggers', 'en'),
    customsResponse: term('customsResponse', 'en'),
    date: 'Date',
    what: 'What',
    reevaluation: 'Re-evaluation of the operator',
    noMeasures: 'No monitoring measures were planned.',
    noSchedule: 'No dated activities: the authorization date is not set.',
    allMonitored: 'Every residual risk has a monitoring measure.',
  },

  ...glossaryLabels('en'),
  /** "7 compliant": a count and what it counts, agreeing in number (Russian verbs and participles do). */
  summaryParts: {
    compliant: (n: number) => `${n} compliant`,
    partiallyCompliant: (n: number) => `${n} partially`,
    nonCompliant: (n: number) => `${n} non-compliant`,
    notApplicable: (n: number) => `${n} n/a`,
    notVerified: (n: number) => `${n} not verified`,
    unanswered: (n: number) => `${n} unanswered`,
  },
  steps: {
    planning: 'Validation planning',
    information_gathering: 'Information gathering',
    business_systems: 'Study of business systems',
    initial_interview: 'Initial interview',
    risk_assessment: 'Risk assessment',
    conduct_validation: 'Conducting the validation',
    residual_risk: 'Response to residual risk',
    reporting: term('reporting', 'en'),
    control_plan: term('controlPlan', 'en'),
  } satisfies Record<ValidationStep, string>,
};

export type ReportStrings = typeof en;

const ru: ReportStrings = {
  reportTitle: 'Отчёт о валидации',
  controlPlanTitle: 'План контроля',
  subtitle: 'Валидация уполномоченного экономического оператора (Рамочные стандарты ВТамО SAFE)',
  caseLabel: 'Дело',
  versionLabel: (n) => `версия ${n}`,
  preview: 'предварительный просмотр, не сохранён',
  draft: 'проект',
  sealed: terms.sealed.ru,
  page: (x, y) => `Стр. ${x} из ${y}`,
  contents: 'Содержание',
  // Placeholders stand beside nouns of any gender («Дата», «Срок», «Вывод»), so they are noun phrases, never a
  // participle that would have to agree («Дата … не установлено»).
  notAssessed: 'оценка не проведена',
  notSet: 'нет данных',
  none: 'нет',
  yes: 'да',
  no: 'нет',
  composedAt: 'Составлен',
  versionKey: 'Версия отчёта',
  months: (n) => `${n} ${plural('ru', n, { one: 'месяц', few: 'месяца', other: 'месяцев' })}`,

  sections: {
    operator: 'Сведения об операторе',
    scope: 'Объём валидации и фактическое выполнение плана',
    method: 'Методика',
    conclusions: 'Выводы по критериям ВТамО SAFE',
    matters: term('matters', 'ru'),
    risks: 'Выявленные и проверенные риски',
    residual: 'Остаточные риски',
    findings: 'Замечания и меры по улучшению',
    recommendation: 'Рекомендация',
    signatures: 'Подписи',
    annex: `Приложение. ${term('evidence', 'ru')}`,
    audit: 'Сводка журнала аудита',
    cpOverview: 'Присвоение статуса и повторная оценка',
    cpMeasures: 'Меры контроля по остаточным рискам',
    cpSchedule: 'График мероприятий',
    cpUnmonitored: 'Остаточные риски без мер контроля',
  },

  operator: {
    legalName: 'Полное наименование',
    identificationNumber: 'Идентификационный номер',
    roles: 'Роли в цепи поставок',
    address: 'Адрес',
    contactPerson: 'Контактное лицо',
    phone: 'Телефон',
    email: 'Электронная почта',
    aeoType: 'Вид статуса УЭО',
    openedOn: 'Дата открытия дела',
    dueOn: 'Срок завершения',
    leadValidator: 'Ведущий валидатор',
    team: 'Группа валидации',
  },

  scope: {
    timeFrame: 'Сроки по плану',
    resources: 'Ресурсы',
    steps: 'Шаги валидации',
    step: 'Шаг',
    status: 'Статус',
    sites: 'Объекты',
    site: 'Объект',
    kind: 'Тип',
    visitDates: 'Даты посещения',
    visited: 'Посещён',
    interviews: 'Интервью',
    person: 'Лицо',
    role: 'Должность',
    topics: 'Темы',
    date: 'Дата',
    held: 'Проведено',
    checklists: 'Заполненные контрольные перечни',
    checklist: term('checklist', 'ru'),
    label: 'Отметка',
    answered: 'Отвечено',
    deviations: 'Отклонения',
    noSites: 'Объекты для посещения не планировались.',
    noInterviews: 'Интервью не планировались.',
    noRuns: 'Контрольные перечни не заполнялись.',
  },

  method: {
    standard: [
      'Валидация проведена в девять шагов валидации, предусмотренных руководством ЦАРЭС / ВТамО для валидаторов: планирование, сбор информации, изучение бизнес-систем, первичное интервью с руководством, оценка рисков, проверка мер внутреннего контроля на месте, реагирование на остаточный риск, подготовка отчёта и плана контроля.',
      'Риски оценивались в порядке оценки рисков безопасности по ISO 28000 (согласованной с ISO 31000): определены критически важные активы, угрозы и уязвимости; вероятность и последствия оценены по шкале от 1 до 5. Уровень каждого риска определяется по приведённой ниже матрице 5×5 до (присущий риск) и после (остаточный риск) учёта мер внутреннего контроля оператора, эффективность которых проверена валидаторами.',
      'Подтверждающие материалы (фотографии и документы) хранятся в хранилище с адресацией по содержимому; каждый файл указан в приложении с хешем SHA-256. Все изменения по делу фиксируются в журнале аудита, записи которого связаны цепочкой хешей.',
    ],
    matrix: 'Применяемая матрица рисков: уровень в зависимости от вероятности и последствий',
  },

  conclusions: {
    criterion: 'Критерий',
    conclusion: term('criterionConclusion', 'ru'),
    summary: 'Сводка соответствия',
    remarks: 'Обоснование вывода',
    items: (n) => `${n} ${plural('ru', n, { one: 'пункт', few: 'пункта', other: 'пунктов' })}`,
    risks: (n) => `${n} ${plural('ru', n, { one: 'риск', few: 'риска', other: 'рисков' })}`,
    deviationsTitle: 'Пункты с выявленным несоответствием или частичным соответствием',
    answer: 'Ответ',
    note: 'Примечание',
    item: 'Пункт',
    noDeviations: 'Пунктов с несоответствием или частичным соответствием не выявлено.',
  },

  risk: {
    no: '№',
    risk: 'Риск',
    criterion: 'Критерий',
    site: 'Объект',
    asset: term('criticalAsset', 'ru'),
    threat: 'Угроза',
    vulnerability: 'Уязвимость',
    likelihood: 'Вероятность',
    consequence: 'Последствия',
    lxc: 'В × П',
    score: 'Балл',
    level: 'Уровень',
    inherent: 'Присущий',
    residual: 'Остаточный',
    controls: 'Меры внутреннего контроля',
    testing: 'Как проверялась их эффективность',
    effectiveness: 'Эффективность',
    response: 'Реагирование',
    responseNotes: 'Пояснения к реагированию',
    residualAbove: 'Остаточный риск выше исходного, поскольку',
    basis: 'Основания',
    heatInherent: 'Тепловая карта: присущий риск',
    heatResidual: 'Тепловая карта: остаточный риск',
    heatNote: 'В каждой ячейке перечислены относящиеся к ней риски; цвет и буква показывают уровень (Н низкий, С средний, В высокий, К критический).',
    axes: 'Строки: вероятность (1–5); столбцы: последствия (1–5).',
    axisCorner: 'В / П',
    residualNotRated: 'Остаточный риск не оценён для',
    noneIdentified: 'Риски не выявлены.',
  },

  finding: {
    no: '№',
    description: 'Замечание',
    action: 'Требуемые меры',
    owner: 'Ответственный со стороны оператора',
    deadline: 'Срок',
    status: 'Статус',
    links: 'Связанные риски и материалы',
    none: 'Замечаний не зафиксировано.',
    letterNote: 'Перечисленные ниже меры по улучшению включаются в письмо о мерах по улучшению на этапе присвоения статуса.',
  },

  recommendation: {
    label: 'Рекомендация',
    reasoning: 'Обоснование',
  },

  signatures: {
    intro: 'Валидаторы и руководитель группы подтверждают, что настоящий отчёт отражает фактически проведённую валидацию.',
    leadValidator: 'Ведущий валидатор',
    validator: 'Валидатор',
    teamLead: 'Руководитель группы',
    signature: 'Подпись',
    date: 'Дата',
  },

  annex: {
    caption: term('photoCaption', 'ru'),
    file: 'Файл',
    captured: 'Дата съёмки (файла)',
    effective: 'Относится к дате',
    sha256: 'SHA-256',
    item: 'Пункт контрольного перечня',
    document: 'Документ (не воспроизводится)',
    missing: 'Файл отсутствует или не читается',
    altered: 'Файл не совпадает со своим хешем',
    none: 'Подтверждающие материалы не приложены.',
  },

  audit: {
    rows: 'Записей в журнале аудита',
    chain: 'Цепочка хешей',
    intact: 'не нарушена',
    broken: 'НАРУШЕНА',
    head: 'Хеш последней записи цепочки (SHA-256)',
    caseEntries: 'Записей по данному делу',
    span: 'Первая и последняя запись',
    note: 'Хеш последней записи фиксирует состояние журнала аудита на момент составления отчёта; любое последующее изменение более ранней записи нарушает цепочку.',
  },

  controlPlan: {
    authorizationDate: term('authorizationDate', 'ru'),
    maxPeriod: 'Максимальный срок мониторинга',
    reevaluationDue: 'Срок повторной оценки',
    partialAreas: 'Направления частичной повторной оценки',
    risk: 'Остаточный риск',
    residualLevel: 'Уровень остаточного риска',
    measure: term('monitoringMeasure', 'ru'),
    frequency: 'Периодичность',
    startsOn: 'С даты',
    accountManager: term('accountManager', 'ru'),
    triggers: term('triggers', 'ru'),
    customsResponse: term('customsResponse', 'ru'),
    date: 'Дата',
    what: 'Мероприятие',
    reevaluation: 'Повторная оценка оператора',
    noMeasures: 'Меры контроля не запланированы.',
    noSchedule: 'Мероприятия с датами отсутствуют: дата присвоения статуса не установлена.',
    allMonitored: 'Для каждого остаточного риска предусмотрена мера контроля.',
  },

  ...glossaryLabels('ru'),
  // «пункт» is masculine: 1 соответствует, 2 соответствуют, 11 соответствуют; 1 неприменим, 5 неприменимы.
  summaryParts: {
    compliant: (n) => `${n} ${plural('ru', n, { one: 'соответствует', other: 'соответствуют' })}`,
    partiallyCompliant: (n) => `${n} ${plural('ru', n, { one: 'соответствует частично', other: 'соответствуют частично' })}`,
    nonCompliant: (n) => `${n} ${plural('ru', n, { one: 'не соответствует', other: 'не соответствуют' })}`,
    notApplicable: (n) => `${n} ${plural('ru', n, { one: 'неприменим', other: 'неприменимы' })}`,
    notVerified: (n) => `${n} ${plural('ru', n, { one: 'не проверен', other: 'не проверены' })}`,
    unanswered: (n) => `${n} без ответа`,
  },
  steps: {
    planning: 'Планирование валидации',
    information_gathering: 'Сбор информации',
    business_systems: 'Изучение бизнес-систем',
    initial_interview: 'Первичное интервью',
    risk_assessment: 'Оценка рисков',
    conduct_validation: 'Проведение валидации',
    residual_risk: 'Реагирование на остаточный риск',
    reporting: term('reporting', 'ru'),
    control_plan: term('controlPlan', 'ru'),
  },
};


export const reportStrings: Record<ReportLanguage, ReportStrings> = { en, ru };

/** ISO date as printed: 2026-11-02 in English, 02.11.2026 in Russian. */
export function formatDate(date: string, lang: ReportLanguage): string {
  const day = date.slice(0, 10);
  if (lang === 'en') return day;
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * One formatter per time zone: making an Intl.DateTimeFormat costs far more than formatting with it, and the
 * validation report prints a time for every answer, photo and audit entry (232 ms of the RU bench report's worker
 * CPU went to making them, one per time printed; issue 14 profile).
 */
const timestampFormats = new Map<string, Intl.DateTimeFormat>();

function timestampFormat(timeZone: string): Intl.DateTimeFormat {
  let format = timestampFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    timestampFormats.set(timeZone, format);
  }
  return format;
}

/**
 * A stored UTC timestamp as printed, to the minute, in the issuing authority's time zone, with its offset
 * ("2026-11-02 14:05 UTC+5"); UTC unless a zone is given.
 */
export function formatTimestamp(timestamp: string, lang: ReportLanguage, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    timestampFormat(timeZone)
      .formatToParts(new Date(timestamp))
      .map((part) => [part.type, part.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', 'UTC');
  return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`, lang)} ${parts.hour}:${parts.minute} ${offset}`;
}
