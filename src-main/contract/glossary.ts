import { criterionConclusions, recommendations } from './assessment';
import { aeoTypes, stepStatuses } from './cases';
import { applicationDocumentKinds, authorizationDecisions } from './certification';
import { complianceScale, wcoCriteria } from './checklist-template';
import { monitoringFrequencies, monitoringMeasures } from './control-plan';
import { mergeFieldNames, mergeFieldTerms } from './merge-fields';
import { operatorRoles } from './operators';
import { accountManagerFunctions, monitoringEntryKinds, monitoringOutcomes, reevaluationScopes } from './post-certification';
import { siteKinds } from './plan';
import { riskLevels } from './risk-scale';
import { controlEffectiveness, findingStatuses, riskResponses } from './risks';

/*
 * The one source of the words for the contract's enum values, in both working languages: the app's screens
 * (through i18next, see src-renderer/src/i18n/glossary.ts) and the printed report and control plan
 * (src-main/report/i18n.ts) read them here, so a frequency or a response reads the same on screen and on paper.
 * The wording is the official report's; a new enum value fails to compile until it has both languages.
 */

export type GlossaryLanguage = 'en' | 'ru';
export type Term = Readonly<Record<GlossaryLanguage, string>>;
type Terms<T extends readonly string[]> = Readonly<Record<T[number], Term>>;

export const glossary = {
  frequencies: {
    once: { en: 'Once', ru: 'Однократно' },
    monthly: { en: 'Monthly', ru: 'Ежемесячно' },
    quarterly: { en: 'Quarterly', ru: 'Ежеквартально' },
    semiannually: { en: 'Every six months', ru: 'Раз в полугодие' },
    annually: { en: 'Annually', ru: 'Ежегодно' },
    ongoing: { en: 'Ongoing', ru: 'Постоянно' },
    on_trigger: { en: 'When triggered', ru: 'При наступлении оснований' },
  } satisfies Terms<typeof monitoringFrequencies>,
  measures: {
    post_clearance_audit: { en: 'Post-clearance audit', ru: 'Таможенная проверка после выпуска товаров' },
    document_check: { en: 'Document check', ru: 'Проверка документов' },
    unannounced_visit: { en: 'Unannounced visit', ru: 'Выезд без предварительного уведомления' },
    announced_visit: { en: 'Announced visit', ru: 'Выезд с предварительным уведомлением' },
    data_analysis_indicator: { en: 'Data-analysis indicator', ru: 'Индикатор по результатам анализа данных' },
    self_assessment_review: { en: 'Review of the operator\'s self-assessment', ru: 'Анализ самооценки оператора' },
    other: { en: 'Other', ru: 'Иная мера' },
  } satisfies Terms<typeof monitoringMeasures>,
  riskLevels: {
    low: { en: 'Low', ru: 'Низкий' },
    medium: { en: 'Medium', ru: 'Средний' },
    high: { en: 'High', ru: 'Высокий' },
    critical: { en: 'Critical', ru: 'Критический' },
  } satisfies Terms<typeof riskLevels>,
  responses: {
    accept: { en: 'Accept', ru: 'Принять риск' },
    improvement_action: { en: 'Improvement action required', ru: 'Требуются меры по улучшению' },
    condition: { en: 'Condition of authorization', ru: 'Условие присвоения статуса' },
    refuse: { en: 'Grounds to refuse', ru: 'Основание для отказа' },
  } satisfies Terms<typeof riskResponses>,
  effectiveness: {
    effective: { en: 'Effective', ru: 'Эффективны' },
    partially_effective: { en: 'Partially effective', ru: 'Частично эффективны' },
    ineffective: { en: 'Not effective', ru: 'Неэффективны' },
    not_tested: { en: 'Not tested', ru: 'Не проверялись' },
  } satisfies Terms<typeof controlEffectiveness>,
  findingStatuses: {
    open: { en: 'Open', ru: 'Открыто' },
    in_progress: { en: 'In progress', ru: 'Выполняется' },
    implemented: { en: 'Implemented', ru: 'Выполнено' },
    verified: { en: 'Verified', ru: 'Выполнение проверено' },
    cancelled: { en: 'Cancelled', ru: 'Отменено' },
  } satisfies Terms<typeof findingStatuses>,
  recommendations: {
    grant: { en: 'Grant AEO status', ru: 'Присвоить статус УЭО' },
    grant_with_conditions: { en: 'Grant AEO status with conditions', ru: 'Присвоить статус УЭО с условиями' },
    postpone: { en: 'Postpone the decision', ru: 'Отложить принятие решения' },
    refuse: { en: 'Refuse AEO status', ru: 'Отказать в присвоении статуса УЭО' },
  } satisfies Terms<typeof recommendations>,
  conclusions: {
    met: { en: 'Met', ru: 'Соответствует' },
    met_with_improvements: { en: 'Met, subject to improvement actions', ru: 'Соответствует при условии выполнения мер по улучшению' },
    not_met: { en: 'Not met', ru: 'Не соответствует' },
    not_applicable: { en: 'Not applicable', ru: 'Неприменимо' },
  } satisfies Terms<typeof criterionConclusions>,
  criteria: {
    A: { en: 'Compliance with customs requirements', ru: 'Соблюдение таможенных требований' },
    B: { en: 'Management of commercial records', ru: 'Ведение коммерческой документации' },
    C: { en: 'Financial viability', ru: 'Финансовая устойчивость' },
    D: { en: 'Consultation, co-operation and communication', ru: 'Консультации, сотрудничество и взаимодействие' },
    E: { en: 'Education, training and awareness', ru: 'Обучение, подготовка и осведомлённость' },
    F: { en: 'Information exchange, access and confidentiality', ru: 'Обмен информацией, доступ к ней и конфиденциальность' },
    G: { en: 'Cargo security', ru: 'Безопасность грузов' },
    H: { en: 'Conveyance security', ru: 'Безопасность транспортных средств' },
    I: { en: 'Premises security', ru: 'Безопасность помещений' },
    J: { en: 'Personnel security', ru: 'Безопасность персонала' },
    K: { en: 'Trading partner security', ru: 'Безопасность деловых партнёров' },
    L: { en: 'Crisis management and incident recovery', ru: 'Управление кризисными ситуациями и восстановление после инцидентов' },
    M: { en: 'Measurement, analyses and improvement', ru: 'Измерение, анализ и улучшение' },
  } satisfies Terms<typeof wcoCriteria>,
  stepStatuses: {
    not_started: { en: 'Not started', ru: 'Не начат' },
    in_progress: { en: 'In progress', ru: 'В работе' },
    done: { en: 'Done', ru: 'Выполнен' },
    skipped: { en: 'Skipped', ru: 'Пропущен' },
  } satisfies Terms<typeof stepStatuses>,
  aeoTypes: {
    security_safety: { en: 'Security and safety', ru: 'Безопасность и защищённость' },
    customs_simplifications: { en: 'Customs simplifications', ru: 'Таможенные упрощения' },
    both: { en: 'Security and safety + customs simplifications', ru: 'Безопасность и защищённость + таможенные упрощения' },
  } satisfies Terms<typeof aeoTypes>,
  operatorRoles: {
    importer: { en: 'Importer', ru: 'Импортёр' },
    exporter: { en: 'Exporter', ru: 'Экспортёр' },
    customs_broker: { en: 'Customs broker', ru: 'Таможенный представитель' },
    freight_forwarder: { en: 'Freight forwarder', ru: 'Экспедитор' },
    carrier: { en: 'Carrier', ru: 'Перевозчик' },
    warehouse_operator: { en: 'Warehouse operator', ru: 'Владелец склада' },
    manufacturer: { en: 'Manufacturer', ru: 'Производитель' },
  } satisfies Terms<typeof operatorRoles>,
  siteKinds: {
    office: { en: 'Office', ru: 'Офис' },
    warehouse: { en: 'Warehouse', ru: 'Склад' },
    terminal: { en: 'Terminal', ru: 'Терминал' },
    production: { en: 'Production site', ru: 'Производственная площадка' },
    yard: { en: 'Yard', ru: 'Открытая площадка' },
    other: { en: 'Other', ru: 'Иное' },
  } satisfies Terms<typeof siteKinds>,
  answers: {
    compliant: { en: 'Compliant', ru: 'Соответствует' },
    partially_compliant: { en: 'Partially compliant', ru: 'Частично соответствует' },
    non_compliant: { en: 'Non-compliant', ru: 'Не соответствует' },
    not_applicable: { en: 'Not applicable', ru: 'Неприменимо' },
    not_verified: { en: 'Not verified', ru: 'Не проверено' },
  } satisfies Terms<typeof complianceScale>,
  ...cycleTerms(),
  /** The fields a team merge's conflict names (issue 12), kept beside their list in merge-fields.ts. */
  mergeFields: mergeFieldTerms satisfies Terms<typeof mergeFieldNames>,
};

/** The certification cycle's words (issue 13): application documents, decisions, account manager, monitoring. */
function cycleTerms() {
  return {
    applicationDocuments: {
      application_form: { en: 'Application form', ru: 'Заявление' },
      saq: { en: 'Self-assessment questionnaire (SAQ)', ru: 'Анкета самооценки' },
      security_profile: { en: 'Security profile', ru: 'Профиль безопасности' },
      company_registration: { en: 'Company registration documents', ru: 'Регистрационные документы компании' },
      financial_statements: { en: 'Financial statements', ru: 'Финансовая отчётность' },
      procedures_manual: { en: 'Procedures manual', ru: 'Руководство по процедурам' },
      other: { en: 'Other document', ru: 'Иной документ' },
    } satisfies Terms<typeof applicationDocumentKinds>,
    decisions: {
      granted: { en: 'Status granted', ru: 'Статус присвоен' },
      granted_with_conditions: { en: 'Status granted with conditions', ru: 'Статус присвоен с условиями' },
      refused: { en: 'Status refused', ru: 'В присвоении статуса отказано' },
      deferred: { en: 'Decision deferred', ru: 'Принятие решения отложено' },
    } satisfies Terms<typeof authorizationDecisions>,
    accountManagerFunctions: {
      day_to_day_questions: { en: 'Answering the AEO\'s questions day to day', ru: 'Ответы на текущие вопросы УЭО' },
      information_exchange: { en: 'Exchange of information and reports with the AEO', ru: 'Обмен информацией и отчётами с УЭО' },
      meetings_and_visits: { en: 'Arranging meetings and business visits', ru: 'Организация встреч и деловых визитов' },
      advance_notice_of_changes: {
        en: 'Advance notice of changes affecting compliance',
        ru: 'Заблаговременное информирование об изменениях, влияющих на соблюдение требований',
      },
      institutional_networks: { en: 'Building networks with key institutions', ru: 'Налаживание связей с ключевыми организациями' },
    } satisfies Terms<typeof accountManagerFunctions>,
    monitoringKinds: {
      monitoring_activity: { en: 'Monitoring activity', ru: 'Мероприятие мониторинга' },
      incident: { en: 'Incident', ru: 'Инцидент' },
      change_notified: { en: 'Change notified by the operator', ru: 'Изменение, о котором сообщил оператор' },
    } satisfies Terms<typeof monitoringEntryKinds>,
    monitoringOutcomes: {
      satisfactory: { en: 'Satisfactory', ru: 'Удовлетворительно' },
      deviation_found: { en: 'Deviation found', ru: 'Выявлено несоответствие' },
      follow_up_required: { en: 'Follow-up required', ru: 'Требуются дальнейшие действия' },
    } satisfies Terms<typeof monitoringOutcomes>,
    reevaluationScopes: {
      full: { en: 'Full re-evaluation', ru: 'Полная повторная оценка' },
      partial: { en: 'Partial re-evaluation', ru: 'Частичная повторная оценка' },
    } satisfies Terms<typeof reevaluationScopes>,
  };
}

export type Glossary = typeof glossary;

/*
 * Customs terms that name things rather than enum values: the screens (src-renderer/src/i18n/glossary.ts) and the
 * printed report (report/i18n.ts) take these words from here, and the templates and every other Russian text must
 * not render them another way: `rejectedVariants` lists the renderings a reader would otherwise meet, and
 * test/main/glossary-terms.test.ts scans the translations, the print strings and the shipped templates for them.
 */
export const terms = {
  aeo: { en: 'Authorized Economic Operator (AEO)', ru: 'уполномоченный экономический оператор (УЭО)' },
  customsAuthority: { en: 'customs authority', ru: 'таможенный орган' },
  wco: { en: 'World Customs Organization (WCO)', ru: 'Всемирная таможенная организация (ВТамО)' },
  safeFramework: { en: 'WCO SAFE Framework', ru: 'Рамочные стандарты ВТамО SAFE' },
  aeoS: { en: 'AEO-S', ru: 'статус УЭО в области безопасности и защищённости' },
  aeoC: { en: 'AEO-C', ru: 'статус УЭО в области таможенных упрощений' },
  reporting: { en: 'Reporting', ru: 'Составление отчёта' },
  controlPlan: { en: 'Control plan', ru: 'План контроля' },
  accountManager: { en: 'Account manager', ru: 'Куратор' },
  checklist: { en: 'Checklist', ru: 'Контрольный перечень' },
  evidence: { en: 'Evidence', ru: 'Подтверждающие материалы' },
  authorizationDate: { en: 'Authorization date', ru: 'Дата присвоения статуса' },
  criterionConclusion: { en: 'Conclusion', ru: 'Вывод' },
  criticalAsset: { en: 'Critical asset', ru: 'Критически важный актив' },
  matters: { en: 'Matters of significance', ru: 'Существенные вопросы' },
  monitoringMeasure: { en: 'Monitoring measure', ru: 'Мера контроля' },
  triggers: { en: 'Triggers', ru: 'Основания для реагирования' },
  customsResponse: { en: 'Customs response', ru: 'Меры таможенного органа' },
  photoCaption: { en: 'Caption', ru: 'Описание' },
  sealed: { en: 'sealed', ru: 'запечатан' },
  undercarriage: { en: 'Outside and undercarriage', ru: 'Наружная поверхность и днище (нижняя рама)' },
  seriousOffence: { en: 'serious criminal offence', ru: 'тяжкое преступление' },
  financialSolvency: { en: 'Financial solvency', ru: 'Платёжеспособность' },
  finding: { en: 'Finding', ru: 'Замечание' },
  interview: { en: 'Interview', ru: 'Интервью' },
} satisfies Record<string, Term>;
export type TermKey = keyof typeof terms;

/**
 * Russian renderings of each term that the glossary does not accept (a test fails on any of them): «таможня» for
 * the customs authority in formal text, «отчётность» (financial reporting) for the reporting step, «ходовая часть»
 * (a vehicle's running gear) for a container's undercarriage, «чек-лист» and «контрольный лист» beside
 * «контрольный перечень», and the words the screens and the report used for the same thing before issue 13.
 */
export const rejectedVariants: Readonly<Record<TermKey, readonly RegExp[]>> = {
  aeo: [/авторизованн\S* экономическ/iu, /\bАЭО\b/u],
  customsAuthority: [/(^|[^\p{L}])таможн(я|и|е|ю|ей|ям|ями|ях)(?!\p{L})/iu],
  wco: [/(^|[^\p{L}])ВТО(?!\p{L})/u],
  safeFramework: [/Рамочн\S* программ/iu, /Рамк\S* SAFE/iu, /SAFE Framework/u],
  aeoS: [/AEO-?S\b/u, /Безопасность и надёжность/iu],
  aeoC: [/AEO-?C\b/u],
  reporting: [/^\s*отчётность\s*$/iu, /шаг\S* \S*отчётност/iu],
  controlPlan: [/план\S* мониторинга/iu],
  accountManager: [/аккаунт/iu, /менеджер по работе/iu],
  checklist: [/чек-лист/iu, /контрольн\S* лист/iu],
  evidence: [/^доказательств/iu, /файл\S* доказательств/iu, /PDF, доказательств/iu],
  authorizationDate: [/дат\S* авторизаци/iu, /(^|[^\p{L}])авторизаци/iu],
  criterionConclusion: [/заключени\S* по критери/iu, /нет заключения/iu],
  criticalAsset: [/критическ(ий|ого|ому|им|ом|ие|их) актив/iu],
  matters: [/^существенные обстоятельства$/iu],
  monitoringMeasure: [/(^|[^\p{L}])мер(а|ы|у|ой|ам|ами|ах)? мониторинга/iu],
  triggers: [/^сигналы/iu, /триггер/iu, /служит сигналом/iu],
  customsResponse: [/реагирование таможни/iu],
  photoCaption: [/подпись к (фото|файлу|снимку|\{\{)/iu],
  // «опечатать» is what one does to premises or a container with a physical seal, not to a signed report.
  sealed: [/утвержд\S* при незакрытых/iu, /дело утверждается/iu, /утвердил отч/iu, /на момент утверждения/iu, /(^|[^\p{L}])опечат(?!к)/iu],
  undercarriage: [/ходов\S* част/iu],
  seriousOffence: [/тяжк\S* уголовн/iu],
  financialSolvency: [/финансов\S* платёжеспособност/iu],
  // The report's findings are «замечания»; the letter to the operator once called them «выявленные обстоятельства».
  finding: [/выявлен\S* обстоятельств/iu, /(^|[^\p{L}])обстоятельств\S* (указанные ниже|требующих)/iu],
  // Step 4 is the initial interview and its records are «протоколы интервью»; the scope once said «собеседования».
  interview: [/собеседовани/iu],
};
export type GlossaryGroup = keyof Glossary;

/** The values each group names, from the contract: what a test checks the glossary against. */
export const glossaryDomains = {
  frequencies: monitoringFrequencies,
  measures: monitoringMeasures,
  riskLevels,
  responses: riskResponses,
  effectiveness: controlEffectiveness,
  findingStatuses,
  recommendations,
  conclusions: criterionConclusions,
  criteria: wcoCriteria,
  stepStatuses,
  aeoTypes,
  operatorRoles,
  siteKinds,
  answers: complianceScale,
  applicationDocuments: applicationDocumentKinds,
  decisions: authorizationDecisions,
  accountManagerFunctions,
  monitoringKinds: monitoringEntryKinds,
  monitoringOutcomes,
  reevaluationScopes,
  mergeFields: mergeFieldNames,
} satisfies Record<GlossaryGroup, readonly string[]>;

/** One group's words in one language, keyed by enum value. */
export function termsIn<G extends GlossaryGroup>(group: G, lang: GlossaryLanguage): Record<keyof Glossary[G], string> {
  const terms = glossary[group] as Record<string, Term>;
  return Object.fromEntries(Object.entries(terms).map(([key, term]) => [key, term[lang]])) as Record<keyof Glossary[G], string>;
}
