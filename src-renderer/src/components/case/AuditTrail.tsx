import { Alert, Button, Code, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../src-main/contract/audit';
import { StepStatus, ValidationStep } from '../../../../src-main/contract/cases';
import { formatTimestamp } from '../../lib/format';
import { useCasesStore } from '../../stores/cases';
import { ErrorAlert } from '../ErrorAlert';
import { RecordTable } from '../kit/RecordTable';
import { usePick } from '../../stores/pick';

const knownFields = ['currentStep', 'caseNumber', 'aeoType', 'leadValidator', 'team', 'openedOn', 'dueOn', 'notes'] as const;
type KnownField = (typeof knownFields)[number];
const isKnownField = (field: string): field is KnownField => (knownFields as readonly string[]).includes(field);

/** Field names and values in the user's language where the app knows them; anything else as recorded. */
function describe(entry: AuditEntry, t: TFunction): { field: string; before: string | null; after: string | null } {
  if (entry.action === 'create') return { field: t('audit.created'), before: null, after: null };
  const field = entry.field ?? '';
  const stepField = /^steps\.(.+)$/.exec(field)?.[1];
  const step = ValidationStep.safeParse(stepField);
  if (step.success) {
    const status = (value: string | null) => {
      const parsed = StepStatus.safeParse(value);
      return parsed.success ? t(`stepStatus.${parsed.data}`) : value;
    };
    return { field: t(`steps.${step.data}.name`), before: status(entry.before), after: status(entry.after) };
  }
  if (field === 'currentStep') {
    const name = (value: string | null) => {
      const parsed = ValidationStep.safeParse(value);
      return parsed.success ? t(`steps.${parsed.data}.name`) : value;
    };
    return { field: t('audit.fields.currentStep'), before: name(entry.before), after: name(entry.after) };
  }
  return { field: isKnownField(field) ? t(`audit.fields.${field}`) : field, before: entry.before, after: entry.after };
}

export function AuditTrail() {
  const { t, i18n } = useTranslation();
  const { audit, auditError, verification, verifyBusy, verifyAudit } = usePick(
    useCasesStore,
    'audit', 'auditError', 'verification', 'verifyBusy', 'verifyAudit',
  );

  const reason = (text: string) =>
    text.includes('previous-hash')
      ? t('audit.reasonLink')
      : text.includes('UTF-8')
        ? t('audit.reasonText')
        : text.includes('hash')
          ? t('audit.reasonContent')
          : text;

  return (
    <Paper component="section" aria-labelledby="audit-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} id="audit-title">
          {t('audit.title')}
        </Title>
        <Button variant="default" size="xs" loading={verifyBusy} onClick={() => void verifyAudit()}>
          {t('audit.verify')}
        </Button>
      </Group>
      <Stack gap="sm">
        {verification &&
          (verification.ok ? (
            <Alert color="teal" variant="light" role="status" data-testid="audit-verify-result">
              {t('audit.ok', { rows: verification.rows })}
              {verification.reanchored.length > 0 && ` ${t('audit.reanchored', { count: verification.reanchored.length })}`}
            </Alert>
          ) : (
            <Alert
              color="red"
              variant="light"
              role="alert"
              data-testid="audit-verify-result"
              title={t('audit.broken', { seq: verification.firstBroken?.seq ?? '?' })}
            >
              {verification.firstBroken && (
                <Stack gap={4}>
                  <Text size="sm">{reason(verification.firstBroken.reason)}</Text>
                  <Code>{verification.firstBroken.id}</Code>
                </Stack>
              )}
            </Alert>
          ))}
        {auditError && <ErrorAlert error={auditError} />}
        <ScrollArea.Autosize mah={320}>
          <RecordTable<AuditEntry>
            testId="audit-table"
            rowTestId="audit-row"
            rows={audit}
            rowKey={(entry) => entry.id}
            empty={t('audit.empty')}
            tableProps={{ fz: 'xs', verticalSpacing: 4 }}
            columns={[
              { key: 'when', header: t('audit.when'), style: { whiteSpace: 'nowrap' }, cell: (entry) => formatTimestamp(entry.at, i18n.language) },
              { key: 'who', header: t('audit.who'), cell: (entry) => entry.actorName },
              { key: 'field', header: t('audit.field'), cell: (entry) => describe(entry, t).field },
              { key: 'change', header: t('audit.change'), cell: (entry) => <Change {...describe(entry, t)} /> },
            ]}
          />
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}

/** A value's change as "before → after", a dash for a side that is not there. */
function Change({ before, after }: { before: string | null; after: string | null }) {
  if (before === null && after === null) return '—';
  return (
    <Text size="xs" component="span">
      {before ?? '—'}
      {' → '}
      {after ?? '—'}
    </Text>
  );
}
