import { Textarea, type TextareaProps } from '@mantine/core';
import type { AutosaveText } from '../../lib/autosave-text';

/**
 * A free text kept as a draft (useAutosaveText) that survives a step change or a reload: typing goes to the draft,
 * and leaving the field saves it now when the draft saves itself. It grows with its text up to `maxRows`.
 */
export function DraftTextarea({
  draft,
  minRows = 2,
  maxRows = 12,
  testId,
  ...props
}: Omit<TextareaProps, 'value' | 'onChange' | 'onBlur' | 'autosize'> & { draft: AutosaveText; testId?: string }) {
  return (
    <Textarea
      {...props}
      value={draft.value}
      onChange={(event) => draft.setValue(event.currentTarget.value)}
      onBlur={draft.flush}
      autosize
      minRows={minRows}
      maxRows={maxRows}
      data-testid={testId}
    />
  );
}
