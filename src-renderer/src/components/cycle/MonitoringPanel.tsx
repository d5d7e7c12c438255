import { Alert, Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MonitoringDraft,
  ReevaluationDraft,
  monitoringEntryKinds,
  monitoringOutcomes,
  reevaluationScopes,
  type MonitoringEntry,
  type MonitoringState,
} from '../../../../src-main/contract/post-certification';
import { api } from '../../api/client';
import { useDraftForm } from '../../lib/draft-form';
import { formatDate } from '../../lib/format';
import { useApiValue } from '../../lib/use-api-value';
import { useCycleStore } from '../../stores/certification';
import { useRouteStore } from '../../stores/route';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, optionsOf } from '../kit/FormFields';
import { CrudSection } from '../kit/CrudSection';
import { textColumn } from '../kit/RecordTable';
import { Section } from '../kit/Section';

/** Monitoring after authorization, and the re-evaluation opened from the control plan's due date. */
export function MonitoringPanel({ state }: { state: MonitoringState }) {
  const { t, i18n } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const [reevaluating, setReevaluating] = useState(false);
  const date = (d: string) => formatDate(d, i18n.language) ?? d;
  const of = state.reevaluationOf;
  return (
    <Stack gap="md">
      {of && (
        <Alert color="blue" data-testid="reevaluation-of">
          {t('cycle.reevaluation.of', { caseNumber: of.caseNumber, scope: t(`cycle.scopes.${of.scope}`) })}{' '}
          <Anchor href={`#/cases/${encodeURIComponent(of.caseId)}`}>{of.caseNumber}</Anchor>
        </Alert>
      )}
      <CrudSection<MonitoringEntry>
        id="monitoring"
        title={t('cycle.monitoring.title')}
        hint={state.authorized ? t('cycle.monitoring.hint') : t('cycle.monitoring.notAuthorized')}
        add={{ label: t('cycle.monitoring.add'), testId: 'add-monitoring', disabled: !state.authorized }}
        table={{
          testId: 'monitoring-table',
          rows: state.entries,
          rowTestId: 'monitoring-row',
          empty: t('cycle.monitoring.empty'),
          columns: [
            { key: 'date', header: t('cycle.monitoring.date'), width: 110, cell: (e) => date(e.date) },
            { key: 'kind', header: t('cycle.monitoring.kind'), cell: (e) => t(`cycle.monitoringKinds.${e.kind}`) },
            textColumn('description', t('cycle.monitoring.description'), (e) => e.description),
            {
              key: 'outcome',
              header: t('cycle.monitoring.outcome'),
              priority: 2,
              cell: (e) =>
                e.outcome ? (
                  <Badge size="sm" variant="light" color={e.outcome === 'satisfactory' ? 'green' : 'orange'}>
                    {t(`cycle.outcomes.${e.outcome}`)}
                  </Badge>
                ) : (
                  '—'
                ),
            },
            textColumn('result', t('cycle.monitoring.result'), (e) => e.result, 3),
          ],
          actionsLabel: t('cycle.actions'),
        }}
        editLabel={t('cycle.monitoring.edit')}
        removeLabel={t('cycle.monitoring.removeOne')}
        removal={{
          title: t('cycle.monitoring.removeOne'),
          message: (e) => t('cycle.monitoring.removeConfirm', { date: date(e.date) }),
          confirmLabel: t('cycle.remove'),
          onConfirm: async (e) => {
            await change(() => api.monitoring.remove({ caseId: state.caseId, id: e.id }));
          },
        }}
        form={(entry, close) => <EntryForm caseId={state.caseId} entry={entry} onClose={close} />}
      />
      <Section
        id="reevaluation"
        title={t('cycle.reevaluation.title')}
        hint={state.reevaluationDue ? t('cycle.reevaluation.due', { date: date(state.reevaluationDue) }) : t('cycle.reevaluation.noDue')}
        actions={
          <Button size="xs" variant="light" disabled={!state.authorized} onClick={() => setReevaluating(true)} data-testid="open-reevaluation">
            {t('cycle.reevaluation.open')}
          </Button>
        }
      >
        {state.reevaluations.length > 0 && (
          <Stack gap={2} data-testid="reevaluations">
            <Text size="sm" fw={600}>
              {t('cycle.reevaluation.opened')}
            </Text>
            {state.reevaluations.map((r) => (
              <Text size="sm" key={r.caseId}>
                <Anchor href={`#/cases/${encodeURIComponent(r.caseId)}`}>{r.caseNumber}</Anchor> · {t(`cycle.scopes.${r.scope}`)} · {date(r.openedOn)}
                {r.areas.length > 0 && ` · ${r.areas.join(', ')}`}
              </Text>
            ))}
          </Stack>
        )}
      </Section>
      {reevaluating && <ReevaluationForm state={state} onClose={() => setReevaluating(false)} />}
    </Stack>
  );
}

function EntryForm({ caseId, entry, onClose }: { caseId: string; entry: MonitoringEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const plan = useApiValue(() => api.controlPlan.get({ caseId }), caseId).value;
  const draft = useDraftForm({
    initialValues: {
      kind: (entry?.kind ?? 'monitoring_activity') as string,
      date: entry?.date ?? '',
      measureId: entry?.measureId ?? null,
      outcome: (entry?.outcome ?? null) as string | null,
      description: entry?.description ?? '',
      result: entry?.result ?? '',
    },
    schema: MonitoringDraft,
    toDraft: (v) => {
      const activity = v.kind === 'monitoring_activity';
      return { caseId, ...(entry ? { id: entry.id } : {}), ...v, date: v.date || undefined, measureId: activity ? v.measureId : null, outcome: activity ? v.outcome : null };
    },
  });
  const activity = draft.values.kind === 'monitoring_activity';
  return (
    <FormDialog form={draft} title={entry ? t('cycle.monitoring.edit') : t('cycle.monitoring.add')} testId="monitoring-form" onClose={onClose}
      onSubmit={() => draft.submit((input) => change(() => api.monitoring.save(input)), onClose)}>
      <FormFields form={draft} fields={[
          {
            cols: 2,
            row: [
              { kind: 'select', name: 'kind', label: t('cycle.monitoring.kind'), options: optionsOf(monitoringEntryKinds, (v) => t(`cycle.monitoringKinds.${v}`)), required: true },
              { kind: 'date', name: 'date', label: t('cycle.monitoring.date'), required: true, autofocus: true },
            ],
          },
          { kind: 'text', name: 'description', label: t('cycle.monitoring.description'), required: true },
          {
            cols: 2,
            hidden: !activity,
            row: [
              {
                kind: 'select',
                name: 'measureId',
                label: t('cycle.monitoring.measure'),
                placeholder: t('cycle.monitoring.noMeasure'),
                options: (plan?.measures ?? []).map((m, i) => ({ value: m.id, label: `M${i + 1}. ${t(`assess.measures.${m.measure}`)}` })),
                clearable: true,
              },
              {
                kind: 'select',
                name: 'outcome',
                label: t('cycle.monitoring.outcome'),
                placeholder: t('cycle.choose'),
                options: optionsOf(monitoringOutcomes, (v) => t(`cycle.outcomes.${v}`)),
                required: true,
              },
            ],
          },
          { kind: 'textarea', name: 'result', label: t('cycle.monitoring.result'), maxRows: 6 },
        ]} />
    </FormDialog>
  );
}

function ReevaluationForm({ state, onClose }: { state: MonitoringState; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const navigate = useRouteStore((s) => s.navigate);
  const draft = useDraftForm({
    initialValues: { scope: 'full' as string, caseNumber: '', areas: state.partialReevaluationAreas },
    schema: ReevaluationDraft,
    toDraft: (v) => ({ caseId: state.caseId, ...v, areas: v.scope === 'partial' ? v.areas : [] }),
  });
  return (
    <FormDialog
      form={draft}
      title={t('cycle.reevaluation.open')}
      testId="reevaluation-form"
      before={<Text size="sm" c="dimmed">{t('cycle.reevaluation.startsFrom')}</Text>}
      onClose={onClose}
      onSubmit={() => draft.submit((input) => change(() => api.monitoring.reevaluate(input)), (opened) => navigate({ name: 'case', id: opened.caseId }))}
    >
      <FormFields form={draft} fields={[
          {
            cols: 2,
            row: [
              { kind: 'select', name: 'scope', label: t('cycle.reevaluation.scope'), options: optionsOf(reevaluationScopes, (v) => t(`cycle.scopes.${v}`)) },
              { kind: 'text', name: 'caseNumber', label: t('cycle.reevaluation.caseNumber'), required: true, autofocus: true },
            ],
          },
          {
            kind: 'tags',
            name: 'areas',
            label: t('cycle.reevaluation.areas'),
            description: t('cycle.reevaluation.areasHint'),
            required: true,
            hidden: draft.values.scope !== 'partial',
          },
        ]} />
    </FormDialog>
  );
}
