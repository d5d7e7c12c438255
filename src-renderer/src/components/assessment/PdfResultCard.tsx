import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfResult } from '../../../../src-main/contract/reports';
import { api, type ApiError } from '../../api/client';
import { isDesktop } from '../../api/download';
import { withToken } from '../../api/token';
import { formatBytes } from '../../lib/format';
import { ErrorAlert } from '../ErrorAlert';
import { IconDocument } from '../icons';

/**
 * Where the browser preview serves a printed PDF (see `reports:saveAs`): shown in the tab, or with `download` as an
 * attachment the server names (case number, document, version, language: core/file-names).
 */
function pdfUrl(result: PdfResult, download = false): string {
  return withToken(`/api/reports/${encodeURIComponent(result.versionId)}/${result.document}.${result.lang}.pdf${download ? '?download' : ''}`);
}

function useServedUrl(result: PdfResult): string | null | undefined {
  const desktop = isDesktop();
  const [served, setServed] = useState<string | null | undefined>(desktop ? null : undefined);
  useEffect(() => {
    if (desktop) return;
    let live = true;
    const url = pdfUrl(result);
    fetch(url, { method: 'HEAD' })
      .then((response) => {
        const type = response.headers.get('content-type') ?? '';
        if (live) setServed(response.ok && type.includes('pdf') ? url : null);
      })
      .catch(() => live && setServed(null));
    return () => {
      live = false;
    };
  }, [desktop, result]);
  return served;
}

export function PdfResultCard({ result }: { result: PdfResult }) {
  const { t, i18n } = useTranslation();
  const desktop = isDesktop();
  const served = useServedUrl(result);
  const [error, setError] = useState<ApiError | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const input = { versionId: result.versionId, document: result.document, lang: result.lang };

  const open = async () => {
    setError(null);
    const r = await api.reports.open(input);
    if (!r.ok) setError(r.error);
  };
  const saveAs = async () => {
    setError(null);
    const r = await api.reports.saveAs(input);
    if (r.ok) setSavedTo(r.value.path);
    else setError(r.error);
  };

  return (
    <Paper p="sm" withBorder data-testid="pdf-result" data-document={result.document} data-lang={result.lang}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <IconDocument size={18} />
            <Text size="sm" fw={600}>
              {t(`assess.report.documents.${result.document}`)}
            </Text>
            <Badge size="sm" variant="outline" color="gray">
              {t(`assess.report.languages.${result.lang}`)}
            </Badge>
            <Badge size="sm" color="gray">
              {t('assess.report.versionN', { n: result.version })}
            </Badge>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {desktop ? (
              <>
                <Button size="xs" variant="default" onClick={() => void open()}>
                  {t('assess.report.preview')}
                </Button>
                <Button size="xs" onClick={() => void saveAs()}>
                  {t('assess.report.savePdf')}
                </Button>
              </>
            ) : served ? (
              <>
                <Button size="xs" variant="default" component="a" href={served} target="_blank" rel="noopener">
                  {t('assess.report.preview')}
                </Button>
                <Button size="xs" component="a" href={pdfUrl(result, true)} download data-testid="save-pdf">
                  {t('assess.report.savePdf')}
                </Button>
              </>
            ) : null}
          </Group>
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Fact label={t('assess.report.pages')} value={String(result.pages)} testId="pdf-pages" />
          <Fact label={t('assess.report.size')} value={formatBytes(result.size, i18n.language)} testId="pdf-size" />
          <Fact label={t('assess.report.language')} value={t(`assess.report.languages.${result.lang}`)} />
        </SimpleGrid>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('assess.report.sha256')}
          </Text>
          <Code data-testid="pdf-sha256" style={{ wordBreak: 'break-all' }}>
            {result.sha256}
          </Code>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('assess.report.path')}
          </Text>
          {/* The file's name only: where the data folder lives on this machine is none of the page's business. */}
          <Code data-testid="pdf-path" style={{ wordBreak: 'break-all' }}>
            {result.path.split(/[\\/]/).pop()}
          </Code>
        </Stack>
        {!desktop && served === null && (
          <Text size="xs" c="dimmed" data-testid="pdf-not-served">
            {t('assess.report.notServed')}
          </Text>
        )}
        {savedTo && (
          <Text size="xs" c="teal.8" role="status">
            {t('assess.report.savedTo', { path: savedTo })}
          </Text>
        )}
        {error && <ErrorAlert error={error} />}
      </Stack>
    </Paper>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}
