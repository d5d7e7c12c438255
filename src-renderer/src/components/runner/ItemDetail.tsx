import { Badge, Button, Divider, Group, Kbd, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isRequired, type RunDetails } from '../../../../src-main/contract/run-progress';
import type { ChecklistTemplate, TemplateItem } from '../../../../src-main/contract/checklist-template';
import type { Answer, AnswerValue } from '../../../../src-main/contract/runs';
import { draftKey, useAutosaveText } from '../../lib/autosave-text';
import { formatTimestamp } from '../../lib/format';
import { keyCaps } from '../../lib/keys';
import { localized } from '../../lib/localized';
import { OpenRiskFromAnswerButton } from '../assessment/OpenRiskFromAnswerButton';
import { ItemGallery } from '../evidence/ItemGallery';
import { AnswerControl } from './AnswerControl';


type Section = ChecklistTemplate['sections'][number];

/**
 * The note of one item: autosaved (see useAutosaveText), with a local draft until the service holds it. Esc goes
 * back to the list (handled by the page).
 */
function NoteField({
  caseId,
  runId,
  itemId,
  saved,
  onSave,
  noteRef,
}: {
  caseId: string;
  runId: string;
  itemId: string;
  saved: string;
  onSave: (itemId: string, note: string) => void;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const note = useAutosaveText({
    storageKey: draftKey(caseId, runId, itemId, 'note'),
    saved,
    save: (text) => onSave(itemId, text),
  });

  return (
    <Textarea
      ref={noteRef}
      label={t('runner.note')}
      description={note.restored && note.dirty ? t('autosave.restored') : t('runner.noteHint')}
      placeholder={t('runner.notePlaceholder')}
      value={note.value}
      onChange={(e) => note.setValue(e.currentTarget.value)}
      onBlur={note.flush}
      rows={3}
      resize="vertical"
      data-testid="note-field"
    />
  );
}

/** The references of one criteria scheme (WCO letters, a C-TPAT or EU SAQ number), shown only when it has some. */
function CriteriaGroup<V extends string>({ label, color, values, title }: { label: string; color: string; values: readonly V[]; title?: (value: V) => string }) {
  if (values.length === 0) return null;
  return (
    <Group gap={4}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {values.map((value) => (
        <Badge key={value} size="sm" color={color} variant="light" title={title?.(value)}>
          {value}
        </Badge>
      ))}
    </Group>
  );
}

function Criteria({ item }: { item: TemplateItem }) {
  const { t } = useTranslation();
  const { wco, ctpat, euSaq } = item.criteria;
  if (wco.length === 0 && !ctpat && !euSaq) return null;
  return (
    <Stack gap={4} data-testid="criteria">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {t('runner.criteria')}
      </Text>
      <Group gap="md">
        <CriteriaGroup label={t('runner.wco')} color="indigo" values={wco} title={(letter) => t(`wcoCriteria.${letter}`)} />
        <CriteriaGroup label={t('runner.ctpat')} color="cyan" values={ctpat ? [ctpat] : []} />
        <CriteriaGroup label={t('runner.euSaq')} color="grape" values={euSaq ? [euSaq] : []} />
      </Group>
      {wco.length > 0 && (
        <Text size="xs" c="dimmed">
          {wco.map((letter) => `${letter} — ${t(`wcoCriteria.${letter}`)}`).join('; ')}
        </Text>
      )}
    </Stack>
  );
}

/** Beside the list: the current item's tips, answer, who answered and when, note, evidence and criteria. */
export function ItemDetail({
  caseId,
  runId,
  item,
  section,
  number,
  answer,
  evidenceCount,
  noteRef,
  answerRef,
  attachRef,
  onAnswer,
  onSaveNote,
  onEvidenceChange,
  onDone,
  details,
}: {
  /** The run's details: whether an optional item is required in this run (a reefer's fan housing). */
  details: RunDetails;
  caseId: string;
  runId: string;
  item: TemplateItem;
  section: Section;
  number: string;
  answer: Answer | undefined;
  evidenceCount: number;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  answerRef: RefObject<HTMLInputElement | null>;
  attachRef: RefObject<HTMLInputElement | null>;
  onAnswer: (itemId: string, value: AnswerValue | null, advance: boolean) => void;
  onSaveNote: (itemId: string, note: string) => void;
  onEvidenceChange: (delta: number) => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const guidance = localized(item.guidance, language);
  const value = answer?.value ?? null;
  const missing = item.evidenceRequired && evidenceCount === 0 && value !== 'not_applicable';
  // Bound to this item when rendered: a control that reports late (a field blurred after Enter) still answers it.
  const itemId = item.id;
  const answerThis = (next: AnswerValue | null, advance: boolean) => onAnswer(itemId, next, advance);

  return (
    <Stack gap="md" data-testid="item-detail" data-item-id={item.id}>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          {`${number} · ${localized(section.title, language)}`}
        </Text>
        <Title order={2} data-testid="item-prompt">
          {localized(item.prompt, language)}
        </Title>
        <Group gap={6}>
          {!isRequired(item, details) && (
            <Badge size="sm" color="gray" variant="outline">
              {t('runner.optional')}
            </Badge>
          )}
          {item.evidenceRequired && (
            <Badge size="sm" color={missing ? 'orange' : 'teal'} variant="light">
              {missing ? t('runner.evidenceRequired') : t('runner.evidenceProvided')}
            </Badge>
          )}
        </Group>
      </Stack>

      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {t('runner.answer')}
          </Text>
          {value !== null && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => answerThis(null, false)}>
              {t('runner.clear')}
            </Button>
          )}
        </Group>
        <AnswerControl item={item} value={value} onAnswer={answerThis} inputRef={answerRef} onDone={onDone} />
        <Text size="xs" c="dimmed" data-testid="answered-by" aria-live="polite">
          {answer
            ? t('runner.answeredBy', { name: answer.answeredByName, when: formatTimestamp(answer.answeredAt, language) })
            : t('runner.notAnswered')}
        </Text>
        {(value === 'non_compliant' || value === 'partially_compliant') && (
          <OpenRiskFromAnswerButton key={item.id} caseId={caseId} runId={runId} itemId={item.id} />
        )}
      </Stack>

      {/* Tips after the answer: on a 700 px high screen the answer buttons stay in view under the prompt. */}
      {guidance && (
        <Paper p="sm" bg="blue.0" withBorder={false} data-testid="guidance" component="aside" aria-label={t('runner.tips')}>
          <Text size="xs" fw={700} tt="uppercase" c="blue.8" mb={4}>
            {t('runner.tips')}
          </Text>
          <Text size="sm" lh={1.5}>
            {guidance}
          </Text>
        </Paper>
      )}

      <NoteField key={item.id} caseId={caseId} runId={runId} itemId={item.id} saved={answer?.note ?? ''} onSave={onSaveNote} noteRef={noteRef} />

      <Divider />
      <Stack gap={6}>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {t('runner.evidence')}
          </Text>
          <Badge size="sm" color={missing ? 'orange' : 'gray'} variant="light" data-testid="evidence-count">
            {evidenceCount}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('runner.attachHint')} <Kbd size="xs">e</Kbd>
          </Text>
        </Group>
        <ItemGallery
          key={item.id}
          caseId={caseId}
          runId={runId}
          itemId={item.id}
          inputRef={attachRef}
          knownEmpty={evidenceCount === 0}
          onCountChange={onEvidenceChange}
        />
      </Stack>

      <Criteria item={item} />
      <Text size="xs" c="dimmed">
        {t('runner.backToList')} <Kbd size="xs">{keyCaps.escape}</Kbd>
      </Text>
    </Stack>
  );
}
