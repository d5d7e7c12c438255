import { Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { Evidence } from '../../../../src-main/contract/evidence';
import { SystemReviewDraft, type SystemReview } from '../../../../src-main/contract/systems';
import { startValues, useDraftForm } from '../../lib/draft-form';
import { useCaseLinksStore } from '../../stores/case-links';
import { useSystemsStore } from '../../stores/systems';
import { ErrorAlert } from '../ErrorAlert';
import { FormDialog } from '../kit/FormDialog';
import { FormFields } from '../kit/FormFields';
import { RecordTable, textColumn } from '../kit/RecordTable';
import { AddButton, Section } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { LinkSelects } from '../assessment/LinkSelects';
import { useLinkOptions } from '../assessment/link-options';
import { AttachDropZone } from '../evidence/AttachDropZone';
import { useCaseSystems } from './use-systems';

/** Step 3: a note per business system reviewed (ERP, customs software, access control…). */
export function BusinessSystems({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { ready, error, systems } = useCaseSystems(detail.id);
  const removeSystem = useSystemsStore((s) => s.removeSystem);
  const actionError = useSystemsStore((s) => s.actionError);
  const dialogs = useCrudDialogs<SystemReview>();

  return (
    <Section
      id="business-systems"
      gap="sm"
      title={t('stepContent.systems.title')}
      count={systems.length}
      hint={t('stepContent.systems.hint')}
      actions={<AddButton label={t('stepContent.systems.add')} onClick={() => dialogs.create()} testId="add-system" />}
    >
      {error && <ErrorAlert error={error} />}
      {actionError && <ErrorAlert error={actionError} />}
      {!ready ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : (
        <RecordTable<SystemReview>
          testId="systems-table"
          rowTestId="system-row"
          rows={systems}
          empty={t('stepContent.systems.empty')}
          columns={[
            { key: 'system', header: t('stepContent.systems.system'), fw: 500, cell: (s) => s.system },
            textColumn('checked', t('stepContent.systems.checked'), (s) => s.checked),
            textColumn('notes', t('stepContent.systems.notes'), (s) => s.notes, 2),
          {
            key: 'evidence',
            header: t('stepContent.systems.evidence'),
            priority: 3,
            cell: (s) => <Text size="sm" data-testid="system-evidence-count">{s.evidenceIds.length}</Text>,
          },
          ]}
          actionsWidth={64}
          actions={dialogs.rowActions(
            (s) => t('stepContent.systems.editOne', { name: s.system }),
            (s) => t('stepContent.systems.removeOne', { name: s.system }),
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
    </Section>
  );
}

function SystemForm({ caseId, system, onClose }: { caseId: string; system: SystemReview | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveSystem = useSystemsStore((s) => s.saveSystem);
  const draft = useDraftForm({
    initialValues: startValues(system, { system: '', checked: '', notes: '', evidenceIds: [] as string[] }),
    schema: SystemReviewDraft,
    toDraft: (v) => ({ caseId, ...(system ? { id: system.id } : {}), ...v }),
    // A refused link (`evidenceIds.1`) shows on the list that holds them all.
    field: (path) => (path.startsWith('evidenceIds.') ? 'evidenceIds' : path),
  });
  // The case's evidence to choose from, as risks and findings link it; a file attached here joins the case and
  // this note at once.
  const { form, values, inputProps } = draft;
  const links = useLinkOptions(caseId, { evidenceIds: values.evidenceIds });
  const attached = (evidence: Evidence) => {
    form.setFieldValue('evidenceIds', [...form.getValues().evidenceIds, evidence.id]);
    void useCaseLinksStore.getState().load(caseId);
  };
  return (
    <FormDialog form={draft} title={system ? t('stepContent.systems.edit') : t('stepContent.systems.add')} testId="system-form" size="lg" onClose={onClose}
      onSubmit={() => draft.submit(saveSystem, onClose)}>
      <FormFields form={draft} fields={[
          { kind: 'text', name: 'system', label: t('stepContent.systems.system'), placeholder: t('stepContent.systems.systemPlaceholder'), required: true, autofocus: true },
          { kind: 'textarea', name: 'checked', label: t('stepContent.systems.checked') },
          { kind: 'textarea', name: 'notes', label: t('stepContent.systems.notes'), rows: 3 },
        ]} />
      <LinkSelects links={links} evidence={inputProps('evidenceIds')} />
      <AttachDropZone target={{ caseId }} onAttached={attached} compact testId="system-attach" />
    </FormDialog>
  );
}
