import { Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
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
  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const { inputProps, submit, busy, issues } = useDraftForm({
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
  const onSubmit = () => submit(saveMeasure, onClose);

  return (
    <FormDialog
      title={measure ? t('assess.controlPlan.editMeasure') : t('assess.controlPlan.addMeasure')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={issues}
      testId="measure-form"
      size="xl"
    >
      <Select
        label={t('assess.controlPlan.risk')}
        placeholder={t('assess.controlPlan.riskPlaceholder')}
        data={plan.residualRisks.map((r) => ({ value: r.riskId, label: `${refs.get(r.riskId)} ${r.title}` }))}
        {...inputProps('riskId')}
        withAsterisk
        allowDeselect={false}
        searchable
        nothingFoundMessage={t('assess.common.nothingFound')}
      />
      <SimpleGrid cols={3} spacing="sm">
        <Select
          label={t('assess.controlPlan.measure')}
          placeholder={t('assess.controlPlan.choose')}
          data={monitoringMeasures.map((m) => ({ value: m, label: t(`assess.measures.${m}`) }))}
          {...inputProps('measure')}
          withAsterisk
          allowDeselect={false}
          data-autofocus
        />
        <Select
          label={t('assess.controlPlan.frequency')}
          placeholder={t('assess.controlPlan.choose')}
          data={monitoringFrequencies.map((f) => ({ value: f, label: t(`assess.frequencies.${f}`) }))}
          {...inputProps('frequency')}
          withAsterisk
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t('assess.controlPlan.startsOn')}
          {...inputProps('startsOn')}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={-6}>
        {t('assess.controlPlan.startsOnHint')}
      </Text>
      <Textarea
        label={t('assess.controlPlan.description')}
        {...inputProps('description')}
        autosize
        minRows={2}
        maxRows={6}
      />
      <TextInput
        label={t('assess.controlPlan.accountManager')}
        {...inputProps('accountManager')}
        withAsterisk
      />
      <SimpleGrid cols={2} spacing="sm">
        <Textarea
          label={t('assess.controlPlan.triggers')}
          description={t('assess.controlPlan.triggersHint')}
          {...inputProps('triggers')}
          autosize
          minRows={2}
          maxRows={6}
        />
        <Textarea
          label={t('assess.controlPlan.customsResponse')}
          description={t('assess.controlPlan.customsResponseHint')}
          {...inputProps('customsResponse')}
          autosize
          minRows={2}
          maxRows={6}
        />
      </SimpleGrid>
    </FormDialog>
  );
}

