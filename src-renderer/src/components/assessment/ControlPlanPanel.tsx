import { Alert, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { ControlMeasure } from '../../../../src-main/contract/control-plan';
import { refsOf } from '../../lib/risk-ui';
import { useControlPlanStore } from '../../stores/control-plan';
import { ErrorAlert } from '../ErrorAlert';
import { NotReady } from '../kit/NotReady';
import { AddButton, Section } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { MeasureForm } from './ControlPlanMeasureForm';
import { ControlPlanMeta } from './ControlPlanMeta';
import { ControlPlanSchedule } from './ControlPlanSchedule';
import { MeasuresTable, ResidualRisksTable } from './ControlPlanTables';
import { usePick } from '../../stores/pick';

/** Step 9: monitoring measures per residual risk, the re-evaluation date, and the resulting schedule. */
export function ControlPlanPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { caseId: loadedFor, plan, status, error, actionError, load, removeMeasure } = usePick(
    useControlPlanStore,
    'caseId', 'plan', 'status', 'error', 'actionError', 'load', 'removeMeasure',
  );
  // A new measure may start from the risk whose row asked for it.
  const measures = useCrudDialogs<ControlMeasure, string>();

  useEffect(() => {
    void load(detail.id);
  }, [detail.id, load]);

  // A failed read shows even over what an earlier read left on screen: that may be stale.
  if ((status === 'error' && error) || loadedFor !== detail.id || !plan) return <NotReady status={status} error={error} />;

  const refs = { risks: refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R'), measures: refsOf(plan.measures, 'M') };
  const unmonitored = [...plan.unmonitoredRiskIds];
  const editing = measures.editing;

  return (
    <Stack gap="lg" data-testid="control-plan">
      <ControlPlanMeta key={`${plan.authorizationDate}:${plan.maxMonitoringMonths}`} plan={plan} />

      <Section
        id="measures"
        gap="sm"
        title={t('assess.controlPlan.measuresTitle')}
        hint={t('assess.controlPlan.measuresHint')}
        actions={<AddButton label={t('assess.controlPlan.addMeasure')} onClick={() => measures.create()} testId="add-measure" disabled={plan.residualRisks.length === 0} />}
      >
        {actionError && <ErrorAlert error={actionError} />}
        {plan.residualRisks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('assess.controlPlan.noRisks')}
          </Text>
        ) : (
          <>
            {unmonitored.length > 0 && (
              <Alert color="yellow" variant="light" p="xs" data-testid="unmonitored">
                <Text size="sm">{t('assess.controlPlan.unmonitored', { refs: unmonitored.map((id) => refs.risks.get(id)).join(', ') })}</Text>
              </Alert>
            )}
            <ResidualRisksTable plan={plan} refs={refs} onAdd={(riskId) => measures.create(riskId)} />
          </>
        )}
        <MeasuresTable plan={plan} refs={refs} onEdit={measures.edit} onRemove={measures.remove} />
      </Section>

      <ControlPlanSchedule plan={plan} />

      {editing && (
        <MeasureForm
          key={editing.record?.id ?? `new:${editing.start ?? ''}`}
          detail={detail}
          plan={plan}
          measure={editing.record}
          riskId={editing.record?.riskId ?? editing.start ?? null}
          onClose={measures.close}
        />
      )}
      {measures.confirm({
        title: t('assess.controlPlan.removeTitle'),
        message: (m) => t('assess.controlPlan.removeMessage', { ref: refs.measures.get(m.id) ?? '' }),
        confirmLabel: t('assess.common.remove'),
        onConfirm: (m) => removeMeasure(m.id),
      })}
    </Stack>
  );
}
