import { Alert, Button, Code, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollResult, SyncProblem } from '../../../../src-main/contract/sync';
import { formatTimestamp } from '../../lib/format';
import { useHqSyncStore } from '../../stores/hq-sync';
import { Section } from '../kit/Section';
import { SyncError } from './TrustStatus';

type Question = Extract<EnrollResult, { outcome: 'needs_confirmation' }>;

/** Why sync stopped, in the user's words, with the core's one line beneath (it names the server or the key). */
export function ProblemAlert({ problem }: { problem: SyncProblem }) {
  const { t } = useTranslation();
  const mild = problem.code === 'unreachable' || problem.code === 'not_configured' || problem.code === 'upload_interrupted';
  return (
    <Alert color={mild ? 'gray' : 'orange'} variant="light" title={t(`hq.problems.${problem.code}`)} data-testid="sync-problem" data-code={problem.code}>
      <Text size="sm">{problem.message}</Text>
    </Alert>
  );
}

/**
 * HQ: its address (empty: no HQ, and everything else works the same), the HQ key pinned at enrollment, how the
 * connection stands, the last successful sync and "Sync now".
 */
export function HqSection() {
  const { t, i18n } = useTranslation();
  const { status, settings, error, lastRound, refresh, syncNow, configure, enroll } = useHqSyncStore();
  // What the user typed, until saved; otherwise the address in the settings.
  const [draft, setDraft] = useState<string | null>(null);
  const address = draft ?? settings?.hqUrl ?? '';
  const [busy, setBusy] = useState<'save' | 'enroll' | 'sync' | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [enrolled, setEnrolled] = useState<EnrollResult | null>(null);
  const running = status?.running === true || busy === 'sync';

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // While a round runs (here or in the background), follow its bytes.
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void refresh(), 1000);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  const save = async () => {
    setBusy('save');
    await configure(address.trim());
    setDraft(null);
    setBusy(null);
  };
  const sendEnrollment = async (confirmFingerprint?: string) => {
    setBusy('enroll');
    const result = await enroll(confirmFingerprint);
    setQuestion(null);
    if (result.ok && result.value.outcome === 'needs_confirmation') setQuestion(result.value);
    else if (result.ok) setEnrolled(result.value);
    setBusy(null);
  };
  const now = async () => {
    setBusy('sync');
    await syncNow();
    setBusy(null);
  };

  const problem = lastRound?.problem ?? status?.problem ?? null;
  const online = status?.online ?? 'unknown';
  return (
    <Section id="hq-section" title={t('hq.title')} hint={t('hq.hint')}>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label={t('hq.address')}
              description={t('hq.addressHint')}
              value={address}
              onChange={(e) => setDraft(e.currentTarget.value)}
              style={{ flex: '1 1 280px' }}
              data-testid="hq-address"
            />
            <Button variant="default" onClick={() => void save()} loading={busy === 'save'} disabled={address.trim() === (settings?.hqUrl ?? '')} data-testid="hq-save">
              {t('hq.save')}
            </Button>
          </Group>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('hq.pinnedKey')}
            </Text>
            {settings?.hqKey ? (
              <Code data-testid="hq-pinned">{settings.hqKey.fingerprint}</Code>
            ) : (
              <Text size="sm" data-testid="hq-pinned">
                {t('hq.notPinned')}
              </Text>
            )}
            <Button size="xs" variant="light" onClick={() => void sendEnrollment()} loading={busy === 'enroll'} disabled={!settings?.hqUrl} data-testid="hq-enroll">
              {t('hq.enroll')}
            </Button>
          </Group>
          {enrolled?.outcome === 'pending' && (
            <Alert color="blue" variant="light" data-testid="hq-enrolled">
              {t('hq.enrolled')}
            </Alert>
          )}
          {enrolled?.outcome === 'refused' && <ProblemAlert problem={enrolled.problem} />}
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Text size="sm" data-testid="hq-online" data-online={online}>
                {t(`hq.online.${online}`)}
              </Text>
              <Text size="sm" c="dimmed" data-testid="hq-last-success">
                {status?.lastSuccessAt ? t('hq.lastSuccess', { at: formatTimestamp(status.lastSuccessAt, i18n.language) }) : t('hq.neverSynced')}
              </Text>
            </Stack>
            <Button onClick={() => void now()} loading={running} disabled={!settings?.hqUrl} data-testid="sync-now">
              {t('hq.syncNow')}
            </Button>
          </Group>
          {problem && <ProblemAlert problem={problem} />}
          {error && <SyncError error={error} />}
        </Stack>
      </Paper>
      <Modal opened={question !== null} onClose={() => setQuestion(null)} title={t('hq.confirmTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {question && (
          <Stack gap="sm" data-testid="hq-confirm">
            <Text size="sm">{t('hq.confirmExplain')}</Text>
            <Code block fz="md" style={{ whiteSpace: 'normal', wordSpacing: '0.3em' }} data-testid="hq-confirm-fingerprint">
              {question.hqKey.fingerprint}
            </Code>
            <Alert color="yellow" variant="light">
              {t('hq.confirmWarning')}
            </Alert>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setQuestion(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void sendEnrollment(question.hqKey.fingerprint)} loading={busy === 'enroll'} data-testid="hq-confirm-send">
                {t('hq.confirmSend')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Section>
  );
}
