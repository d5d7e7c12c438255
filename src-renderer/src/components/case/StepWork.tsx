import { Divider, Stack } from '@mantine/core';
import { validationSteps, type CaseDetail, type ValidationStep } from '../../../../src-main/contract/cases';
import { NONE } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useCaseRunsStore } from '../../stores/runs';
import { useTemplatesStore } from '../../stores/templates';
import { PlanLock } from '../gates/PlanLock';
import { PlanEditor } from '../plan/PlanEditor';
import { CaseRuns } from '../runs/CaseRuns';
import { BusinessSystems } from '../steps/BusinessSystems';
import { InterviewMinutesSection } from '../steps/InterviewMinutes';

/** Steps whose panel always offers checklist runs: information gathering (2) and conducting the validation (6). */
const runSteps: readonly ValidationStep[] = ['information_gathering', 'conduct_validation'];

/**
 * The work of a step below its status: the plan editor for step 1; the checklist runs for steps 2 and 6 and for
 * any other step that has templates or runs of its own; the system notes for step 3 and interview minutes for step 4.
 */
export function StepWork({ detail, step }: { detail: CaseDetail; step: ValidationStep }) {
  const templates = useTemplatesStore((s) => s.items);
  const runs = useCaseRunsStore((s) => (s.caseId === detail.id ? s.runs : NONE));
  const sites = usePlanStore((s) => (s.caseId === detail.id ? (s.plan?.sites ?? NONE) : NONE));
  const stepNumber = validationSteps.indexOf(step) + 1;

  if (step === 'planning') {
    return (
      <PlanLock detail={detail}>
        <PlanEditor detail={detail} />
      </PlanLock>
    );
  }

  const stepOf = new Map(templates.map((tpl) => [tpl.templateId, tpl.step]));
  const hasRuns =
    runSteps.includes(step) ||
    templates.some((tpl) => tpl.step === stepNumber) ||
    runs.some((run) => stepOf.get(run.templateId) === stepNumber);
  const content =
    step === 'business_systems' ? (
      <BusinessSystems detail={detail} />
    ) : step === 'initial_interview' ? (
      <InterviewMinutesSection detail={detail} />
    ) : null;
  if (!hasRuns && !content) return null;
  return (
    <Stack gap="md" mt="md">
      <Divider />
      {content}
      {hasRuns && <CaseRuns detail={detail} stepNumber={stepNumber} sites={sites} />}
    </Stack>
  );
}
