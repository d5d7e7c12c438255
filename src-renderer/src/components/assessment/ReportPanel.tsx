import { Badge, Button, Code, Group, Paper, Progress, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ValidationStep } from '../../../../src-main/contract/cases';
import type { ProgressEvent } from '../../../../src-main/contract/progress';
import {
  type PdfResult,
  type ReportDocument,
  type ReportLanguage,
  type ReportVersionSummary,
} from '../../../../src-main/contract/reports';
import { api, type ApiError } from '../../api/client';
import { withProgress } from '../../api/progress';
import { formatTimestamp } from '../../lib/format';
import { useReportsStore, type PdfKey } from '../../stores/reports';
import { RecordTable } from '../kit/RecordTable';
import { ErrorAlert } from '../ErrorAlert';
import { IconDocument } from '../icons';
import { SealCaseButton } from '../sync/SealCaseButton';
import { SectionHeader } from '../kit/Section';
import { PdfResultCard } from './PdfResultCard';
import { usePick } from '../../stores/pick';
import { ReportLanguagePicker } from '../ReportLanguagePicker';

const CURRENT = 'current';

/** The worker's phases as one bar: images, then layout, page rendering, writing the file. */
function percentOf(event: ProgressEvent): number | null {
  const part = event.total > 0 ? Math.min(1, event.done / event.total) : 1;
  switch (event.phase) {
    case 'images':
      return 5 + 25 * part;
    case 'layout':
      return 30 + 5 * part;
    case 'render':
      return 35 + 55 * part;
    case 'write':
      return 90 + 10 * part;
    default:
      return null;
  }
}

const knownPhases = ['images', 'layout', 'render', 'write'] as const;
type Phase = (typeof knownPhases)[number] | 'starting' | 'done';
const phaseOf = (phase: string): Phase => (knownPhases as readonly string[]).includes(phase) ? (phase as Phase) : 'starting';

type Running = { document: ReportDocument; lang: ReportLanguage; percent: number; phase: Phase };

/**
 * Steps 8 and 9: report versions (a version freezes the case's report model), and printing the Validation
 * Report and the Control Plan as PDFs off the UI thread, in the case's report language or the other one, with progress.
 */
export function ReportPanel({ detail, step }: { detail: CaseDetail; step: ValidationStep }) {
  const { t, i18n } = useTranslation();
  const { caseId: loadedFor, versions, error, results, load, createVersion, refreshDraft, remember } = usePick(
    useReportsStore,
    'caseId', 'versions', 'error', 'results', 'load', 'createVersion', 'refreshDraft', 'remember',
  );
  const [lang, setLang] = useState<ReportLanguage | null>(null);
  const [source, setSource] = useState<string>(CURRENT);
  const [running, setRunning] = useState<Running | null>(null);
  const [finished, setFinished] = useState<Running | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  useEffect(() => {
    void load(detail.id);
  }, [detail.id, load]);

  // The case's report language unless the validator picks the other one for a copy.
  const language = lang ?? detail.reportLanguage;
  const mine = loadedFor === detail.id;
  const documents: ReportDocument[] = step === 'control_plan' ? ['control-plan', 'validation-report'] : ['validation-report', 'control-plan'];

  const generate = async (document: ReportDocument) => {
    setFailure(null);
    setFinished(null);
    const state: Running = { document, lang: language, percent: 2, phase: 'starting' };
    setRunning(state);
    const result = await withProgress(
      (taskId) =>
        api.reports.pdf({
          ...(source === CURRENT ? { caseId: detail.id } : { versionId: source }),
          document,
          lang: language,
          taskId,
        }),
      (event) => {
        const percent = percentOf(event);
        setRunning((current) =>
          current
            ? { ...current, phase: phaseOf(event.phase), percent: percent === null ? current.percent : Math.max(current.percent, percent) }
            : current,
        );
      },
    );
    setRunning(null);
    if (result.ok) {
      setFinished({ ...state, percent: 100, phase: 'done' });
      remember(result.value);
    } else {
      setFailure(result.error);
    }
  };

  const act = async (key: string, work: () => Promise<{ ok: boolean; error?: ApiError }>) => {
    setBusy(key);
    setFailure(null);
    const result = await work();
    setBusy(null);
    if (!result.ok && result.error) setFailure(result.error);
  };

  const bar = running ?? finished;
  const shownResults = (Object.keys(results) as PdfKey[])
    .map((key) => results[key])
    .filter((r): r is PdfResult => r !== undefined)
    .sort((a, b) => documents.indexOf(a.document) - documents.indexOf(b.document) || a.lang.localeCompare(b.lang));

  return (
    <Stack gap="md" component="section" aria-labelledby="report-title" data-testid="report-panel">
      <SectionHeader id="report-title" title={t('assess.report.title')} hint={t('assess.report.hint')} actions={<SealCaseButton caseId={detail.id} />} />
      {error && <ErrorAlert error={error} />}

      <Paper p="sm" withBorder>
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('assess.report.versionsTitle')}
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={busy === 'create'}
              onClick={() => void act('create', createVersion)}
              data-testid="create-version"
            >
              {t('assess.report.createVersion')}
            </Button>
          </Group>
          <RecordTable<ReportVersionSummary>
            testId="versions-table"
            rowTestId="version-row"
            rows={mine ? [...versions].sort((a, b) => b.version - a.version) : []}
            empty={t('assess.report.noVersions')}
            emptyTestId="versions-empty"
            columns={[
              { key: 'version', header: t('assess.report.columns.version'), fw: 600, cell: (v) => t('assess.report.versionN', { n: v.version }) },
              {
                key: 'status',
                header: t('assess.report.columns.status'),
                cell: (v) => (
                  <Badge size="sm" color={v.status === 'sealed' ? 'teal' : 'gray'}>
                    {t(`assess.report.status.${v.status}`)}
                  </Badge>
                ),
              },
              {
                key: 'created',
                header: t('assess.report.columns.created'),
                cell: (v) => (
                  <>
                    <Text size="sm">{formatTimestamp(v.createdAt, i18n.language)}</Text>
                    <Text size="xs" c="dimmed">
                      {v.createdByName}
                    </Text>
                  </>
                ),
              },
              { key: 'hash', header: t('assess.report.columns.hash'), cell: (v) => <Code title={v.modelSha256}>{v.modelSha256.slice(0, 12)}</Code> },
            ]}
            actionsLabel={t('assess.common.actions')}
            actions={(v) =>
              v.status === 'draft' && (
                <Button size="compact-xs" variant="subtle" loading={busy === v.id} onClick={() => void act(v.id, () => refreshDraft(v.id))}>
                  {t('assess.report.refreshDraft')}
                </Button>
              )
            }
          />
        </Stack>
      </Paper>

      <Paper p="sm" withBorder data-testid="pdf-generator">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {t('assess.report.printTitle')}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label={t('assess.report.source')}
              data={[
                { value: CURRENT, label: t('assess.report.sourceCurrent') },
                ...[...versions]
                  .sort((a, b) => b.version - a.version)
                  .map((v) => ({ value: v.id, label: `${t('assess.report.versionN', { n: v.version })} · ${t(`assess.report.status.${v.status}`)}` })),
              ]}
              value={source}
              onChange={(v) => setSource(v ?? CURRENT)}
              allowDeselect={false}
              disabled={running !== null}
            />
            <ReportLanguagePicker
              id="pdf-language-label"
              label={t('assess.report.language')}
              value={language}
              onChange={setLang}
              disabled={running !== null}
              testId="pdf-language"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('assess.report.languageHint')}
          </Text>
          <Group gap="xs">
            {documents.map((document, index) => (
              <Button
                key={document}
                variant={index === 0 ? 'filled' : 'light'}
                leftSection={<IconDocument size={14} />}
                onClick={() => void generate(document)}
                loading={running?.document === document}
                disabled={running !== null}
                data-testid={`generate-${document}`}
              >
                {t('assess.report.generate', { document: t(`assess.report.documents.${document}`) })}
              </Button>
            ))}
          </Group>
          {bar && (
            <Stack gap={4} data-testid="pdf-progress" data-phase={bar.phase}>
              <Group justify="space-between">
                <Text size="xs" aria-live="polite">
                  {`${t(`assess.report.documents.${bar.document}`)} · ${t(`assess.report.phases.${bar.phase}`)}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {`${Math.round(bar.percent)} %`}
                </Text>
              </Group>
              <Progress
                value={Math.round(bar.percent)}
                animated={running !== null}
                color={running ? 'blue' : 'teal'}
                aria-label={t('assess.report.progressLabel')}
                transitionDuration={150}
              />
            </Stack>
          )}
          {failure && <ErrorAlert error={failure} />}
        </Stack>
      </Paper>

      {shownResults.length > 0 && (
        <Stack gap="sm" data-testid="pdf-results">
          {shownResults.map((r) => (
            <PdfResultCard key={`${r.document}.${r.lang}.${r.sha256}`} result={r} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
