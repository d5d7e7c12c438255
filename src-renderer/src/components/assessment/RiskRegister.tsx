import { Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ValidationStep } from '../../../../src-main/contract/cases';
import type { Risk } from '../../../../src-main/contract/risks';
import { refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { ConfirmModal } from '../ConfirmModal';
import { ErrorAlert } from '../ErrorAlert';
import { IconEdit, IconTrash } from '../icons';
import { DeviationList } from './DeviationList';
import { HeatMap } from './HeatMap';
import { RowAction } from '../kit/RowActions';
import { SectionHeader } from '../kit/Section';
import { ScoreCell } from './RiskRating';
import { RiskForm } from './RiskForm';

const effectivenessColor = {
  effective: 'teal',
  partially_effective: 'yellow',
  ineffective: 'red',
  not_tested: 'gray',
} as const;

/**
 * The risk register of steps 5–7: the table of risks (inherent and residual rating, response), the form for
 * every field, the checklist deviations a risk can be opened from, and the inherent and residual heat maps.
 */
export function RiskRegister({ detail, step }: { detail: CaseDetail; step: ValidationStep }) {
  const { t } = useTranslation();
  const loadedFor = useRisksStore((s) => s.caseId);
  const status = useRisksStore((s) => s.status);
  const error = useRisksStore((s) => s.error);
  const actionError = useRisksStore((s) => s.actionError);
  const risks = useRisksStore((s) => s.risks);
  const heatMap = useRisksStore((s) => s.heatMap);
  const load = useRisksStore((s) => s.load);
  const removeRisk = useRisksStore((s) => s.removeRisk);
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  const [removal, setRemoval] = useState<Risk | null>(null);

  useEffect(() => {
    void load(detail.id);
  }, [detail.id, load]);

  const mine = loadedFor === detail.id;
  const refs = refsOf(risks, 'R');
  const hint = t(`assess.register.hint.${step === 'conduct_validation' ? 'controls' : step === 'residual_risk' ? 'residual' : 'inherent'}`);

  return (
    <Stack gap="md" component="section" aria-labelledby="risk-register-title" data-testid="risk-register">
      <SectionHeader
        id="risk-register-title"
        title={t('assess.register.title')}
        hint={hint}
        actions={
          <Button size="xs" onClick={() => setEditing('new')} data-testid="add-risk">
            {t('assess.register.add')}
          </Button>
        }
      />
      {error && <ErrorAlert error={error} />}
      {actionError && <ErrorAlert error={actionError} />}
      {!mine || (status === 'loading' && risks.length === 0) ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : risks.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="risks-empty">
          {t('assess.register.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table highlightOnHover data-testid="risks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>{t('assess.register.columns.ref')}</Table.Th>
                <Table.Th>{t('assess.register.columns.risk')}</Table.Th>
                <Table.Th>{t('assess.register.columns.inherent')}</Table.Th>
                <Table.Th>{t('assess.register.columns.residual')}</Table.Th>
                <Table.Th>{t('assess.register.columns.response')}</Table.Th>
                <Table.Th w={64}>
                  <VisuallyHidden>{t('assess.common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {risks.map((risk) => (
                <Table.Tr key={risk.id} data-testid="risk-row" data-risk-id={risk.id}>
                  <Table.Td>
                    <Text size="sm" c="dimmed" ff="monospace">
                      {refs.get(risk.id)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
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
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <ScoreCell likelihood={risk.likelihood} consequence={risk.consequence} score={risk.inherent} testId="risk-inherent" />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <ScoreCell
                      likelihood={risk.residualLikelihood}
                      consequence={risk.residualConsequence}
                      score={risk.residual}
                      testId="risk-residual"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c={risk.response ? undefined : 'dimmed'} lh={1.3}>
                      {risk.response ? t(`assess.responses.${risk.response}`) : t('assess.register.noResponse')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <RowAction label={t('assess.register.edit', { title: risk.title })} onClick={() => setEditing(risk)}>
                        <IconEdit size={14} />
                      </RowAction>
                      <RowAction label={t('assess.register.remove', { title: risk.title })} color="red" onClick={() => setRemoval(risk)}>
                        <IconTrash size={14} />
                      </RowAction>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <DeviationList caseId={detail.id} risks={risks} refs={refs} />

      {mine && heatMap && (
        <Paper p="sm" withBorder>
          <HeatMap heatMap={heatMap} risks={risks} refs={refs} onOpenRisk={(r) => setEditing(r)} />
        </Paper>
      )}

      {editing && (
        <RiskForm key={editing === 'new' ? 'new' : editing.id} caseId={detail.id} risk={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmModal
        opened={removal !== null}
        title={t('assess.register.removeTitle')}
        message={t('assess.register.removeMessage', { title: removal?.title ?? '' })}
        confirmLabel={t('assess.common.remove')}
        onClose={() => setRemoval(null)}
        onConfirm={async () => {
          if (removal) await removeRisk(removal.id);
        }}
      />
    </Stack>
  );
}
