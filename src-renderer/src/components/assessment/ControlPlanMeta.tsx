import { Group, NumberInput, Paper, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { controlPlanContract, type ControlPlan } from '../../../../src-main/contract/control-plan';
import { MaxMonitoringMonths } from '../../../../src-main/contract/settings';
import { useDraftForm } from '../../lib/draft-form';
import type { FieldErrors } from '../../lib/field-errors';
import { formatDate } from '../../lib/format';
import { dateOrNull } from '../../lib/risk-ui';
import { useControlPlanStore } from '../../stores/control-plan';
import { InlineForm } from '../kit/InlineForm';
import { SectionHeader } from '../kit/Section';
import { usePick } from '../../stores/pick';

/** The case's dates and the app-wide period, checked together: two saves behind one button. */
const MetaDraft = controlPlanContract['controlPlan:updateMeta'].input.extend({ maxMonitoringMonths: MaxMonitoringMonths });

/** Authorization date, the maximum monitoring period (a setting) and the re-evaluation date they give. */
export function ControlPlanMeta({ plan }: { plan: ControlPlan }) {
  const { t, i18n } = useTranslation();
  const { updateMeta, setMaxMonitoringMonths } = usePick(useControlPlanStore, 'updateMeta', 'setMaxMonitoringMonths');
  const draft = useDraftForm({
    initialValues: {
      authorizationDate: plan.authorizationDate ?? '',
      maxMonitoringMonths: plan.maxMonitoringMonths as number | string,
      partialReevaluationAreas: plan.partialReevaluationAreas,
    },
    schema: MetaDraft,
    toDraft: (v) => ({ ...v, caseId: plan.caseId, authorizationDate: dateOrNull(v.authorizationDate) }),
    // A cleared or fractional period is not a period at all, whatever zod would call it.
    extra: ({ maxMonitoringMonths: months }): FieldErrors =>
      MaxMonitoringMonths.safeParse(months).success ? {} : { maxMonitoringMonths: { key: 'invalid' } },
  });

  const { form, inputProps, submit } = draft;
  const onSubmit = () =>
    submit(
      async ({ caseId: _case, maxMonitoringMonths, ...meta }) => {
        if (maxMonitoringMonths !== plan.maxMonitoringMonths) {
          const result = await setMaxMonitoringMonths(maxMonitoringMonths);
          if (!result.ok) return result;
        }
        return updateMeta(meta);
      },
      () => form.resetDirty(),
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby="authorization-title" data-testid="control-plan-meta">
      <SectionHeader id="authorization-title" title={t('assess.controlPlan.authorizationTitle')} hint={t('assess.controlPlan.authorizationHint')} />
      <InlineForm form={draft} onSubmit={onSubmit} saveLabel={t('assess.controlPlan.saveMeta')} saveTestId="save-control-meta">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <TextInput type="date" w={180} label={t('assess.controlPlan.authorizationDate')} {...inputProps('authorizationDate')} />
          <NumberInput
            label={t('assess.controlPlan.maxMonths')}
            description={t('assess.controlPlan.maxMonthsHint')}
            {...inputProps('maxMonitoringMonths')}
            min={1}
            max={120}
            allowDecimal={false}
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
          {...inputProps('partialReevaluationAreas')}
          clearable
        />
      </InlineForm>
    </Stack>
  );
}
