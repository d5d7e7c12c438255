import type { ReportLanguage } from '../contract/reports';

/*
 * Print strings of the official form (issuing authority, registration, visits held, closing meeting, approvals),
 * kept beside the report's main strings (i18n.ts) in the same two languages; `ru` has the type of `en`.
 */

const en = {
  issuedBy: 'Issuing customs authority',
  authorityNotSet: 'Issuing customs authority not set',
  registrationNumber: 'Registration number',
  legalBasis: 'Legal basis',
  section: 'Official particulars',
  application: 'Application',
  applicationReference: 'Application reference',
  applicationDate: 'Application received on',
  lookBack: 'Look-back period examined',
  visitsHeld: 'Visits carried out',
  site: 'Site',
  planned: 'Planned for',
  held: 'Held on',
  hours: 'Hours',
  notHeld: 'not recorded as held',
  noVisits: 'No visits were planned.',
  closingMeeting: 'Closing meeting',
  closingDate: 'Date',
  attendees: 'Attended',
  operatorComments: 'Comments of the operator',
  conditions: 'Conditions of the authorization',
  conditionsProposed: 'Conditions proposed by the validators',
  decision: 'Decision',
  approvals: 'Approval',
  approvalNote: 'Approved on behalf of the issuing customs authority:',
  noApprovers: 'No approving officials recorded.',
  name: 'Name',
  position: 'Position',
  signature: 'Signature and date',
  notRecorded: 'not recorded',
  timesIn: (zone: string) => `Times are given in the authority's time zone (${zone}).`,
};

export type OfficialStrings = typeof en;

const ru: OfficialStrings = {
  issuedBy: 'Таможенный орган, выдающий документ',
  authorityNotSet: 'Таможенный орган не указан',
  registrationNumber: 'Регистрационный номер',
  legalBasis: 'Правовое основание',
  section: 'Официальные сведения',
  application: 'Заявление',
  applicationReference: 'Номер заявления',
  applicationDate: 'Дата получения заявления',
  lookBack: 'Проверяемый период',
  visitsHeld: 'Проведённые выезды',
  site: 'Объект',
  planned: 'По плану',
  held: 'Проведён',
  hours: 'Время',
  notHeld: 'проведение не зафиксировано',
  noVisits: 'Выезды не планировались.',
  closingMeeting: 'Заключительное совещание',
  closingDate: 'Дата',
  attendees: 'Присутствовали',
  operatorComments: 'Замечания оператора',
  conditions: 'Условия присвоения статуса',
  conditionsProposed: 'Условия, предлагаемые валидаторами',
  decision: 'Решение',
  approvals: 'Утверждение',
  approvalNote: 'Утверждено от имени таможенного органа:',
  noApprovers: 'Утверждающие должностные лица не указаны.',
  name: 'Ф. И. О.',
  position: 'Должность',
  signature: 'Подпись и дата',
  notRecorded: 'не зафиксировано',
  timesIn: (zone: string) => `Время указано по часовому поясу таможенного органа (${zone}).`,
};

export const officialStrings: Record<ReportLanguage, OfficialStrings> = { en, ru };
