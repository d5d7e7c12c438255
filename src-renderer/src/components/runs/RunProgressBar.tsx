import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Progress as RunProgress } from '../../../../src-main/contract/runs';
import { percent } from '../../../../src-main/contract/run-progress';

/** "9 / 13" with a bar: answered of counted items (optional items count once answered). */
export function RunProgressBar({ progress, w = 90, testId }: { progress: RunProgress; w?: number; testId?: string }) {
  const { t } = useTranslation();
  const value = percent(progress);
  return (
    <Group gap={8} wrap="nowrap">
      <Progress
        value={value}
        size="sm"
        w={w}
        color={value === 100 ? 'teal' : 'blue'}
        aria-label={t('runs.progressLabel', { answered: progress.answered, count: progress.total, percent: value })}
      />
      <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId}>
        {t('runs.progressShort', { answered: progress.answered, total: progress.total, percent: value })}
      </Text>
    </Group>
  );
}
