import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeOutcome } from '../../../../src-main/contract/team';
import type { Rejection } from '../../../../src-main/contract/trust';
import type { ApiError } from '../../api/client';
import { shortId } from '../../lib/format';
import { useTeamMergeStore } from '../../stores/team-merge';
import { RecordTable } from '../kit/RecordTable';
import { Section } from '../kit/Section';
import { BundleDropZone, type ImportEnd } from '../sync/BundleDropZone';
import { RejectionAlert, SyncError } from '../sync/TrustStatus';

type Side = MergeOutcome['sides'][number];

/**
 * The validators' field reports of the case: brought in from a stick (drop or pick a file; each fully verified
 * before it is used), listed by validator, with what the merge made of them.
 */
export function FieldReports({ outcome }: { outcome: MergeOutcome | null }) {
  const { t } = useTranslation();
  const refresh = useTeamMergeStore((s) => s.refresh);
  const [error, setError] = useState<ApiError | null>(null);
  const [rejection, setRejection] = useState<Rejection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onEnd = async (end: ImportEnd) => {
    if (end.kind === 'failed') return setError(end.error);
    if (end.kind === 'rejected') return setRejection(end.rejection);
    setNotice(end.result.outcome === 'imported' ? t('team.reports.imported', { name: end.result.bundle.summary.signerName }) : t('team.reports.already'));
    await refresh();
  };
  const summary = outcome?.summary;
  return (
    <Section id="field-reports" title={t('team.reports.title')} count={outcome?.sides.length ?? 0} hint={t('team.reports.hint')}>
      <BundleDropZone
        onStart={() => {
          setError(null);
          setRejection(null);
          setNotice(null);
        }}
        onEnd={(end) => void onEnd(end)}
        hint={t('team.reports.dropHint')}
        label={t('team.reports.import')}
        ids={{ zone: 'report-drop', button: 'import-report', input: 'report-file-input' }}
      />
      {error && <SyncError error={error} />}
      {rejection && <RejectionAlert title={t('team.reports.rejected')} rejection={rejection} />}
      {notice && (
        <Alert color="green" variant="light" data-testid="report-imported">
          {notice}
        </Alert>
      )}
      <RecordTable<Side>
        rows={outcome?.sides ?? []}
        columns={[
          { key: 'name', header: t('team.reports.validator'), fw: 500, cell: (s) => s.name },
          { key: 'bundle', header: t('team.reports.bundle'), cell: (s) => <Text ff="monospace" size="sm">{shortId(s.bundleId)}</Text> },
        ]}
        rowKey={(s) => s.side}
        rowTestId="field-report"
        testId="field-reports-table"
        empty={t('team.reports.empty')}
        emptyTestId="field-reports-empty"
      />
      {summary && (
        <Stack gap={4} data-testid="merge-summary">
          <Text size="sm">{t('team.summary.changed', { count: summary.changed, agreed: summary.agreed })}</Text>
          <Group gap="xs">
            <Badge color="orange" variant="light">
              {t('team.summary.hard', { count: summary.hard })}
            </Badge>
            <Badge color="orange" variant="light">
              {t('team.summary.deletions', { count: summary.deletions })}
            </Badge>
            <Badge color="gray" variant="light">
              {t('team.summary.soft', { count: summary.soft })}
            </Badge>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
