import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  validationSteps,
  type CaseDetail,
  type StepStatus,
  type ValidationStep,
} from '../../../../src-main/contract/cases';
import { formatTimestamp } from '../../lib/format';
import { useCasesStore } from '../../stores/cases';
import { ErrorAlert } from '../ErrorAlert';
import { StepStatusBadge } from '../StepStatusBadge';
import { usePick } from '../../stores/pick';
import { StepReason, useStepChange } from '../gates/StepChange';

type Action = { status: StepStatus; label: 'start' | 'done' | 'skip' | 'reopen'; primary?: boolean };

/** Which status changes make sense from where a step stands now. */
function actionsFor(status: StepStatus): Action[] {
  switch (status) {
    case 'not_started':
      return [
        { status: 'in_progress', label: 'start', primary: true },
        { status: 'skipped', label: 'skip' },
      ];
    case 'in_progress':
      return [
        { status: 'done', label: 'done', primary: true },
        { status: 'skipped', label: 'skip' },
      ];
    case 'done':
    case 'skipped':
      return [{ status: 'in_progress', label: 'reopen' }];
  }
}

export function StepPanel({ detail, step }: { detail: CaseDetail; step: ValidationStep }) {
  const { t, i18n } = useTranslation();
  const { stepBusy: busy, stepError } = usePick(useCasesStore, 'stepBusy', 'stepError');
  const actionsRef = useRef<HTMLDivElement>(null);
  const state = detail.steps.find((s) => s.step === step);
  // The clicked button is replaced by the next status's buttons; keep the keyboard in the same place.
  const change = useStepChange(step, state?.status ?? 'not_started', () =>
    requestAnimationFrame(() => actionsRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()),
  );
  if (!state) return null;
  const apply = (status: StepStatus) => change.request(status);
  const index = validationSteps.indexOf(step);

  return (
    <Stack gap="sm" data-testid="step-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('case.stepNumber', { n: index + 1, total: validationSteps.length })}
          </Text>
          <Title order={2}>{t(`steps.${step}.name`)}</Title>
        </div>
        <Group gap={6} aria-live="polite">
          {detail.currentStep === step && (
            <Badge size="sm" variant="outline">
              {t('case.current')}
            </Badge>
          )}
          <StepStatusBadge status={state.status} size="md" data-testid="step-panel-status" />
        </Group>
      </Group>
      <Text size="sm">{t(`steps.${step}.description`)}</Text>
      {state.status !== 'not_started' && (
        <Text size="xs" c="dimmed">
          {t('case.updatedAt', { when: formatTimestamp(state.updatedAt, i18n.language) })}
        </Text>
      )}
      <StepReason state={state} />
      {stepError && <ErrorAlert error={stepError} />}
      {change.dialog}
      <Group gap="xs" role="group" aria-label={t('case.actions.label')} ref={actionsRef}>
        {actionsFor(state.status).map((action) => (
          <Button
            key={action.label}
            variant={action.primary ? 'filled' : 'default'}
            disabled={busy}
            onClick={() => void apply(action.status)}
          >
            {t(`case.actions.${action.label}`)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
