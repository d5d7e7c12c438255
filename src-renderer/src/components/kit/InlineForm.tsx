import { Button, Group, Stack, type ButtonProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { FormIssues } from '../FormIssues';
import type { FormState, UnplacedIssues } from './FormDialog';

/**
 * A form that sits on the page rather than in a dialog (a plan's dates, the control plan's authorization): its
 * fields, what could not be placed on a field, and one Save on the right that is live only while something changed.
 */
export function InlineForm({
  onSubmit,
  form,
  busy = form?.busy ?? false,
  dirty = form?.isDirty() ?? false,
  errors = form?.issues ?? { failure: null, unplaced: [] },
  saveLabel,
  saveTestId,
  size,
  children,
}: {
  onSubmit: () => Promise<void>;
  /** A draft form (`useDraftForm`): stands for `busy`, `dirty` and `errors`. */
  form?: FormState & { isDirty(): boolean };
  busy?: boolean;
  dirty?: boolean;
  errors?: UnplacedIssues;
  saveLabel: string;
  saveTestId?: string;
  size?: ButtonProps['size'];
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {children}
        <FormIssues failure={errors.failure} unplaced={errors.unplaced} />
        <Group justify="flex-end">
          <Button type="submit" size={size} loading={busy} disabled={!dirty} data-testid={saveTestId}>
            {saveLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
