import { Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  criterionConclusions,
  recommendations,
  type Assessment,
  type ComplianceSummary,
  type CriterionAssessment,
  type CriterionConclusion,
  type Recommendation,
} from '../../../../src-main/contract/assessment';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { ApiError } from '../../api/client';
import { draftKey, useAutosaveText } from '../../lib/autosave-text';
import { formatTimestamp } from '../../lib/format';
import { useAssessmentStore } from '../../stores/assessment';
import { complianceColor } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { DraftTextarea } from '../kit/DraftTextarea';
import { NotReady } from '../kit/NotReady';
import { FormIssues } from '../FormIssues';
import { SectionHeader } from '../kit/Section';
import { usePick } from '../../stores/pick';
import { CitationsButton } from './CitationsForm';

const conclusionColor: Record<CriterionConclusion, string> = {
  met: 'teal',
  met_with_improvements: 'yellow',
  not_met: 'red',
  not_applicable: 'gray',
};

export const recommendationColor: Record<Recommendation, string> = {
  grant: 'teal',
  grant_with_conditions: 'yellow',
  postpone: 'orange',
  refuse: 'red',
};

/** The answers behind one criterion, as small counted badges; nothing counted says so. */
function Summary({ summary }: { summary: ComplianceSummary }) {
  const { t } = useTranslation();
  const parts = [
    { key: 'compliant', n: summary.compliant, color: complianceColor.compliant },
    { key: 'partially_compliant', n: summary.partiallyCompliant, color: complianceColor.partially_compliant },
    { key: 'non_compliant', n: summary.nonCompliant, color: complianceColor.non_compliant },
    { key: 'not_applicable', n: summary.notApplicable, color: complianceColor.not_applicable },
    { key: 'not_verified', n: summary.notVerified, color: complianceColor.not_verified },
  ] as const;
  if (summary.items === 0 && summary.risks === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('assess.assessment.noItems')}
      </Text>
    );
  }
  return (
    <Group gap={4} data-testid="compliance-summary">
      <Text size="xs" c="dimmed">
        {t('assess.assessment.items', { count: summary.items })}
      </Text>
      {parts
        .filter((p) => p.n > 0)
        .map((p) => (
          <Badge key={p.key} size="xs" color={p.color}>
            {t(`assess.assessment.compliance.${p.key}`, { count: p.n })}
          </Badge>
        ))}
      {summary.unanswered > 0 && (
        <Badge size="xs" color="gray" variant="outline">
          {t('assess.assessment.unanswered', { n: summary.unanswered })}
        </Badge>
      )}
      {summary.risks > 0 && (
        <Badge size="xs" color="orange" variant="outline">
          {t('assess.assessment.risks', { count: summary.risks })}
        </Badge>
      )}
    </Group>
  );
}

function CriterionRow({ row }: { row: CriterionAssessment }) {
  const { t } = useTranslation();
  const setConclusion = useAssessmentStore((s) => s.setConclusion);
  const caseId = useAssessmentStore((s) => s.caseId) ?? '';
  const [error, setError] = useState<ApiError | null>(null);
  const name = t(`wcoCriteria.${row.criterion}`);

  const save = async (conclusion: CriterionConclusion | null, note: string) => {
    setError(null);
    const result = await setConclusion({ criterion: row.criterion, conclusion, text: note });
    if (!result.ok) setError(result.error);
  };
  const note = useAutosaveText({
    storageKey: draftKey(caseId, 'assessment', 'criterion', row.criterion),
    saved: row.text,
    save: (typed) => void save(row.conclusion, typed),
  });
  const text = note.value;

  return (
    <Table.Tr data-testid="criterion-row" data-criterion={row.criterion}>
      <Table.Td>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Badge color="indigo" size="md" variant="light" w={28} px={0}>
            {row.criterion}
          </Badge>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} lh={1.3}>
              {name}
            </Text>
            <Summary summary={row.summary} />
            <CitationsButton caseId={caseId} row={row} />
          </Stack>
        </Group>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('assess.assessment.conclusionFor', { criterion: `${row.criterion} — ${name}` })}
          placeholder={t('assess.assessment.notAssessed')}
          data={criterionConclusions.map((c) => ({ value: c, label: t(`assess.conclusions.${c}`) }))}
          value={row.conclusion}
          onChange={(value) => void save((value as CriterionConclusion | null) ?? null, text)}
          clearable
          size="xs"
          styles={
            row.conclusion
              ? { input: { borderColor: `var(--mantine-color-${conclusionColor[row.conclusion]}-6)`, fontWeight: 500 } }
              : undefined
          }
        />
      </Table.Td>
      <Table.Td>
        <Textarea
          aria-label={t('assess.assessment.textFor', { criterion: row.criterion })}
          placeholder={t('assess.assessment.textPlaceholder')}
          value={text}
          onChange={(e) => note.setValue(e.currentTarget.value)}
          onBlur={note.flush}
          autosize
          minRows={1}
          maxRows={6}
          size="xs"
        />
        {error && <ErrorAlert error={error} />}
      </Table.Td>
    </Table.Tr>
  );
}

function RecommendationForm({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const update = useAssessmentStore((s) => s.update);
  const [recommendation, setRecommendation] = useState<string | null>(assessment.recommendation);
  const caseId = useAssessmentStore((s) => s.caseId) ?? '';
  // Saved with the button, as one form; until then each text keeps a draft that survives a step change or reload.
  const reasoningText = useAutosaveText({ storageKey: draftKey(caseId, 'assessment', 'reasoning'), saved: assessment.reasoning });
  const mattersText = useAutosaveText({
    storageKey: draftKey(caseId, 'assessment', 'matters'),
    saved: assessment.mattersOfSignificance,
  });
  const methodText = useAutosaveText({ storageKey: draftKey(caseId, 'assessment', 'method'), saved: assessment.method });
  const reasoning = reasoningText.value;
  const matters = mattersText.value;
  const method = methodText.value;
  const [teamLead, setTeamLead] = useState(assessment.teamLead);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const dirty =
    recommendation !== assessment.recommendation ||
    reasoning !== assessment.reasoning ||
    matters !== assessment.mattersOfSignificance ||
    method !== assessment.method ||
    teamLead !== assessment.teamLead;

  const save = async () => {
    setBusy(true);
    setFailure(null);
    const result = await update({
      recommendation: recommendation as Recommendation | null,
      reasoning,
      mattersOfSignificance: matters,
      method,
      teamLead: teamLead.trim(),
    });
    setBusy(false);
    if (!result.ok) setFailure(result.error);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="recommendation-title" data-testid="recommendation">
      <SectionHeader id="recommendation-title" title={t('assess.assessment.recommendationTitle')} />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('assess.assessment.recommendation')}
          placeholder={t('assess.assessment.recommendationPlaceholder')}
          data={recommendations.map((r) => ({ value: r, label: t(`assess.recommendations.${r}`) }))}
          value={recommendation}
          onChange={setRecommendation}
          clearable
          styles={
            recommendation
              ? { input: { borderColor: `var(--mantine-color-${recommendationColor[recommendation as Recommendation]}-6)`, fontWeight: 600 } }
              : undefined
          }
        />
        <TextInput
          label={t('assess.assessment.teamLead')}
          placeholder={t('assess.assessment.teamLeadPlaceholder')}
          value={teamLead}
          onChange={(e) => setTeamLead(e.currentTarget.value)}
        />
      </SimpleGrid>
      <DraftTextarea draft={reasoningText} label={t('assess.assessment.reasoning')} minRows={3} />
      <DraftTextarea draft={mattersText} label={t('assess.assessment.matters')} description={t('assess.assessment.mattersHint')} />
      <DraftTextarea draft={methodText} label={t('assess.assessment.method')} description={t('assess.assessment.methodHint')} />
      {(reasoningText.restored || mattersText.restored || methodText.restored) && dirty && (
        <Text size="xs" c="orange.8" data-testid="draft-restored">
          {t('autosave.restored')}
        </Text>
      )}
      <FormIssues failure={failure} unplaced={[]} />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" aria-live="polite">
          {assessment.updatedAt ? t('assess.assessment.savedAt', { when: formatTimestamp(assessment.updatedAt, i18n.language) }) : ''}
        </Text>
        <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="save-assessment">
          {t('assess.assessment.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Step 8: a conclusion per WCO SAFE criterion A–M beside its compliance summary, and the recommendation. */
export function AssessmentPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { caseId: loadedFor, assessment, status, error, load } = usePick(
    useAssessmentStore,
    'caseId', 'assessment', 'status', 'error', 'load',
  );

  useEffect(() => {
    void load(detail.id);
  }, [detail.id, load]);

  // A failed read shows even over what an earlier read left on screen: that may be stale.
  if ((status === 'error' && error) || loadedFor !== detail.id || !assessment) return <NotReady status={status} error={error} />;
  const assessed = assessment.criteria.filter((c) => c.conclusion !== null).length;

  return (
    <Stack gap="lg">
      <Stack gap="sm" component="section" aria-labelledby="criteria-title" data-testid="criteria-assessment">
        <SectionHeader
          id="criteria-title"
          title={t('assess.assessment.criteriaTitle')}
          hint={t('assess.assessment.criteriaHint', { n: assessed, total: assessment.criteria.length })}
        />
        <div className="aeo-rt">
          <Table verticalSpacing={8}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assess.assessment.columns.criterion')}</Table.Th>
                <Table.Th w={240}>{t('assess.assessment.columns.conclusion')}</Table.Th>
                <Table.Th w="30%">{t('assess.assessment.columns.text')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assessment.criteria.map((row) => (
                <CriterionRow key={row.criterion} row={row} />
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
      <RecommendationForm key={detail.id} assessment={assessment} />
    </Stack>
  );
}
