import type { GlossaryLanguage, Term } from './glossary';

/*
 * The fields a team merge can name in a conflict (issue 12): every field of the rows a case snapshot carries, as
 * the store names them (camelCase). The conflict queue and the merged PDFs show them in the reader's words, never
 * as `requiredAction`; the words live in the glossary (group `mergeFields`), and test/main/merge-fields.test.ts
 * checks that every column of every snapshot table has them.
 */

/** The words for each field, as a label (capitalised where it starts a line on screen). */
export const mergeFieldTerms = {
  accountManager: { en: 'Account manager', ru: 'Куратор' },
  address: { en: 'Address', ru: 'Адрес' },
  aeoType: { en: 'AEO type', ru: 'Вид статуса УЭО' },
  authorizationDate: { en: 'Authorization date', ru: 'Дата присвоения статуса' },
  caption: { en: 'Caption', ru: 'Описание' },
  caseId: { en: 'Case', ru: 'Дело' },
  caseNumber: { en: 'Case number', ru: 'Номер дела' },
  conclusion: { en: 'Conclusion', ru: 'Вывод' },
  consequence: { en: 'Consequence', ru: 'Последствия' },
  contactPerson: { en: 'Contact person', ru: 'Контактное лицо' },
  controlTesting: { en: 'Control testing', ru: 'Проверка мер контроля' },
  controls: { en: 'Controls', ru: 'Меры контроля' },
  controlsEffective: { en: 'Controls effective', ru: 'Эффективность мер контроля' },
  criterion: { en: 'Criterion', ru: 'Критерий' },
  criticalAsset: { en: 'Critical asset', ru: 'Критически важный актив' },
  customsResponse: { en: 'Customs response', ru: 'Меры таможенного органа' },
  date: { en: 'Date', ru: 'Дата' },
  deadline: { en: 'Deadline', ru: 'Срок' },
  description: { en: 'Description', ru: 'Описание' },
  dueOn: { en: 'Due date', ru: 'Срок завершения' },
  effectiveDate: { en: 'Document date', ru: 'Дата документа' },
  email: { en: 'Email', ru: 'Электронная почта' },
  endTime: { en: 'End time', ru: 'Время окончания' },
  endsOn: { en: 'End date', ru: 'Дата окончания' },
  findingId: { en: 'Finding', ru: 'Замечание' },
  finishedAt: { en: 'Finished at', ru: 'Время завершения' },
  finishedBy: { en: 'Finished by', ru: 'Завершил' },
  finishedByName: { en: 'Finished by (name)', ru: 'Завершил (имя)' },
  frequency: { en: 'Frequency', ru: 'Периодичность' },
  held: { en: 'Held', ru: 'Проведено' },
  id: { en: 'Identifier', ru: 'Идентификатор' },
  identificationNumber: { en: 'Identification number', ru: 'Идентификационный номер' },
  itemId: { en: 'Checklist item', ru: 'Пункт контрольного перечня' },
  kind: { en: 'Kind', ru: 'Вид' },
  label: { en: 'Label', ru: 'Обозначение' },
  leadValidator: { en: 'Lead validator', ru: 'Ведущий валидатор' },
  legalName: { en: 'Legal name', ru: 'Наименование организации' },
  likelihood: { en: 'Likelihood', ru: 'Вероятность' },
  mattersOfSignificance: { en: 'Matters of significance', ru: 'Существенные вопросы' },
  measure: { en: 'Monitoring measure', ru: 'Мера контроля' },
  mediaType: { en: 'File type', ru: 'Тип файла' },
  metadata: { en: 'Run details', ru: 'Сведения о проверке' },
  method: { en: 'Method', ru: 'Метод' },
  name: { en: 'Name', ru: 'Наименование' },
  note: { en: 'Note', ru: 'Примечание' },
  notes: { en: 'Notes', ru: 'Примечания' },
  openedOn: { en: 'Opened on', ru: 'Дата открытия' },
  operatorId: { en: 'Operator', ru: 'Оператор' },
  owner: { en: 'Owner', ru: 'Ответственный' },
  partialReevaluationAreas: { en: 'Areas of partial re-evaluation', ru: 'Области частичной повторной оценки' },
  person: { en: 'Person interviewed', ru: 'Опрашиваемое лицо' },
  phone: { en: 'Phone', ru: 'Телефон' },
  position: { en: 'Order', ru: 'Порядок' },
  reason: { en: 'Reason', ru: 'Обоснование' },
  reasoning: { en: 'Reasoning', ru: 'Обоснование' },
  recommendation: { en: 'Recommendation', ru: 'Рекомендация' },
  removedAt: { en: 'Removed', ru: 'Удалено' },
  reportLanguage: { en: 'Report language', ru: 'Язык отчёта' },
  requiredAction: { en: 'Required action', ru: 'Требуемое действие' },
  residualConsequence: { en: 'Residual consequence', ru: 'Остаточные последствия' },
  residualLikelihood: { en: 'Residual likelihood', ru: 'Остаточная вероятность' },
  residualReason: { en: 'Reason for the residual score', ru: 'Обоснование остаточной оценки' },
  resources: { en: 'Resources', ru: 'Ресурсы' },
  response: { en: 'Response', ru: 'Реагирование' },
  responseNotes: { en: 'Response notes', ru: 'Пояснения к реагированию' },
  riskId: { en: 'Risk', ru: 'Риск' },
  role: { en: 'Role', ru: 'Должность' },
  roles: { en: 'Roles in the supply chain', ru: 'Роли в цепи поставок' },
  runId: { en: 'Checklist run', ru: 'Проверка по контрольному перечню' },
  sha256: { en: 'File content (SHA-256)', ru: 'Содержимое файла (SHA-256)' },
  signatureSha256: { en: 'Signature', ru: 'Подпись' },
  siteId: { en: 'Site', ru: 'Объект' },
  size: { en: 'Size', ru: 'Размер' },
  startTime: { en: 'Start time', ru: 'Время начала' },
  startsOn: { en: 'Start date', ru: 'Дата начала' },
  status: { en: 'Status', ru: 'Статус' },
  step: { en: 'Step', ru: 'Этап' },
  target: { en: 'Linked record kind', ru: 'Вид связанной записи' },
  targetId: { en: 'Linked record', ru: 'Связанная запись' },
  team: { en: 'Team', ru: 'Группа' },
  teamLead: { en: 'Team lead', ru: 'Руководитель группы' },
  template: { en: 'Checklist', ru: 'Контрольный перечень' },
  templateId: { en: 'Checklist', ru: 'Контрольный перечень' },
  templateRowId: { en: 'Checklist version', ru: 'Версия контрольного перечня' },
  text: { en: 'Conclusion text', ru: 'Текст вывода' },
  threat: { en: 'Threat', ru: 'Угроза' },
  title: { en: 'Title', ru: 'Название' },
  topics: { en: 'Topics', ru: 'Темы' },
  triggers: { en: 'Triggers', ru: 'Основания для реагирования' },
  validators: { en: 'Validators', ru: 'Валидаторы' },
  value: { en: 'Answer', ru: 'Ответ' },
  vulnerability: { en: 'Vulnerability', ru: 'Уязвимость' },
} as const satisfies Readonly<Record<string, Term>>;
export type MergeFieldName = keyof typeof mergeFieldTerms;

/** The fields, as the glossary's list of values for the group. */
export const mergeFieldNames = Object.keys(mergeFieldTerms) as MergeFieldName[];

const isMergeField = (field: string): field is MergeFieldName => Object.hasOwn(mergeFieldTerms, field);

/** A field as people read it; a field the list does not know (a newer laptop's column) stays as it is. */
export function fieldLabel(field: string, lang: GlossaryLanguage): string {
  return isMergeField(field) ? mergeFieldTerms[field][lang] : field;
}

/** Several fields, in the reader's words, one after the other. */
export const fieldLabels = (fields: readonly string[], lang: GlossaryLanguage): string => fields.map((f) => fieldLabel(f, lang)).join(', ');
