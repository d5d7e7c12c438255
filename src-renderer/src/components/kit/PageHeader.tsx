import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A page's heading: its title, a line on what the page is for, and the page's own action on the right. */
export function PageHeader({ title, intro, action }: { title: string; intro?: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {intro && (
          <Text size="sm" c="dimmed" maw={760}>
            {intro}
          </Text>
        )}
      </Stack>
      {action}
    </Group>
  );
}
