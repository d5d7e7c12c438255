import { Divider, Loader, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { usePlanStore } from '../../stores/plan';
import { ErrorAlert } from '../ErrorAlert';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { casePeople } from '../runs/CaseRuns';
import { NewRunModal } from '../runs/NewRunModal';
import { InterviewsSection } from './InterviewsSection';
import { MetaSection } from './MetaSection';
import type { PlanDialog, PlanRemoval } from './plan-dialogs';
import { InterviewModal, ProcedureModal, SiteModal, VisitModal } from './PlanModals';
import { ProceduresSection } from './ProceduresSection';
import { SitesSection } from './SitesSection';
import { VisitsSection } from './VisitsSection';
import { usePick } from '../../stores/pick';

/** Step 1, the validation plan: sites, the checklists for each and their order, visits, interviews, resources. */
export function PlanEditor({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const plan = usePlanStore((s) => (s.caseId === detail.id ? s.plan : null));
  const { status, error, actionError, remove } = usePick(usePlanStore, 'status', 'error', 'actionError', 'remove');
  // The plan's dialogs are of five kinds, so which one is open is its own state; removals share one confirm.
  const [dialog, setDialog] = useState<PlanDialog | null>(null);
  const removals = useCrudDialogs<PlanRemoval>();

  if (!plan) {
    return status === 'error' && error ? <ErrorAlert error={error} /> : <Loader size="sm" aria-label={t('app.loading')} />;
  }

  const close = () => setDialog(null);
  const people = casePeople(detail);
  const sectionProps = { plan, onDialog: setDialog, onRemove: removals.remove };

  return (
    <Stack gap="lg" mt="md" data-testid="plan-editor">
      <Divider />
      {actionError && <ErrorAlert error={actionError} />}
      <SitesSection {...sectionProps} />
      <ProceduresSection {...sectionProps} />
      <VisitsSection {...sectionProps} />
      <InterviewsSection {...sectionProps} />
      <MetaSection key={`${plan.resources}|${plan.startsOn}|${plan.endsOn}|${plan.notes}`} plan={plan} />

      {dialog?.type === 'site' && <SiteModal caseId={detail.id} site={dialog.site} onClose={close} />}
      {dialog?.type === 'visit' && (
        <VisitModal caseId={detail.id} visit={dialog.visit} sites={plan.sites} people={people} onClose={close} />
      )}
      {dialog?.type === 'interview' && <InterviewModal caseId={detail.id} interview={dialog.interview} onClose={close} />}
      {dialog?.type === 'procedure' && (
        <ProcedureModal
          caseId={detail.id}
          procedure={dialog.procedure}
          sites={plan.sites}
          defaultSiteId={dialog.siteId}
          onClose={close}
        />
      )}
      {dialog?.type === 'run' && (
        <NewRunModal
          caseId={detail.id}
          sites={plan.sites}
          people={people}
          defaultTemplateId={dialog.templateId}
          defaultSiteId={dialog.siteId}
          onClose={close}
        />
      )}
      {removals.confirm({
        title: t('plan.remove.title'),
        message: (removal) => t('plan.remove.message', { name: removal.name }),
        confirmLabel: t('plan.remove.confirm'),
        onConfirm: (removal) => remove(removal.kind, removal.id),
      })}
    </Stack>
  );
}
