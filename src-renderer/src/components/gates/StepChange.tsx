import { Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, StepStatus, ValidationStep } from '../../../../src-main/contract/cases';
import { useCasesStore } from '../../stores/cases';
import { ReasonDialog } from './ReasonDialog';

type Ask = { kind: 'skip' | 'reopen' } | { kind: 'done'; unfinishedRuns: number };

const closed = (status: StepStatus) => status === 'done' || status === 'skipped';

/**
 * Changes a step's status, asking for a reason where the core requires one: skipping and reopening ask at once;
 * "done" is tried first and asks only when the service answers `reason_required` (checklist runs of the step
 * are unfinished), naming how many.
 */
export function useStepChange(step: ValidationStep, current: StepStatus, after?: () => void): { request(status: StepStatus): Promise<void>; dialog: ReactNode } {
  const { t } = useTranslation();
  const setStep = useCasesStore((s) => s.setStep);
  const [ask, setAsk] = useState<{ status: StepStatus; why: Ask } | null>(null);

  const request = async (status: StepStatus) => {
    if (status === 'skipped') return setAsk({ status, why: { kind: 'skip' } });
    if (closed(current) && !closed(status)) return setAsk({ status, why: { kind: 'reopen' } });
    const error = await setStep(step, status);
    const issue = error?.issues?.find((i) => i.code === 'reason_required');
    if (issue) setAsk({ status, why: { kind: 'done', unfinishedRuns: Number(issue.params?.unfinishedRuns ?? 0) } });
    else if (!error) after?.();
  };

  const dialog = ask && (
    <ReasonDialog
      title={t(`gates.step.${ask.why.kind}Title`)}
      explain={
        ask.why.kind === 'done' ? t('gates.step.doneExplain', { count: ask.why.unfinishedRuns }) : t(`gates.step.${ask.why.kind}Explain`)
      }
      saveLabel={t(`gates.step.${ask.why.kind}Title`)}
      testId="step-reason-dialog"
      onClose={() => setAsk(null)}
      onSubmit={async (reason) => {
        const error = await setStep(step, ask.status, reason);
        if (!error) after?.();
        return error;
      }}
    />
  );
  return { request, dialog };
}

/** The reason given with the step's latest change, under its status. */
export function StepReason({ state }: { state: CaseDetail['steps'][number] }) {
  const { t } = useTranslation();
  if (!state.reason) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="step-reason" style={{ whiteSpace: 'pre-wrap' }}>
      {t('gates.step.reasonShown', { reason: state.reason })}
    </Text>
  );
}
