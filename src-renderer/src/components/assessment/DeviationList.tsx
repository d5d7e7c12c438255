import { Badge, Button, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ComplianceAnswer } from '../../../../src-main/contract/checklist-template';
import type { Risk } from '../../../../src-main/contract/risks';
import { localized } from '../../lib/localized';
import { isDeviation, useCaseLinksStore } from '../../stores/case-links';
import { complianceColor } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { IconShield } from '../icons';
import { useRiskFromAnswer } from './OpenRiskFromAnswerButton';
import { usePick } from '../../stores/pick';

/**
 * "From a checklist answer": the case's non-compliant and partially compliant answers, each with the risks
 * already opened from it and an "Open risk" button. Open while some deviation has no risk yet.
 */
export function DeviationList({ caseId, risks, refs }: { caseId: string; risks: readonly Risk[]; refs: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { readyFor, answers, load } = usePick(useCaseLinksStore, 'readyFor', 'answers', 'load');
  const flow = useRiskFromAnswer(caseId);
  const [open, setOpen] = useState<boolean | null>(null);

  useEffect(() => {
    void load(caseId);
  }, [caseId, load]);

  const deviations = readyFor === caseId ? answers.filter((a) => isDeviation(a.value)) : [];
  const risksOf = (answerId: string) => risks.filter((r) => r.answerLinks.some((l) => l.answerId === answerId));
  const withoutRisk = deviations.filter((d) => risksOf(d.answerId).length === 0).length;
  const shown = open ?? withoutRisk > 0;
  return (
    <>
      {deviations.length > 0 && (
        <Paper p="sm" bg="orange.0" withBorder data-testid="deviations">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {t('assess.deviations.title')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('assess.deviations.summary', { n: deviations.length, without: withoutRisk })}
              </Text>
            </Stack>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => setOpen(!shown)}
              aria-expanded={shown}
              aria-controls="deviation-list"
            >
              {shown ? t('assess.deviations.hide') : t('assess.deviations.show')}
            </Button>
          </Group>
          <Collapse expanded={shown} id="deviation-list">
            <Stack gap={0} mt="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {deviations.map((d) => {
                const value = ComplianceAnswer.safeParse(d.value);
                const linked = risksOf(d.answerId);
                return (
                  <Group
                    key={d.answerId}
                    component="li"
                    justify="space-between"
                    wrap="nowrap"
                    gap="sm"
                    py={6}
                    style={{ borderTop: '1px solid var(--mantine-color-orange-1)' }}
                    data-testid="deviation"
                    data-item-id={d.itemId}
                  >
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Text size="sm" lh={1.3}>
                        {`${d.number} ${localized(d.prompt, language)}`}
                      </Text>
                      <Group gap={6}>
                        {value.success && (
                          <Badge size="xs" color={complianceColor[value.data]}>
                            {t(`compliance.long.${value.data}`)}
                          </Badge>
                        )}
                        <Text size="xs" c="dimmed">
                          {[localized(d.runTitle, language), d.runLabel].filter(Boolean).join(' · ')}
                        </Text>
                        {linked.length > 0 && (
                          <Text size="xs" c="teal.8">
                            {t('assess.deviations.linked', { refs: linked.map((r) => refs.get(r.id)).join(', ') })}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                    <Button
                      size="xs"
                      variant={linked.length > 0 ? 'default' : 'light'}
                      color="orange"
                      leftSection={<IconShield size={14} />}
                      loading={flow.busy === `${d.runId}:${d.itemId}`}
                      onClick={() => void flow.open(d.runId, d.itemId)}
                      aria-label={t('assess.deviations.openFor', { prompt: localized(d.prompt, language) })}
                      style={{ flexShrink: 0 }}
                    >
                      {t('assess.fromAnswer.open')}
                    </Button>
                  </Group>
                );
              })}
            </Stack>
          </Collapse>
          {flow.error && <ErrorAlert error={flow.error} />}
        </Paper>
      )}
      {/* Outside the list, so a re-read that briefly empties it never closes the open form. */}
      {flow.dialog}
    </>
  );
}
