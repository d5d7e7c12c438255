import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeOutcome, ResolutionChoice, TeamConflict } from '../../../../src-main/contract/team';
import { RecordTable, type Column } from '../kit/RecordTable';
import { Section } from '../kit/Section';
import { ConflictCard } from './ConflictCard';
import { fieldsText, subjectText } from './conflict-text';
import { ResolveDialog } from './ResolveDialog';

type Deciding = { conflict: TeamConflict; choice: ResolutionChoice; side: string | null };

/**
 * The conflicts of a merge: the ones the lead decides (the same field recorded differently, a removal against an
 * edit) side by side, open ones first; then the soft ones (different fields of one record changed by different
 * validators), which merged by themselves and are listed so she sees them.
 */
export function ConflictQueue({ caseId, outcome }: { caseId: string; outcome: MergeOutcome }) {
  const { t, i18n } = useTranslation();
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const toDecide = outcome.conflicts.filter((c) => c.kind !== 'soft');
  const ordered = [...toDecide.filter((c) => c.resolution === null), ...toDecide.filter((c) => c.resolution !== null)];
  const soft = outcome.conflicts.filter((c) => c.kind === 'soft');
  const columns: Column<TeamConflict>[] = [
    { key: 'subject', header: t('team.soft.record'), cell: (c) => subjectText(c, i18n.language) },
    {
      key: 'changes',
      header: t('team.soft.changes'),
      cell: (c) => (
        <Stack gap={0}>
          {c.sides.map((s) => (
            <Text key={s.side} size="sm">
              {s.name}: {fieldsText(t, s.fields)}
            </Text>
          ))}
        </Stack>
      ),
    },
  ];
  return (
    <Stack gap="md">
      <Section
        id="conflict-queue"
        title={t('team.queue.title')}
        count={outcome.open.length}
        hint={outcome.open.length > 0 ? t('team.queue.openHint', { count: outcome.open.length }) : t('team.queue.doneHint')}
      >
        {outcome.stale.length > 0 && (
          <Text size="sm" c="orange.9" data-testid="stale">
            {t('team.queue.stale', { count: outcome.stale.length })}
          </Text>
        )}
        {ordered.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-conflicts">
            {t('team.queue.none')}
          </Text>
        ) : (
          ordered.map((c) => <ConflictCard key={c.id} caseId={caseId} conflict={c} onDecide={(conflict, choice, side) => setDeciding({ conflict, choice, side })} />)
        )}
      </Section>
      {soft.length > 0 && (
        <Section id="soft-conflicts" title={t('team.soft.title')} count={soft.length} hint={t('team.soft.hint')}>
          <RecordTable rows={soft} columns={columns} rowTestId="soft-conflict" testId="soft-table" />
        </Section>
      )}
      {deciding && <ResolveDialog caseId={caseId} {...deciding} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}
