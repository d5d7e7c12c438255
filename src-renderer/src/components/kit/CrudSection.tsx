import {  } from '@mantine/core';
import type { ReactNode } from 'react';
import { RecordTable, type TableOf } from './RecordTable';
import { AddButton, Section } from './Section';
import { useCrudDialogs, type Label } from './use-crud-dialogs';

/**
 * A list of records under its section heading, edited in a dialog and removed after a confirm: the count and the
 * Add button in the heading, the table whose rows edit or remove, the record's dialog and the removal's question.
 * The screen says only what differs — its texts, its columns, its form and the change that removes.
 */
export function CrudSection<T extends { id: string }>({
  id,
  title,
  hint,
  add,
  table,
  editLabel,
  removeLabel,
  removal,
  form,
}: {
  id: string;
  title: string;
  hint?: string;
  /** The Add button; `disabled` while the list cannot grow (no account manager yet, no authorization). */
  add: { label: string; testId: string; disabled?: boolean };
  table: Omit<TableOf<T>, 'actions'>;
  editLabel: Label<T>;
  removeLabel: Label<T>;
  removal: { title: string; message(record: T): string; confirmLabel: string; onConfirm(record: T): Promise<void> | void };
  /** The dialog that edits `record`, or adds one when it is null. */
  form(record: T | null, close: () => void): ReactNode;
}) {
  const dialogs = useCrudDialogs<T>();
  return (
    <>
      <Section
        id={id}
        title={title}
        hint={hint}
        count={table.rows.length}
        actions={<AddButton label={add.label} onClick={() => dialogs.create()} testId={add.testId} disabled={add.disabled} variant="light" />}
      >
        <RecordTable<T> {...table} actions={dialogs.rowActions(editLabel, removeLabel)} />
      </Section>
      {dialogs.editing && form(dialogs.editing.record, dialogs.close)}
      {dialogs.confirm(removal)}
    </>
  );
}
