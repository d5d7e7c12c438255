import { Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import {
  MeasureDraft,
  monitoringFrequencies,
  monitoringMeasures,
  type ControlMeasure,
  type ControlPlan,
} from '../../../../src-main/contract/control-plan';
import { useAssessErrors } from '../../lib/assess-errors';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useControlPlanStore } from '../../stores/control-plan';
import { FormDialog } from '../kit/FormDialog';

const FIELDS = ['riskId', 'measure', 'description', 'frequency', 'startsOn', 'accountManager', 'triggers', 'customsResponse'] as const;

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
  const [risk, setRisk] = useState<string | null>(measure?.riskId ?? riskId);
  const [kind, setKind] = useState<string | null>(measure?.measure ?? null);
  const [description, setDescription] = useState(measure?.description ?? '');
  const [frequency, setFrequency] = useState<string | null>(measure?.frequency ?? null);
  const [startsOn, setStartsOn] = useState(measure?.startsOn ?? '');
  const [accountManager, setAccountManager] = useState(measure?.accountManager ?? detail.leadValidator);
  const [triggers, setTriggers] = useState(measure?.triggers ?? '');
  const [customsResponse, setCustomsResponse] = useState(measure?.customsResponse ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useAssessErrors(FIELDS);

  const field = <V,>(name: (typeof FIELDS)[number], set: (v: V) => void) => (v: V) => {
    set(v);
    errors.clear(name);
  };

  const onSubmit = async () => {
    const draft = {
      caseId: detail.id,
      ...(measure ? { id: measure.id } : {}),
      riskId: risk ?? undefined,
      measure: kind ?? undefined,
      description,
      frequency: frequency ?? undefined,
      startsOn: dateOrNull(startsOn),
      accountManager,
      triggers,
      customsResponse,
    };
    if (!errors.check(MeasureDraft, draft)) return;
    setBusy(true);
    const result = await saveMeasure(MeasureDraft.parse(draft));
    setBusy(false);
    if (result.ok) onClose();
    else errors.fromServer(result.error);
  };

  return (
    <FormDialog
      title={measure ? t('assess.controlPlan.editMeasure') : t('assess.controlPlan.addMeasure')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="measure-form"
      size="xl"
    >
      <Select
        label={t('assess.controlPlan.risk')}
        placeholder={t('assess.controlPlan.riskPlaceholder')}
        data={plan.residualRisks.map((r) => ({ value: r.riskId, label: `${refs.get(r.riskId)} ${r.title}` }))}
        value={risk}
        onChange={field('riskId', setRisk)}
        error={errors.message('riskId')}
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
          value={kind}
          onChange={field('measure', setKind)}
          error={errors.message('measure')}
          withAsterisk
          allowDeselect={false}
          data-autofocus
        />
        <Select
          label={t('assess.controlPlan.frequency')}
          placeholder={t('assess.controlPlan.choose')}
          data={monitoringFrequencies.map((f) => ({ value: f, label: t(`assess.frequencies.${f}`) }))}
          value={frequency}
          onChange={field('frequency', setFrequency)}
          error={errors.message('frequency')}
          withAsterisk
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t('assess.controlPlan.startsOn')}
          value={startsOn}
          onChange={(e) => field('startsOn', setStartsOn)(e.currentTarget.value)}
          error={errors.message('startsOn')}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={-6}>
        {t('assess.controlPlan.startsOnHint')}
      </Text>
      <Textarea
        label={t('assess.controlPlan.description')}
        value={description}
        onChange={(e) => field('description', setDescription)(e.currentTarget.value)}
        error={errors.message('description')}
        autosize
        minRows={2}
        maxRows={6}
      />
      <TextInput
        label={t('assess.controlPlan.accountManager')}
        value={accountManager}
        onChange={(e) => field('accountManager', setAccountManager)(e.currentTarget.value)}
        error={errors.message('accountManager')}
        withAsterisk
      />
      <SimpleGrid cols={2} spacing="sm">
        <Textarea
          label={t('assess.controlPlan.triggers')}
          description={t('assess.controlPlan.triggersHint')}
          value={triggers}
          onChange={(e) => field('triggers', setTriggers)(e.currentTarget.value)}
          error={errors.message('triggers')}
          autosize
          minRows={2}
          maxRows={6}
        />
        <Textarea
          label={t('assess.controlPlan.customsResponse')}
          description={t('assess.controlPlan.customsResponseHint')}
          value={customsResponse}
          onChange={(e) => field('customsResponse', setCustomsResponse)(e.currentTarget.value)}
          error={errors.message('customsResponse')}
          autosize
          minRows={2}
          maxRows={6}
        />
      </SimpleGrid>
    </FormDialog>
  );
}

