import { Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ValidationStep } from '../../../src-main/contract/cases';
import { AssessmentWork } from '../components/assessment/AssessmentWork';
import { AuditTrail } from '../components/case/AuditTrail';
import { CaseDetailsCard } from '../components/case/CaseDetailsCard';
import { StepPanel } from '../components/case/StepPanel';
import { StepSpine } from '../components/case/StepSpine';
import { StepWork } from '../components/case/StepWork';
import { CycleCard } from '../components/cycle/CycleCard';
import { BackToCases, NotReady } from '../components/kit/NotReady';
import { CaseEvidence } from '../components/evidence/CaseEvidence';
import { useRouteFocus } from '../lib/gate-links';
import { useCasesStore } from '../stores/cases';
import { usePlanStore } from '../stores/plan';
import { useCaseRunsStore } from '../stores/runs';
import { useTemplatesStore } from '../stores/templates';
import { usePick } from '../stores/pick';
import { hrefFor } from '../stores/route';

/**
 * A case on one of its steps: `step` comes from the address (`#/cases/<id>/<step>`), else the selected or current one;
 * `focus`, the record on the step a link brought the validator to (see gate-links).
 */
export function CasePage({ id, step: routeStep, focus }: { id: string; step?: ValidationStep | undefined; focus?: string | undefined }) {
  const { t } = useTranslation();
  const { detail, detailStatus: status, detailError: error, selectedStep: selected, loadCase, selectStep } = usePick(
    useCasesStore,
    'detail', 'detailStatus', 'detailError', 'selectedStep', 'loadCase', 'selectStep',
  );

  const loadPlan = usePlanStore((s) => s.load);
  const loadRuns = useCaseRunsStore((s) => s.load);
  const ensureTemplates = useTemplatesStore((s) => s.ensure);

  useEffect(() => {
    void loadCase(id);
    void loadPlan(id);
    void loadRuns(id);
    void ensureTemplates();
  }, [id, loadCase, loadPlan, loadRuns, ensureTemplates]);

  // Back/forward and a typed address change the step; the store follows so every panel sees the same one.
  const loaded = detail?.id === id;
  useEffect(() => {
    if (loaded && routeStep && routeStep !== selected) selectStep(routeStep);
  }, [loaded, routeStep, selected, selectStep]);

  useRouteFocus(focus);

  if (!detail || detail.id !== id) {
    return (
      <Stack gap="md">
        <BackToCases />
        <NotReady status={status} error={error} failed={t('case.loadError')} py="xl" />
      </Stack>
    );
  }

  const step = routeStep ?? selected ?? detail.currentStep;

  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={4}>
        <BackToCases />
        <Group gap="sm" align="center">
          <Title order={1} data-testid="case-number">
            {detail.caseNumber}
          </Title>
          <Badge color="indigo" size="lg">
            {t(`aeoTypes.${detail.aeoType}`)}
          </Badge>
          <Button component="a" href={hrefFor({ name: 'merge', id: detail.id })} variant="light" size="xs" ml="auto" data-testid="open-merge">
            {t('team.page.open')}
          </Button>
        </Group>
        <Text size="md" c="dimmed" data-testid="case-operator">
          {detail.operator.legalName}
          {' · '}
          {detail.operator.identificationNumber}
        </Text>
      </Stack>

      <Tabs
        value={step}
        onChange={(value) => {
          const parsed = ValidationStep.safeParse(value);
          if (parsed.success) selectStep(parsed.data);
        }}
        orientation="vertical"
        keepMounted={false}
        styles={{ root: { alignItems: 'flex-start', gap: 'var(--mantine-spacing-md)' } }}
      >
        <Paper p="xs" w={310} style={{ flexShrink: 0 }} component="section" aria-labelledby="steps-title" className="aeo-step-spine">
          <Title order={2} id="steps-title" px="xs" pt={4} pb="xs" className="aeo-step-text">
            {t('case.steps')}
          </Title>
          <StepSpine detail={detail} />
        </Paper>
        <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
          <Paper>
            {detail.steps.map((s) => (
              <Tabs.Panel key={s.step} value={s.step}>
                <StepPanel detail={detail} step={s.step} />
                <StepWork detail={detail} step={s.step} />
                <AssessmentWork detail={detail} step={s.step} />
              </Tabs.Panel>
            ))}
          </Paper>
          <CycleCard caseId={detail.id} refreshKey={detail.updatedAt} />
          <CaseEvidence caseId={detail.id} />
          <CaseDetailsCard detail={detail} />
          <AuditTrail caseId={detail.id} caseNumber={detail.caseNumber} refreshKey={detail.updatedAt} />
        </Stack>
      </Tabs>
    </Stack>
  );
}
