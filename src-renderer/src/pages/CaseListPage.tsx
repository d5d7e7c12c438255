import { Button, EmptyState, Group, Kbd, Paper, Progress, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { validationSteps, type CaseSummary } from '../../../src-main/contract/cases';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/kit/PageHeader';
import { RecordTable, type Column } from '../components/kit/RecordTable';
import { formatDate } from '../lib/format';
import { useCasesStore } from '../stores/cases';
import { useRouteStore } from '../stores/route';
import { stepStatusTextColor } from '../theme';
import { usePick } from '../stores/pick';

const TOTAL_STEPS = validationSteps.length;

export function CaseListPage() {
  const { t, i18n } = useTranslation();
  const { query, setQuery, items, listStatus, listError, loadList } = usePick(
    useCasesStore,
    'query', 'setQuery', 'items', 'listStatus', 'listError', 'loadList',
  );
  const navigate = useRouteStore((s) => s.navigate);
  const searchRef = useRef<HTMLInputElement>(null);
  const [debouncedQuery] = useDebouncedValue(query, 250);

  useEffect(() => {
    void loadList(debouncedQuery);
  }, [debouncedQuery, loadList]);

  // `/` jumps to the search box from anywhere on the page (ignored while typing in a field); the key, not the
  // character, so it works on a Russian layout too (where that key types '.').
  useHotkeys([['/', () => searchRef.current?.focus(), { usePhysicalKeys: true }]]);

  const open = (item: CaseSummary) => navigate({ name: 'case', id: item.id });
  const nowrap = { whiteSpace: 'nowrap' } as const;
  const columns: Column<CaseSummary>[] = [
    // Only the number keeps to one line: the columns that give way stack under it and must wrap.
    { key: 'caseNumber', header: t('cases.columns.caseNumber'), fw: 600, cell: (item) => <span style={nowrap}>{item.caseNumber}</span> },
    { key: 'operator', header: t('cases.columns.operator'), cell: (item) => item.operatorName },
    { key: 'aeoType', priority: 3, header: t('cases.columns.aeoType'), cell: (item) => t(`aeoTypes.${item.aeoType}`) },
    {
      key: 'currentStep',
      header: t('cases.columns.currentStep'),
      cell: (item) => (
        <>
          <Text size="sm" lh={1.3}>
            {t(`steps.${item.currentStep}.name`)}
          </Text>
          <Text size="xs" c={stepStatusTextColor(item.currentStepStatus)} data-testid="current-step-status">
            {t(`stepStatus.${item.currentStepStatus}`)}
          </Text>
        </>
      ),
    },
    {
      key: 'progress',
      priority: 2,
      header: t('cases.columns.progress'),
      cell: (item) => (
        <Group gap={8} wrap="nowrap">
          <Progress
            value={(item.stepsDone / TOTAL_STEPS) * 100}
            size="sm"
            w={72}
            color="teal"
            aria-label={t('cases.progress', { done: item.stepsDone, count: TOTAL_STEPS })}
          />
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {`${item.stepsDone}/${TOTAL_STEPS}`}
          </Text>
        </Group>
      ),
    },
    { key: 'leadValidator', priority: 3, header: t('cases.columns.leadValidator'), cell: (item) => item.leadValidator },
    { key: 'dueOn', header: t('cases.columns.dueOn'), style: nowrap, cell: (item) => formatDate(item.dueOn, i18n.language) ?? '—' },
  ];

  const searching = query.trim() !== '';

  return (
    <Page
      maw={1400}
      title={t('cases.title')}
      action={
        <Button component="a" href="#/cases/new">
          {t('cases.new')}
        </Button>
      }
    >

      <Group align="flex-end" gap="md">
        <TextInput
          ref={searchRef}
          type="search"
          label={t('cases.searchLabel')}
          placeholder={t('cases.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          rightSection={<Kbd size="xs">/</Kbd>}
          rightSectionPointerEvents="none"
          description={t('cases.searchHint')}
          w={580}
          data-testid="case-search"
        />
        {listStatus === 'ready' && (
          <Text size="sm" c="dimmed" pb={4} aria-live="polite">
            {t('cases.count', { count: items.length })}
          </Text>
        )}
      </Group>

      {listError && <ErrorAlert error={listError} />}

      <Paper p={0}>
        {items.length > 0 ? (
          <RecordTable<CaseSummary>
            testId="cases-table"
            rowTestId="case-row"
            rows={items}
            columns={columns}
            tableProps={{ highlightOnHover: true, stickyHeader: true }}
            onOpen={open}
            openLabel={(item) => t('cases.openCase', { caseNumber: item.caseNumber })}
          />
        ) : listStatus === 'ready' ? (
          <EmptyState
            py="xl"
            size="sm"
            title={searching ? t('cases.emptySearch') : t('cases.empty')}
            data-testid="cases-empty"
          >
            {!searching && (
              <EmptyState.Actions>
                <Button component="a" href="#/cases/new" variant="light">
                  {t('cases.new')}
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        ) : null}
      </Paper>
    </Page>
  );
}
