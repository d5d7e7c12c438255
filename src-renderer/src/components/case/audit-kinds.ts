import type { TFunction } from 'i18next';

/** The kinds of record the audit log names, with words in both languages; any other is "other record". */
export const auditKinds = [
  'case',
  'plan',
  'site',
  'visit',
  'interview',
  'procedure',
  'run',
  'answer',
  'evidence',
  'blob',
  'risk',
  'risk_link',
  'finding',
  'finding_link',
  'control_measure',
  'assessment',
  'criterion_conclusion',
  'criterion_link',
  'report_version',
  'bundle',
  'system_review',
  'interview_minutes',
] as const;
type AuditKind = (typeof auditKinds)[number];

const isKind = (kind: string): kind is AuditKind => (auditKinds as readonly string[]).includes(kind);

export const kindLabel = (kind: string, t: TFunction) => (isKind(kind) ? t(`audit.kinds.${kind}`) : t('audit.kinds.other'));
