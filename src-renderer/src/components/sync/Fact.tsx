import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled fact of a key, a trust list or a bundle, in the grids of the sync screens: small caps over the value. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** A fact whose value is a line of text; `testId` marks the value the browser tests read. */
export function Fact({
  label,
  testId,
  size = 'sm',
  fw,
  ff,
  c,
  title,
  children,
}: {
  label: string;
  testId?: string;
  size?: 'xs' | 'sm';
  fw?: number;
  ff?: 'monospace';
  c?: string;
  title?: string;
  children: ReactNode;
}) {
  return (
    <Field label={label}>
      <Text size={size} fw={fw} ff={ff} c={c} title={title} data-testid={testId}>
        {children}
      </Text>
    </Field>
  );
}
