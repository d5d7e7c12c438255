import { Badge, Button, Group, MultiSelect, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CriterionCitations, type CriterionAssessment } from '../../../../src-main/contract/assessment';
import { useDraftForm } from '../../lib/draft-form';
import { formatDate } from '../../lib/format';
import { refsOf } from '../../lib/risk-ui';
import { useAssessmentStore } from '../../stores/assessment';
import { usePick } from '../../stores/pick';
import { usePlanStore } from '../../stores/plan';
import { useRisksStore } from '../../stores/risks';
import { FormDialog } from '../kit/FormDialog';
import { LinkSelects } from './LinkSelects';
import { useLinkOptions } from './link-options';

const noCitations: CriterionCitations = { answerIds: [], riskIds: [], findingIds: [], interviewIds: [], evidenceIds: [] };

/** How many records a conclusion cites, all kinds together. */
export const citedCount = (c: CriterionCitations | undefined) =>
  c ? c.answerIds.length + c.riskIds.length + c.findingIds.length + c.interviewIds.length + c.evidenceIds.length : 0;

/**
 * What one criterion's conclusion rests on (issue 13): the case's checklist answers, risks, findings, interviews
 * and evidence, picked from lists and saved as a whole; the report prints them as references.
 */
function CitationsForm({ caseId, row, onClose }: { caseId: string; row: CriterionAssessment; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const setCitations = useAssessmentStore((s) => s.setCitations);
  const { risks, findings, load: loadRegister, caseId: registerFor } = usePick(useRisksStore, 'risks', 'findings', 'load', 'caseId');
  const { plan, load: loadPlan } = usePick(usePlanStore, 'plan', 'load');
  useEffect(() => {
    if (registerFor !== caseId) void loadRegister(caseId);
    void loadPlan(caseId);
  }, [caseId, registerFor, loadRegister, loadPlan]);

  const { values, inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { ...(row.citations ?? noCitations) },
    schema: CriterionCitations,
    toDraft: (v) => v,
  });
  const links = useLinkOptions(caseId, { answerIds: values.answerIds, evidenceIds: values.evidenceIds });
  const riskRefs = refsOf(risks, 'R');
  const findingRefs = refsOf(findings, 'F');
  const interviews = plan?.caseId === caseId ? plan.interviews : [];
  const common = { searchable: true, clearable: true, nothingFoundMessage: t('assess.common.nothingFound') };
  const name = t(`wcoCriteria.${row.criterion}`);

  return (
    <FormDialog
      title={t('assess.citations.title', { criterion: `${row.criterion} — ${name}` })}
      onClose={onClose}
      onSubmit={() => submit((draft) => setCitations({ criterion: row.criterion, ...draft }), onClose)}
      busy={busy}
      errors={issues}
      testId="citations-form"
      size="xl"
      before={
        <Text size="sm" c="dimmed">
          {t('assess.citations.hint')}
        </Text>
      }
    >
      <LinkSelects links={links} answers={inputProps('answerIds')} evidence={inputProps('evidenceIds')} />
      <MultiSelect
        label={t('assess.links.risks')}
        data={risks.map((r) => ({ value: r.id, label: `${riskRefs.get(r.id)} ${r.title}` }))}
        {...inputProps('riskIds')}
        {...common}
      />
      <MultiSelect
        label={t('assess.citations.findings')}
        data={findings.map((f) => ({ value: f.id, label: `${findingRefs.get(f.id)} ${f.description}` }))}
        {...inputProps('findingIds')}
        {...common}
      />
      <MultiSelect
        label={t('assess.citations.interviews')}
        data={interviews.map((i) => ({
          value: i.id,
          label: [i.person, i.role, i.date ? formatDate(i.date, i18n.language) : ''].filter(Boolean).join(', '),
        }))}
        {...inputProps('interviewIds')}
        {...common}
      />
    </FormDialog>
  );
}

/** The row's "Grounds" button: how many records the conclusion cites, opening the picker. */
export function CitationsButton({ caseId, row }: { caseId: string; row: CriterionAssessment }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const n = citedCount(row.citations);
  return (
    <>
      <Group gap={6} wrap="nowrap">
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => setOpen(true)}
          data-testid="cite-button"
          aria-label={t('assess.citations.open', { criterion: row.criterion })}
        >
          {t('assess.citations.button')}
        </Button>
        <Badge size="xs" variant={n > 0 ? 'light' : 'outline'} color={n > 0 ? 'indigo' : 'gray'} data-testid="cited-count">
          {t('assess.citations.count', { count: n })}
        </Badge>
      </Group>
      {open && <CitationsForm caseId={caseId} row={row} onClose={() => setOpen(false)} />}
    </>
  );
}

