import { Badge, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlPlan, ScheduleEntry } from '../../../../src-main/contract/control-plan';
import { formatDate, todayIso } from '../../lib/format';
import { refsOf } from '../../lib/risk-ui';
import { RecordTable } from '../kit/RecordTable';
import { SectionHeader } from '../kit/Section';

const SCHEDULE_PREVIEW = 12;

/** Chronological monitoring dates up to the re-evaluation, which ends the list. */
export function ControlPlanSchedule({ plan }: { plan: ControlPlan }) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const titles = new Map(plan.residualRisks.map((r) => [r.riskId, r.title]));
  const today = todayIso();
  const nowrap = { whiteSpace: 'nowrap' } as const;
  const entries = plan.schedule;
  // The re-evaluation is always shown, even when the list is cut short.
  const shown = all || entries.length <= SCHEDULE_PREVIEW ? entries : [...entries.slice(0, SCHEDULE_PREVIEW - 1), ...entries.slice(-1)];
  return (
    <Stack gap="sm" component="section" aria-labelledby="schedule-title" data-testid="schedule">
      <SectionHeader id="schedule-title" title={t('assess.controlPlan.scheduleTitle')} hint={t('assess.controlPlan.scheduleHint')} />
      <RecordTable<ScheduleEntry>
        testId="schedule-table"
        rowTestId="schedule-entry"
        rows={shown}
        rowKey={(entry, index) => `${entry.date}:${entry.measureId ?? 'r'}:${index}`}
        rowProps={(entry) => ({
          'data-kind': entry.kind,
          ...(entry.kind === 'reevaluation' ? { style: { background: 'var(--mantine-color-blue-0)' } } : {}),
        })}
        empty={plan.authorizationDate ? t('assess.controlPlan.scheduleEmpty') : t('assess.controlPlan.scheduleNeedsDate')}
        emptyTestId="schedule-empty"
        tableProps={{ striped: true }}
        columns={[
          {
            key: 'date',
            header: t('assess.controlPlan.columns.date'),
            width: 130,
            style: nowrap,
            cell: (entry) => (
              <Text size="sm" fw={entry.kind === 'reevaluation' ? 700 : 500} c={entry.date < today ? 'dimmed' : undefined}>
                {formatDate(entry.date, i18n.language)}
              </Text>
            ),
          },
          {
            key: 'activity',
            header: t('assess.controlPlan.columns.activity'),
            style: nowrap,
            cell: (entry) =>
              entry.kind === 'reevaluation' ? (
                <Badge color="blue" size="sm">
                  {t('assess.controlPlan.reevaluation')}
                </Badge>
              ) : (
                <Text size="sm">{entry.measure ? t(`assess.measures.${entry.measure}`) : '—'}</Text>
              ),
          },
          {
            key: 'risk',
            header: t('assess.controlPlan.columns.risk'),
            cell: (entry) => (
              <Text size="sm" lineClamp={1}>
                {entry.riskId ? `${refs.get(entry.riskId) ?? ''} ${titles.get(entry.riskId) ?? ''}` : '—'}
              </Text>
            ),
          },
          {
            key: 'accountManager',
            priority: 3,
            header: t('assess.controlPlan.columns.accountManager'),
            style: nowrap,
            cell: (entry) => <Text size="sm">{entry.accountManager ?? '—'}</Text>,
          },
        ]}
      />
      {entries.length > SCHEDULE_PREVIEW && (
        <Button variant="subtle" size="compact-sm" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
          {all ? t('assess.controlPlan.showFewer') : t('assess.controlPlan.showAll', { n: entries.length })}
        </Button>
      )}
    </Stack>
  );
}

