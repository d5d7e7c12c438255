import { Text, type ComboboxData } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import {
  MeasureDraft,
  monitoringFrequencies,
  monitoringMeasures,
  type ControlMeasure,
  type ControlPlan,
} from '../../../../src-main/contract/control-plan';
import { useDraftForm } from '../../lib/draft-form';
import { formField } from '../../lib/field-errors';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useControlPlanStore } from '../../stores/control-plan';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, optionsOf } from '../kit/FormFields';

/** A monitoring measure for one residual risk: what, how often, from when, who, and the triggers. */
export function MeasureForm({
  detail,
  plan,
  measure,
  riskId,
  onClose,
}: {
  detail: CaseDetail;
  plan: ControlPlan;
  measure: ControlMeasure | null;
  riskId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const saveMeasure = useControlPlanStore((s) => s.saveMeasure);
  // `measure` and `frequency`: the same required choice from a contract enum.
  const choice = (name: 'measure' | 'frequency', options: ComboboxData) =>
    ({
      kind: 'select',
      name,
      label: t(`assess.controlPlan.${name}`),
      placeholder: t('assess.controlPlan.choose'),
      options,
      required: true,
    }) as const;
  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const draft = useDraftForm({
    initialValues: {
      riskId: measure?.riskId ?? riskId,
      measure: (measure?.measure ?? null) as string | null,
      description: measure?.description ?? '',
      frequency: (measure?.frequency ?? null) as string | null,
      startsOn: measure?.startsOn ?? '',
      accountManager: measure?.accountManager ?? detail.leadValidator,
      triggers: measure?.triggers ?? '',
      customsResponse: measure?.customsResponse ?? '',
    },
    schema: MeasureDraft,
    toDraft: (v) => ({
      caseId: detail.id,
      ...(measure ? { id: measure.id } : {}),
      ...v,
      riskId: v.riskId ?? undefined,
      measure: v.measure ?? undefined,
      frequency: v.frequency ?? undefined,
      startsOn: dateOrNull(v.startsOn),
    }),
    field: formField,
  });
  const onSubmit = () => draft.submit(saveMeasure, onClose);

  return (
    <FormDialog form={draft} title={measure ? t('assess.controlPlan.editMeasure') : t('assess.controlPlan.addMeasure')} testId="measure-form" size="xl" onClose={onClose}
      onSubmit={onSubmit}>
      <FormFields form={draft} fields={[
          {
            kind: 'select',
            name: 'riskId',
            label: t('assess.controlPlan.risk'),
            placeholder: t('assess.controlPlan.riskPlaceholder'),
            options: plan.residualRisks.map((r) => ({ value: r.riskId, label: `${refs.get(r.riskId)} ${r.title}` })),
            required: true,
            searchable: true,
            nothingFound: t('assess.common.nothingFound'),
          },
          {
            cols: 3,
            row: [
              { ...choice('measure', optionsOf(monitoringMeasures, (m) => t(`assess.measures.${m}`))), autofocus: true },
              choice('frequency', optionsOf(monitoringFrequencies, (f) => t(`assess.frequencies.${f}`))),
              { kind: 'date', name: 'startsOn', label: t('assess.controlPlan.startsOn') },
            ],
          },
          <Text size="xs" c="dimmed" mt={-6}>
            {t('assess.controlPlan.startsOnHint')}
          </Text>,
          { kind: 'textarea', name: 'description', label: t('assess.controlPlan.description'), maxRows: 6 },
          { kind: 'text', name: 'accountManager', label: t('assess.controlPlan.accountManager'), required: true },
          {
            cols: 2,
            row: [
              { kind: 'textarea', name: 'triggers', label: t('assess.controlPlan.triggers'), description: t('assess.controlPlan.triggersHint'), maxRows: 6 },
              { kind: 'textarea', name: 'customsResponse', label: t('assess.controlPlan.customsResponse'), description: t('assess.controlPlan.customsResponseHint'), maxRows: 6 },
            ],
          },
        ]} />
    </FormDialog>
  );
}

