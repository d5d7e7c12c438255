import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { FormDialog } from '../kit/FormDialog';

/**
 * Asks why (skipping a step, marking it done with runs unfinished, reopening a step or a signed-off run). The
 * reason is required; `onSubmit` answers the service's error, or null when it took the change.
 */
export function ReasonDialog({
  title,
  explain,
  saveLabel,
  onClose,
  onSubmit,
  testId = 'reason-dialog',
}: {
  title: string;
  explain: string;
  saveLabel: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<ApiError | null>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const submit = async () => {
    const text = reason.trim();
    if (text === '') {
      setEmpty(true);
      return;
    }
    setBusy(true);
    setFailure(null);
    const error = await onSubmit(text);
    setBusy(false);
    if (error) setFailure(error);
    else onClose();
  };

  return (
    <FormDialog title={title} onClose={onClose} onSubmit={submit} busy={busy} errors={{ failure, unplaced: [] }} testId={testId} saveLabel={saveLabel} size="md">
      <Text size="sm">{explain}</Text>
      <Textarea
        label={t('gates.reason.label')}
        description={t('gates.reason.hint')}
        value={reason}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setEmpty(false);
        }}
        error={empty ? t('gates.reason.required') : undefined}
        autosize
        minRows={3}
        maxLength={2000}
        required
        data-autofocus
      />
    </FormDialog>
  );
}
