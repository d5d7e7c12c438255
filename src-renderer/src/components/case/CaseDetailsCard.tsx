import { Badge, DataList, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { ApiError } from '../../api/client';
import { formatDate } from '../../lib/format';
import { useCasesStore } from '../../stores/cases';
import { ErrorAlert } from '../ErrorAlert';
import { asReportLanguage, useReportLanguageOptions } from '../ReportLanguagePicker';

/** The case's report language: chosen at creation, changeable here until a report version is sealed. */
function ReportLanguageControl({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const setReportLanguage = useCasesStore((s) => s.setReportLanguage);
  const languages = useReportLanguageOptions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const change = async (value: string) => {
    setBusy(true);
    setError(await setReportLanguage(asReportLanguage(value)));
    setBusy(false);
  };
  return (
    <Stack gap={4} align="flex-start">
      <SegmentedControl
        size="xs"
        aria-label={t('case.reportLanguage')}
        data={languages}
        value={detail.reportLanguage}
        onChange={(value) => void change(value)}
        disabled={busy || detail.hasSealedReport}
        data-testid="case-report-language"
      />
      {detail.hasSealedReport && (
        <Text size="xs" c="dimmed">
          {t('case.reportLanguageSealed')}
        </Text>
      )}
      {error && <ErrorAlert error={error} />}
    </Stack>
  );
}

export function CaseDetailsCard({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const none = (
    <Text span size="sm" c="dimmed">
      {t('case.none')}
    </Text>
  );
  const orNone = (value: ReactNode) => (value === '' || value === null || value === undefined ? none : value);
  const op = detail.operator;
  const contact = [op.contactPerson, op.phone, op.email].filter(Boolean);

  const items: [string, ReactNode][] = [
    [t('case.operator'), op.legalName],
    [t('case.identificationNumber'), op.identificationNumber],
    [
      t('case.roles'),
      <Group gap={4} key="roles">
        {op.roles.map((role) => (
          <Badge key={role} size="sm" color="gray">
            {t(`operatorRoles.${role}`)}
          </Badge>
        ))}
      </Group>,
    ],
    [t('case.address'), orNone(op.address)],
    [
      t('case.contact'),
      contact.length > 0 ? (
        <Stack gap={0} key="contact">
          {contact.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </Stack>
      ) : (
        none
      ),
    ],
    [t('case.openedOn'), formatDate(detail.openedOn, i18n.language)],
    [t('case.dueOn'), orNone(formatDate(detail.dueOn, i18n.language))],
    [t('case.leadValidator'), detail.leadValidator],
    [t('case.team'), orNone(detail.team.join(', '))],
    [t('case.reportLanguage'), <ReportLanguageControl key="lang" detail={detail} />],
    [t('case.notes'), orNone(detail.notes && <span style={{ whiteSpace: 'pre-wrap' }}>{detail.notes}</span>)],
  ];

  return (
    <Paper component="section" aria-labelledby="case-details-title">
      <Title order={2} id="case-details-title" mb="sm">
        {t('case.details')}
      </Title>
      <DataList size="sm" labelWidth={180} gap={6}>
        {items.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Paper>
  );
}
