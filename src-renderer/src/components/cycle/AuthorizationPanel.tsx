import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AuthorizationDraft,
  authorizationDecisions,
  isGranting,
  type AuthorizationState,
} from '../../../../src-main/contract/certification';
import type { ReportLanguage } from '../../../../src-main/contract/reports';
import { api, type ApiError } from '../../api/client';
import { isDesktop, startDownload } from '../../api/download';
import { withToken } from '../../api/token';
import { useDraftForm } from '../../lib/draft-form';
import { formatDate, formatTimestamp } from '../../lib/format';
import { dateOrNull } from '../../lib/risk-ui';
import { useCycleStore } from '../../stores/certification';
import { ErrorAlert } from '../ErrorAlert';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, optionsOf } from '../kit/FormFields';
import { Section } from '../kit/Section';

/**
 * The authority's decision, recorded once the report is sealed and never edited (a correction is a new record with
 * its reason), and the improvement-actions letter to the operator that states it.
 */
export function AuthorizationPanel({ state }: { state: AuthorizationState }) {
  const { t, i18n } = useTranslation();
  const [recording, setRecording] = useState(false);
  const current = state.current;
  const date = (d: string | null) => formatDate(d, i18n.language) ?? '—';
  return (
    <Stack gap="md">
      <Section
        id="authorization-record"
        title={t('cycle.authorization.title')}
        hint={t('cycle.authorization.hint')}
        actions={
          state.sealedVersion && (
            <Button size="xs" variant={current ? 'default' : 'filled'} onClick={() => setRecording(true)} data-testid="record-decision">
              {current ? t('cycle.authorization.correct') : t('cycle.authorization.record')}
            </Button>
          )
        }
      >
        {!state.sealedVersion ? (
          <Alert color="gray" data-testid="authorization-needs-seal">
            {t('cycle.authorization.needsSeal')}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {t('cycle.authorization.restsOn', { version: state.sealedVersion.version, date: formatTimestamp(state.sealedVersion.sealedAt, i18n.language) })}
          </Text>
        )}
        {current && (
          <Table withTableBorder variant="vertical" layout="fixed" data-testid="decision-in-force">
            <Table.Tbody>
              <Row label={t('cycle.authorization.decision')}>
                <Badge color={isGranting(current.decision) ? 'green' : current.decision === 'refused' ? 'red' : 'yellow'} variant="light">
                  {t(`cycle.decisions.${current.decision}`)}
                </Badge>
              </Row>
              <Row label={t('cycle.authorization.decidedOn')}>{date(current.decidedOn)}</Row>
              <Row label={t('cycle.authorization.certificate')}>{current.certificateNumber || '—'}</Row>
              <Row label={t('cycle.authorization.register')}>{current.registerEntry || '—'}</Row>
              {current.conditions && <Row label={t('cycle.authorization.conditions')}>{current.conditions}</Row>}
              {current.reason && <Row label={t('cycle.authorization.reason')}>{current.reason}</Row>}
              <Row label={t('cycle.authorization.recorded')}>
                {current.recordedByName}, {formatTimestamp(current.recordedAt, i18n.language)}
              </Row>
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {current && <LetterSection caseId={state.caseId} actions={state.letterActions} />}
      {recording && state.sealedVersion && <DecisionForm state={state} onClose={() => setRecording(false)} />}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={220} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** Prints the letter in one language and saves it: the save dialog in the app, a download in the preview. */
function LetterSection({ caseId, actions }: { caseId: string; actions: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ReportLanguage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = async (lang: ReportLanguage) => {
    setBusy(lang);
    setError(null);
    setDone(null);
    const printed = await api.authorization.letter({ caseId, lang });
    if (printed.ok) {
      if (isDesktop()) {
        const saved = await api.authorization.saveLetter({ authorizationId: printed.value.authorizationId, lang });
        if (!saved.ok) setError(saved.error);
        else if (saved.value.saved) setDone(printed.value.fileName);
      } else {
        startDownload(withToken(`/api/download/letters/${encodeURIComponent(caseId)}/improvement-letter.${lang}.pdf`));
        setDone(printed.value.fileName);
      }
    } else setError(printed.error);
    setBusy(null);
  };
  return (
    <Section id="improvement-letter" title={t('cycle.letter.title')} hint={t('cycle.letter.hint', { count: actions })}>
      <Group gap="xs">
        {(['en', 'ru'] as const).map((lang) => (
          <Button key={lang} size="xs" variant="light" loading={busy === lang} onClick={() => void save(lang)} data-testid={`letter-${lang}`}>
            {t(`cycle.letter.save.${lang}`)}
          </Button>
        ))}
      </Group>
      {done && (
        <Text size="sm" c="green.8" data-testid="letter-saved">
          {t('cycle.letter.saved', { name: done })}
        </Text>
      )}
      {error && <ErrorAlert error={error}>{t('cycle.letter.failed')}</ErrorAlert>}
    </Section>
  );
}

function DecisionForm({ state, onClose }: { state: AuthorizationState; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useCycleStore((s) => s.change);
  const correcting = state.current !== null;
  const draft = useDraftForm({
    initialValues: {
      decision: (state.current?.decision ?? null) as string | null,
      decidedOn: state.current?.decidedOn ?? '',
      certificateNumber: state.current?.certificateNumber ?? '',
      registerEntry: state.current?.registerEntry ?? '',
      conditions: state.current?.conditions ?? '',
      reason: '',
    },
    schema: AuthorizationDraft,
    toDraft: (v) => ({ caseId: state.caseId, ...v, decision: v.decision ?? undefined, decidedOn: dateOrNull(v.decidedOn) ?? undefined }),
  });
  return (
    <FormDialog
      form={draft}
      title={correcting ? t('cycle.authorization.correct') : t('cycle.authorization.record')}
      testId="decision-form"
      before={<Text size="sm" c="dimmed">{t('cycle.authorization.immutableHint')}</Text>}
      onClose={onClose}
      onSubmit={() => draft.submit((input) => change(() => api.authorization.record(input)), onClose)}
    >
      <FormFields form={draft} fields={[
          {
            cols: 2,
            row: [
              {
                kind: 'select',
                name: 'decision',
                label: t('cycle.authorization.decision'),
                placeholder: t('cycle.choose'),
                options: optionsOf(authorizationDecisions, (v) => t(`cycle.decisions.${v}`)),
                required: true,
                autofocus: true,
              },
              { kind: 'date', name: 'decidedOn', label: t('cycle.authorization.decidedOn'), required: true },
              { kind: 'text', name: 'certificateNumber', label: t('cycle.authorization.certificate'), required: isGranting(draft.values.decision as never) },
              { kind: 'text', name: 'registerEntry', label: t('cycle.authorization.register') },
            ],
          },
          {
            kind: 'textarea',
            name: 'conditions',
            label: t('cycle.authorization.conditions'),
            required: true,
            rows: 3,
            maxRows: 8,
            hidden: draft.values.decision !== 'granted_with_conditions',
          },
          { kind: 'textarea', name: 'reason', label: t('cycle.authorization.reason'), description: t('cycle.authorization.reasonHint'), required: true, hidden: !correcting },
        ]} />
    </FormDialog>
  );
}
