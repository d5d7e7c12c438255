import { Badge, Checkbox, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interview } from '../../../../src-main/contract/plan';
import { formatDate } from '../../lib/format';
import { usePlanStore } from '../../stores/plan';
import { titleColumn } from '../kit/cells';
import { textColumn } from '../kit/RecordTable';
import type { PlanSectionProps } from './plan-dialogs';
import { PlanList } from './PlanList';

/** The planned interviews, with a checkbox to mark one held straight from the list. */
export function InterviewsSection({ plan, onDialog, onRemove }: PlanSectionProps) {
  const { t, i18n } = useTranslation();
  const saveInterview = usePlanStore((s) => s.saveInterview);
  // The box shows the new state at once while the save is under way.
  const [pending, setPending] = useState<Record<string, boolean>>({});

  const toggleHeld = async (interview: Interview, held: boolean) => {
    setPending((p) => ({ ...p, [interview.id]: held }));
    const { caseId, id, person, role, topics, date, notes } = interview;
    await saveInterview({ caseId, id, person, role, topics, date, held, notes });
    setPending((p) => {
      const next = { ...p };
      delete next[interview.id];
      return next;
    });
  };

  return (
    <PlanList<Interview>
      name="interviews"
      onAdd={() => onDialog({ type: 'interview', interview: null })}
      rows={plan.interviews}
      columns={[
        titleColumn<Interview>('person', t('plan.interviews.person'), (interview) => interview.person, (interview) => interview.role),
        {
          key: 'topics',
          priority: 3,
          header: t('plan.interviews.topics'),
          cell: (interview) => (
            <Group gap={4}>
              {interview.topics.length === 0
                ? '—'
                : interview.topics.map((topic) => (
                    <Badge key={topic} size="sm" color="gray">
                      {topic}
                    </Badge>
                  ))}
            </Group>
          ),
        },
        {
          key: 'date',
          header: t('plan.interviews.date'),
          style: { whiteSpace: 'nowrap' },
          cell: (interview) => formatDate(interview.date, i18n.language) ?? '—',
        },
        {
          key: 'held',
          header: t('plan.interviews.held'),
          cell: (interview) => (
            <Checkbox
              aria-label={t('plan.interviews.heldWith', { person: interview.person })}
              checked={pending[interview.id] ?? interview.held}
              onChange={(e) => void toggleHeld(interview, e.currentTarget.checked)}
            />
          ),
        },
        textColumn('notes', t('plan.interviews.notes'), (interview) => interview.notes, 2),
      ]}
      onEdit={(interview) => onDialog({ type: 'interview', interview })}
      onRemove={(interview) => onRemove({ kind: 'Interview', id: interview.id, name: interview.person })}
    />
  );
}
