import { Anchor, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ConflictQueue } from '../components/team/ConflictQueue';
import { FieldReports } from '../components/team/FieldReports';
import { MergedSeal } from '../components/team/MergedSeal';
import { useApiValue } from '../lib/use-api-value';
import { hrefFor } from '../stores/route';
import { useTeamMergeStore } from '../stores/team-merge';
import { usePick } from '../stores/pick';

/**
 * The lead's merge of a handed-out case (`#/merge/<caseId>`): bring in the validators' field reports, see what
 * merged and what conflicts, decide each conflict with a reason, then seal the merged report and print it.
 */
export function TeamMergePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { outcome, status, error, load } = usePick(useTeamMergeStore, 'outcome', 'status', 'error', 'load');
  const detail = useApiValue(() => api.cases.get({ id: caseId }), caseId);
  useEffect(() => {
    void load(caseId);
  }, [caseId, load]);
  // Nothing imported yet is the page's starting point, not a failure.
  const nothingYet = error?.issues?.[0]?.code === 'no_field_reports';
  const shown = outcome?.caseId === caseId ? outcome : null;

  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={4}>
        <Anchor href={hrefFor({ name: 'case', id: caseId })} size="sm">
          {t('team.page.back')}
        </Anchor>
        <Title order={1}>{t('team.page.title', { number: detail.value?.caseNumber ?? '' })}</Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('team.page.intro')}
        </Text>
      </Stack>
      <Paper p="md">
        <FieldReports outcome={shown} />
      </Paper>
      {status === 'error' && error && !nothingYet && <ErrorAlert error={error} />}
      {status === 'loading' && !shown && (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      )}
      {shown && (
        <>
          <Paper p="md">
            <ConflictQueue caseId={caseId} outcome={shown} />
          </Paper>
          <Paper p="md">
            <MergedSeal caseId={caseId} outcome={shown} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
