import { Badge, Button, Code, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry, OutboxState } from '../../../../src-main/contract/sync';
import hqEn from '../../i18n/hq.en.json';
import { formatBytes, formatTimestamp, shortId } from '../../lib/format';
import { useHqSyncStore } from '../../stores/hq-sync';
import { RecordTable, type Column } from '../kit/RecordTable';
import { Section } from '../kit/Section';

/** HQ's codes this app words; HQ may send others (a newer server), shown by their code and HQ's reason. */
const wordedRejection = (code: string): code is keyof typeof hqEn.hq.rejections => Object.hasOwn(hqEn.hq.rejections, code);

const stateColor: Record<OutboxState, string> = { queued: 'gray', uploading: 'blue', delivered: 'green', rejected: 'red' };

/** Bytes at HQ out of the whole bundle, as a bar and in words. */
function Transfer({ entry }: { entry: OutboxEntry }) {
  const { t, i18n } = useTranslation();
  const percent = entry.size > 0 ? Math.min(100, (entry.sent / entry.size) * 100) : 0;
  return (
    <Stack gap={2} miw={160}>
      <Progress value={percent} size="sm" color={stateColor[entry.state]} aria-label={t('hq.outbox.progress')} data-testid="outbox-progress" />
      <Text size="xs" c="dimmed" data-testid="outbox-bytes">
        {t('hq.outbox.bytes', { sent: formatBytes(entry.sent, i18n.language), size: formatBytes(entry.size, i18n.language) })}
      </Text>
    </Stack>
  );
}

/** The receipt, the rejection, or why the last attempt stopped. */
function Outcome({ entry }: { entry: OutboxEntry }) {
  const { t, i18n } = useTranslation();
  if (entry.receipt) {
    return (
      <Stack gap={2} data-testid="outbox-receipt">
        <Text size="xs">{t('hq.outbox.receivedAt', { at: formatTimestamp(entry.receipt.receivedAt, i18n.language), sequence: entry.receipt.sequence })}</Text>
        <Text size="xs" c="dimmed">
          {t('hq.outbox.hqKey')} <Code fz="xs" data-testid="outbox-receipt-key">{entry.receipt.hqFingerprint}</Code>
        </Text>
      </Stack>
    );
  }
  if (entry.rejection) {
    const code = entry.rejection.code;
    return (
      <Stack gap={2} data-testid="outbox-rejection" data-code={entry.rejection.code}>
        <Text size="xs" fw={500} c="red.8">
          {wordedRejection(code) ? t(`hq.rejections.${code}`) : t('hq.rejections.other')}
        </Text>
        <Text size="xs" c="dimmed">
          <Code fz="xs">{entry.rejection.code}</Code> {entry.rejection.reason}
        </Text>
      </Stack>
    );
  }
  if (entry.lastError) {
    return (
      <Text size="xs" c="dimmed" data-testid="outbox-last-error" data-code={entry.lastError.code}>
        {t(`hq.problems.${entry.lastError.code}`)}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed">
      {t(`hq.outbox.waiting.${entry.state}`)}
    </Text>
  );
}

/** Every bundle sealed here on its way to HQ: its state, the bytes at HQ, and the receipt or the reason. */
export function OutboxSection() {
  const { t, i18n } = useTranslation();
  const outbox = useHqSyncStore((s) => s.outbox);
  const retry = useHqSyncStore((s) => s.retry);
  const remove = useHqSyncStore((s) => s.remove);
  const columns: Column<OutboxEntry>[] = [
    {
      key: 'case',
      header: t('hq.outbox.case'),
      cell: (e) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {e.caseNumber}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {shortId(e.bundleId)} · {formatTimestamp(e.queuedAt, i18n.language)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'state',
      header: t('hq.outbox.state'),
      width: 130,
      cell: (e) => (
        <Badge color={stateColor[e.state]} variant="light" data-testid="outbox-state" data-state={e.state}>
          {t(`hq.outbox.states.${e.state}`)}
        </Badge>
      ),
    },
    { key: 'transfer', header: t('hq.outbox.transfer'), cell: (e) => <Transfer entry={e} /> },
    { key: 'outcome', header: t('hq.outbox.outcome'), cell: (e) => <Outcome entry={e} /> },
  ];
  return (
    <Section id="outbox-section" title={t('hq.outbox.title')} count={outbox.length} hint={t('hq.outbox.hint')}>
      <RecordTable
        rows={outbox}
        columns={columns}
        rowKey={(e) => e.bundleId}
        rowTestId="outbox-row"
        rowProps={(e) => ({ 'data-bundle-id': e.bundleId, 'data-state': e.state })}
        empty={t('hq.outbox.empty')}
        emptyTestId="outbox-empty"
        testId="outbox-table"
        actionsLabel={t('hq.outbox.actions')}
        actionsWidth={180}
        actions={(e) =>
          e.state === 'rejected' ? (
            <Group gap={4} wrap="nowrap" justify="flex-end">
              <Button size="compact-xs" variant="light" onClick={() => void retry(e.bundleId)} data-testid="outbox-retry">
                {t('hq.outbox.retry')}
              </Button>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(e.bundleId)} data-testid="outbox-remove">
                {t('hq.outbox.remove')}
              </Button>
            </Group>
          ) : null
        }
      />
    </Section>
  );
}
