import { Alert, Badge, Button, Code, FileButton, Group, List, Paper, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputIssue } from '../../../src-main/contract/result';
import type { TemplateSummary } from '../../../src-main/contract/templates';
import type { ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { IntegrityCheck } from '../components/evidence/IntegrityCheck';
import { IconUpload } from '../components/icons';
import { titleColumn } from '../components/kit/cells';
import { Page } from '../components/kit/PageHeader';
import { RecordTable, type Column } from '../components/kit/RecordTable';
import { TemplatePreview } from '../components/library/TemplatePreview';
import { stepName } from '../components/plan/PlanModals';
import { issueText } from '../lib/error-text';
import { localized } from '../lib/localized';
import { useTemplatesStore } from '../stores/templates';
import { usePick } from '../stores/pick';
import { Panel } from '../components/kit/Section';

type ImportOutcome =
  | { ok: true; summary: TemplateSummary }
  | { ok: false; fileName: string; error: ApiError; issues: InputIssue[] };

/** Checklist templates: versions and languages, a preview, import from a file, and the evidence integrity check. */
export function LibraryPage() {
  const { t, i18n } = useTranslation();
  const { items, status, error, allVersions, load, importTemplate } = usePick(
    useTemplatesStore,
    'items', 'status', 'error', 'allVersions', 'load', 'importTemplate',
  );
  const [preview, setPreview] = useState<TemplateSummary | null>(null);
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const onFile = async (file: File | null) => {
    if (!file) return;
    setImporting(true);
    setOutcome(null);
    const content = await file.text();
    const result = await importTemplate(content, file.name);
    setImporting(false);
    setOutcome(
      result.ok
        ? { ok: true, summary: result.value }
        : { ok: false, fileName: file.name, error: result.error, issues: result.error.issues ?? [] },
    );
  };

  const nowrap = { whiteSpace: 'nowrap' } as const;
  const columns: Column<TemplateSummary>[] = [
    titleColumn(
      'title',
      t('library.columns.title'),
      (item) => localized(item.title, i18n.language),
      (item) => item.description && localized(item.description, i18n.language),
      { maw: 360, detailLines: 1 },
    ),
    { key: 'id', priority: 3, header: t('library.columns.id'), cell: (item) => <Code style={nowrap}>{item.templateId}</Code> },
    {
      key: 'version',
      header: t('library.columns.version'),
      cell: (item) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{item.version}</Text>
          {allVersions && item.latest && (
            <Badge size="xs" color="teal">
              {t('library.latest')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'languages',
      priority: 3,
      header: t('library.columns.languages'),
      cell: (item) => (
        <Group gap={4} wrap="nowrap">
          {item.languages.map((lng) => (
            <Badge key={lng} size="sm" color="gray" variant="outline">
              {lng.toUpperCase()}
            </Badge>
          ))}
        </Group>
      ),
    },
    {
      key: 'step',
      header: t('library.columns.step'),
      width: 150,
      cell: (item) => (
        <>
          <Text size="sm" lh={1.3} style={nowrap}>
            {t('library.stepNumber', { n: item.step })}
          </Text>
          <Text size="xs" c="dimmed" lh={1.3}>
            {stepName(item.step, t)}
          </Text>
        </>
      ),
    },
    {
      key: 'size',
      priority: 2,
      header: t('library.columns.size'),
      style: { ...nowrap, fontVariantNumeric: 'tabular-nums' },
      cell: (item) => `${item.sections} / ${item.items}`,
    },
    {
      key: 'origin',
      header: t('library.columns.origin'),
      width: 120,
      cell: (item) => (
        <Badge size="sm" color={item.origin === 'shipped' ? 'blue' : 'grape'} style={{ overflow: 'visible' }}>
          {t(`library.origins.${item.origin}`)}
        </Badge>
      ),
    },
  ];

  return (
    <Page
      maw={1400}
      title={t('library.title')}
      intro={t('library.intro')}
      action={
        <FileButton onChange={(file) => void onFile(file)} accept="application/json,.json">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={14} />} loading={importing} data-testid="import-template">
              {t('library.import')}
            </Button>
          )}
        </FileButton>
      }
    >

      {outcome?.ok === true && (
        <Alert color="teal" variant="light" role="status" data-testid="import-result" withCloseButton onClose={() => setOutcome(null)}>
          {t('library.imported', {
            title: localized(outcome.summary.title, i18n.language),
            version: outcome.summary.version,
          })}
        </Alert>
      )}
      {outcome?.ok === false && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          data-testid="import-result"
          title={t('library.importFailed', { file: outcome.fileName })}
          withCloseButton
          onClose={() => setOutcome(null)}
        >
          <Stack gap={6}>
            <Text size="sm">{t('library.nothingStored')}</Text>
            {outcome.issues.length > 0 ? (
              <List size="sm" spacing={2} data-testid="import-issues">
                {outcome.issues.map((issue) => (
                  <List.Item key={`${issue.path}:${issue.message}`}>
                    <Code>{issue.path}</Code> {t(issueText(issue).key, issueText(issue).values)}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">{t(`errors.${outcome.error.code}`)}</Text>
            )}
          </Stack>
        </Alert>
      )}
      {error && <ErrorAlert error={error} />}

      <Paper p={0}>
        <Group justify="space-between" px="md" py="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('library.count', { n: items.length })}
          </Text>
          <Switch
            size="xs"
            label={t('library.allVersions')}
            checked={allVersions}
            onChange={(e) => void load(e.currentTarget.checked)}
          />
        </Group>
        <RecordTable<TemplateSummary>
          testId="templates-table"
          rowTestId="template-row"
          rows={items}
          rowKey={(item) => item.rowId}
          rowProps={(item) => ({ 'data-template-id': item.templateId })}
          columns={columns}
          tableProps={{ highlightOnHover: true, stickyHeader: true, 'aria-busy': status === 'loading' }}
          onOpen={setPreview}
          openLabel={(item) => t('library.preview', { title: localized(item.title, i18n.language) })}
        />
      </Paper>

      <Panel id="integrity" title={t('integrity.title')} hint={t('integrity.intro')}>
        <IntegrityCheck />
      </Panel>

      <TemplatePreview summary={preview} onClose={() => setPreview(null)} />
    </Page>
  );
}
