import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { useStepChange } from './StepChange';

/**
 * The plan is read-only once the planning step is done (the core refuses edits with `plan_locked`): the editor
 * sits in a disabled fieldset under a notice, and "Reopen planning…" asks for the reason first.
 */
export function PlanLock({ detail, children }: { detail: CaseDetail; children: ReactNode }) {
  const { t } = useTranslation();
  const status = detail.steps.find((s) => s.step === 'planning')?.status ?? 'not_started';
  const change = useStepChange('planning', status);
  if (status !== 'done') return <>{children}</>;
  return (
    <>
      <Alert color="gray" variant="light" mt="md" data-testid="plan-locked">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">{t('gates.plan.locked')}</Text>
          <Button size="xs" variant="default" onClick={() => void change.request('in_progress')} data-testid="plan-reopen">
            {t('gates.plan.reopen')}
          </Button>
        </Group>
      </Alert>
      <fieldset disabled style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }} data-testid="plan-fieldset">
        {children}
      </fieldset>
      {change.dialog}
    </>
  );
}
