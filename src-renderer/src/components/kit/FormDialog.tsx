import { Button, Divider, Group, Modal, Stack, Text, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputIssue } from '../../../../src-main/contract/result';
import type { ApiError } from '../../api/client';
import { FormIssues } from '../FormIssues';

/** What a form could not place on a field (both error hooks carry it). */
export type UnplacedIssues = { failure: ApiError | null; unplaced: InputIssue[] };

/** What a draft form (`useDraftForm`) tells its frame: whether it is saving, and what it could not place. */
export type FormState = { busy: boolean; issues: UnplacedIssues };

const noIssues: UnplacedIssues = { failure: null, unplaced: [] };

/**
 * The one dialog frame of every form: a form element (Enter submits, no browser validation), its general issues,
 * Cancel and Save. The fields are the caller's; `onSubmit` runs on Save. `form` (a draft form) stands for `busy`
 * and `errors`.
 */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  form,
  busy = form?.busy ?? false,
  errors = form?.issues ?? noIssues,
  children,
  testId,
  size = 'lg',
  saveLabel,
  before,
}: {
  title: string;
  onClose: () => void;
  onSubmit: () => Promise<void>;
  form?: FormState;
  busy?: boolean;
  errors?: UnplacedIssues;
  children: ReactNode;
  testId: string;
  size?: ModalProps['size'];
  saveLabel?: string;
  /** Shown above the fields (e.g. where a pre-filled form came from). */
  before?: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={title}
      size={size}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack gap="sm">
          {before}
          {children}
          <FormIssues failure={errors.failure} unplaced={errors.unplaced} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {saveLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A heading inside a long form, as a divider with a label and an optional hint. */
export function FormSectionTitle({ children, hint }: { children: ReactNode; hint?: string }) {
  return (
    <Divider
      mt={4}
      labelPosition="left"
      label={
        <Group gap={6}>
          <Text size="sm" fw={600} c="dark">
            {children}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Group>
      }
    />
  );
}
