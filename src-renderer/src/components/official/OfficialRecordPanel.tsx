import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OfficialPatch, type OfficialRecord } from '../../../../src-main/contract/official';
import { matchesPattern, patternProblem } from '../../../../src-main/contract/registration-number';
import { useDraftForm } from '../../lib/draft-form';
import type { FieldErrors } from '../../lib/field-errors';
import { patternExample } from '../../lib/registration-example';
import { dateOrNull } from '../../lib/risk-ui';
import { useAssessmentStore } from '../../stores/assessment';
import { useAuthorityStore } from '../../stores/authority';
import { useOfficialStore } from '../../stores/official';
import { usePick } from '../../stores/pick';
import { useReportsStore } from '../../stores/reports';
import { hrefFor } from '../../stores/route';
import { InlineForm } from '../kit/InlineForm';
import { NotReady } from '../kit/NotReady';
import { Section, SectionHeader } from '../kit/Section';
import { Approvers } from './Approvers';
import { AutosaveTextarea } from './AutosaveTextarea';
import { VisitsHeld } from './VisitsHeld';

/**
 * The official form's record of the case, in the reporting step where the report is printed: the issuing
 * authority it is printed under, the registration number and look-back period, the visits as held, the closing
 * meeting with the operator's comments, proposed conditions and the approving officials. Once the latest report
 * version is sealed it reads as sealed; the validator may still open it to correct it for a new version.
 */
export function OfficialRecordPanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const { record, status, error, load } = usePick(useOfficialStore, 'record', 'status', 'error', 'load');
  const { authority, load: loadAuthority } = usePick(useAuthorityStore, 'authority', 'load');
  const versions = useReportsStore((s) => (s.caseId === caseId ? s.versions : []));
  const [correcting, setCorrecting] = useState(false);
  useEffect(() => {
    void load(caseId);
    void loadAuthority();
  }, [caseId, load, loadAuthority]);

  const latest = versions.reduce<(typeof versions)[number] | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  const sealed = latest?.status === 'sealed' ? latest : null;
  const readOnly = sealed !== null && !correcting;
  const ready = record?.caseId === caseId && authority;
  const lang = i18n.language === 'ru' ? 'ru' : 'en';

  return (
    <Stack gap="md" component="section" aria-labelledby="official-title" data-testid="official-record">
      <SectionHeader id="official-title" title={t('official.title')} hint={t('official.hint')} />
      {!ready ? (
        <NotReady status={status} error={error} failed={t('official.loadError')} />
      ) : (
        <>
          <Text size="sm">
            <Text span c="dimmed">
              {t('official.authority')}:{' '}
            </Text>
            <Text span fw={500} data-testid="official-authority">
              {authority.name[lang] || t('official.authorityNotSet')}
            </Text>
            {' · '}
            {/* Underlined: a link inside a line of text must not be told apart by colour alone (WCAG 1.4.1). */}
            <Anchor href={hrefFor({ name: 'authority' })} size="sm" underline="always">
              {t('official.authoritySettings')}
            </Anchor>
          </Text>
          {sealed && (
            <Alert color="gray" variant="light" data-testid="official-sealed">
              <Group justify="space-between" gap="sm">
                <Text size="sm" style={{ flex: 1, minWidth: 240 }}>
                  {t('official.sealed', { version: sealed.version })}
                </Text>
                {!correcting && (
                  <Button size="xs" variant="default" onClick={() => setCorrecting(true)} data-testid="official-correct">
                    {t('official.correct')}
                  </Button>
                )}
              </Group>
            </Alert>
          )}
          {/* Keyed by its own fields: the texts below saving themselves must not reset a half-typed number. */}
          <Particulars key={`${record.registrationNumber}|${record.lookBackFrom}|${record.lookBackTo}`} record={record} pattern={authority.registrationPattern} readOnly={readOnly} />
          <VisitsHeld visits={record.visits} readOnly={readOnly} />
          <ClosingMeeting record={record} readOnly={readOnly} />
          <Approvers approvers={record.approvers} readOnly={readOnly} />
        </>
      )}
    </Stack>
  );
}

/** Registration number (by the authority's pattern, or the next one it gives) and the look-back period. */
function Particulars({ record, pattern, readOnly }: { record: OfficialRecord; pattern: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { update, assignNumber } = usePick(useOfficialStore, 'update', 'assignNumber');
  const [assigning, setAssigning] = useState(false);
  const { form, inputProps, submit, busy, issues, isDirty } = useDraftForm({
    initialValues: { registrationNumber: record.registrationNumber ?? '', lookBackFrom: record.lookBackFrom ?? '', lookBackTo: record.lookBackTo ?? '' },
    schema: OfficialPatch,
    toDraft: (v) => {
      const number = v.registrationNumber.trim() || null;
      return {
        caseId: record.caseId,
        // Sent only when changed: a number kept from an earlier pattern stays valid for the other fields' saves.
        ...(number !== record.registrationNumber ? { registrationNumber: number } : {}),
        lookBackFrom: dateOrNull(v.lookBackFrom),
        lookBackTo: dateOrNull(v.lookBackTo),
      };
    },
    extra: (v) => {
      const found: FieldErrors = {};
      const number = v.registrationNumber.trim();
      if (number && number !== record.registrationNumber && !patternProblem(pattern) && !matchesPattern(pattern, number)) {
        found.registrationNumber = { key: 'registrationMismatch', values: { pattern } };
      }
      if (v.lookBackFrom && v.lookBackTo && v.lookBackTo < v.lookBackFrom) found.lookBackTo = { key: 'endBeforeStart' };
      return found;
    },
  });
  const example = patternExample(pattern);
  return (
    <Section id="official-particulars" title={t('official.particulars')}>
      <InlineForm
        onSubmit={() => submit(({ caseId: _, ...patch }) => update(patch), () => form.resetDirty())}
        busy={busy}
        dirty={isDirty() && !readOnly}
        errors={issues}
        saveLabel={t('common.save')}
        saveTestId="save-official"
      >
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          <TextInput
            label={t('official.registrationNumber')}
            description={t('official.numberHint', { pattern, example: example ?? pattern })}
            readOnly={readOnly}
            {...inputProps('registrationNumber')}
            data-testid="official-number"
          />
          <TextInput type="date" label={t('official.lookBackFrom')} readOnly={readOnly} {...inputProps('lookBackFrom')} data-testid="official-lookback-from" />
          <TextInput type="date" label={t('official.lookBackTo')} readOnly={readOnly} {...inputProps('lookBackTo')} data-testid="official-lookback-to" />
        </SimpleGrid>
        {!record.registrationNumber && !readOnly && (
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={assigning}
              onClick={async () => {
                setAssigning(true);
                await assignNumber();
                setAssigning(false);
              }}
              data-testid="assign-number"
            >
              {t('official.assign')}
            </Button>
          </Group>
        )}
      </InlineForm>
    </Section>
  );
}

/** The closing meeting with the operator, and the conditions the validators propose; free texts save themselves. */
function ClosingMeeting({ record, readOnly }: { record: OfficialRecord; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useOfficialStore((s) => s.update);
  const recommendation = useAssessmentStore((s) => (s.assessment?.caseId === record.caseId ? s.assessment.recommendation : null));
  const [dateError, setDateError] = useState<string | null>(null);
  const showConditions = recommendation === 'grant_with_conditions' || record.conditions.trim() !== '';
  return (
    <>
      <Section id="official-closing" title={t('official.closing.title')}>
        <TextInput
          type="date"
          label={t('official.closing.date')}
          maw={260}
          readOnly={readOnly}
          value={record.closingMeeting.date ?? ''}
          error={dateError}
          onChange={async (event) => {
            const result = await update({ closingMeetingOn: dateOrNull(event.currentTarget.value) });
            setDateError(result.ok ? null : t('validation.date'));
          }}
          data-testid="official-closing-date"
        />
        <AutosaveTextarea
          caseId={record.caseId}
          field="closingAttendees"
          label={t('official.closing.attendees')}
          description={t('official.closing.attendeesHint')}
          saved={record.closingMeeting.attendees}
          save={(text) => update({ closingAttendees: text })}
          readOnly={readOnly}
          testId="official-attendees"
        />
        <AutosaveTextarea
          caseId={record.caseId}
          field="operatorComments"
          label={t('official.closing.comments')}
          saved={record.closingMeeting.operatorComments}
          save={(text) => update({ operatorComments: text })}
          readOnly={readOnly}
          testId="official-comments"
        />
      </Section>
      {showConditions && (
        <Section id="official-conditions" title={t('official.conditions.title')} hint={t('official.conditions.hint')}>
          <AutosaveTextarea
            caseId={record.caseId}
            field="conditions"
            label={t('official.conditions.label')}
            saved={record.conditions}
            save={(text) => update({ conditions: text })}
            readOnly={readOnly}
            testId="official-conditions"
          />
        </Section>
      )}
    </>
  );
}
