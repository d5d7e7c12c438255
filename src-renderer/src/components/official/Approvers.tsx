import { Button, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Approver } from '../../../../src-main/contract/official';
import { useDraftForm } from '../../lib/draft-form';
import { useOfficialStore } from '../../stores/official';
import { FormDialog } from '../kit/FormDialog';
import { RecordTable, textColumn } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { Section } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';

/** At most this many officials sign (the contract's limit); the add button gives way at it. */
const MAX_APPROVERS = 8;

type Row = Approver & { index: number };

/** The officials who approve the report on the authority's behalf, in the order they sign. */
export function Approvers({ approvers, readOnly }: { approvers: readonly Approver[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useOfficialStore((s) => s.update);
  const dialogs = useCrudDialogs<Row>();
  const rows = approvers.map((a, index) => ({ ...a, index }));
  return (
    <Section
      id="official-approvers"
      title={t('official.approvers.title')}
      hint={t('official.approvers.hint')}
      count={approvers.length}
      actions={
        readOnly ? undefined : (
          <Button size="xs" variant="light" onClick={() => dialogs.create()} disabled={approvers.length >= MAX_APPROVERS} data-testid="add-approver">
            {t('official.approvers.add')}
          </Button>
        )
      }
    >
      <RecordTable<Row>
        testId="approver-table"
        rows={rows}
        rowKey={(a) => `${a.index}`}
        rowTestId="approver-row"
        empty={t('official.approvers.none')}
        columns={[
          { key: 'name', header: t('official.approvers.name'), fw: 500, cell: (a) => a.name },
          textColumn('position', t('official.approvers.position'), (a) => a.position),
        ]}
        actionsLabel={t('official.actions')}
        {...(readOnly
          ? {}
          : {
              actions: (a: Row) => (
                <EditRemoveActions
                  editLabel={t('official.approvers.edit')}
                  removeLabel={t('official.approvers.remove')}
                  onEdit={() => dialogs.edit(a)}
                  onRemove={() => dialogs.remove(a)}
                />
              ),
            })}
      />
      {dialogs.editing && <ApproverForm approvers={approvers} editing={dialogs.editing.record} onClose={dialogs.close} />}
      {dialogs.confirm({
        title: t('official.approvers.remove'),
        message: (a) => t('official.approvers.removeConfirm', { name: a.name }),
        confirmLabel: t('official.confirmRemove'),
        onConfirm: async (a) => {
          await update({ approvers: approvers.filter((_, i) => i !== a.index) });
        },
      })}
    </Section>
  );
}

/** Adds an official at the end, or changes one in place; the whole list is saved, as the contract keeps it. */
function ApproverForm({ approvers, editing, onClose }: { approvers: readonly Approver[]; editing: Row | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useOfficialStore((s) => s.update);
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { name: editing?.name ?? '', position: editing?.position ?? '' },
    schema: Approver,
    toDraft: (v) => v,
  });
  const save = (approver: Approver) =>
    update({ approvers: editing ? approvers.map((a, i) => (i === editing.index ? approver : a)) : [...approvers, approver] });
  return (
    <FormDialog
      title={editing ? t('official.approvers.edit') : t('official.approvers.add')}
      onClose={onClose}
      onSubmit={() => submit(save, onClose)}
      busy={busy}
      errors={issues}
      testId="approver-form"
      size="md"
    >
      <TextInput label={t('official.approvers.name')} withAsterisk data-autofocus {...inputProps('name')} data-testid="approver-name" />
      <TextInput label={t('official.approvers.position')} withAsterisk {...inputProps('position')} data-testid="approver-position" />
    </FormDialog>
  );
}
