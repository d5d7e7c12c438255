import { Alert, Button, Group, Modal, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleDetail } from '../../../../src-main/contract/bundles';
import { printingPhases, type ProgressPhase } from '../../../../src-main/contract/progress';
import type { ReportLanguage } from '../../../../src-main/contract/reports';
import { api, type ApiError } from '../../api/client';
import { shortId } from '../../lib/format';
import { withProgress } from '../../api/progress';
import { formatBytes } from '../../lib/keys';
import { useCasesStore } from '../../stores/cases';
import { useReportsStore } from '../../stores/reports';
import { hrefFor } from '../../stores/route';
import { useSyncStore } from '../../stores/sync';
import { ExportBundle } from './ExportBundle';
import { PreSealCheck, type PreSealState } from '../gates/PreSealCheck';
import { Fact } from './Fact';
import { SyncError, WarningText } from './TrustStatus';
import { asReportLanguage, ReportLanguagePicker } from '../ReportLanguagePicker';

type Phase = 'starting' | 'printing' | 'sealing' | 'done';

/** The seal's phases as one bar: printing the two PDFs, then one streaming pass that hashes, signs and encrypts. */
function progressOf(phase: ProgressPhase, done: number, total: number): { phase: Phase; percent: number } {
  const part = total > 0 ? Math.min(1, done / total) : 0;
  if (phase === printingPhases['validation-report']) return { phase: 'printing', percent: 5 + 20 * part };
  if (phase === printingPhases['control-plan']) return { phase: 'printing', percent: 25 + 20 * part };
  if (phase === 'sealing') return { phase: 'sealing', percent: 45 + 55 * part };
  return { phase: 'starting', percent: 3 };
}

/**
 * "Seal report": asks first (sealing freezes the report version for good), then seals with progress and shows
 * what was sealed. Self-contained: the case page only places it.
 */
export function SealCaseButton({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  // The PDFs sealed with the bundle start in the case's report language.
  const caseLanguage = useCasesStore((s) => (s.detail?.id === caseId ? s.detail.reportLanguage : null));
  const [lang, setLang] = useState<ReportLanguage>(caseLanguage ?? asReportLanguage(i18n.language));
  const [running, setRunning] = useState<{ phase: Phase; percent: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<BundleDetail | null>(null);
  const [check, setCheck] = useState<PreSealState>({ ready: false, open: 0, blocking: 0, overrideReason: null });
  const blocked = !check.ready || check.blocking > 0 || (check.open > 0 && check.overrideReason === null);

  const seal = async () => {
    setError(null);
    setResult(null);
    setRunning({ phase: 'starting', percent: 3 });
    const sealed = await withProgress(
      (taskId) => api.bundles.seal({ caseId, lang, taskId, ...(check.overrideReason ? { overrideReason: check.overrideReason } : {}) }),
      (event) => setRunning((now) => {
        const next = progressOf(event.phase, event.done, event.total);
        return now && next.percent < now.percent ? now : next;
      }),
    );
    if (sealed.ok) {
      setRunning({ phase: 'done', percent: 100 });
      setResult(sealed.value);
      void useSyncStore.getState().loadBundles();
      // The sealed version is now immutable (or new): the report panel's list of versions shows it.
      if (useReportsStore.getState().caseId === caseId) void useReportsStore.getState().load(caseId);
    } else {
      setRunning(null);
      setError(sealed.error);
    }
  };
  const close = () => {
    if (running && running.phase !== 'done') return;
    setOpened(false);
    setRunning(null);
  };

  return (
    <>
      <Button
        onClick={() => {
          setError(null);
          setResult(null);
          setRunning(null);
          setOpened(true);
        }}
        data-testid="seal-report"
      >
        {t('sync.seal.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('sync.seal.title')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        data-testid="seal-dialog"
      >
        <Stack gap="sm" data-testid="seal-dialog-body">
          <Text size="sm">{t('sync.seal.explain')}</Text>
          <Alert color="yellow" variant="light">
            {t('sync.seal.immutable')}
          </Alert>
          {!result && !running && <PreSealCheck caseId={caseId} onState={setCheck} onNavigate={() => setOpened(false)} />}
          {!result && (
            <ReportLanguagePicker id="seal-lang-label" label={t('sync.seal.language')} value={lang} onChange={setLang} disabled={running !== null} />
          )}
          {running && (
            <Stack gap={4} data-testid="seal-progress" data-phase={running.phase} data-percent={Math.round(running.percent)}>
              <Text size="xs" c="dimmed">
                {t(`sync.seal.phases.${running.phase}`)}
              </Text>
              <Progress value={running.percent} animated={running.phase !== 'done'} aria-label={t(`sync.seal.phases.${running.phase}`)} />
            </Stack>
          )}
          {error && <SyncError error={error} />}
          {result && (
            <Alert color="green" variant="light" title={t('sync.seal.done')} data-testid="seal-result">
              <SimpleGrid cols={4} spacing="md">
                <Fact label={t('sync.seal.bundleId')} ff="monospace" testId="sealed-bundle-id" title={result.summary.bundleId}>
                  {shortId(result.summary.bundleId)}
                </Fact>
                <Fact label={t('sync.seal.version')}>{result.report.reportVersion?.version}</Fact>
                <Fact label={t('sync.seal.files')} testId="sealed-files">{result.summary.fileCount}</Fact>
                <Fact label={t('sync.seal.size')}>{formatBytes(result.summary.size, i18n.language)}</Fact>
              </SimpleGrid>
            </Alert>
          )}
          {result && (
            // The bundle leaves on a stick: a save dialog in the app, a download in the preview; nobody types a path.
            <ExportBundle detail={result} label={t('sync.seal.saveToUsb')} variant="filled" />
          )}
          {result && result.report.warnings.length > 0 && (
            <Alert color="yellow" variant="light" title={t('sync.report.warnings')} data-testid="seal-warnings">
              {result.report.warnings.map((w) => (
                <WarningText key={w.code} code={w.code} />
              ))}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            {result ? (
              <>
                <Button variant="default" component="a" href={hrefFor({ name: 'sync' })} onClick={() => setOpened(false)}>
                  {t('sync.seal.openSync')}
                </Button>
                <Button onClick={close}>{t('common.close')}</Button>
              </>
            ) : (
              <>
                <Button variant="default" onClick={close} disabled={running !== null}>
                  {t('common.cancel')}
                </Button>
                <Button onClick={() => void seal()} loading={running !== null} disabled={blocked} data-autofocus data-testid="seal-confirm">
                  {t('sync.seal.confirm')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
