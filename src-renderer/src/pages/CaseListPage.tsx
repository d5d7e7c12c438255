import { Button, EmptyState, Group, Kbd, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationSteps, type CaseSummary } from '../../../src-main/contract/cases';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate } from '../lib/format';
import { useCasesStore } from '../stores/cases';
import { useRouteStore } from '../stores/route';
import { stepStatusTextColor } from '../theme';
import { usePick } from '../stores/pick';
import { priorityProps } from '../components/kit/RecordTable';

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
  const onRowKey = (event: KeyboardEvent, item: CaseSummary) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(item);
    }
  };

  const rows = items.map((item) => (
    <Table.Tr
      key={item.id}
      className="aeo-row-link"
      tabIndex={0}
      aria-label={t('cases.openCase', { caseNumber: item.caseNumber })}
      onClick={() => open(item)}
      onKeyDown={(e) => onRowKey(e, item)}
      data-testid="case-row"
    >
      <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
        {item.caseNumber}
      </Table.Td>
      <Table.Td>{item.operatorName}</Table.Td>
      <Table.Td {...priorityProps(3)}>{t(`aeoTypes.${item.aeoType}`)}</Table.Td>
      <Table.Td>
        <Text size="sm" lh={1.3}>
          {t(`steps.${item.currentStep}.name`)}
        </Text>
        <Text size="xs" c={stepStatusTextColor(item.currentStepStatus)} data-testid="current-step-status">
          {t(`stepStatus.${item.currentStepStatus}`)}
        </Text>
      </Table.Td>
      <Table.Td {...priorityProps(2)}>
        <Group gap={8} wrap="nowrap">
          <Progress
            value={(item.stepsDone / TOTAL_STEPS) * 100}
            size="sm"
            w={72}
            color="teal"
            aria-label={t('cases.progress', { done: item.stepsDone, total: TOTAL_STEPS })}
          />
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {`${item.stepsDone}/${TOTAL_STEPS}`}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td {...priorityProps(3)}>{item.leadValidator}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(item.dueOn, i18n.language) ?? '—'}</Table.Td>
    </Table.Tr>
  ));

  const searching = query.trim() !== '';

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('cases.title')}</Title>
        <Button component="a" href="#/cases/new">
          {t('cases.new')}
        </Button>
      </Group>

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
          <div className="aeo-rt">
            <Table highlightOnHover stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.columns.caseNumber')}</Table.Th>
                  <Table.Th>{t('cases.columns.operator')}</Table.Th>
                  <Table.Th {...priorityProps(3)}>{t('cases.columns.aeoType')}</Table.Th>
                  <Table.Th>{t('cases.columns.currentStep')}</Table.Th>
                  <Table.Th {...priorityProps(2)}>{t('cases.columns.progress')}</Table.Th>
                  <Table.Th {...priorityProps(3)}>{t('cases.columns.leadValidator')}</Table.Th>
                  <Table.Th>{t('cases.columns.dueOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{rows}</Table.Tbody>
            </Table>
          </div>
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
    </Stack>
  );
}
