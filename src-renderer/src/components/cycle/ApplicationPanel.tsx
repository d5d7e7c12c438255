import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { aeoTypes } from '../../../../src-main/contract/cases';
import {
  ApplicationDocumentDraft,
  ApplicationUpdate,
  applicationDocumentKinds,
  type Application,
  type ApplicationDocument,
} from '../../../../src-main/contract/certification';
import { api } from '../../api/client';
import { useDraftForm, useFollowStored } from '../../lib/draft-form';
import { formatDate } from '../../lib/format';
import { dateOrNull } from '../../lib/risk-ui';
import { useCycleStore } from '../../stores/certification';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, openingChoice, optionsOf } from '../kit/FormFields';
import { InlineForm } from '../kit/InlineForm';
import { CrudSection } from '../kit/CrudSection';
import { textColumn } from '../kit/RecordTable';
import { Section } from '../kit/Section';

/** The application that started the case: when it came, its reference, the type applied for, the documents with it. */
export function ApplicationPanel({ application }: { application: Application }) {
  const { t, i18n } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const stored = { receivedOn: application.receivedOn ?? '', reference: application.reference, profile: application.profile as string };
  const draft = useDraftForm({
    initialValues: stored,
    schema: ApplicationUpdate,
    toDraft: (v) => ({ caseId: application.caseId, ...v, receivedOn: dateOrNull(v.receivedOn) }),
  });
  useFollowStored(draft.form, stored, application.updatedAt);
  const caseId = application.caseId;
  return (
    <Stack gap="md">
      <Section id="application-record" title={t('cycle.application.title')} hint={t('cycle.application.hint')}>
        <InlineForm form={draft} saveLabel={t('common.save')} saveTestId="save-application"
          onSubmit={() => draft.submit((input) => change(() => api.application.update(input)), () => draft.form.resetDirty())}>
          <FormFields form={draft} fields={[
              {
                gap: 'sm',
                row: [
                  { kind: 'date', name: 'receivedOn', label: t('cycle.application.receivedOn'), testId: 'application-received' },
                  { kind: 'text', name: 'reference', label: t('cycle.application.reference'), testId: 'application-reference' },
                  { kind: 'select', name: 'profile', label: t('cycle.application.profile'), options: optionsOf(aeoTypes, (v) => t(`aeoTypes.${v}`)) },
                ],
              },
            ]} />
        </InlineForm>
      </Section>
      <CrudSection<ApplicationDocument>
        id="application-documents"
        title={t('cycle.application.documents')}
        add={{ label: t('cycle.application.addDocument'), testId: 'add-application-document' }}
        table={{
          testId: 'application-document-table',
          rows: application.documents,
          rowTestId: 'application-document-row',
          empty: t('cycle.application.noDocuments'),
          columns: [
            { key: 'kind', header: t('cycle.application.kind'), cell: (d) => t(`cycle.documentKinds.${d.kind}`) },
            textColumn('title', t('cycle.application.docTitle'), (d) => d.title, 2),
            { key: 'date', header: t('cycle.application.docReceived'), width: 120, cell: (d) => formatDate(d.receivedOn, i18n.language) },
          ],
          actionsLabel: t('cycle.actions'),
        }}
        editLabel={t('cycle.application.editDocument')}
        removeLabel={t('cycle.application.removeDocument')}
        removal={{
          title: t('cycle.application.removeDocument'),
          message: (d) => t('cycle.application.removeConfirm', { name: t(`cycle.documentKinds.${d.kind}`) }),
          confirmLabel: t('cycle.remove'),
          onConfirm: async (d) => {
            await change(() => api.application.removeDocument({ caseId, id: d.id }));
          },
        }}
        form={(document, close) => <DocumentForm caseId={caseId} document={document} onClose={close} />}
      />
    </Stack>
  );
}

function DocumentForm({ caseId, document, onClose }: { caseId: string; document: ApplicationDocument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const draft = useDraftForm({
    initialValues: { kind: (document?.kind ?? null) as string | null, title: document?.title ?? '', receivedOn: document?.receivedOn ?? '' },
    schema: ApplicationDocumentDraft,
    toDraft: (v) => ({ caseId, ...(document ? { id: document.id } : {}), ...v, kind: v.kind ?? undefined, receivedOn: v.receivedOn || undefined }),
  });
  return (
    <FormDialog form={draft} title={document ? t('cycle.application.editDocument') : t('cycle.application.addDocument')} testId="application-document-form" size="md"
      onClose={onClose} onSubmit={() => draft.submit((input) => change(() => api.application.saveDocument(input)), onClose)}>
      <FormFields form={draft} fields={[
          openingChoice('kind', t('cycle.application.kind'), t('cycle.choose'), optionsOf(applicationDocumentKinds, (v) => t(`cycle.documentKinds.${v}`))),
          { kind: 'text', name: 'title', label: t('cycle.application.docTitle') },
          { kind: 'date', name: 'receivedOn', label: t('cycle.application.docReceived'), required: true },
        ]} />
    </FormDialog>
  );
}
