import { Badge, Button, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { Interview } from '../../../../src-main/contract/plan';
import { MinutesDraft, type InterviewMinutes as Minutes } from '../../../../src-main/contract/systems';
import { useDraftForm } from '../../lib/draft-form';
import { NONE } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useSystemsStore } from '../../stores/systems';
import { FormDialog } from '../kit/FormDialog';
import { FormFields } from '../kit/FormFields';
import { RecordTable, textColumn } from '../kit/RecordTable';
import { Section } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { ErrorAlert } from '../ErrorAlert';
import { useCaseSystems } from './use-systems';
import { titleColumn } from '../kit/cells';

/** One name a line in the form; a list in the store. */
const lines = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Step 4: the minutes of each interview the plan lists (who was present, topics, answers, follow-ups). */
export function InterviewMinutesSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const plan = usePlanStore((s) => (s.caseId === detail.id ? s.plan : null));
  const interviews = plan?.interviews ?? NONE;
  const { ready, error, minutes } = useCaseSystems(detail.id);
  const dialogs = useCrudDialogs<Interview>();

  const byInterview = new Map(minutes.map((m) => [m.interviewId, m]));
  return (
    <Section
      id="interview-minutes"
      gap="sm"
      title={t('stepContent.minutes.title')}
      hint={t('stepContent.minutes.hint')}
    >
      {error && <ErrorAlert error={error} />}
      {!ready || !plan ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : (
        <RecordTable<Interview>
          testId="minutes-table"
          rowTestId="minutes-row"
          rows={interviews}
          empty={t('stepContent.minutes.empty')}
          columns={[
            titleColumn<Interview>('person', t('stepContent.minutes.interview'), (i) => i.person, (i) => i.role),
            textColumn('present', t('stepContent.minutes.present'), (i) => (byInterview.get(i.id)?.present ?? []).join(', '), 2),
            textColumn('followUps', t('stepContent.minutes.followUps'), (i) => byInterview.get(i.id)?.followUps ?? '', 3),
            {
              key: 'state',
              header: t('stepContent.minutes.state'),
              cell: (i) =>
                byInterview.has(i.id) ? (
                  <Badge size="sm" color="green">
                    {t('stepContent.minutes.written')}
                  </Badge>
                ) : (
                  <Badge size="sm" color="gray">
                    {t('stepContent.minutes.none')}
                  </Badge>
                ),
            },
          ]}
          actionsWidth={110}
          actions={(i) => (
            <Button size="compact-xs" variant="light" onClick={() => dialogs.edit(i)} data-testid="edit-minutes">
              {t('stepContent.minutes.edit')}
            </Button>
          )}
        />
      )}
      {dialogs.editing?.record && (
        <MinutesForm
          key={dialogs.editing.record.id}
          caseId={detail.id}
          interview={dialogs.editing.record}
          minutes={byInterview.get(dialogs.editing.record.id) ?? null}
          onClose={dialogs.close}
        />
      )}
    </Section>
  );
}

type MinutesFormProps = { caseId: string; interview: Interview; minutes: Minutes | null; onClose: () => void };

function MinutesForm({ caseId, interview, minutes, onClose }: MinutesFormProps) {
  const { t } = useTranslation();
  const saveMinutes = useSystemsStore((s) => s.saveMinutes);
  const draft = useDraftForm({
    initialValues: {
      present: (minutes?.present ?? []).join('\n'),
      topics: minutes?.topics ?? interview.topics.join('\n'),
      answers: minutes?.answers ?? '',
      followUps: minutes?.followUps ?? '',
    },
    schema: MinutesDraft,
    toDraft: (v) => ({ caseId, interviewId: interview.id, ...v, present: lines(v.present) }),
    // A refused name (`present.2`) shows on the one field that holds them all.
    field: (path) => (path.startsWith('present.') ? 'present' : path),
  });
  return (
    <FormDialog form={draft} title={t('stepContent.minutes.titleFor', { person: interview.person })} testId="minutes-form" onClose={onClose}
      onSubmit={() => draft.submit(saveMinutes, onClose)}>
      <FormFields form={draft} fields={[
          { kind: 'textarea', name: 'present', label: t('stepContent.minutes.present'), description: t('stepContent.minutes.presentHint'), autofocus: true },
          { kind: 'textarea', name: 'topics', label: t('stepContent.minutes.topics') },
          { kind: 'textarea', name: 'answers', label: t('stepContent.minutes.answers'), rows: 4 },
          { kind: 'textarea', name: 'followUps', label: t('stepContent.minutes.followUps') },
        ]} />
    </FormDialog>
  );
}
