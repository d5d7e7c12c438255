import { Divider, Stack } from '@mantine/core';
import type { CaseDetail, ValidationStep } from '../../../../src-main/contract/cases';
import { AssessmentPanel } from './AssessmentPanel';
import { OfficialRecordPanel } from '../official/OfficialRecordPanel';
import { ControlPlanPanel } from './ControlPlanPanel';
import { Findings } from './Findings';
import { ReportPanel } from './ReportPanel';
import { RiskRegister } from './RiskRegister';

/**
 * The assessment work of a step, below its status and checklist runs: the risk register and heat maps in
 * steps 5–7, findings in steps 7–8, the criteria assessment and recommendation in step 8, the control plan in
 * step 9, the official record the report prints (step 8), and the report versions and PDFs in steps 8 and 9.
 */
export function AssessmentWork({ detail, step }: { detail: CaseDetail; step: ValidationStep }) {
  const register = step === 'risk_assessment' || step === 'conduct_validation' || step === 'residual_risk';
  const findings = step === 'residual_risk' || step === 'reporting';
  const assessment = step === 'reporting';
  const controlPlan = step === 'control_plan';
  const report = step === 'reporting' || step === 'control_plan';
  if (!register && !findings && !assessment && !controlPlan && !report) return null;

  return (
    <Stack gap="lg" mt="md" data-testid="assessment-work">
      {register && (
        <>
          <Divider />
          <RiskRegister detail={detail} step={step} />
        </>
      )}
      {findings && (
        <>
          <Divider />
          <Findings detail={detail} />
        </>
      )}
      {assessment && (
        <>
          <Divider />
          <AssessmentPanel detail={detail} />
        </>
      )}
      {controlPlan && (
        <>
          <Divider />
          <ControlPlanPanel detail={detail} />
        </>
      )}
      {assessment && (
        <>
          <Divider />
          <OfficialRecordPanel caseId={detail.id} />
        </>
      )}
      {report && (
        <>
          <Divider />
          <ReportPanel detail={detail} step={step} />
        </>
      )}
    </Stack>
  );
}
