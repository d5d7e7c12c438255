import { Badge, CheckIcon, Group, Stack, Tabs, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { stepStatusColor, stepStatusTextColor } from '../../theme';

/**
 * The nine steps as a vertical tab list: arrow keys move between steps, Tab moves into the selected step's
 * panel. Each step shows its own status, since steps are not strictly sequential (one can be skipped,
 * another reopened).
 */
export function StepSpine({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Tabs.List aria-label={t('case.steps')} data-testid="step-spine">
      {detail.steps.map((state, index) => {
        const color = stepStatusColor[state.status];
        const isCurrent = detail.currentStep === state.step;
        return (
          <Tabs.Tab
            key={state.step}
            value={state.step}
            className="aeo-step-tab"
            data-testid={`step-${state.step}`}
            data-status={state.status}
            title={t(`steps.${state.step}.name`)}
            leftSection={
              <ThemeIcon
                radius="xl"
                size={28}
                color={color}
                variant={state.status === 'not_started' ? 'light' : 'filled'}
                aria-hidden
              >
                {state.status === 'done' ? (
                  <CheckIcon size={12} />
                ) : (
                  <Text size="xs" fw={700} c="inherit">
                    {index + 1}
                  </Text>
                )}
              </ThemeIcon>
            }
          >
            <Stack gap={0} className="aeo-step-text">
              <Text size="sm" fw={500} lh={1.3}>
                {t(`steps.${state.step}.name`)}
              </Text>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c={stepStatusTextColor(state.status)} data-testid="step-status">
                  {t(`stepStatus.${state.status}`)}
                </Text>
                {isCurrent && (
                  <Badge size="xs" variant="outline" color="blue">
                    {t('case.current')}
                  </Badge>
                )}
              </Group>
            </Stack>
          </Tabs.Tab>
        );
      })}
    </Tabs.List>
  );
}
