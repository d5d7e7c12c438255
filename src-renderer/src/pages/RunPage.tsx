import { Box, Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { complianceScale, type TemplateItem } from '../../../src-main/contract/checklist-template';
import type { CaseDetail } from '../../../src-main/contract/cases';
import type { AnswerValue } from '../../../src-main/contract/runs';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { BackToCases, NotReady } from '../components/kit/NotReady';
import { ItemDetail } from '../components/runner/ItemDetail';
import { ItemList } from '../components/runner/ItemList';
import { KeyLegend } from '../components/runner/KeyLegend';
import { RunSignoff } from '../components/gates/RunSignoff';
import { RunHeader } from '../components/runner/RunHeader';
import { casePeople } from '../components/runs/CaseRuns';
import { ownIssueError } from '../lib/field-errors';
import { isEditable, shortcutOf } from '../lib/keys';
import { buildRows, filterCounts, type RunnerRow } from '../lib/runner-rows';
import { localized } from '../lib/localized';
import { computeRunProgress } from '../../../src-main/contract/run-progress';
import { usePlanStore } from '../stores/plan';
import { useRouteStore } from '../stores/route';
import { isStaleWrite, useRunnerStore } from '../stores/runner';
import { usePick } from '../stores/pick';

type ItemRow = Extract<RunnerRow, { kind: 'item' }>;

/** The value a key gives the current item, or undefined when the key means nothing for its answer type. */
function valueForKey(item: TemplateItem, key: string): AnswerValue | undefined {
  const digit = /^[1-9]$/.test(key) ? Number(key) : null;
  switch (item.answerType) {
    case 'compliance':
      return digit !== null && digit <= complianceScale.length ? complianceScale[digit - 1] : undefined;
    case 'yes_no':
      if (key === 'y' || key === '1') return true;
      if (key === 'n' || key === '2') return false;
      return undefined;
    case 'choice':
      return digit !== null ? item.choices?.[digit - 1]?.value : undefined;
    default:
      return undefined;
  }
}

/**
 * The checklist runner (`#/runs/<id>`): the items by section on the left, the current item beside them, and
 * everything reachable from the keyboard. Each answer saves at once (optimistically, rolled back if refused).
 */
export function RunPage({ id, item: routeItem }: { id: string; item?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const load = useRunnerStore((s) => s.load);
  const detail = useRunnerStore((s) => (s.runId === id ? s.detail : null));
  const { status, error, answers, evidenceCounts, run, filter, sticky, currentId, saveError, setCurrent, answer, saveNote, changeEvidenceCount, dismissSaveError } = usePick(
    useRunnerStore,
    'status', 'error', 'answers', 'evidenceCounts', 'run', 'filter', 'sticky', 'currentId', 'saveError',
    'setCurrent', 'answer', 'saveNote', 'changeEvidenceCount', 'dismissSaveError',
  );
  const { plan, load: loadPlan } = usePick(usePlanStore, 'plan', 'load');
  const [caseDetail, setCaseDetail] = useState<CaseDetail | null>(null);

  const listRef = useRef<HTMLDivElement | null>(null);
  const noteRef = useRef<HTMLTextAreaElement | null>(null);
  const answerRef = useRef<HTMLInputElement | null>(null);
  const attachRef = useRef<HTMLInputElement | null>(null);

  // The item the address names when the page opens; later changes arrive through the effect below.
  const openedOn = useRef(routeItem);
  useEffect(() => {
    void load(id, openedOn.current);
  }, [id, load]);

  // Back to the front (another window or app was used meanwhile): what changed elsewhere shows, so a field never
  // edits, and saves back, text older than the service's.
  const refresh = useRunnerStore((s) => s.refresh);
  useEffect(() => {
    const onFront = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onFront);
    document.addEventListener('visibilitychange', onFront);
    return () => {
      window.removeEventListener('focus', onFront);
      document.removeEventListener('visibilitychange', onFront);
    };
  }, [refresh]);

  // The address follows the current item (in place: back leaves the run rather than stepping through items), and
  // back/forward or a typed address that name another item move there.
  useEffect(
    () =>
      useRunnerStore.subscribe((state, previous) => {
        if (state.runId === id && state.currentId && state.currentId !== previous.currentId) {
          useRouteStore.getState().replace({ name: 'run', id, item: state.currentId });
        }
      }),
    [id],
  );
  const ready = detail !== null;
  useEffect(() => {
    if (!ready || !routeItem) return;
    const state = useRunnerStore.getState();
    const known = state.detail?.template.sections.some((section) => section.items.some((i) => i.id === routeItem));
    if (known && state.currentId !== routeItem) state.setCurrent(routeItem);
  }, [ready, routeItem]);

  const caseId = detail?.run.caseId ?? null;
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    if (usePlanStore.getState().caseId !== caseId) void loadPlan(caseId);
    void api.cases.get({ id: caseId }).then((result) => {
      if (live && result.ok) setCaseDetail(result.value);
    });
    return () => {
      live = false;
    };
  }, [caseId, loadPlan]);

  // The list takes the keyboard when the run opens.
  useEffect(() => {
    if (ready) listRef.current?.focus({ preventScroll: true });
  }, [ready, listRef]);

  const template = detail?.template ?? null;
  const rows = useMemo(
    () => (template ? buildRows(template, filter, answers, evidenceCounts, sticky) : []),
    [template, filter, answers, evidenceCounts, sticky],
  );
  const progress = useMemo(
    () =>
      template
        ? computeRunProgress(
            template,
            (itemId) => answers[itemId]?.value,
            (itemId) => evidenceCounts[itemId] ?? 0,
            detail?.run.metadata,
          )
        : null,
    [template, answers, evidenceCounts, detail?.run.metadata],
  );
  const counts = useMemo(
    () => (template ? filterCounts(template, answers, evidenceCounts) : null),
    [template, answers, evidenceCounts],
  );

  const itemRows = useMemo(() => rows.filter((row): row is ItemRow => row.kind === 'item'), [rows]);
  const allItems = useMemo(() => {
    const map = new Map<string, ItemRow>();
    template?.sections.forEach((section, s) =>
      section.items.forEach((item, i) => map.set(item.id, { kind: 'item', key: item.id, item, section, number: `${s + 1}.${i + 1}` })),
    );
    return map;
  }, [template]);
  const current = currentId ? (allItems.get(currentId) ?? null) : null;

  // Keep a current item inside the filtered list.
  useEffect(() => {
    if (itemRows.length === 0) return;
    if (!currentId || !itemRows.some((row) => row.item.id === currentId)) setCurrent(itemRows[0]?.item.id ?? '');
  }, [itemRows, currentId, setCurrent]);

  const focusList = useCallback(() => listRef.current?.focus({ preventScroll: true }), [listRef]);

  /** Moves by `delta` items within the shown list. */
  const move = useCallback(
    (delta: number) => {
      const state = useRunnerStore.getState();
      if (!state.detail) return;
      const list = buildRows(state.detail.template, state.filter, state.answers, state.evidenceCounts, state.sticky).filter(
        (row): row is ItemRow => row.kind === 'item',
      );
      if (list.length === 0) return;
      const index = list.findIndex((row) => row.item.id === state.currentId);
      const next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + delta));
      const target = list[next];
      if (target) state.setCurrent(target.item.id);
    },
    [],
  );

  /**
   * Saves the answer of the item the control belongs to: named by the control, never read from "the current item",
   * because a field left after Enter reports its value once the next item is already current.
   */
  const onAnswer = useCallback(
    (itemId: string, value: AnswerValue | null, advance: boolean) => {
      void answer(itemId, value);
      if (advance && useRunnerStore.getState().currentId === itemId) {
        move(1);
        focusList();
      }
    },
    [answer, move, focusList],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest('[role="dialog"]')) return;
      if (isEditable(target)) {
        if (event.key === 'Escape') {
          event.preventDefault();
          target?.blur();
          focusList();
        }
        return;
      }
      const state = useRunnerStore.getState();
      const item = state.currentId ? state.detail?.template.sections.flatMap((s) => s.items).find((i) => i.id === state.currentId) : undefined;
      // By the key's place, not its character: the same keys work on a Russian layout.
      const key = shortcutOf(event);
      const interactive = target !== null && target !== listRef.current && target.closest('button, a, [role="radio"], [role="tab"]') !== null;

      if (key === 'j' || key === 'ArrowDown') {
        event.preventDefault();
        move(1);
        return;
      }
      if (key === 'k' || key === 'ArrowUp') {
        event.preventDefault();
        move(-1);
        return;
      }
      if (key === 'Home' || key === 'End') {
        event.preventDefault();
        move(key === 'Home' ? -100_000 : 100_000);
        return;
      }
      if (!item) return;
      if (key === 'N' || (key === 'n' && item.answerType !== 'yes_no')) {
        event.preventDefault();
        noteRef.current?.focus();
        return;
      }
      if (key === 'e') {
        event.preventDefault();
        attachRef.current?.click();
        return;
      }
      if ((key === 'Enter' || key === 'a') && !interactive) {
        if (answerRef.current) {
          event.preventDefault();
          answerRef.current.focus();
        }
        return;
      }
      if ((key === 'Delete' || key === 'Backspace') && !interactive) {
        event.preventDefault();
        void answer(item.id, null);
        return;
      }
      const value = valueForKey(item, key);
      if (value !== undefined) {
        event.preventDefault();
        void answer(item.id, value);
        move(1);
        if (!(target === listRef.current)) focusList();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
    // The handler reads the store's current state on each key, so it is bound once.
  }, [answer, move, focusList]);

  if (!detail || !run || !template || !progress || !counts) {
    return (
      <Stack gap="md">
        <BackToCases />
        <NotReady status={status} error={error} failed={t('runner.loadError')} py="xl" />
      </Stack>
    );
  }

  const siteName = run.siteId ? (plan?.sites.find((s) => s.id === run.siteId)?.name ?? null) : null;
  const currentAnswer = current ? answers[current.item.id] : undefined;
  const failed = saveError ? allItems.get(saveError.itemId) : undefined;
  const saveDetail = saveError ? ownIssueError(saveError.error.issues) : null;
  const failedItem = failed ? `${failed.number} ${localized(failed.item.prompt, i18n.language)}` : (saveError?.itemId ?? '');

  return (
    <Stack gap="sm" className="aeo-runner" data-testid="runner">
      <RunHeader
        run={run}
        template={template}
        caseId={run.caseId}
        caseNumber={caseDetail?.caseNumber ?? null}
        siteName={siteName}
        people={caseDetail ? casePeople(caseDetail) : []}
        overall={progress.overall}
        sections={progress.sections}
        filterCounts={counts}
      />
      <RunSignoff run={run} template={template} />
      {saveError && (
        <ErrorAlert error={saveError.error}>
          <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="save-error">
            <Text size="sm">
              {t(isStaleWrite(saveError.error) ? 'runner.staleWrite' : 'runner.notSaved', { item: failedItem })}
              {saveDetail && ` ${t(`validation.${saveDetail.key}`, saveDetail.values)}`}
            </Text>
            <Group gap={4} wrap="nowrap">
              <Button size="compact-xs" variant="light" color="red" onClick={() => setCurrent(saveError.itemId)}>
                {t('runner.showItem')}
              </Button>
              <Button size="compact-xs" variant="subtle" color="red" onClick={dismissSaveError}>
                {t('evidence.dismiss')}
              </Button>
            </Group>
          </Group>
        </ErrorAlert>
      )}
      <Box className="aeo-run-panes">
        <Paper p={0} className="aeo-run-list-pane">
          <Box style={{ flex: 1, minHeight: 0 }}>
            {rows.length === 0 ? (
              <Center h="100%" p="md">
                <Text size="sm" c="dimmed" ta="center" data-testid="filter-empty">
                  {t('runner.filterEmpty')}
                </Text>
              </Center>
            ) : (
              <ItemList
                details={run.metadata}
                rows={rows}
                answers={answers}
                evidenceCounts={evidenceCounts}
                sectionProgress={progress.sections}
                currentId={currentId}
                onSelect={setCurrent}
                listRef={listRef}
              />
            )}
          </Box>
          <Box style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} bg="gray.0">
            <KeyLegend item={current?.item ?? null} />
          </Box>
        </Paper>
        <Paper className="aeo-run-detail-pane" component="section" aria-label={t('runner.currentItem')} tabIndex={-1}>
          {/* A signed-off run is read-only: the fieldset disables every control of the item until it is reopened. */}
          <fieldset disabled={run.finished !== null} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }} data-testid="item-fieldset">
          {current ? (
            <ItemDetail
              details={run.metadata}
              caseId={run.caseId}
              runId={run.id}
              item={current.item}
              section={current.section}
              number={current.number}
              answer={currentAnswer}
              evidenceCount={evidenceCounts[current.item.id] ?? 0}
              noteRef={noteRef}
              answerRef={answerRef}
              attachRef={attachRef}
              onAnswer={onAnswer}
              onSaveNote={(itemId, note) => void saveNote(itemId, note)}
              onEvidenceChange={(delta) => changeEvidenceCount(current.item.id, delta)}
              onDone={() => {
                move(1);
                focusList();
              }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('runner.noItem')}
            </Text>
          )}
          </fieldset>
        </Paper>
      </Box>
    </Stack>
  );
}
