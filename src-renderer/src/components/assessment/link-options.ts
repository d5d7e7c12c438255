import type { ComboboxData } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ComplianceAnswer } from '../../../../src-main/contract/checklist-template';
import { localized } from '../../lib/localized';
import { useCaseLinksStore } from '../../stores/case-links';
import { usePick } from '../../stores/pick';

/**
 * Choices for the "linked answers" and "linked evidence" lists of a risk or finding: every answered checklist
 * item of the case, grouped by run, and every evidence file. `keep` ids stay listed even when unknown here.
 */
export function useLinkOptions(caseId: string, keep: { answerIds?: readonly string[]; evidenceIds?: readonly string[] } = {}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { readyFor, answers, evidence, load } = usePick(useCaseLinksStore, 'readyFor', 'answers', 'evidence', 'load');

  // Read again when a form opens: answers may have been given since (in the runner, say).
  useEffect(() => {
    void load(caseId);
  }, [caseId, load]);

  const ready = readyFor === caseId;
  // Callers pass fresh arrays on every render; their contents are what matter.
  const keptAnswers = (keep.answerIds ?? []).join(',');
  const keptEvidence = (keep.evidenceIds ?? []).join(',');

  const answerOptions = useMemo((): ComboboxData => {
    const keepAnswers = keptAnswers ? keptAnswers.split(',') : [];
    if (!ready) return keepAnswers.map((id) => ({ value: id, label: t('assess.links.loading') }));
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const a of answers) {
      const group = [localized(a.runTitle, language), a.runLabel].filter(Boolean).join(' · ');
      const value = ComplianceAnswer.safeParse(a.value);
      const suffix = value.success ? ` (${t(`compliance.short.${value.data}`)})` : '';
      const list = groups.get(group) ?? [];
      list.push({ value: a.answerId, label: `${a.number} ${localized(a.prompt, language)}${suffix}` });
      groups.set(group, list);
    }
    const known = new Set(answers.map((a) => a.answerId));
    const unknown = keepAnswers.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('assess.links.removed') }));
    return [...[...groups].map(([group, items]) => ({ group, items })), ...unknown];
  }, [ready, answers, language, t, keptAnswers]);

  const evidenceOptions = useMemo((): ComboboxData => {
    const keepEvidence = keptEvidence ? keptEvidence.split(',') : [];
    if (!ready) return keepEvidence.map((id) => ({ value: id, label: t('assess.links.loading') }));
    const known = new Set(evidence.map((e) => e.id));
    return [
      ...evidence.map((e) => ({ value: e.id, label: e.caption ? `${e.originalName} — ${e.caption}` : e.originalName })),
      ...keepEvidence.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('assess.links.removed') })),
    ];
  }, [ready, evidence, t, keptEvidence]);

  return { ready, answers: ready ? answers : [], answerOptions, evidenceOptions };
}
