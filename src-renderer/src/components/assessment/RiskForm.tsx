import { Group, SimpleGrid } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { wcoCriteria } from '../../../../src-main/contract/checklist-template';
import { controlEffectiveness, residualAboveInherent, riskResponses, RiskCreate, type Risk } from '../../../../src-main/contract/risks';
import { useDraftForm } from '../../lib/draft-form';
import { formField } from '../../lib/field-errors';
import { NONE } from '../../lib/localized';
import { isRating, previewScore, type RatingValue } from '../../lib/risk-ui';
import { usePlanStore } from '../../stores/plan';
import { useRisksStore } from '../../stores/risks';
import { FormDialog, FormSectionTitle } from '../kit/FormDialog';
import { FormFields, optionsOf } from '../kit/FormFields';
import { LinkSelects } from './LinkSelects';
import { useLinkOptions } from './link-options';
import { RatingInput, ScorePreview } from './RiskRating';
import { usePick } from '../../stores/pick';

/** What a new risk starts from: nothing, or the draft `risks:draftFromAnswer` made for a checklist answer. */
export type RiskStart = {
  title: string;
  criterion: Risk['criterion'];
  siteId: string | null;
  answerIds: string[];
  evidenceIds: string[];
  fromAnswer?: { runId: string; itemId: string };
};

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
  const { matrix, createRisk, updateRisk } = usePick(useRisksStore, 'matrix', 'createRisk', 'updateRisk');
  const planFor = usePlanStore((s) => s.caseId);
  const sites = usePlanStore((s) => (s.caseId === caseId ? (s.plan?.sites ?? NONE) : NONE));
  const loadPlan = usePlanStore((s) => s.load);

  const draft = useDraftForm({
    initialValues: {
      title: risk?.title ?? start?.title ?? '',
      criterion: (risk?.criterion ?? start?.criterion ?? null) as string | null,
      siteId: risk?.siteId ?? start?.siteId ?? null,
      criticalAsset: risk?.criticalAsset ?? '',
      threat: risk?.threat ?? '',
      vulnerability: risk?.vulnerability ?? '',
      likelihood: rating(risk?.likelihood),
      consequence: rating(risk?.consequence),
      controls: risk?.controls ?? '',
      controlTesting: risk?.controlTesting ?? '',
      controlsEffective: (risk?.controlsEffective ?? 'not_tested') as string,
      residualLikelihood: rating(risk?.residualLikelihood),
      residualConsequence: rating(risk?.residualConsequence),
      residualReason: risk?.residualReason ?? '',
      response: (risk?.response ?? null) as string | null,
      responseNotes: risk?.responseNotes ?? '',
      answerIds: risk?.answerLinks.map((a) => a.answerId) ?? start?.answerIds ?? [],
      evidenceIds: risk?.evidenceIds ?? start?.evidenceIds ?? [],
    },
    schema: RiskCreate,
    toDraft: ({ title, likelihood, consequence, answerIds, evidenceIds, ...rest }) => ({
      caseId,
      ...rest,
      title: title.trim(),
      likelihood: likelihood ?? undefined,
      consequence: consequence ?? undefined,
      links: { answerIds, evidenceIds },
    }),
    // One residual rating without the other says nothing; ask for the pair even while other fields are wrong.
    extra: (v) =>
      (v.residualLikelihood === null) === (v.residualConsequence === null)
        ? {}
        : { [v.residualLikelihood === null ? 'residualLikelihood' : 'residualConsequence']: { key: 'residualPair' } },
    field: formField,
  });
  const { form, values, inputProps, error, submit } = draft;
  const links = useLinkOptions(caseId, { answerIds: values.answerIds, evidenceIds: values.evidenceIds });

  // Opened from the runner, the plan (for the site list) may be another case's or not loaded yet.
  useEffect(() => {
    if (planFor !== caseId) void loadPlan(caseId);
  }, [caseId, planFor, loadPlan]);

  const ratings = {
    likelihood: values.likelihood ?? 0,
    consequence: values.consequence ?? 0,
    residualLikelihood: values.residualLikelihood,
    residualConsequence: values.residualConsequence,
  };
  const inherent = previewScore(values.likelihood, values.consequence, matrix);
  const residual = previewScore(values.residualLikelihood, values.residualConsequence, matrix);
  const language = i18n.language === 'ru' ? 'ru' : 'en';

  const onSubmit = () =>
    submit(
      async ({ caseId: _case, lang: _lang, fromAnswer: _from, ...parsed }) => {
        const result = risk
          ? await updateRisk({ id: risk.id, expectedUpdatedAt: risk.updatedAt, patch: parsed })
          : await createRisk({ caseId, ...parsed, lang: language, ...(start?.fromAnswer ? { fromAnswer: start.fromAnswer } : {}) });
        if (result.ok) onSaved?.(result.value);
        return result;
      },
      onClose,
    );

  const rate = (path: 'likelihood' | 'consequence' | 'residualLikelihood' | 'residualConsequence') => ({
    value: values[path],
    onChange: (v: RatingValue | null) => {
      form.setFieldValue(path, v);
      // The pair message sits on either residual rating; a change to one answers it on both.
      if (path.startsWith('residual')) form.clearFieldError(path === 'residualLikelihood' ? 'residualConsequence' : 'residualLikelihood');
    },
    error: error(path),
  });

  /** Likelihood and consequence side by side with their score: before controls (step 5) or after (step 7). */
  const ratingPair = (stage: 'inherent' | 'residual') => {
    const [l, c] = stage === 'inherent' ? (['likelihood', 'consequence'] as const) : (['residualLikelihood', 'residualConsequence'] as const);
    const id = (path: string) => (stage === 'inherent' ? path : `residual-${path}`);
    return (
      <Group align="flex-start" gap="md" wrap="nowrap">
        <SimpleGrid cols={2} spacing="md" style={{ flex: 1 }}>
          <RatingInput label={t(`assess.risk.${l}`)} scale="likelihood" {...rate(l)} allowNone={stage === 'residual'} testId={id('likelihood')} />
          <RatingInput label={t(`assess.risk.${c}`)} scale="consequence" {...rate(c)} allowNone={stage === 'residual'} testId={id('consequence')} />
        </SimpleGrid>
        <ScorePreview
          label={t(`assess.risk.${stage}Score`)}
          likelihood={values[l]}
          consequence={values[c]}
          score={stage === 'inherent' ? inherent : residual}
          testId={`${stage}-preview`}
        />
      </Group>
    );
  };

  const text = (name: 'criticalAsset' | 'threat' | 'vulnerability' | 'controls' | 'controlTesting' | 'responseNotes', rows = 2) =>
    ({ kind: 'textarea', name, label: t(`assess.risk.${name}`), rows, maxRows: 8 }) as const;

  return (
    <FormDialog form={draft} title={risk ? t('assess.risk.edit') : t('assess.risk.add')} testId="risk-form" size="xl" before={before} onClose={onClose}
      onSubmit={onSubmit}>
      <FormFields form={draft} fields={[
          { kind: 'text', name: 'title', label: t('assess.risk.title'), placeholder: t('assess.risk.titlePlaceholder'), required: true, autofocus: true },
          {
            cols: 2,
            row: [
              {
                kind: 'select',
                name: 'criterion',
                label: t('assess.risk.criterion'),
                placeholder: t('assess.risk.criterionPlaceholder'),
                options: optionsOf(wcoCriteria, (c) => `${c} — ${t(`wcoCriteria.${c}`)}`),
                searchable: true,
                clearable: true,
                nothingFound: t('assess.common.nothingFound'),
              },
              {
                kind: 'select',
                name: 'siteId',
                label: t('assess.risk.site'),
                placeholder: t('assess.risk.sitePlaceholder'),
                options: sites.map((s) => ({ value: s.id, label: s.name })),
                clearable: true,
                nothingFound: t('assess.common.nothingFound'),
              },
            ],
          },
          { cols: 3, row: [text('criticalAsset'), text('threat'), text('vulnerability')] },
          <FormSectionTitle hint={t('assess.risk.inherentHint')}>{t('assess.risk.inherent')}</FormSectionTitle>,
          ratingPair('inherent'),
          <FormSectionTitle hint={t('assess.risk.controlsHint')}>{t('assess.risk.controlsSection')}</FormSectionTitle>,
          { cols: 2, row: [text('controls'), text('controlTesting')] },
          {
            kind: 'select',
            name: 'controlsEffective',
            label: t('assess.risk.controlsEffective'),
            options: optionsOf(controlEffectiveness, (v) => t(`assess.effectiveness.${v}`)),
            w: '50%',
          },
          <FormSectionTitle hint={t('assess.risk.residualHint')}>{t('assess.risk.residual')}</FormSectionTitle>,
          ratingPair('residual'),
          {
            kind: 'textarea',
            name: 'residualReason',
            label: t('assess.risk.residualReason'),
            description: t('assess.risk.residualReasonHint'),
            required: residualAboveInherent(ratings),
            maxRows: 6,
            testId: 'residual-reason',
            hidden: !residualAboveInherent(ratings) && values.residualReason === '',
          },
          {
            cols: 2,
            row: [
              {
                kind: 'select',
                name: 'response',
                label: t('assess.risk.response'),
                placeholder: t('assess.risk.responsePlaceholder'),
                options: optionsOf(riskResponses, (v) => t(`assess.responses.${v}`)),
                clearable: true,
              },
              text('responseNotes', 1),
            ],
          },
        ]} />

      <FormSectionTitle>{t('assess.risk.linksSection')}</FormSectionTitle>
      <LinkSelects
        links={links}
        answers={inputProps('answerIds')}
        evidence={inputProps('evidenceIds')}
        answersDescription={start?.fromAnswer ? t('assess.links.fromAnswerKept') : undefined}
      />
    </FormDialog>
  );
}
