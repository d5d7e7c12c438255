import { Group, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { wcoCriteria } from '../../../../src-main/contract/checklist-template';
import { controlEffectiveness, riskResponses, RiskCreate, type Risk } from '../../../../src-main/contract/risks';
import { useAssessErrors } from '../../lib/assess-errors';
import { NONE } from '../../lib/localized';
import { isRating, previewScore, type RatingValue } from '../../lib/risk-ui';
import { usePlanStore } from '../../stores/plan';
import { useRisksStore } from '../../stores/risks';
import { FormDialog, FormSectionTitle } from '../kit/FormDialog';
import { LinkSelects } from './LinkSelects';
import { useLinkOptions } from './link-options';
import { RatingInput, ScorePreview } from './RiskRating';

/** What a new risk starts from: nothing, or the draft `risks:draftFromAnswer` made for a checklist answer. */
export type RiskStart = {
  title: string;
  criterion: Risk['criterion'];
  siteId: string | null;
  answerIds: string[];
  evidenceIds: string[];
  fromAnswer?: { runId: string; itemId: string };
};

const FIELDS = [
  'title',
  'criterion',
  'siteId',
  'criticalAsset',
  'threat',
  'vulnerability',
  'likelihood',
  'consequence',
  'controls',
  'controlTesting',
  'controlsEffective',
  'residualLikelihood',
  'residualConsequence',
  'response',
  'responseNotes',
  'answerIds',
  'evidenceIds',
] as const;

const rating = (value: number | null | undefined): RatingValue | null => (isRating(value) ? value : null);

/**
 * Every field of a register entry: the inherent rating (step 5), the operator's controls and how they were tested
 * (step 6), the residual rating and the response (step 7), and the answers and evidence it rests on. The score
 * and level preview uses the configured matrix; the server derives the stored ones.
 */
export function RiskForm({
  caseId,
  risk,
  start,
  before,
  onClose,
  onSaved,
}: {
  caseId: string;
  /** The risk to edit; absent for a new one. */
  risk?: Risk | null;
  start?: RiskStart;
  before?: ReactNode;
  onClose: () => void;
  onSaved?: (risk: Risk) => void;
}) {
  const { t, i18n } = useTranslation();
  const matrix = useRisksStore((s) => s.matrix);
  const createRisk = useRisksStore((s) => s.createRisk);
  const updateRisk = useRisksStore((s) => s.updateRisk);
  const planFor = usePlanStore((s) => s.caseId);
  const sites = usePlanStore((s) => (s.caseId === caseId ? (s.plan?.sites ?? NONE) : NONE));
  const loadPlan = usePlanStore((s) => s.load);

  const [title, setTitle] = useState(risk?.title ?? start?.title ?? '');
  const [criterion, setCriterion] = useState<string | null>(risk?.criterion ?? start?.criterion ?? null);
  const [siteId, setSiteId] = useState<string | null>(risk?.siteId ?? start?.siteId ?? null);
  const [criticalAsset, setCriticalAsset] = useState(risk?.criticalAsset ?? '');
  const [threat, setThreat] = useState(risk?.threat ?? '');
  const [vulnerability, setVulnerability] = useState(risk?.vulnerability ?? '');
  const [likelihood, setLikelihood] = useState<RatingValue | null>(rating(risk?.likelihood));
  const [consequence, setConsequence] = useState<RatingValue | null>(rating(risk?.consequence));
  const [controls, setControls] = useState(risk?.controls ?? '');
  const [controlTesting, setControlTesting] = useState(risk?.controlTesting ?? '');
  const [controlsEffective, setControlsEffective] = useState<string>(risk?.controlsEffective ?? 'not_tested');
  const [residualLikelihood, setResidualLikelihood] = useState<RatingValue | null>(rating(risk?.residualLikelihood));
  const [residualConsequence, setResidualConsequence] = useState<RatingValue | null>(rating(risk?.residualConsequence));
  const [response, setResponse] = useState<string | null>(risk?.response ?? null);
  const [responseNotes, setResponseNotes] = useState(risk?.responseNotes ?? '');
  const [answerIds, setAnswerIds] = useState<string[]>(risk?.answerLinks.map((a) => a.answerId) ?? start?.answerIds ?? []);
  const [evidenceIds, setEvidenceIds] = useState<string[]>(risk?.evidenceIds ?? start?.evidenceIds ?? []);
  const [busy, setBusy] = useState(false);
  const errors = useAssessErrors(FIELDS);
  const links = useLinkOptions(caseId, { answerIds, evidenceIds });

  // Opened from the runner, the plan (for the site list) may be another case's or not loaded yet.
  useEffect(() => {
    if (planFor !== caseId) void loadPlan(caseId);
  }, [caseId, planFor, loadPlan]);

  const inherent = previewScore(likelihood, consequence, matrix);
  const residual = previewScore(residualLikelihood, residualConsequence, matrix);
  const language = i18n.language === 'ru' ? 'ru' : 'en';

  const onSubmit = async () => {
    const fields = {
      title: title.trim(),
      criterion: criterion as Risk['criterion'],
      siteId,
      criticalAsset,
      threat,
      vulnerability,
      likelihood: likelihood ?? undefined,
      consequence: consequence ?? undefined,
      controls,
      controlTesting,
      controlsEffective: controlsEffective as Risk['controlsEffective'],
      residualLikelihood,
      residualConsequence,
      response: response as Risk['response'],
      responseNotes,
    };
    // One residual rating without the other says nothing; ask for the pair before the schema's own message.
    if ((residualLikelihood === null) !== (residualConsequence === null)) {
      errors.showSpecial({ [residualLikelihood === null ? 'residualLikelihood' : 'residualConsequence']: { key: 'residualPair' } });
      return;
    }
    const draft = { caseId, ...fields, links: { answerIds, evidenceIds } };
    if (!errors.check(RiskCreate, draft)) return;
    const parsed = RiskCreate.parse(draft);
    setBusy(true);
    const result = risk
      ? await updateRisk({
          id: risk.id,
          expectedUpdatedAt: risk.updatedAt,
          patch: {
            title: parsed.title,
            criterion: parsed.criterion,
            siteId: parsed.siteId,
            criticalAsset: parsed.criticalAsset,
            threat: parsed.threat,
            vulnerability: parsed.vulnerability,
            likelihood: parsed.likelihood,
            consequence: parsed.consequence,
            controls: parsed.controls,
            controlTesting: parsed.controlTesting,
            controlsEffective: parsed.controlsEffective,
            residualLikelihood: parsed.residualLikelihood,
            residualConsequence: parsed.residualConsequence,
            response: parsed.response,
            responseNotes: parsed.responseNotes,
            links: { answerIds, evidenceIds },
          },
        })
      : await createRisk({ ...parsed, lang: language, ...(start?.fromAnswer ? { fromAnswer: start.fromAnswer } : {}) });
    setBusy(false);
    if (result.ok) {
      onSaved?.(result.value);
      onClose();
    } else {
      errors.fromServer(result.error);
    }
  };

  const text = (
    field: (typeof FIELDS)[number],
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { description?: string; minRows?: number } = {},
  ) => (
    <Textarea
      label={label}
      description={extra.description}
      value={value}
      onChange={(e) => {
        set(e.currentTarget.value);
        errors.clear(field);
      }}
      error={errors.message(field)}
      autosize
      minRows={extra.minRows ?? 2}
      maxRows={8}
    />
  );

  return (
    <FormDialog
      title={risk ? t('assess.risk.edit') : t('assess.risk.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="risk-form"
      size="xl"
      before={before}
    >
      <TextInput
        label={t('assess.risk.title')}
        placeholder={t('assess.risk.titlePlaceholder')}
        value={title}
        onChange={(e) => {
          setTitle(e.currentTarget.value);
          errors.clear('title');
        }}
        error={errors.message('title')}
        withAsterisk
        data-autofocus
      />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('assess.risk.criterion')}
          placeholder={t('assess.risk.criterionPlaceholder')}
          data={wcoCriteria.map((c) => ({ value: c, label: `${c} — ${t(`wcoCriteria.${c}`)}` }))}
          value={criterion}
          onChange={(v) => {
            setCriterion(v);
            errors.clear('criterion');
          }}
          error={errors.message('criterion')}
          searchable
          clearable
          nothingFoundMessage={t('assess.common.nothingFound')}
        />
        <Select
          label={t('assess.risk.site')}
          placeholder={t('assess.risk.sitePlaceholder')}
          data={sites.map((s) => ({ value: s.id, label: s.name }))}
          value={siteId}
          onChange={(v) => {
            setSiteId(v);
            errors.clear('siteId');
          }}
          error={errors.message('siteId')}
          clearable
          nothingFoundMessage={t('assess.common.nothingFound')}
        />
      </SimpleGrid>
      <SimpleGrid cols={3} spacing="sm">
        {text('criticalAsset', t('assess.risk.criticalAsset'), criticalAsset, setCriticalAsset)}
        {text('threat', t('assess.risk.threat'), threat, setThreat)}
        {text('vulnerability', t('assess.risk.vulnerability'), vulnerability, setVulnerability)}
      </SimpleGrid>

      <FormSectionTitle hint={t('assess.risk.inherentHint')}>{t('assess.risk.inherent')}</FormSectionTitle>
      <Group align="flex-start" gap="md" wrap="nowrap">
        <SimpleGrid cols={2} spacing="md" style={{ flex: 1 }}>
          <RatingInput
            label={t('assess.risk.likelihood')}
            scale="likelihood"
            value={likelihood}
            onChange={(v) => {
              setLikelihood(v);
              errors.clear('likelihood');
            }}
            error={errors.message('likelihood')}
            testId="likelihood"
          />
          <RatingInput
            label={t('assess.risk.consequence')}
            scale="consequence"
            value={consequence}
            onChange={(v) => {
              setConsequence(v);
              errors.clear('consequence');
            }}
            error={errors.message('consequence')}
            testId="consequence"
          />
        </SimpleGrid>
        <ScorePreview label={t('assess.risk.inherentScore')} likelihood={likelihood} consequence={consequence} score={inherent} testId="inherent-preview" />
      </Group>

      <FormSectionTitle hint={t('assess.risk.controlsHint')}>{t('assess.risk.controlsSection')}</FormSectionTitle>
      <SimpleGrid cols={2} spacing="sm">
        {text('controls', t('assess.risk.controls'), controls, setControls)}
        {text('controlTesting', t('assess.risk.controlTesting'), controlTesting, setControlTesting)}
      </SimpleGrid>
      <Select
        label={t('assess.risk.controlsEffective')}
        data={controlEffectiveness.map((v) => ({ value: v, label: t(`assess.effectiveness.${v}`) }))}
        value={controlsEffective}
        onChange={(v) => v && setControlsEffective(v)}
        allowDeselect={false}
        error={errors.message('controlsEffective')}
        w="50%"
      />

      <FormSectionTitle hint={t('assess.risk.residualHint')}>{t('assess.risk.residual')}</FormSectionTitle>
      <Group align="flex-start" gap="md" wrap="nowrap">
        <SimpleGrid cols={2} spacing="md" style={{ flex: 1 }}>
          <RatingInput
            label={t('assess.risk.residualLikelihood')}
            scale="likelihood"
            value={residualLikelihood}
            onChange={(v) => {
              setResidualLikelihood(v);
              errors.clear('residualLikelihood');
              errors.clear('residualConsequence');
            }}
            allowNone
            error={errors.message('residualLikelihood')}
            testId="residual-likelihood"
          />
          <RatingInput
            label={t('assess.risk.residualConsequence')}
            scale="consequence"
            value={residualConsequence}
            onChange={(v) => {
              setResidualConsequence(v);
              errors.clear('residualLikelihood');
              errors.clear('residualConsequence');
            }}
            allowNone
            error={errors.message('residualConsequence')}
            testId="residual-consequence"
          />
        </SimpleGrid>
        <ScorePreview
          label={t('assess.risk.residualScore')}
          likelihood={residualLikelihood}
          consequence={residualConsequence}
          score={residual}
          testId="residual-preview"
        />
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('assess.risk.response')}
          placeholder={t('assess.risk.responsePlaceholder')}
          data={riskResponses.map((v) => ({ value: v, label: t(`assess.responses.${v}`) }))}
          value={response}
          onChange={(v) => {
            setResponse(v);
            errors.clear('response');
          }}
          error={errors.message('response')}
          clearable
        />
        {text('responseNotes', t('assess.risk.responseNotes'), responseNotes, setResponseNotes, { minRows: 1 })}
      </SimpleGrid>

      <FormSectionTitle>{t('assess.risk.linksSection')}</FormSectionTitle>
      <LinkSelects
        links={links}
        answerIds={answerIds}
        setAnswerIds={setAnswerIds}
        evidenceIds={evidenceIds}
        setEvidenceIds={setEvidenceIds}
        errors={errors}
        answersDescription={start?.fromAnswer ? t('assess.links.fromAnswerKept') : undefined}
      />
    </FormDialog>
  );
}
