import { Badge, Box, Group, Progress, Text, VisuallyHidden } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { isRequired, type RunDetails } from '../../../../src-main/contract/run-progress';
import type { TemplateItem } from '../../../../src-main/contract/checklist-template';
import type { Answer, Progress as RunProgress } from '../../../../src-main/contract/runs';
import { answerChip } from '../../lib/answers';
import { localized } from '../../lib/localized';
import type { RunnerRow } from '../../lib/runner-rows';
import { percent } from '../../../../src-main/contract/run-progress';
import { IconNote, IconPaperclip } from '../icons';

export const rowDomId = (itemId: string) => `run-item-${itemId}`;
const sectionDomId = (sectionId: string) => `run-section-${sectionId}`;

type ItemRowProps = {
  item: TemplateItem;
  number: string;
  answer: Answer | undefined;
  evidence: number;
  current: boolean;
  /** Required in this run: not optional, or made required by a run detail (the reefer's fan housing). */
  required: boolean;
  language: string;
  onSelect: (itemId: string) => void;
};

/**
 * One item: number, prompt, the answer chip, a note mark and the evidence count. Re-renders only when these change.
 * Its accessible name is its visible text (WCAG 2.5.3), with words for the two marks a screen reader cannot see.
 */
const ItemRow = memo(function ItemRow({ item, number, answer, evidence, current, required, language, onSelect }: ItemRowProps) {
  const { t } = useTranslation();
  const chip = answerChip(item, answer?.value, t, language);
  const hasNote = (answer?.note ?? '') !== '';
  const evidenceShort = item.evidenceRequired && evidence === 0 && answer?.value !== 'not_applicable';
  const prompt = localized(item.prompt, language);
  return (
    <Group
      id={rowDomId(item.id)}
      role="option"
      aria-selected={current}
      data-testid="run-item"
      data-item-id={item.id}
      data-current={current || undefined}
      className="aeo-run-item"
      gap={8}
      wrap="nowrap"
      align="flex-start"
      px="sm"
      py={7}
      onClick={() => onSelect(item.id)}
    >
      <Text size="xs" c="dimmed" w={30} pt={2} style={{ fontVariantNumeric: 'tabular-nums', flexShrink: 0 }}>
        {number}
      </Text>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" lh={1.35} lineClamp={2} fw={current ? 600 : 400}>
          {prompt}
        </Text>
        {!required && (
          <Text size="xs" c="dimmed">
            {t('runner.optional')}
          </Text>
        )}
      </Box>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }} pt={1}>
        {hasNote && (
          <Box c="blue.7" title={t('runner.hasNote')} data-testid="note-mark" style={{ display: 'flex' }}>
            <IconNote size={14} />
            <VisuallyHidden>{t('runner.hasNote')}</VisuallyHidden>
          </Box>
        )}
        {(evidence > 0 || item.evidenceRequired) && (
          <Group
            gap={2}
            wrap="nowrap"
            c={evidenceShort ? 'orange.7' : 'dimmed'}
            title={evidenceShort ? t('runner.evidenceMissing') : t('runner.evidenceCount', { n: evidence })}
          >
            <IconPaperclip size={13} />
            <Text size="xs" c="inherit" style={{ fontVariantNumeric: 'tabular-nums' }} aria-hidden>
              {evidence}
            </Text>
            <VisuallyHidden>{evidenceShort ? t('runner.evidenceMissing') : t('runner.evidenceCount', { n: evidence })}</VisuallyHidden>
          </Group>
        )}
        {chip ? (
          <Badge size="sm" color={chip.color} variant={chip.color === 'blue' ? 'light' : 'filled'} maw={130} data-testid="answer-chip">
            {chip.label}
          </Badge>
        ) : (
          <Badge size="sm" color="gray" variant="outline" data-testid="answer-chip-empty">
            {t('runner.open')}
          </Badge>
        )}
      </Group>
    </Group>
  );
});

function SectionRow({
  id,
  title,
  progress,
  index,
}: {
  id: string;
  title: string;
  progress: RunProgress | undefined;
  index: number;
}) {
  const value = progress ? percent(progress) : 0;
  return (
    <Group
      id={sectionDomId(id)}
      role="presentation"
      gap="xs"
      wrap="nowrap"
      px="sm"
      py={6}
      bg="gray.0"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', borderTop: index > 0 ? '1px solid var(--mantine-color-gray-2)' : undefined }}
    >
      <Text size="xs" fw={700} tt="uppercase" c="gray.7" style={{ flex: 1, minWidth: 0 }} truncate>
        {title}
      </Text>
      {progress && (
        <>
          <Progress value={value} size="xs" w={60} color={value === 100 ? 'teal' : 'blue'} aria-hidden />
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {`${progress.answered}/${progress.total}`}
          </Text>
        </>
      )}
    </Group>
  );
}

/**
 * Sections and items, virtualized: only the rows in view (plus a few) are in the page, so a 400-item checklist
 * stays as quick as a seven-item one. The list is a listbox; the current item is its active descendant.
 */
export function ItemList({
  rows,
  answers,
  evidenceCounts,
  sectionProgress,
  currentId,
  onSelect,
  listRef,
  details,
}: {
  details: RunDetails;
  rows: RunnerRow[];
  answers: Record<string, Answer>;
  evidenceCounts: Record<string, number>;
  sectionProgress: Record<string, RunProgress>;
  currentId: string | null;
  onSelect: (itemId: string) => void;
  listRef: Ref<HTMLDivElement>;
}) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'section' ? 33 : 50),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
  });

  const currentIndex = rows.findIndex((row) => row.kind === 'item' && row.item.id === currentId);
  useEffect(() => {
    if (currentIndex < 0) return;
    // Next to the last one, the row is usually already in the page: one cheap scroll, no re-measuring pass.
    const row = currentId ? document.getElementById(rowDomId(currentId)) : null;
    if (row) row.scrollIntoView({ block: 'nearest' });
    else virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
    // The first item of a section brings its heading into view too.
    const before = rows[currentIndex - 1];
    if (before?.kind === 'section') document.getElementById(sectionDomId(before.section.id))?.scrollIntoView({ block: 'nearest' });
  }, [currentIndex, currentId, virtualizer, rows]);

  const setRefs = useMergedRef(scrollRef, listRef);

  return (
    <div
      ref={setRefs}
      role="listbox"
      tabIndex={0}
      aria-label={t('runner.items')}
      aria-activedescendant={currentId && currentIndex >= 0 ? rowDomId(currentId) : undefined}
      data-testid="run-items"
      className="aeo-run-list"
      style={{ height: '100%', overflowY: 'auto', contain: 'strict' }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const row = rows[virtual.index];
          if (!row) return null;
          return (
            <div
              key={virtual.key}
              data-index={virtual.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${virtual.start}px)` }}
            >
              {row.kind === 'section' ? (
                <SectionRow
                  id={row.section.id}
                  title={localized(row.section.title, i18n.language)}
                  progress={sectionProgress[row.section.id]}
                  index={row.sectionIndex}
                />
              ) : (
                <ItemRow
                  item={row.item}
                  number={row.number}
                  answer={answers[row.item.id]}
                  evidence={evidenceCounts[row.item.id] ?? 0}
                  current={row.item.id === currentId}
                  required={isRequired(row.item, details)}
                  language={i18n.language}
                  onSelect={onSelect}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
