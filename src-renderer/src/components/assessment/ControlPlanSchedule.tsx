import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlPlan } from '../../../../src-main/contract/control-plan';
import { formatDate, todayIso } from '../../lib/format';
import { refsOf } from '../../lib/risk-ui';
import { SectionHeader } from '../kit/Section';
import { priorityProps } from '../kit/RecordTable';

const SCHEDULE_PREVIEW = 12;

/** Chronological monitoring dates up to the re-evaluation, which ends the list. */
export function ControlPlanSchedule({ plan }: { plan: ControlPlan }) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const titles = new Map(plan.residualRisks.map((r) => [r.riskId, r.title]));
  const today = todayIso();
  const entries = plan.schedule;
  // The re-evaluation is always shown, even when the list is cut short.
  const shown = all || entries.length <= SCHEDULE_PREVIEW ? entries : [...entries.slice(0, SCHEDULE_PREVIEW - 1), ...entries.slice(-1)];
  return (
    <Stack gap="sm" component="section" aria-labelledby="schedule-title" data-testid="schedule">
      <SectionHeader id="schedule-title" title={t('assess.controlPlan.scheduleTitle')} hint={t('assess.controlPlan.scheduleHint')} />
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="schedule-empty">
          {plan.authorizationDate ? t('assess.controlPlan.scheduleEmpty') : t('assess.controlPlan.scheduleNeedsDate')}
        </Text>
      ) : (
        <div className="aeo-rt">
          <Table striped data-testid="schedule-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>{t('assess.controlPlan.columns.date')}</Table.Th>
                <Table.Th>{t('assess.controlPlan.columns.activity')}</Table.Th>
                <Table.Th>{t('assess.controlPlan.columns.risk')}</Table.Th>
                <Table.Th {...priorityProps(3)}>{t('assess.controlPlan.columns.accountManager')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((entry, index) => {
                const reevaluation = entry.kind === 'reevaluation';
                const past = entry.date < today;
                return (
                  <Table.Tr
                    key={`${entry.date}:${entry.measureId ?? 'r'}:${index}`}
                    data-testid="schedule-entry"
                    data-kind={entry.kind}
                    style={reevaluation ? { background: 'var(--mantine-color-blue-0)' } : undefined}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={reevaluation ? 700 : 500} c={past ? 'dimmed' : undefined}>
                        {formatDate(entry.date, i18n.language)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {reevaluation ? (
                        <Badge color="blue" size="sm">
                          {t('assess.controlPlan.reevaluation')}
                        </Badge>
                      ) : (
                        <Text size="sm">{entry.measure ? t(`assess.measures.${entry.measure}`) : '—'}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1}>
                        {entry.riskId ? `${refs.get(entry.riskId) ?? ''} ${titles.get(entry.riskId) ?? ''}` : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td {...priorityProps(3)} style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{entry.accountManager ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {entries.length > SCHEDULE_PREVIEW && (
        <Button variant="subtle" size="compact-sm" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
          {all ? t('assess.controlPlan.showFewer') : t('assess.controlPlan.showAll', { n: entries.length })}
        </Button>
      )}
    </Stack>
  );
}

