import { Button, Loader, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { SystemReviewDraft, type SystemReview } from '../../../../src-main/contract/systems';
import { useDraftForm } from '../../lib/draft-form';
import { useSystemsStore } from '../../stores/systems';
import { ErrorAlert } from '../ErrorAlert';
import { FormDialog } from '../kit/FormDialog';
import { RecordTable, textColumn } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { SectionHeader } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { useCaseSystems } from './use-systems';

/** Step 3: a note per business system reviewed (ERP, customs software, access control…). */
export function BusinessSystems({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { ready, error, systems } = useCaseSystems(detail.id);
  const removeSystem = useSystemsStore((s) => s.removeSystem);
  const actionError = useSystemsStore((s) => s.actionError);
  const dialogs = useCrudDialogs<SystemReview>();

  return (
    <Stack gap="sm" component="section" aria-labelledby="systems-title" data-testid="business-systems">
      <SectionHeader
        id="systems-title"
        title={t('stepContent.systems.title')}
        count={systems.length}
        hint={t('stepContent.systems.hint')}
        actions={
          <Button size="xs" onClick={() => dialogs.create()} data-testid="add-system">
            {t('stepContent.systems.add')}
          </Button>
        }
      />
      {error && <ErrorAlert error={error} />}
      {actionError && <ErrorAlert error={actionError} />}
      {!ready ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : (
        <RecordTable<SystemReview>
          testId="systems-table"
          rowTestId="system-row"
          rows={systems}
          rowKey={(s) => s.id}
          empty={t('stepContent.systems.empty')}
          columns={[
            { key: 'system', header: t('stepContent.systems.system'), fw: 500, cell: (s) => s.system },
            textColumn('checked', t('stepContent.systems.checked'), (s) => s.checked),
            textColumn('notes', t('stepContent.systems.notes'), (s) => s.notes, 2),
          ]}
          actionsWidth={64}
          actions={(s) => (
            <EditRemoveActions
              editLabel={t('stepContent.systems.editOne', { name: s.system })}
              removeLabel={t('stepContent.systems.removeOne', { name: s.system })}
              onEdit={() => dialogs.edit(s)}
              onRemove={() => dialogs.remove(s)}
            />
          )}
        />
      )}
      {dialogs.editing && (
        <SystemForm key={dialogs.editing.record?.id ?? 'new'} caseId={detail.id} system={dialogs.editing.record} onClose={dialogs.close} />
      )}
      {dialogs.confirm({
        title: t('stepContent.systems.removeTitle'),
        message: (s) => t('stepContent.systems.removeMessage', { name: s.system }),
        confirmLabel: t('stepContent.remove'),
        onConfirm: (s) => removeSystem(s.id),
      })}
    </Stack>
  );
}

function SystemForm({ caseId, system, onClose }: { caseId: string; system: SystemReview | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveSystem = useSystemsStore((s) => s.saveSystem);
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { system: system?.system ?? '', checked: system?.checked ?? '', notes: system?.notes ?? '' },
    schema: SystemReviewDraft,
    // Evidence links are kept as they are: the form edits the words.
    toDraft: (v) => ({ caseId, ...(system ? { id: system.id, evidenceIds: system.evidenceIds } : {}), ...v }),
  });
  return (
    <FormDialog
      title={system ? t('stepContent.systems.edit') : t('stepContent.systems.add')}
      onClose={onClose}
      onSubmit={() => submit(saveSystem, onClose)}
      busy={busy}
      errors={issues}
      testId="system-form"
    >
      <TextInput
        label={t('stepContent.systems.system')}
        placeholder={t('stepContent.systems.systemPlaceholder')}
        {...inputProps('system')}
        withAsterisk
        data-autofocus
      />
      <Textarea label={t('stepContent.systems.checked')} {...inputProps('checked')} autosize minRows={2} />
      <Textarea label={t('stepContent.systems.notes')} {...inputProps('notes')} autosize minRows={3} />
    </FormDialog>
  );
}
