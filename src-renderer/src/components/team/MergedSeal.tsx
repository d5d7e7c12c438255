import { Alert, Button, Group, List, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleDetail } from '../../../../src-main/contract/bundles';
import type { OpenItemCode } from '../../../../src-main/contract/open-items';
import { reportDocuments, type PdfResult, type ReportLanguage } from '../../../../src-main/contract/reports';
import type { InputIssue } from '../../../../src-main/contract/result';
import type { MergeOutcome } from '../../../../src-main/contract/team';
import { api, type ApiError } from '../../api/client';
import { withProgress } from '../../api/progress';
import { shortId } from '../../lib/format';
import { useCasesStore } from '../../stores/cases';
import { useTeamMergeStore } from '../../stores/team-merge';
import { PdfResultCard } from '../assessment/PdfResultCard';
import { Section } from '../kit/Section';
import { ExportBundle } from '../sync/ExportBundle';
import { SyncError } from '../sync/TrustStatus';
import { asReportLanguage, ReportLanguagePicker } from '../ReportLanguagePicker';

/**
 * Sealing the merged report, then printing it: refused while a conflict is open; like an ordinary seal, the pre-seal
 * check of the merged case runs first, and open items need a reason (printed in the report). Once sealed, both PDFs
 * of the sealed version are printed in the chosen language, and the bundle can go on a stick.
 */
export function MergedSeal({ caseId, outcome }: { caseId: string; outcome: MergeOutcome }) {
  const { t, i18n } = useTranslation();
  const refresh = useTeamMergeStore((s) => s.refresh);
  // The merged PDFs start in the case's report language (when the case is the one open).
  const caseLanguage = useCasesStore((s) => (s.detail?.id === caseId ? s.detail.reportLanguage : null));
  const [lang, setLang] = useState<ReportLanguage>(caseLanguage ?? asReportLanguage(i18n.language));
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [openItems, setOpenItems] = useState<InputIssue[] | null>(null);
  const [reason, setReason] = useState('');
  const [sealed, setSealed] = useState<BundleDetail | null>(null);
  const [pdfs, setPdfs] = useState<PdfResult[]>([]);
  const blocked = outcome.open.length > 0;

  const print = async (bundle: BundleDetail) => {
    const versionId = bundle.report.reportVersion?.id;
    if (!versionId) return;
    const printed: PdfResult[] = [];
    for (const document of reportDocuments) {
      const result = await api.reports.pdf({ versionId, document, lang });
      if (!result.ok) return setError(result.error);
      printed.push(result.value);
      setPdfs([...printed]);
    }
  };

  const seal = async () => {
    setError(null);
    setPercent(2);
    const overrideReason = openItems && reason.trim() !== '' ? reason.trim() : undefined;
    const result = await withProgress(
      (taskId) => api.team.merge({ caseId, seal: true, lang, taskId, ...(overrideReason ? { overrideReason } : {}) }),
      (event) => setPercent((now) => Math.max(now ?? 0, event.total > 0 ? Math.min(95, (100 * event.done) / event.total) : 5)),
    );
    setPercent(null);
    if (!result.ok) {
      if (result.error.issues?.[0]?.code === 'open_items') setOpenItems(result.error.issues.slice(1));
      else setError(result.error);
      return;
    }
    const bundle = result.value.merged;
    if (!bundle) return;
    setSealed(bundle);
    setOpenItems(null);
    await print(bundle);
    await refresh();
  };

  const itemText = (item: InputIssue) => {
    const params = item.params ?? {};
    return t(`gates.seal.items.${item.code as OpenItemCode}`, { ...params, run: String((lang === 'ru' ? params['runRu'] : params['runEn']) ?? '') });
  };

  return (
    <Section id="merged-seal" title={t('team.seal.title')} hint={t('team.seal.hint')}>
      {!sealed && (
        <Stack gap="sm">
          {blocked && (
            <Alert color="orange" variant="light" data-testid="seal-blocked">
              {t('team.seal.blocked', { count: outcome.open.length })}
            </Alert>
          )}
          <Group gap="sm" align="flex-end">
            <ReportLanguagePicker id="merged-lang-label" label={t('sync.seal.language')} value={lang} onChange={setLang} />
            {!openItems && (
              <Button onClick={() => void seal()} disabled={blocked} loading={percent !== null} data-testid="seal-merged">
                {t('team.seal.button')}
              </Button>
            )}
          </Group>
          {openItems && (
            <Alert color="orange" variant="light" title={t('gates.seal.openTitle', { count: openItems.length })} data-testid="merged-open-items">
              <Stack gap="xs">
                <Text size="sm">{t('team.seal.openExplain')}</Text>
                <List size="sm" spacing={2} style={{ maxHeight: 200, overflowY: 'auto' }}>
                  {openItems.map((item, i) => (
                    <List.Item key={`${item.code ?? ''}:${i}`}>{itemText(item)}</List.Item>
                  ))}
                </List>
                <Textarea label={t('team.seal.overrideReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-testid="merged-override-reason" />
                <Group justify="flex-end">
                  <Button onClick={() => void seal()} disabled={reason.trim() === ''} loading={percent !== null} data-testid="seal-merged-anyway">
                    {t('team.seal.anyway')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {percent !== null && <Progress value={percent} animated aria-label={t('team.seal.sealing')} />}
        </Stack>
      )}
      {error && <SyncError error={error} />}
      {sealed && (
        <Stack gap="sm">
          <Alert color="green" variant="light" title={t('team.seal.done')} data-testid="merged-sealed">
            <Text size="sm">{t('team.seal.doneText', { id: shortId(sealed.summary.bundleId), count: sealed.report.inputs.length })}</Text>
          </Alert>
          <ExportBundle detail={sealed} label={t('sync.seal.saveToUsb')} variant="filled" />
          {pdfs.map((pdf) => (
            <PdfResultCard key={pdf.document} result={pdf} />
          ))}
        </Stack>
      )}
    </Section>
  );
}
