import { Alert, Button, Group, List, Loader, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../../src-main/contract/checklist-template';
import type { MissingItem } from '../../../../src-main/contract/run-completion';
import type { RunSummary } from '../../../../src-main/contract/runs';
import { api, type ApiError } from '../../api/client';
import { formatTimestamp } from '../../lib/format';
import { localized } from '../../lib/localized';
import { useApiValue } from '../../lib/use-api-value';
import { useRunnerStore } from '../../stores/runner';
import { useSessionStore } from '../../stores/session';
import { ErrorAlert } from '../ErrorAlert';
import { ReasonDialog } from './ReasonDialog';
import { SignaturePadField } from './SignaturePadField';

/** What a missing thing is called: the item's number and prompt, or the run detail's label. */
function missingLabel(template: ChecklistTemplate, missing: MissingItem, lang: string): string {
  if (missing.fieldId !== null) return localized(template.runMetadata.find((f) => f.id === missing.fieldId)?.label, lang) || missing.fieldId;
  for (const [s, section] of template.sections.entries()) {
    for (const [i, item] of section.items.entries()) {
      if (item.id === missing.itemId) return `${s + 1}.${i + 1} ${localized(item.prompt, lang)}`;
    }
  }
  return missing.itemId ?? '';
}

/** "Finish…": lists what is missing (each a link to its item), else asks for an optional signature and signs off. */
function FinishDialog({ run, template, onClose, onGoTo }: { run: RunSummary; template: ChecklistTemplate; onClose: () => void; onGoTo: (m: MissingItem) => void }) {
  const { t, i18n } = useTranslation();
  const user = useSessionStore((s) => s.currentUser);
  const check = useApiValue(() => api.runs.finishCheck({ id: run.id }), run.id);
  const missing = check.value;
  const [signature, setSignature] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setError] = useState<ApiError | null>(null);
  const error = failure ?? check.error;

  const finish = async () => {
    setBusy(true);
    setError(null);
    const result = await api.runs.finish({ id: run.id, ...(signature ? { signaturePng: signature } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    await useRunnerStore.getState().load(run.id);
  };

  return (
    <Modal opened onClose={onClose} title={t('gates.run.finishTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="finish-dialog">
        {missing === null && !error && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('gates.run.checking')}</Text>
          </Group>
        )}
        {missing !== null && missing.length > 0 && (
          <Alert color="orange" variant="light" title={t('gates.run.missingTitle', { count: missing.length })} data-testid="finish-missing">
            <Text size="sm" mb="xs">
              {t('gates.run.missingExplain')}
            </Text>
            <List size="sm" spacing={4}>
              {missing.map((m) => (
                <List.Item key={`${m.code}:${m.itemId ?? m.fieldId}`} data-code={m.code}>
                  <UnstyledButton onClick={() => onGoTo(m)} c="blue.8" td="underline" fz="sm" data-testid="missing-link">
                    {missingLabel(template, m, i18n.language)}
                  </UnstyledButton>
                  <Text span size="sm" c="dimmed">
                    {' — '}
                    {t(`gates.run.missing.${m.code}`)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {missing !== null && missing.length === 0 && (
          <>
            <Text size="sm">{t('gates.run.ready')}</Text>
            <Text size="sm" fw={500}>
              {t('gates.run.signedBy', { name: user?.name ?? '' })}
            </Text>
            <SignaturePadField onChange={setSignature} />
          </>
        )}
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void finish()} loading={busy} disabled={missing === null || missing.length > 0} data-testid="finish-confirm">
            {t('gates.run.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The runner's sign-off bar: "Finish…" while the run is open; once finished, who signed off and when, and
 * "Reopen…" (with a reason). The run page disables editing while `run.finished` is set.
 */
export function RunSignoff({ run, template }: { run: RunSummary; template: ChecklistTemplate }) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<'finish' | 'reopen' | null>(null);
  const goTo = (missing: MissingItem) => {
    setDialog(null);
    if (missing.itemId) {
      useRunnerStore.getState().setFilter('all');
      useRunnerStore.getState().setCurrent(missing.itemId);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="runner"] section')?.focus());
    } else {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="runner"] input, [data-testid="runner"] button')?.focus());
    }
  };

  return (
    <>
      {run.finished ? (
        <Alert color="green" variant="light" p="xs" data-testid="run-finished">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {t('gates.run.finished', { name: run.finished.byName, when: formatTimestamp(run.finished.at, i18n.language) })}
              </Text>
              <Text size="xs">{t('gates.run.readOnly')}</Text>
            </Stack>
            <Button size="xs" variant="default" onClick={() => setDialog('reopen')} data-testid="run-reopen">
              {t('gates.run.reopen')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <Group justify="flex-end">
          <Button size="xs" onClick={() => setDialog('finish')} data-testid="run-finish">
            {t('gates.run.finish')}
          </Button>
        </Group>
      )}
      {dialog === 'finish' && <FinishDialog run={run} template={template} onClose={() => setDialog(null)} onGoTo={goTo} />}
      {dialog === 'reopen' && (
        <ReasonDialog
          title={t('gates.run.reopenTitle')}
          explain={t('gates.run.reopenExplain')}
          saveLabel={t('gates.run.reopen').replace('…', '')}
          testId="run-reopen-dialog"
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            const result = await api.runs.reopen({ id: run.id, reason });
            if (!result.ok) return result.error;
            await useRunnerStore.getState().load(run.id);
            return null;
          }}
        />
      )}
    </>
  );
}
