import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../../src-main/contract/checklist-template';
import { runsContract, type Progress as RunProgress, type RunSummary } from '../../../../src-main/contract/runs';
import { formatDate } from '../../lib/format';
import { useDraftForm } from '../../lib/draft-form';
import { localized } from '../../lib/localized';
import { percent } from '../../../../src-main/contract/run-progress';
import { hrefFor } from '../../stores/route';
import { runFilters, useRunnerStore, type RunFilter } from '../../stores/runner';
import { FormDialog } from '../kit/FormDialog';
import { IconEdit } from '../icons';
import { MetadataFields } from '../runs/MetadataFields';
import { usePick } from '../../stores/pick';

/** Edits the run's label and its template's run fields (container number, date, time, inspector…). */
function RunDetailsModal({
  run,
  template,
  people,
  onClose,
}: {
  run: RunSummary;
  template: ChecklistTemplate;
  people: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const updateRun = useRunnerStore((s) => s.updateRun);
  const fields = template.runMetadata;
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { label: run.label, metadata: Object.fromEntries(fields.map((f) => [f.id, run.metadata[f.id] ?? ''])) },
    schema: runsContract['runs:update'].input,
    toDraft: (values) => ({ id: run.id, ...values }),
  });

  return (
    <FormDialog title={t('runner.editDetails')} onClose={onClose} onSubmit={() => submit(({ id: _id, ...patch }) => updateRun(patch), onClose)} busy={busy}
      errors={issues} testId="run-details-form">
      <TextInput label={t('runs.label')} placeholder={t('runs.labelPlaceholder')} {...inputProps('label')} data-autofocus />
      <MetadataFields fields={fields} people={people} inputProps={inputProps} />
    </FormDialog>
  );
}

/** Title, site, label, run fields, overall and per-section progress, and the filters. */
export function RunHeader({
  run,
  template,
  caseId,
  caseNumber,
  siteName,
  people,
  overall,
  sections,
  filterCounts,
}: {
  run: RunSummary;
  template: ChecklistTemplate;
  caseId: string;
  caseNumber: string | null;
  siteName: string | null;
  people: string[];
  overall: RunProgress;
  sections: Record<string, RunProgress>;
  filterCounts: Record<RunFilter, number>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { filter, setFilter } = usePick(useRunnerStore, 'filter', 'setFilter');
  const [editing, setEditing] = useState(false);
  const value = percent(overall);

  const metadata = template.runMetadata.map((field) => {
    const raw = run.metadata[field.id];
    const choice = field.choices?.find((c) => c.value === raw);
    const shown = choice ? localized(choice.label, language) : raw && field.type === 'date' ? (formatDate(raw, language) ?? raw) : raw;
    return { field, shown, missing: field.required && !raw };
  });

  return (
    <Paper p="sm" data-testid="run-header">
      <Stack gap={8}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor href={hrefFor({ name: 'case', id: caseId })} size="xs">
              {caseNumber ? t('runner.backToCase', { caseNumber }) : t('case.back')}
            </Anchor>
            <Group gap={8} align="center" wrap="wrap">
              <Title order={1} data-testid="run-title" fz={20}>
                {localized(run.title, language)}
              </Title>
              <Badge color="gray" variant="outline">
                {t('runner.version', { n: run.templateVersion })}
              </Badge>
            </Group>
            <Group gap={6} wrap="wrap">
              <Text size="sm" c="dimmed" data-testid="run-site">
                {siteName ? t('runner.atSite', { site: siteName }) : t('plan.procedures.wholeCase')}
              </Text>
              {run.label && (
                <Badge color="blue" variant="light" data-testid="run-label">
                  {run.label}
                </Badge>
              )}
            </Group>
          </Stack>
          <Stack gap={4} w={260} style={{ flexShrink: 0 }}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {t('runner.progress')}
              </Text>
              <Text size="sm" fw={700} c={value === 100 ? 'teal.8' : 'blue.8'} data-testid="run-progress-percent">
                {`${value}%`}
              </Text>
            </Group>
            <Progress
              value={value}
              color={value === 100 ? 'teal' : 'blue'}
              size="md"
              aria-label={t('runs.progressLabel', { answered: overall.answered, count: overall.total, percent: value })}
              data-testid="run-progress"
            />
            <Text size="xs" c="dimmed" data-testid="run-progress-text">
              {t('runner.progressDetail', { answered: overall.answered, count: overall.total })}
            </Text>
          </Stack>
        </Group>

        {template.runMetadata.length > 0 && (
          <Group wrap="wrap" align="center" data-testid="run-metadata" style={{ rowGap: 2, columnGap: 16 }}>
            {metadata.map(({ field, shown, missing }) => (
              <Text key={field.id} size="xs" c={missing ? 'orange.8' : undefined}>
                <Text span size="xs" c="dimmed">
                  {`${localized(field.label, language)}: `}
                </Text>
                <Text span size="xs" fw={500} c="inherit">
                  {shown || t('runner.notFilled')}
                </Text>
              </Text>
            ))}
            <Button size="compact-xs" variant="subtle" leftSection={<IconEdit size={12} />} onClick={() => setEditing(true)}>
              {t('runner.editDetails')}
            </Button>
          </Group>
        )}

        <Group gap="xs" wrap="wrap" data-testid="section-progress">
          {template.sections.map((section) => {
            const progress = sections[section.id];
            if (!progress) return null;
            const sectionValue = percent(progress);
            return (
              <Group
                key={section.id}
                gap={6}
                wrap="nowrap"
                px={8}
                py={2}
                bg="gray.0"
                style={{ borderRadius: 4 }}
                title={localized(section.title, language)}
              >
                  <Text size="xs" maw={170} truncate>
                    {localized(section.title, language)}
                  </Text>
                  <Progress value={sectionValue} size="xs" w={40} color={sectionValue === 100 ? 'teal' : 'blue'} aria-hidden />
                  <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {`${progress.answered}/${progress.total}`}
                  </Text>
              </Group>
            );
          })}
        </Group>

        <Group gap={4} role="group" aria-label={t('runner.filter')} data-testid="run-filter">
          {runFilters.map((f) => (
            <Button
              key={f}
              size="compact-sm"
              fz="xs"
              variant={filter === f ? 'filled' : 'default'}
              color={f === 'non_compliant' ? 'red' : f === 'evidence_missing' ? 'orange' : 'blue'}
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
            >
              {t(`runner.filters.${f}`, { count: filterCounts[f] })}
            </Button>
          ))}
        </Group>
      </Stack>
      {editing && <RunDetailsModal run={run} template={template} people={people} onClose={() => setEditing(false)} />}
    </Paper>
  );
}
