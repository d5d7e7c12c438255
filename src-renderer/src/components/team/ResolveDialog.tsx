import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { encodeValue } from '../../../../src-main/contract/merge-values';
import { teamContract, type ResolutionChoice, type TeamConflict } from '../../../../src-main/contract/team';
import { useDraftForm } from '../../lib/draft-form';
import { useTeamMergeStore } from '../../stores/team-merge';
import { FormDialog } from '../kit/FormDialog';
import { shownValue, subjectText } from './conflict-text';

/**
 * The lead's decision on one conflict, always with a reason: take one side's value, combine the sides' values (the
 * text starts as both of them), or write a new value. Kept on this laptop (audited) until the merged report is sealed.
 */
export function ResolveDialog({
  caseId,
  conflict,
  choice,
  side,
  onClose,
}: {
  caseId: string;
  conflict: TeamConflict;
  choice: ResolutionChoice;
  side: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const resolve = useTeamMergeStore((s) => s.resolve);
  const taken = conflict.sides.find((s) => s.side === side);
  const values = conflict.sides.filter((s) => !s.deleted).map((s) => shownValue(conflict, s.valueJson, 'raw') ?? '');
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { value: choice === 'combined' ? values.join('\n') : '', reason: '' },
    schema: teamContract['team:resolve'].input,
    toDraft: ({ value, reason }) => ({
      caseId,
      conflictId: conflict.id,
      choice,
      side: choice === 'side' ? side : null,
      valueJson: choice === 'side' ? null : encodeValue(conflict.table, conflict.field, value, conflict.sides.map((s) => s.valueJson)),
      reason,
    }),
    field: (path) => (path === 'valueJson' ? 'value' : path),
  });
  const onSubmit = () => submit(({ caseId: _case, ...decision }) => resolve(decision), onClose);
  const title = choice === 'side' ? t('team.resolve.takeTitle', { name: taken?.name ?? '' }) : t(`team.resolve.${choice}Title`);
  return (
    <FormDialog title={title} onClose={onClose} onSubmit={onSubmit} busy={busy} errors={issues} testId="resolve-form" saveLabel={t('team.resolve.save')} size="lg">
      <Text size="sm" fw={500}>
        {subjectText(conflict, i18n.language)}
      </Text>
      {choice === 'side' ? (
        <Text size="sm" data-testid="resolve-taken">
          {taken?.deleted ? t('team.side.removed') : (shownValue(conflict, taken?.valueJson ?? 'null', i18n.language) ?? t('team.side.empty'))}
        </Text>
      ) : (
        <Textarea label={t('team.resolve.value')} description={t(`team.resolve.${choice}Hint`)} {...inputProps('value')} autosize minRows={2} maxRows={8} data-autofocus />
      )}
      <Textarea label={t('team.resolve.reason')} description={t('team.resolve.reasonHint')} {...inputProps('reason')} withAsterisk autosize minRows={2} maxRows={6} {...(choice === 'side' ? { 'data-autofocus': true } : {})} />
    </FormDialog>
  );
}
