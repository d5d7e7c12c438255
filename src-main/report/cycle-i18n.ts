import { termsIn } from '../contract/glossary';
import type { ReportLanguage } from '../contract/reports';

/*
 * The printed words of the certification cycle (issue 13): the application section of the validation report, the
 * account manager section of the control plan, and the improvement-actions letter. Enum values come from the
 * shared glossary, as on screen. Kept beside report/i18n.ts rather than in it, so the sections stay self-contained.
 */

/** The words for enum values in one language, from the glossary the screens use; both tables below take them from here. */
const glossaryLabels = (lang: ReportLanguage) => ({
  functions: termsIn('accountManagerFunctions', lang),
  decisions: termsIn('decisions', lang),
  documentKinds: termsIn('applicationDocuments', lang),
  scopes: termsIn('reevaluationScopes', lang),
  aeoTypes: termsIn('aeoTypes', lang),
});

const en = {
  application: {
    title: 'Application',
    receivedOn: 'Application received',
    reference: 'Application reference',
    // The same words as the operator profile's line (report/i18n.ts operator.aeoType): one thing, one label.
    profile: 'AEO status applied for',
    documents: 'Documents received',
    document: 'Document',
    received: 'Received',
    noDocuments: 'No documents recorded.',
    reevaluationOf: 'Re-evaluation of',
    scope: 'Scope',
    areas: 'Areas re-evaluated',
  },
  accountManager: {
    title: 'Account manager',
    name: 'Account manager',
    position: 'Position',
    contact: 'Contact',
    assignedOn: 'Assigned on',
    none: 'No account manager assigned yet.',
    activities: 'Activities of the account manager',
    date: 'Date',
    function: 'Function',
    note: 'Note',
    recordedBy: 'By',
    noActivities: 'No activities recorded yet.',
  },
  letter: {
    title: 'Improvement actions',
    subject: (caseNumber: string) => `Subject: improvement actions following the AEO validation, case ${caseNumber}`,
    to: 'To',
    date: 'Date',
    identification: 'Identification number',
    dear: (name: string) => (name ? `Dear ${name},` : 'Dear Sir or Madam,'),
    decisionLine: 'The customs authority has decided on your application for the status of Authorized Economic Operator:',
    decision: 'Decision',
    decidedOn: 'Date of decision',
    certificate: 'Certificate number',
    register: 'Entry in the AEO register',
    conditions: 'Conditions of the authorization',
    actionsIntro:
      'The validation found the matters below. We ask you to carry out the improvement actions by the dates given and to tell your account manager when each is complete; they will be verified in the monitoring of your status.',
    noActions: 'The validation found no matters that require improvement actions.',
    no: 'No.',
    finding: 'Finding',
    action: 'Improvement action required',
    owner: 'Responsible',
    deadline: 'Deadline',
    notSet: 'not set',
    basis: (version: number) => `This letter rests on version ${version} of the sealed validation report.`,
    accountManager: 'Your account manager',
    closing: 'Yours faithfully,',
    leadValidator: 'Lead validator',
    teamLead: 'Team lead',
    signature: 'Signature',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  ...glossaryLabels('en'),
};

export type CycleStrings = typeof en;

const ru: CycleStrings = {
  application: {
    title: 'Заявление',
    receivedOn: 'Дата получения заявления',
    reference: 'Регистрационный номер заявления',
    profile: 'Вид статуса УЭО',
    documents: 'Полученные документы',
    document: 'Документ',
    received: 'Дата получения',
    noDocuments: 'Документы не зарегистрированы.',
    reevaluationOf: 'Повторная оценка по делу',
    scope: 'Объём',
    areas: 'Направления повторной оценки',
  },
  accountManager: {
    title: 'Куратор',
    name: 'Куратор',
    position: 'Должность',
    contact: 'Контакты',
    assignedOn: 'Дата назначения',
    none: 'Куратор пока не назначен.',
    activities: 'Деятельность куратора',
    date: 'Дата',
    function: 'Функция',
    note: 'Примечание',
    recordedBy: 'Кто',
    noActivities: 'Записей о деятельности пока нет.',
  },
  letter: {
    title: 'Меры по улучшению',
    subject: (caseNumber: string) => `О мерах по улучшению по результатам валидации УЭО, дело ${caseNumber}`,
    to: 'Кому',
    date: 'Дата',
    identification: 'Идентификационный номер',
    dear: (name: string) => (name ? `Уважаемый(ая) ${name}!` : 'Уважаемые господа!'),
    decisionLine: 'Таможенный орган принял решение по вашему заявлению о присвоении статуса уполномоченного экономического оператора:',
    decision: 'Решение',
    decidedOn: 'Дата решения',
    certificate: 'Номер свидетельства',
    register: 'Запись в реестре УЭО',
    conditions: 'Условия присвоения статуса',
    actionsIntro:
      'По результатам валидации сделаны замечания, указанные ниже. Просим выполнить меры по улучшению в указанные сроки и сообщить куратору о выполнении каждой из них; выполнение будет проверено в ходе мониторинга.',
    noActions: 'По результатам валидации замечаний, требующих мер по улучшению, нет.',
    no: '№',
    finding: 'Замечание',
    action: 'Требуемая мера по улучшению',
    owner: 'Ответственный',
    deadline: 'Срок',
    notSet: 'не установлен',
    basis: (version: number) => `Письмо составлено на основании запечатанного отчёта о валидации, версия ${version}.`,
    accountManager: 'Ваш куратор',
    closing: 'С уважением,',
    leadValidator: 'Ведущий валидатор',
    teamLead: 'Руководитель группы',
    signature: 'Подпись',
    page: (n: number, of: number) => `Страница ${n} из ${of}`,
  },
  ...glossaryLabels('ru'),
};

export const cycleStrings: Record<ReportLanguage, CycleStrings> = { en, ru };
