import { useState } from 'react';
import { ConfirmModal } from '../ConfirmModal';

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
