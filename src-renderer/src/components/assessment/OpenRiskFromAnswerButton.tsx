import { Alert, Button, List, Text, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '../../../../src-main/contract/risks';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { IconShield } from '../icons';
import { RiskForm, type RiskStart } from './RiskForm';

type Opened = { start: RiskStart; existing: Risk[] };

/**
 * Opening a risk from a non-compliant or partially compliant checklist answer: asks the service for the
 * pre-filled risk (title from the prompt, criterion, site, the answer and its evidence linked), shows it in the
 * risk form, and creates it with `fromAnswer`. Risks already opened from the same answer are named first.
 */
export function useRiskFromAnswer(caseId: string, onCreated?: (risk: Risk) => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [created, setCreated] = useState<Risk | null>(null);

  const open = async (runId: string, itemId: string) => {
    setBusy(`${runId}:${itemId}`);
    setError(null);
    setCreated(null);
    const draft = await api.risks.draftFromAnswer({ runId, itemId });
    if (!draft.ok) {
      setBusy(null);
      setError(draft.error);
      return;
    }
    const existing = await Promise.all(draft.value.existingRiskIds.map((id) => api.risks.get({ id })));
    setBusy(null);
    setOpened({
      start: {
        title: draft.value.title,
        criterion: draft.value.criterion,
        siteId: draft.value.siteId,
        answerIds: [draft.value.answer.answerId],
        evidenceIds: draft.value.evidenceIds,
        fromAnswer: { runId, itemId },
      },
      existing: existing.flatMap((r) => (r.ok ? [r.value] : [])),
    });
  };

  const dialog = opened && (
    <RiskForm
      caseId={caseId}
      start={opened.start}
      onClose={() => setOpened(null)}
      onSaved={(risk) => {
        setCreated(risk);
        onCreated?.(risk);
      }}
      before={
        <>
          <Text size="sm" c="dimmed">
            {t('assess.fromAnswer.prefilled')}
          </Text>
          {opened.existing.length > 0 && (
            <Alert color="yellow" variant="light" title={t('assess.fromAnswer.existingTitle')} data-testid="existing-risks">
              <List size="sm">
                {opened.existing.map((r) => (
                  <List.Item key={r.id}>{r.title}</List.Item>
                ))}
              </List>
              <Text size="xs" mt={4}>
                {t('assess.fromAnswer.existingHint')}
              </Text>
            </Alert>
          )}
        </>
      }
    />
  );

  return { open, busy, error, created, dialog };
}

/** "Open risk" beside a non-compliant or partially compliant answer (the runner's item detail). */
export function OpenRiskFromAnswerButton({
  runId,
  itemId,
  caseId,
  onCreated,
  ...buttonProps
}: {
  runId: string;
  itemId: string;
  caseId: string;
  onCreated?: (risk: Risk) => void;
} & Omit<ButtonProps, 'children' | 'onClick'>) {
  const { t } = useTranslation();
  const flow = useRiskFromAnswer(caseId, onCreated);
  return (
    <>
      <Button
        variant="light"
        color="orange"
        size="xs"
        leftSection={<IconShield size={14} />}
        loading={flow.busy !== null}
        onClick={() => void flow.open(runId, itemId)}
        data-testid="open-risk-from-answer"
        style={{ alignSelf: 'flex-start' }}
        {...buttonProps}
      >
        {t('assess.fromAnswer.open')}
      </Button>
      {flow.error && <ErrorAlert error={flow.error} />}
      {flow.created && (
        <Text size="xs" c="teal.8" role="status" data-testid="risk-opened">
          {t('assess.fromAnswer.created', { title: flow.created.title })}
        </Text>
      )}
      {flow.dialog}
    </>
  );
}
