import { Alert, Button, Code, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrityReport } from '../../../../src-main/contract/evidence';
import { api, type ApiError } from '../../api/client';
import { withProgress } from '../../api/progress';
import { ErrorAlert } from '../ErrorAlert';
import { IconShield } from '../icons';

/**
 * Re-hashes every stored evidence file (of one case, or of all cases) and names any whose bytes changed or
 * disappeared. Progress comes from the service's events for this call.
 */
export function IntegrityCheck({ caseId }: { caseId?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async () => {
    setBusy(true);
    setReport(null);
    setError(null);
    setProgress(null);
    const result = await withProgress(
      (taskId) => api.evidence.verify(caseId ? { caseId, taskId } : { taskId }),
      (event) => setProgress({ done: event.done, total: event.total }),
    );
    setBusy(false);
    setProgress(null);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  };

  return (
    <Stack gap="xs" data-testid="integrity">
      <Group gap="sm">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconShield size={14} />}
          loading={busy}
          onClick={() => void run()}
          data-testid="integrity-check"
        >
          {t('integrity.check')}
        </Button>
        {busy && progress && progress.total > 0 && (
          <Group gap={6} wrap="nowrap" style={{ flex: 1, maxWidth: 320 }}>
            <Progress
              value={(progress.done / progress.total) * 100}
              size="sm"
              style={{ flex: 1 }}
              aria-label={t('integrity.progress', { done: progress.done, count: progress.total })}
            />
            <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('integrity.progress', { done: progress.done, count: progress.total })}
            </Text>
          </Group>
        )}
      </Group>
      {error && <ErrorAlert error={error} />}
      {report &&
        (report.ok ? (
          <Alert color="teal" variant="light" role="status" data-testid="integrity-result" p="xs">
            <Text size="sm">{t('integrity.ok', { count: report.checked })}</Text>
          </Alert>
        ) : (
          <Alert
            color="red"
            variant="light"
            role="alert"
            data-testid="integrity-result"
            title={t('integrity.problems', { n: report.problems.length, count: report.checked })}
          >
            <List size="sm" spacing={4}>
              {report.problems.map((problem) => (
                <List.Item key={`${problem.sha256}:${problem.originalName}`}>
                  <Text span size="sm" fw={600}>
                    {problem.originalName}
                  </Text>
                  {' — '}
                  <Text span size="sm">
                    {t(`integrity.kinds.${problem.problem}`)}
                  </Text>{' '}
                  <Code>{problem.sha256.slice(0, 12)}</Code>
                </List.Item>
              ))}
            </List>
          </Alert>
        ))}
    </Stack>
  );
}
