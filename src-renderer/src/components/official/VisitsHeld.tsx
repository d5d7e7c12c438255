import { Button, Group, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RecordVisitInput, type VisitHeld } from '../../../../src-main/contract/official';
import { useDraftForm } from '../../lib/draft-form';
import type { FieldErrors } from '../../lib/field-errors';
import { formatDate } from '../../lib/format';
import { dateOrNull } from '../../lib/risk-ui';
import { useOfficialStore } from '../../stores/official';
import { usePlanStore } from '../../stores/plan';
import { FormDialog } from '../kit/FormDialog';
import { RecordTable } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { Section } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';

/**
 * The planned visits and, for each, the day and hours it actually took place: recorded here (never inferred
 * from the plan), changed, or withdrawn. The report prints these.
 */
export function VisitsHeld({ visits, readOnly }: { visits: readonly VisitHeld[]; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const recordVisit = useOfficialStore((s) => s.recordVisit);
  const sites = usePlanStore((s) => s.plan?.sites);
  const dialogs = useCrudDialogs<VisitHeld>();
  const siteName = (v: VisitHeld) => sites?.find((s) => s.id === v.siteId)?.name ?? '—';
  return (
    <Section id="official-visits" title={t('official.visits.title')} hint={t('official.visits.hint')} count={visits.filter((v) => v.heldOn).length}>
      <RecordTable<VisitHeld>
        testId="official-visit-table"
        rows={visits}
        rowKey={(v) => v.visitId}
        rowTestId="official-visit-row"
        rowProps={(v) => ({ 'data-held': v.heldOn ?? '' })}
        empty={t('official.visits.none')}
        columns={[
          { key: 'site', header: t('official.visits.site'), cell: (v) => siteName(v) },
          { key: 'planned', header: t('official.visits.planned'), width: 110, priority: 2, cell: (v) => formatDate(v.plannedOn, i18n.language) },
          {
            key: 'held',
            header: t('official.visits.held'),
            width: 110,
            cell: (v) =>
              v.heldOn ? (
                <Text size="sm" fw={600}>
                  {formatDate(v.heldOn, i18n.language)}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('official.visits.notHeld')}
                </Text>
              ),
          },
          {
            key: 'hours',
            header: t('official.visits.hours'),
            width: 110,
            priority: 2,
            cell: (v) => (v.heldOn && v.startTime ? `${v.startTime}${v.endTime ? `–${v.endTime}` : ''}` : '—'),
          },
        ]}
        actionsLabel={t('official.actions')}
        actionsWidth={readOnly ? undefined : 150}
        {...(readOnly
          ? {}
          : {
              actions: (v: VisitHeld) =>
                v.heldOn ? (
                  <EditRemoveActions
                    editLabel={t('official.visits.edit')}
                    removeLabel={t('official.visits.withdraw')}
                    onEdit={() => dialogs.edit(v)}
                    onRemove={() => dialogs.remove(v)}
                  />
                ) : (
                  <Button size="compact-xs" variant="light" onClick={() => dialogs.edit(v)} data-testid="record-visit">
                    {t('official.visits.record')}
                  </Button>
                ),
            })}
      />
      {dialogs.editing?.record && <VisitHeldForm visit={dialogs.editing.record} site={siteName(dialogs.editing.record)} onClose={dialogs.close} />}
      {dialogs.confirm({
        title: t('official.visits.withdraw'),
        message: (v) => t('official.visits.withdrawConfirm', { site: siteName(v) }),
        confirmLabel: t('official.confirmWithdraw'),
        onConfirm: async (v) => {
          await recordVisit({ visitId: v.visitId, heldOn: null });
        },
      })}
    </Section>
  );
}

function VisitHeldForm({ visit, site, onClose }: { visit: VisitHeld; site: string; onClose: () => void }) {
  const { t } = useTranslation();
  const recordVisit = useOfficialStore((s) => s.recordVisit);
  const caseId = useOfficialStore((s) => s.caseId) ?? '';
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { heldOn: visit.heldOn ?? visit.plannedOn, startTime: visit.startTime ?? '', endTime: visit.endTime ?? '' },
    schema: RecordVisitInput,
    toDraft: (v) => ({ caseId, visitId: visit.visitId, heldOn: dateOrNull(v.heldOn), startTime: dateOrNull(v.startTime), endTime: dateOrNull(v.endTime) }),
    // An empty day would withdraw the record: that is the table's own action, so here the day is required.
    extra: (v): FieldErrors => (v.heldOn.trim() ? {} : { heldOn: { key: 'required' } }),
  });
  return (
    <FormDialog
      title={`${visit.heldOn ? t('official.visits.edit') : t('official.visits.record')} · ${site}`}
      onClose={onClose}
      onSubmit={() => submit(({ caseId: _, ...draft }) => recordVisit(draft), onClose)}
      busy={busy}
      errors={issues}
      testId="visit-held-form"
      size="md"
    >
      <TextInput type="date" label={t('official.visits.held')} withAsterisk data-autofocus {...inputProps('heldOn')} data-testid="visit-held-on" />
      <Group grow align="flex-start">
        <TextInput type="time" label={t('official.visits.start')} {...inputProps('startTime')} data-testid="visit-held-start" />
        <TextInput type="time" label={t('official.visits.end')} {...inputProps('endTime')} data-testid="visit-held-end" />
      </Group>
    </FormDialog>
  );
}
