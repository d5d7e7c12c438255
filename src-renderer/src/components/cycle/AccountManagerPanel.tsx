import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  AccountManagerDraft,
  ActivityDraft,
  accountManagerFunctions,
  type AccountManagerActivity,
  type AccountManagerState,
} from '../../../../src-main/contract/post-certification';
import { api } from '../../api/client';
import { useDraftForm, useFollowStored } from '../../lib/draft-form';
import { formatDate } from '../../lib/format';
import { useCycleStore } from '../../stores/certification';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, openingChoice, optionsOf } from '../kit/FormFields';
import { InlineForm } from '../kit/InlineForm';
import { CrudSection } from '../kit/CrudSection';
import { textColumn } from '../kit/RecordTable';
import { Section } from '../kit/Section';

/** The operator's one account manager, and what they did under the five functions of seed 000. */
export function AccountManagerPanel({ state }: { state: AccountManagerState }) {
  const { t, i18n } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const m = state.manager;
  const stored = { name: m?.name ?? '', position: m?.position ?? '', phone: m?.phone ?? '', email: m?.email ?? '', assignedOn: m?.assignedOn ?? '' };
  const draft = useDraftForm({
    initialValues: stored,
    schema: AccountManagerDraft,
    toDraft: (v) => ({ operatorId: state.operatorId, ...v, assignedOn: v.assignedOn || undefined }),
  });
  useFollowStored(draft.form, stored, m?.updatedAt);
  const date = (d: string) => formatDate(d, i18n.language) ?? d;
  return (
    <Stack gap="md">
      <Section id="account-manager" title={t('cycle.accountManager.title')} hint={t('cycle.accountManager.hint')}>
        <InlineForm form={draft} saveLabel={t('common.save')} saveTestId="save-account-manager"
          onSubmit={() => draft.submit((input) => change(() => api.accountManager.assign(input)), () => draft.form.resetDirty())}>
          <FormFields form={draft} fields={[
              {
                gap: 'sm',
                row: [
                  { kind: 'text', name: 'name', label: t('cycle.accountManager.name'), required: true, testId: 'account-manager-name' },
                  { kind: 'text', name: 'position', label: t('cycle.accountManager.position') },
                  { kind: 'date', name: 'assignedOn', label: t('cycle.accountManager.assignedOn'), required: true, testId: 'account-manager-assigned' },
                ],
              },
              {
                gap: 'sm',
                row: [
                  { kind: 'text', name: 'phone', label: t('cycle.accountManager.phone') },
                  { kind: 'text', name: 'email', label: t('cycle.accountManager.email') },
                ],
              },
            ]} />
        </InlineForm>
      </Section>
      <CrudSection<AccountManagerActivity>
        id="account-manager-activities"
        title={t('cycle.accountManager.activities')}
        hint={m ? t('cycle.accountManager.activitiesHint') : t('cycle.accountManager.needsManager')}
        add={{ label: t('cycle.accountManager.addActivity'), testId: 'add-activity', disabled: !m }}
        table={{
          testId: 'activity-table',
          rows: state.activities,
          rowTestId: 'activity-row',
          empty: t('cycle.accountManager.noActivities'),
          columns: [
            { key: 'date', header: t('cycle.accountManager.date'), width: 110, cell: (a) => date(a.date) },
            { key: 'function', header: t('cycle.accountManager.function'), cell: (a) => t(`cycle.functions.${a.function}`) },
            textColumn('note', t('cycle.accountManager.note'), (a) => a.note, 2),
            { key: 'by', header: t('cycle.accountManager.by'), priority: 3, cell: (a) => a.managerName },
          ],
          actionsLabel: t('cycle.actions'),
        }}
        editLabel={t('cycle.accountManager.editActivity')}
        removeLabel={t('cycle.accountManager.removeActivity')}
        removal={{
          title: t('cycle.accountManager.removeActivity'),
          message: (a) => t('cycle.accountManager.removeConfirm', { date: date(a.date) }),
          confirmLabel: t('cycle.remove'),
          onConfirm: async (a) => {
            await change(() => api.accountManager.removeActivity({ operatorId: state.operatorId, id: a.id }));
          },
        }}
        form={(activity, close) => <ActivityForm operatorId={state.operatorId} activity={activity} onClose={close} />}
      />
    </Stack>
  );
}

function ActivityForm({ operatorId, activity, onClose }: { operatorId: string; activity: AccountManagerActivity | null; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const draft = useDraftForm({
    initialValues: { function: (activity?.function ?? null) as string | null, date: activity?.date ?? '', note: activity?.note ?? '' },
    schema: ActivityDraft,
    toDraft: (v) => ({ operatorId, ...(activity ? { id: activity.id } : {}), ...v, function: v.function ?? undefined, date: v.date || undefined }),
  });
  return (
    <FormDialog form={draft} title={activity ? t('cycle.accountManager.editActivity') : t('cycle.accountManager.addActivity')} testId="activity-form" onClose={onClose}
      onSubmit={() => draft.submit((input) => change(() => api.accountManager.saveActivity(input)), onClose)}>
      <FormFields form={draft} fields={[
          openingChoice('function', t('cycle.accountManager.function'), t('cycle.choose'), optionsOf(accountManagerFunctions, (v) => t(`cycle.functions.${v}`))),
          { kind: 'date', name: 'date', label: t('cycle.accountManager.date'), required: true },
          { kind: 'textarea', name: 'note', label: t('cycle.accountManager.note'), maxRows: 6 },
        ]} />
    </FormDialog>
  );
}
