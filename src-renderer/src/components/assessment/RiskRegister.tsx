import { Badge, Center, Group, Loader, Paper, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ValidationStep } from '../../../../src-main/contract/cases';
import type { Risk } from '../../../../src-main/contract/risks';
import { refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { ErrorAlert } from '../ErrorAlert';
import { DeviationList } from './DeviationList';
import { HeatMap } from './HeatMap';
import { refColumn } from '../kit/cells';
import { RecordTable } from '../kit/RecordTable';
import { AddButton, Section } from '../kit/Section';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { ScoreCell } from './RiskRating';
import { RiskForm } from './RiskForm';
import { usePick } from '../../stores/pick';

const effectivenessColor = {
  effective: 'teal',
  partially_effective: 'yellow',
  ineffective: 'red',
  not_tested: 'gray',
} as const;

/** A risk's title with its WCO criterion, where it applies, its linked answers and (step 6) its controls. */
function RiskTitleCell({ risk, step }: { risk: Risk; step: ValidationStep }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={500} lh={1.3} lineClamp={2}>
        {risk.title}
      </Text>
      <Group gap={6} mt={2}>
        {risk.criterion && (
          <Tooltip label={t(`wcoCriteria.${risk.criterion}`)} withArrow>
            <Badge
              size="xs"
              color="indigo"
              aria-label={`${t('assess.risk.criterion')}: ${risk.criterion} — ${t(`wcoCriteria.${risk.criterion}`)}`}
            >
              {risk.criterion}
            </Badge>
          </Tooltip>
        )}
        <Text size="xs" c="dimmed">
          {[
            risk.siteName ?? t('assess.register.wholeCase'),
            risk.answerLinks.length > 0 ? t('assess.register.answersLinked', { n: risk.answerLinks.length }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {step === 'conduct_validation' && (
          <Badge size="xs" color={effectivenessColor[risk.controlsEffective]}>
            {t(`assess.effectiveness.${risk.controlsEffective}`)}
          </Badge>
        )}
      </Group>
    </>
  );
}

/**
 * The risk register of steps 5–7: the table of risks (inherent and residual rating, response), the form for
 * every field, the checklist deviations a risk can be opened from, and the inherent and residual heat maps.
 */
export function RiskRegister({ detail, step }: { detail: CaseDetail; step: ValidationStep }) {
  const { t } = useTranslation();
  const { caseId: loadedFor, status, error, actionError, risks, heatMap, load, removeRisk } = usePick(
    useRisksStore,
    'caseId', 'status', 'error', 'actionError', 'risks', 'heatMap', 'load', 'removeRisk',
  );
  const dialogs = useCrudDialogs<Risk>();

  useEffect(() => {
    void load(detail.id);
  }, [detail.id, load]);

  const mine = loadedFor === detail.id;
  const refs = refsOf(risks, 'R');
  const hint = t(`assess.register.hint.${step === 'conduct_validation' ? 'controls' : step === 'residual_risk' ? 'residual' : 'inherent'}`);

  return (
    <Section
      id="risk-register"
      gap="md"
      title={t('assess.register.title')}
      hint={hint}
      actions={<AddButton label={t('assess.register.add')} onClick={() => dialogs.create()} testId="add-risk" />}
    >
      {error && <ErrorAlert error={error} />}
      {actionError && <ErrorAlert error={actionError} />}
      {!mine || (status === 'loading' && risks.length === 0) ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : (
        <RecordTable<Risk>
          testId="risks-table"
          rowTestId="risk-row"
          rowProps={(risk) => ({ 'data-risk-id': risk.id })}
          tableProps={{ highlightOnHover: true }}
          rows={risks}
          empty={t('assess.register.empty')}
          emptyTestId="risks-empty"
          columns={[
            refColumn<Risk>(t('assess.register.columns.ref'), (risk) => refs.get(risk.id)),
            { key: 'risk', header: t('assess.register.columns.risk'), cell: (risk) => <RiskTitleCell risk={risk} step={step} /> },
            {
              key: 'inherent',
              header: t('assess.register.columns.inherent'),
              style: { whiteSpace: 'nowrap' },
              cell: (risk) => (
                <ScoreCell likelihood={risk.likelihood} consequence={risk.consequence} score={risk.inherent} testId="risk-inherent" />
              ),
            },
            {
              key: 'residual',
              header: t('assess.register.columns.residual'),
              style: { whiteSpace: 'nowrap' },
              cell: (risk) => (
                <ScoreCell
                  likelihood={risk.residualLikelihood}
                  consequence={risk.residualConsequence}
                  score={risk.residual}
                  testId="risk-residual"
                />
              ),
            },
            {
              key: 'response',
            priority: 2,
              header: t('assess.register.columns.response'),
              cell: (risk) => (
                <Text size="xs" c={risk.response ? undefined : 'dimmed'} lh={1.3}>
                  {risk.response ? t(`assess.responses.${risk.response}`) : t('assess.register.noResponse')}
                </Text>
              ),
            },
          ]}
          actionsWidth={64}
          actionsLabel={t('assess.common.actions')}
          actions={dialogs.rowActions(
            (risk) => t('assess.register.edit', { title: risk.title }),
            (risk) => t('assess.register.remove', { title: risk.title }),
          )}
        />
      )}

      <DeviationList caseId={detail.id} risks={risks} refs={refs} />

      {mine && heatMap && (
        <Paper p="sm" withBorder>
          <HeatMap heatMap={heatMap} risks={risks} refs={refs} onOpenRisk={dialogs.edit} />
        </Paper>
      )}

      {dialogs.editing && (
        <RiskForm
          key={dialogs.editing.record?.id ?? 'new'}
          caseId={detail.id}
          risk={dialogs.editing.record}
          onClose={dialogs.close}
        />
      )}
      {dialogs.confirm({
        title: t('assess.register.removeTitle'),
        message: (risk) => t('assess.register.removeMessage', { title: risk.title }),
        confirmLabel: t('assess.common.remove'),
        onConfirm: (risk) => removeRisk(risk.id),
      })}
    </Section>
  );
}
