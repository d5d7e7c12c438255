import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../src-main/contract/result';
import { useCycleStore } from '../../stores/certification';
import { CrudSection, type CrudSectionProps } from '../kit/CrudSection';

/**
 * A list of the cycle's records (the application's documents, the manager's activities, monitoring entries): a
 * CrudSection whose removal runs through the cycle store, which reads the whole cycle again (a removal can change
 * what the decision or the manager allows).
 */
export function CycleRecords<T extends { id: string }>({
  removeTitle,
  removeMessage,
  remove,
  table,
  ...section
}: Omit<CrudSectionProps<T>, 'removal'> & {
  removeTitle: string;
  removeMessage(record: T): string;
  remove(record: T): Promise<Result<unknown>>;
}) {
  const { t } = useTranslation();
  const change = useCycleStore((s) => s.change);
  return (
    <CrudSection<T>
      {...section}
      table={{ ...table, actionsLabel: t('cycle.actions') }}
      removal={{
        title: removeTitle,
        message: removeMessage,
        confirmLabel: t('cycle.remove'),
        onConfirm: async (record) => {
          await change(() => remove(record));
        },
      }}
    />
  );
}
