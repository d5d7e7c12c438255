import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlMeasure, ControlPlan, MonitoringFrequency, MonitoringMeasure, ResidualRisk } from '../../../../src-main/contract/control-plan';
import { formatDate } from '../../lib/format';
import { refColumn, titleColumn } from '../kit/cells';
import { RecordTable } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { RiskLevelBadge } from './RiskRating';

type Refs = { risks: Map<string, string>; measures: Map<string, string> };

/** Each residual risk with its level and the measures that monitor it; a button adds one for that risk. */
export function ResidualRisksTable({ plan, refs, onAdd }: { plan: ControlPlan; refs: Refs; onAdd(riskId: string): void }) {
  const { t } = useTranslation();
  return (
    <RecordTable<ResidualRisk>
      testId="residual-risks-table"
      rowTestId="residual-risk-row"
      rows={plan.residualRisks}
      rowKey={(r) => r.riskId}
      columns={[
        refColumn<ResidualRisk>(t('assess.register.columns.ref'), (r) => refs.risks.get(r.riskId)),
        titleColumn<ResidualRisk>('risk', t('assess.controlPlan.columns.risk'), (r) => r.title, (r) => r.response && t(`assess.responses.${r.response}`), {
          titleLines: 2,
        }),
        {
          key: 'residual',
          header: t('assess.register.columns.residual'),
          cell: (r) =>
            r.residual ? (
              <Group gap={6} wrap="nowrap">
                <Text size="sm" ff="monospace">
                  {r.residual.score}
                </Text>
                <RiskLevelBadge level={r.residual.level} size="sm" />
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                {t('assess.controlPlan.residualNotRated')}
              </Text>
            ),
        },
        {
          key: 'measures',
            priority: 2,
          header: t('assess.controlPlan.columns.measures'),
          cell: (r) => {
            const measures = plan.measures.filter((m) => m.riskId === r.riskId);
            return measures.length === 0 ? (
              <Badge size="sm" color="yellow">
                {t('assess.controlPlan.noMeasure')}
              </Badge>
            ) : (
              <Stack gap={2}>
                {measures.map((m) => (
                  <Text key={m.id} size="xs">
                    {`${refs.measures.get(m.id)} ${t(`assess.measures.${m.measure}`)} · ${t(`assess.frequencies.${m.frequency}`)}`}
                  </Text>
                ))}
              </Stack>
            );
          },
        },
      ]}
      actionsWidth={120}
      actionsLabel={t('assess.common.actions')}
      actions={(r) => (
        <Button size="compact-xs" variant="light" onClick={() => onAdd(r.riskId)}>
          {t('assess.controlPlan.addForRisk')}
        </Button>
      )}
    />
  );
}

/** The measures of the plan: what, when, who, and what triggers a customs response. */
export function MeasuresTable({
  plan,
  refs,
  onEdit,
  onRemove,
}: {
  plan: ControlPlan;
  refs: Refs;
  onEdit(measure: ControlMeasure): void;
  onRemove(measure: ControlMeasure): void;
}) {
  const { t, i18n } = useTranslation();
  const risksById = new Map(plan.residualRisks.map((r) => [r.riskId, r]));
  return (
    <RecordTable<ControlMeasure>
      testId="measures-table"
      rowTestId="measure-row"
      tableProps={{ verticalSpacing: 8 }}
      rows={plan.measures}
      columns={[
        refColumn<ControlMeasure>(t('assess.register.columns.ref'), (m) => refs.measures.get(m.id)),
        {
          key: 'measure',
          header: t('assess.controlPlan.columns.measure'),
          cell: (m) => (
            <>
              <Text size="sm" fw={500}>
                {t(`assess.measures.${m.measure as MonitoringMeasure}`)}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {`${refs.risks.get(m.riskId) ?? ''} ${risksById.get(m.riskId)?.title ?? ''}`}
              </Text>
              {m.description && (
                <Text size="xs" lineClamp={2}>
                  {m.description}
                </Text>
              )}
            </>
          ),
        },
        {
          key: 'when',
            priority: 2,
          header: t('assess.controlPlan.columns.when'),
          style: { whiteSpace: 'nowrap' },
          cell: (m) => (
            <>
              <Text size="sm">{t(`assess.frequencies.${m.frequency as MonitoringFrequency}`)}</Text>
              <Text size="xs" c="dimmed">
                {m.startsOn
                  ? t('assess.controlPlan.fromDate', { date: formatDate(m.startsOn, i18n.language) })
                  : t('assess.controlPlan.fromAuthorization')}
              </Text>
            </>
          ),
        },
        { key: 'manager', priority: 3, header: t('assess.controlPlan.columns.accountManager'), cell: (m) => <Text size="sm">{m.accountManager}</Text> },
        {
          key: 'triggers',
            priority: 3,
          header: t('assess.controlPlan.columns.triggers'),
          cell: (m) => (
            <>
              <Text size="xs" lineClamp={2}>
                {m.triggers || '—'}
              </Text>
              {m.customsResponse && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {`→ ${m.customsResponse}`}
                </Text>
              )}
            </>
          ),
        },
      ]}
      actionsWidth={64}
      actionsLabel={t('assess.common.actions')}
      actions={(m) => (
        <EditRemoveActions
          editLabel={t('assess.controlPlan.editOne', { ref: refs.measures.get(m.id) ?? '' })}
          removeLabel={t('assess.controlPlan.removeOne', { ref: refs.measures.get(m.id) ?? '' })}
          onEdit={() => onEdit(m)}
          onRemove={() => onRemove(m)}
        />
      )}
    />
  );
}
