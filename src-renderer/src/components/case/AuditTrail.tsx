import { Alert, Button, Code, Group, MultiSelect, Pagination, Paper, ScrollArea, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, CaseAuditPage } from '../../../../src-main/contract/audit';
import { api, type ApiError } from '../../api/client';
import { StepStatus, ValidationStep } from '../../../../src-main/contract/cases';
import { formatTimestamp } from '../../lib/format';
import { useCasesStore } from '../../stores/cases';
import { kindLabel } from './audit-kinds';
import { ErrorAlert } from '../ErrorAlert';
import { RecordTable } from '../kit/RecordTable';
import { usePick } from '../../stores/pick';

const knownFields = ['currentStep', 'caseNumber', 'aeoType', 'leadValidator', 'team', 'openedOn', 'dueOn', 'notes'] as const;
type KnownField = (typeof knownFields)[number];
const isKnownField = (field: string): field is KnownField => (knownFields as readonly string[]).includes(field);

/** Field names and values in the user's language where the app knows them; anything else as recorded. */
function describe(entry: AuditEntry, t: TFunction): { field: string; before: string | null; after: string | null } {
  if (entry.action === 'create') return { field: entry.entity === 'case' ? t('audit.created') : t('audit.actions.create'), before: null, after: null };
  if (entry.action === 'delete') return { field: t('audit.actions.delete'), before: null, after: null };
  const field = entry.field ?? '';
  const stepField = /^steps\.(.+)$/.exec(field)?.[1];
  const step = ValidationStep.safeParse(stepField);
  if (step.success) {
    const status = (value: string | null) => {
      const parsed = StepStatus.safeParse(value);
      return parsed.success ? t(`stepStatus.${parsed.data}`) : value;
    };
    return { field: t(`steps.${step.data}.name`), before: status(entry.before), after: status(entry.after) };
  }
  if (field === 'currentStep') {
    const name = (value: string | null) => {
      const parsed = ValidationStep.safeParse(value);
      return parsed.success ? t(`steps.${parsed.data}.name`) : value;
    };
    return { field: t('audit.fields.currentStep'), before: name(entry.before), after: name(entry.after) };
  }
  return { field: isKnownField(field) ? t(`audit.fields.${field}`) : field, before: entry.before, after: entry.after };
}

const PAGE = 25;
/** Printing takes every row the filter matches, up to the most one page of the service may hold. */
const PRINT_MAX = 1000;
const ALL = '';
const SYSTEM = 'system';

type Filter = { entities: string[]; actor: string; from: string; to: string };
const noFilter: Filter = { entities: [], actor: ALL, from: '', to: '' };

function query(caseId: string, filter: Filter, offset: number, limit: number) {
  return {
    caseId,
    offset,
    limit,
    ...(filter.entities.length > 0 ? { entities: filter.entities } : {}),
    ...(filter.actor === ALL ? {} : { actorId: filter.actor === SYSTEM ? null : filter.actor }),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
}

/** The rows of the trail, on screen (scrolling) and in print (whole). */
function AuditRows({ entries, empty }: { entries: AuditEntry[]; empty: string }) {
  const { t, i18n } = useTranslation();
  return (
    <RecordTable<AuditEntry>
      testId="audit-table"
      rowTestId="audit-row"
      rows={entries}
      rowProps={(entry) => ({ 'data-entity': entry.entity })}
      empty={empty}
      tableProps={{ fz: 'xs', verticalSpacing: 4 }}
      columns={[
        { key: 'when', header: t('audit.when'), style: { whiteSpace: 'nowrap' }, cell: (entry) => formatTimestamp(entry.at, i18n.language) },
        { key: 'who', header: t('audit.who'), cell: (entry) => (entry.actorId === null ? t('audit.system') : entry.actorName) },
        { key: 'kind', header: t('audit.kind'), cell: (entry) => kindLabel(entry.entity, t) },
        { key: 'field', header: t('audit.field'), cell: (entry) => describe(entry, t).field },
        { key: 'change', header: t('audit.change'), style: { overflowWrap: 'anywhere' }, cell: (entry) => <Change {...describe(entry, t)} /> },
      ]}
    />
  );
}

/** A value's change as "before → after", a dash for a side that is not there. */
function Change({ before, after }: { before: string | null; after: string | null }) {
  if (before === null && after === null) return '—';
  return (
    <Text size="xs" component="span" lineClamp={3}>
      {before ?? '—'}
      {' → '}
      {after ?? '—'}
    </Text>
  );
}

/**
 * Every change of the case, whichever record it touched (answers, evidence, risks, findings, report versions,
 * seals…), newest first: filtered by kind, user and day, paged, and printable as a whole.
 */
export function AuditTrail({ caseId, caseNumber, refreshKey }: { caseId: string; caseNumber: string; refreshKey?: string }) {
  const { t } = useTranslation();
  const { verification, verifyBusy, verifyAudit } = usePick(useCasesStore, 'verification', 'verifyBusy', 'verifyAudit');
  const [filter, setFilter] = useState<Filter>(noFilter);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<CaseAuditPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [printRows, setPrintRows] = useState<AuditEntry[] | null>(null);

  useEffect(() => {
    let live = true;
    void api.audit.case(query(caseId, filter, offset, PAGE)).then((result) => {
      if (!live) return;
      if (result.ok) {
        setPage(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [caseId, filter, offset, refreshKey]);


  const change = (patch: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const print = async () => {
    const result = await api.audit.case(query(caseId, filter, 0, PRINT_MAX));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    // The print view is on the page before the browser's print dialog reads it, and gone after.
    flushSync(() => setPrintRows(result.value.entries));
    document.body.dataset.printing = 'audit';
    window.print();
    delete document.body.dataset.printing;
    setPrintRows(null);
  };

  const reason = (text: string) =>
    text.includes('previous-hash')
      ? t('audit.reasonLink')
      : text.includes('UTF-8')
        ? t('audit.reasonText')
        : text.includes('hash')
          ? t('audit.reasonContent')
          : text;

  const total = page?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  return (
    <Paper component="section" aria-labelledby="audit-title" data-testid="audit-trail">
      <Group justify="space-between" mb="sm">
        <Title order={2} id="audit-title">
          {t('audit.title')}
        </Title>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => void print()} disabled={total === 0} data-testid="audit-print">
            {t('audit.print')}
          </Button>
          <Button variant="default" size="xs" loading={verifyBusy} onClick={() => void verifyAudit()}>
            {t('audit.verify')}
          </Button>
        </Group>
      </Group>
      <Stack gap="sm">
        {verification &&
          (verification.ok ? (
            <Alert color="teal" variant="light" role="status" data-testid="audit-verify-result">
              {t('audit.ok', { count: verification.rows })}
              {verification.reanchored.length > 0 && ` ${t('audit.reanchored', { count: verification.reanchored.length })}`}
            </Alert>
          ) : (
            <Alert
              color="red"
              variant="light"
              role="alert"
              data-testid="audit-verify-result"
              title={t('audit.broken', { seq: verification.firstBroken?.seq ?? '?' })}
            >
              {verification.firstBroken && (
                <Stack gap={4}>
                  <Text size="sm">{reason(verification.firstBroken.reason)}</Text>
                  <Code>{verification.firstBroken.id}</Code>
                </Stack>
              )}
            </Alert>
          ))}
        <Group gap="xs" align="flex-end" wrap="wrap" data-testid="audit-filters">
          <MultiSelect
            size="xs"
            label={t('audit.filterKind')}
            placeholder={filter.entities.length === 0 ? t('audit.allKinds') : undefined}
            data={(page?.kinds ?? []).map((kind) => ({ value: kind, label: kindLabel(kind, t) }))}
            value={filter.entities}
            onChange={(entities) => change({ entities })}
            clearable
            miw={220}
            style={{ flex: 1 }}
            data-testid="audit-filter-kind"
          />
          <Select
            size="xs"
            label={t('audit.filterUser')}
            data={[
              { value: ALL, label: t('audit.allUsers') },
              ...(page?.actors ?? []).map((a) => ({ value: a.id ?? SYSTEM, label: a.id === null ? t('audit.system') : a.name })),
            ]}
            value={filter.actor}
            onChange={(actor) => change({ actor: actor ?? ALL })}
            allowDeselect={false}
            w={200}
            data-testid="audit-filter-user"
          />
          <TextInput size="xs" type="date" label={t('audit.from')} value={filter.from} onChange={(e) => change({ from: e.currentTarget.value })} w={150} data-testid="audit-filter-from" />
          <TextInput size="xs" type="date" label={t('audit.to')} value={filter.to} onChange={(e) => change({ to: e.currentTarget.value })} w={150} data-testid="audit-filter-to" />
        </Group>
        {error && <ErrorAlert error={error} />}
        {page && (
          <ScrollArea.Autosize mah={420} viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('audit.rowsRegion') }}>
            <AuditRows entries={page.entries} empty={t('audit.empty')} />
          </ScrollArea.Autosize>
        )}
        {total > 0 && (
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed" data-testid="audit-range">
              {t('audit.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}
            </Text>
            {pages > 1 && (
              <Pagination size="sm" total={pages} value={Math.floor(offset / PAGE) + 1} onChange={(n) => setOffset((n - 1) * PAGE)}
                getControlProps={(control) => ({ 'aria-label': t(`audit.pageControl.${control}`) })}
                getItemProps={(page) => ({ 'aria-label': t('audit.pageNumber', { page }) })}
                data-testid="audit-pages"
              />
            )}
          </Group>
        )}
      </Stack>
      {printRows &&
        createPortal(
          <div className="print-only" data-testid="audit-print-view">
            <Title order={2}>{t('audit.printTitle', { caseNumber })}</Title>
            <AuditRows entries={printRows} empty={t('audit.empty')} />
          </div>,
          document.body,
        )}
    </Paper>
  );
}
