import { Alert, Badge, Button, SimpleGrid, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrustImportResult, TrustStatus } from '../../../../src-main/contract/trust';
import { api, type ApiError } from '../../api/client';
import { formatTimestamp } from '../../lib/format';
import { useSyncStore } from '../../stores/sync';
import { Fact } from './Fact';
import { KeyStatusBadge, RejectionAlert, SyncError } from './TrustStatus';
import { TrustFingerprintConfirm, type TrustQuestion } from './TrustFingerprintConfirm';
import { usePick } from '../../stores/pick';
import { RecordTable } from '../kit/RecordTable';

type TrustMember = NonNullable<TrustStatus['installed']>['members'][number];
import { Panel } from '../kit/Section';

type TrustSource = Parameters<typeof api.trust.import>[0]['source'];

export function TrustSection() {
  const { t, i18n } = useTranslation();
  const { trust, loadTrust, loadKeys } = usePick(useSyncStore, 'trust', 'loadTrust', 'loadKeys');
  const input = useRef<HTMLInputElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<TrustImportResult | null>(null);
  const [question, setQuestion] = useState<{ source: TrustSource; asked: TrustQuestion } | null>(null);
  const installed = trust.value?.installed ?? null;

  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    // A trust list is a small signed JSON file: the page reads it and sends its text, so the same source can be
    // sent again when the user confirms the HQ fingerprint (a file token or an upload is consumed by the first call).
    let source: TrustSource;
    try {
      source = { content: await file.text() };
    } catch {
      setError({ code: 'invalid_input', message: 'unreadable', issues: [] });
      setBusy(false);
      return;
    }
    await submit(source);
  };

  // The first list comes back as a question (its HQ fingerprint); the dialog asks it and submits again.
  const submit = async (source: TrustSource, confirmFingerprint?: string) => {
    setBusy(true);
    const result = await api.trust.import({ source, ...(confirmFingerprint ? { confirmFingerprint } : {}) });
    setQuestion(null);
    if (result.ok && result.value.outcome === 'needs_confirmation') {
      setQuestion({ source, asked: result.value });
    } else if (result.ok) {
      setOutcome(result.value);
      useSyncStore.setState({ trust: { value: result.value.status, status: 'ready', error: null } });
      await loadKeys();
    } else {
      setError(result.error);
      await loadTrust();
    }
    setBusy(false);
  };

  return (
    <Panel
      id="sync-trust"
      title={t('sync.trust.title')}
      actions={
        <>
          <Button variant="default" onClick={() => input.current?.click()} loading={busy} data-testid="import-trust">
            {t('sync.trust.import')}
          </Button>
          <input
            ref={input}
            type="file"
            hidden
            accept=".json,application/json"
            data-testid="trust-file-input"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
        </>
      }
    >
      <TrustFingerprintConfirm
        question={question?.asked ?? null}
        busy={busy}
        onConfirm={(fingerprint) => question && void submit(question.source, fingerprint)}
        onCancel={() => setQuestion(null)}
      />
      {trust.error && <SyncError error={trust.error} />}
      {error && <SyncError error={error} />}
      {outcome?.outcome === 'rejected' && <RejectionAlert title={t('sync.trust.rejected')} rejection={outcome.rejection} />}
      {outcome && outcome.outcome !== 'rejected' && outcome.status.installed && (
        <Alert color={outcome.outcome === 'installed' ? 'green' : 'blue'} variant="light" data-testid="trust-imported">
          {t(outcome.outcome === 'installed' ? 'sync.trust.installed' : 'sync.trust.unchanged', {
            version: outcome.status.installed.version,
          })}
        </Alert>
      )}
      {trust.status === 'ready' && !installed && (
        <Alert color="red" variant="light" data-testid="trust-missing">
          {t('sync.trust.missing')}
        </Alert>
      )}
      {installed?.expired && (
        <Alert color="yellow" variant="light" data-testid="trust-expired">
          {t('sync.trust.expired', { version: installed.version, date: formatTimestamp(installed.expiresAt, i18n.language) })}
        </Alert>
      )}
      {installed && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="xs">
            <Fact label={t('sync.trust.version')} fw={700} testId="trust-version">{installed.version}</Fact>
            <Fact label={t('sync.trust.issuer')}>{installed.issuer}</Fact>
            <Fact label={t('sync.trust.expiresAt')} c={installed.expired ? 'orange.8' : undefined}>
              {formatTimestamp(installed.expiresAt, i18n.language)}
            </Fact>
            <Fact label={t('sync.trust.signedBy')}>{installed.signedBy.map((s) => s.name).join(', ')}</Fact>
            <Fact label={t('sync.trust.members')} testId="trust-members">{installed.members.length}</Fact>
            <Fact label={t('sync.trust.revoked')} testId="trust-revoked">{installed.revoked.length}</Fact>
            <Fact label={t('sync.trust.issuedAt')}>{formatTimestamp(installed.issuedAt, i18n.language)}</Fact>
            <Fact label={t('sync.trust.importedAt')}>{formatTimestamp(installed.importedAt, i18n.language)}</Fact>
          </SimpleGrid>
          <RecordTable<TrustMember>
            testId="trust-members-table"
            rowTestId="trust-member"
            rows={installed.members}
            rowKey={(m) => m.keyId}
            tableProps={{ striped: true, verticalSpacing: 4, 'aria-label': t('sync.trust.membersTitle') }}
            columns={[
              { key: 'name', header: t('sync.trust.name'), cell: (m) => m.name },
              {
                key: 'role',
                header: t('sync.trust.role'),
                cell: (m) => (
                  <Badge size="sm" variant="outline" color="gray">
                    {t(`sync.roles.${m.role}`)}
                  </Badge>
                ),
              },
              {
                key: 'fingerprint',
                header: t('sync.keys.fingerprint'),
                cell: (m) => (
                  <Text size="xs" ff="monospace" title={m.fingerprint}>
                    {m.fingerprint.split(' ').slice(0, 4).join(' ')} …
                  </Text>
                ),
              },
              { key: 'validUntil', header: t('sync.trust.validUntil'), cell: (m) => formatTimestamp(m.validUntil, i18n.language) },
              { key: 'status', header: t('sync.trust.status'), cell: (m) => <KeyStatusBadge status={m.status} /> },
            ]}
          />
        </>
      )}
    </Panel>
  );
}
