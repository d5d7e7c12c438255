import { Button, Group, NumberInput, Paper, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlPlan } from '../../../../src-main/contract/control-plan';
import type { ApiError } from '../../api/client';
import { useAssessErrors } from '../../lib/assess-errors';
import { formatDate } from '../../lib/format';
import { dateOrNull } from '../../lib/risk-ui';
import { useControlPlanStore } from '../../stores/control-plan';
import { FormIssues } from '../FormIssues';
import { SectionHeader } from '../kit/Section';

/** Authorization date, the maximum monitoring period (a setting) and the re-evaluation date they give. */
export function ControlPlanMeta({ plan }: { plan: ControlPlan }) {
  const { t, i18n } = useTranslation();
  const updateMeta = useControlPlanStore((s) => s.updateMeta);
  const setMaxMonitoringMonths = useControlPlanStore((s) => s.setMaxMonitoringMonths);
  const [authorizationDate, setAuthorizationDate] = useState(plan.authorizationDate ?? '');
  const [months, setMonths] = useState<number | string>(plan.maxMonitoringMonths);
  const [areas, setAreas] = useState<string[]>(plan.partialReevaluationAreas);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const errors = useAssessErrors(['authorizationDate', 'maxMonitoringMonths', 'partialReevaluationAreas']);

  const monthsValue = typeof months === 'number' ? months : Number.parseInt(months, 10);
  const dirty =
    (dateOrNull(authorizationDate) ?? null) !== plan.authorizationDate ||
    monthsValue !== plan.maxMonitoringMonths ||
    areas.join('\n') !== plan.partialReevaluationAreas.join('\n');

  const save = async () => {
    setFailure(null);
    errors.reset();
    if (!Number.isInteger(monthsValue) || monthsValue < 1 || monthsValue > 120) {
      errors.show({ maxMonitoringMonths: { key: 'invalid' } });
      return;
    }
    setBusy(true);
    if (monthsValue !== plan.maxMonitoringMonths) {
      const result = await setMaxMonitoringMonths(monthsValue);
      if (!result.ok) {
        setBusy(false);
        setFailure(result.error);
        return;
      }
    }
    const result = await updateMeta({ authorizationDate: dateOrNull(authorizationDate), partialReevaluationAreas: areas });
    setBusy(false);
    if (!result.ok) errors.fromServer(result.error);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="authorization-title" data-testid="control-plan-meta">
      <SectionHeader id="authorization-title" title={t('assess.controlPlan.authorizationTitle')} hint={t('assess.controlPlan.authorizationHint')} />
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput
          type="date"
          w={180}
          label={t('assess.controlPlan.authorizationDate')}
          value={authorizationDate}
          onChange={(e) => {
            setAuthorizationDate(e.currentTarget.value);
            errors.clear('authorizationDate');
          }}
          error={errors.message('authorizationDate')}
        />
        <NumberInput
          label={t('assess.controlPlan.maxMonths')}
          description={t('assess.controlPlan.maxMonthsHint')}
          value={months}
          onChange={setMonths}
          min={1}
          max={120}
          allowDecimal={false}
          error={errors.message('maxMonitoringMonths')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          w={300}
        />
        <Paper p="xs" bg="blue.0" withBorder={false} style={{ flex: 1 }} mt={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('assess.controlPlan.reevaluationDue')}
          </Text>
          <Text size="lg" fw={700} data-testid="reevaluation-due">
            {formatDate(plan.reevaluationDue, i18n.language) ?? t('assess.controlPlan.noAuthorization')}
          </Text>
        </Paper>
      </Group>
      <TagsInput
        label={t('assess.controlPlan.partialAreas')}
        description={t('assess.controlPlan.partialAreasHint')}
        value={areas}
        onChange={setAreas}
        clearable
        error={errors.message('partialReevaluationAreas')}
      />
      <FormIssues failure={failure ?? errors.failure} unplaced={errors.unplaced} />
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="save-control-meta">
          {t('assess.controlPlan.saveMeta')}
        </Button>
      </Group>
    </Stack>
  );
}

