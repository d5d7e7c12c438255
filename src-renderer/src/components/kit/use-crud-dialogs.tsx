import { useState } from 'react';
import { ConfirmModal } from '../ConfirmModal';
import { EditRemoveActions } from './RowActions';

/** A row action's name: the same for every row, or naming the row ("Edit R3"). */
export type Label<T> = string | ((record: T) => string);
const named = <T,>(label: Label<T>, record: T) => (typeof label === 'string' ? label : label(record));

/**
 * The bookkeeping of a list that is edited in a dialog and removed after a confirm: which record is open (or a new
 * one, with what it starts from), and which awaits its removal. `confirm` renders the removal's question.
 */
export function useCrudDialogs<T, Start = undefined>() {
  const [editing, setEditing] = useState<{ record: T | null; start?: Start } | null>(null);
  const [removal, setRemoval] = useState<T | null>(null);
  return {
    editing,
    removal,
    edit: (record: T) => setEditing({ record }),
    create: (start?: Start) => setEditing(start === undefined ? { record: null } : { record: null, start }),
    close: () => setEditing(null),
    remove: (record: T) => setRemoval(record),
    /** A table's row actions (RecordTable `actions`): Edit opens the record's dialog, Remove asks first. */
    rowActions: (editLabel: Label<T>, removeLabel: Label<T>) =>
      function RowEditRemove(record: T) {
        return (
          <EditRemoveActions
            editLabel={named(editLabel, record)}
            removeLabel={named(removeLabel, record)}
            onEdit={() => setEditing({ record })}
            onRemove={() => setRemoval(record)}
          />
        );
      },
    confirm({
      title,
      message,
      confirmLabel,
      onConfirm,
    }: {
      title: string;
      message(record: T): string;
      confirmLabel: string;
      onConfirm(record: T): Promise<void> | void;
    }) {
      return (
        <ConfirmModal
          opened={removal !== null}
          title={title}
          message={removal ? message(removal) : ''}
          confirmLabel={confirmLabel}
          onClose={() => setRemoval(null)}
          onConfirm={async () => {
            if (removal) await onConfirm(removal);
          }}
        />
      );
    },
  };
}
