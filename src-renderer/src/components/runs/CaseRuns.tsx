import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { Site } from '../../../../src-main/contract/plan';
import type { RunSummary } from '../../../../src-main/contract/runs';
import { formatTimestamp } from '../../lib/format';
import { localized, NONE } from '../../lib/localized';
import { useRouteStore } from '../../stores/route';
import { useCaseRunsStore } from '../../stores/runs';
import { useTemplatesStore } from '../../stores/templates';
import { ErrorAlert } from '../ErrorAlert';
import { IconPlay } from '../icons';
import { CountTag, titleColumn } from '../kit/cells';
import { RecordTable } from '../kit/RecordTable';
import { NewRunModal } from './NewRunModal';
import { RunProgressBar } from './RunProgressBar';

export function casePeople(detail: CaseDetail): string[] {
  return [...new Set([detail.leadValidator, ...detail.team].filter(Boolean))];
}

/** The checklist runs of a step (templates serving that step), their progress, and "New run". */
export function CaseRuns({ detail, stepNumber, sites }: { detail: CaseDetail; stepNumber: number; sites: readonly Site[] }) {
  const { t, i18n } = useTranslation();
  const runs = useCaseRunsStore((s) => (s.caseId === detail.id ? s.runs : NONE));
  const error = useCaseRunsStore((s) => s.error);
  const templates = useTemplatesStore((s) => s.items);
  const navigate = useRouteStore((s) => s.navigate);
  const [creating, setCreating] = useState(false);

  const stepOf = new Map(templates.map((tpl) => [tpl.templateId, tpl.step]));
  const shown = runs.filter((run) => (stepOf.get(run.templateId) ?? stepNumber) === stepNumber);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));

  const open = (run: RunSummary) => navigate({ name: 'run', id: run.id });

  return (
    <Stack gap="xs" component="section" aria-labelledby={`runs-title-${stepNumber}`} data-testid="case-runs">
      <Group justify="space-between">
        <Title order={3} id={`runs-title-${stepNumber}`}>
          {t('runs.title')}
        </Title>
        <Button size="xs" leftSection={<IconPlay size={12} />} onClick={() => setCreating(true)}>
          {t('runs.new')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      <RecordTable<RunSummary>
        testId="runs-table"
        rowTestId="run-row"
        rows={shown}
        empty={t('runs.empty')}
        tableProps={{ highlightOnHover: true }}
        onOpen={open}
        openLabel={(run) => t('runs.open', { title: localized(run.title, i18n.language) })}
        columns={[
          titleColumn<RunSummary>(
            'checklist',
            t('runs.columns.checklist'),
            (run) => localized(run.title, i18n.language),
            (run) => [run.label, t('runs.updated', { when: formatTimestamp(run.updatedAt, i18n.language) })].filter(Boolean).join(' · '),
            { width: 240 },
          ),
          {
            key: 'site',
            header: t('runs.columns.site'),
            cell: (run) => (run.siteId ? (siteName.get(run.siteId) ?? '—') : t('plan.procedures.wholeCase')),
          },
          {
            key: 'details',
            priority: 2,
            header: t('runs.columns.details'),
            cell: (run) => (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {Object.values(run.metadata).join(' · ') || '—'}
              </Text>
            ),
          },
          { key: 'progress', header: t('runs.columns.progress'), cell: (run) => <RunProgressCell run={run} /> },
        ]}
      />
      {creating && (
        <NewRunModal
          caseId={detail.id}
          sites={sites}
          people={casePeople(detail)}
          preferStep={stepNumber}
          onClose={() => setCreating(false)}
        />
      )}
    </Stack>
  );
}

/** A run's progress bar with its non-compliant and missing-evidence counts beneath. */
function RunProgressCell({ run }: { run: RunSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <RunProgressBar progress={run.progress} />
      <Group gap={4}>
        <CountTag n={run.progress.nonCompliant} color="red" label={t('runs.nonCompliantCount', { n: run.progress.nonCompliant })} />
        <CountTag
          n={run.progress.evidenceMissing}
          color="orange"
          label={t('runs.evidenceMissingCount', { n: run.progress.evidenceMissing })}
        />
      </Group>
    </Stack>
  );
}
