import type { TFunction } from 'i18next';
import { Checkbox, Group, TextInput, type ComboboxData } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { validationSteps } from '../../../../src-main/contract/cases';
import {
  InterviewDraft,
  ProcedureDraft,
  SiteDraft,
  VisitDraft,
  siteKinds,
  type Interview,
  type Procedure,
  type Site,
  type Visit,
} from '../../../../src-main/contract/plan';
import type { FieldErrors } from '../../lib/field-errors';
import { localized } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useTemplatesStore } from '../../stores/templates';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, optionsOf } from '../kit/FormFields';
import { startValues, useDraftForm } from '../../lib/draft-form';

export function SiteModal({ caseId, site, onClose }: { caseId: string; site: Site | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveSite = usePlanStore((s) => s.saveSite);
  const draft = useDraftForm({
    initialValues: { name: site?.name ?? '', kind: (site?.kind ?? null) as string | null, address: site?.address ?? '' },
    schema: SiteDraft,
    toDraft: (v) => ({ caseId, ...(site ? { id: site.id } : {}), name: v.name, kind: v.kind ?? undefined, address: v.address }),
  });

  return (
    <FormDialog form={draft} title={site ? t('plan.sites.edit') : t('plan.sites.add')} testId="site-form" onClose={onClose} onSubmit={() => draft.submit(saveSite, onClose)}>
      <FormFields form={draft} fields={[
          { kind: 'text', name: 'name', label: t('plan.sites.name'), placeholder: t('plan.sites.namePlaceholder'), required: true, autofocus: true },
          { kind: 'select', name: 'kind', label: t('plan.sites.kind'), placeholder: t('plan.sites.kindPlaceholder'), options: optionsOf(siteKinds, (k) => t(`siteKinds.${k}`)), required: true },
          { kind: 'textarea', name: 'address', label: t('plan.sites.address') },
        ]} />
    </FormDialog>
  );
}

function useSiteOptions(sites: readonly Site[]) {
  return useMemo(() => sites.map((s) => ({ value: s.id, label: s.name })), [sites]);
}

export function VisitModal({
  caseId,
  visit,
  sites,
  people,
  onClose,
}: {
  caseId: string;
  visit: Visit | null;
  sites: readonly Site[];
  people: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const saveVisit = usePlanStore((s) => s.saveVisit);
  const siteOptions = useSiteOptions(sites);
  const draft = useDraftForm({
    // A new visit goes to the only site when there is one.
    initialValues: startValues(visit, {
      siteId: sites.length === 1 ? (sites[0]?.id ?? null) : null,
      date: '',
      startTime: '',
      endTime: '',
      validators: [] as string[],
      notes: '',
    }),
    schema: VisitDraft,
    toDraft: (v) => ({
      caseId,
      ...(visit ? { id: visit.id } : {}),
      ...v,
      siteId: v.siteId ?? undefined,
      startTime: v.startTime || null,
      endTime: v.endTime || null,
    }),
    extra: (v): FieldErrors => (v.startTime && v.endTime && v.endTime <= v.startTime ? { endTime: { key: 'endBeforeStart' } } : {}),
  });

  return (
    <FormDialog form={draft} title={visit ? t('plan.visits.edit') : t('plan.visits.add')} testId="visit-form" onClose={onClose} onSubmit={() => draft.submit(saveVisit, onClose)}>
      <FormFields form={draft} fields={[
          { kind: 'select', name: 'siteId', label: t('plan.visits.site'), placeholder: t('plan.visits.sitePlaceholder'), options: siteOptions, required: true, autofocus: true },
          {
            row: [
              { kind: 'date', name: 'date', label: t('plan.visits.date'), required: true },
              { kind: 'time', name: 'startTime', label: t('plan.visits.startTime') },
              { kind: 'time', name: 'endTime', label: t('plan.visits.endTime') },
            ],
          },
          { kind: 'tags', name: 'validators', label: t('plan.visits.validators'), placeholder: t('plan.visits.validatorsPlaceholder'), options: people, clearable: true },
          { kind: 'textarea', name: 'notes', label: t('plan.visits.notes') },
        ]} />
    </FormDialog>
  );
}

export function InterviewModal({ caseId, interview, onClose }: { caseId: string; interview: Interview | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveInterview = usePlanStore((s) => s.saveInterview);
  const draft = useDraftForm({
    initialValues: startValues(interview, { person: '', role: '', topics: [] as string[], date: '', held: false, notes: '' }),
    schema: InterviewDraft,
    toDraft: (v) => ({ caseId, ...(interview ? { id: interview.id } : {}), ...v, date: v.date || null }),
  });

  return (
    <FormDialog form={draft} title={interview ? t('plan.interviews.edit') : t('plan.interviews.add')} testId="interview-form" onClose={onClose}
      onSubmit={() => draft.submit(saveInterview, onClose)}>
      <FormFields form={draft} fields={[
          {
            row: [
              { kind: 'text', name: 'person', label: t('plan.interviews.person'), required: true, autofocus: true },
              { kind: 'text', name: 'role', label: t('plan.interviews.role'), placeholder: t('plan.interviews.rolePlaceholder') },
            ],
          },
          { kind: 'tags', name: 'topics', label: t('plan.interviews.topics'), placeholder: t('plan.interviews.topicsPlaceholder'), clearable: true },
          <Group align="flex-end">
            <TextInput type="date" label={t('plan.interviews.date')} {...draft.inputProps('date')} w={180} />
            <Checkbox label={t('plan.interviews.held')} {...draft.inputProps('held', { type: 'checkbox' })} mb={8} />
          </Group>,
          { kind: 'textarea', name: 'notes', label: t('plan.interviews.notes') },
        ]} />
    </FormDialog>
  );
}

export const WHOLE_CASE = '__case__';

export function ProcedureModal({
  caseId,
  procedure,
  sites,
  defaultSiteId,
  onClose,
}: {
  caseId: string;
  procedure: Procedure | null;
  sites: readonly Site[];
  defaultSiteId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const saveProcedure = usePlanStore((s) => s.saveProcedure);
  const initialSite = procedure ? (procedure.siteId ?? WHOLE_CASE) : (defaultSiteId ?? sites[0]?.id ?? WHOLE_CASE);
  const draft = useDraftForm({
    initialValues: { siteId: initialSite as string | null, templateId: (procedure?.templateId ?? null) as string | null, notes: procedure?.notes ?? '' },
    schema: ProcedureDraft,
    toDraft: (v) => ({
      caseId,
      ...(procedure ? { id: procedure.id } : {}),
      siteId: v.siteId === WHOLE_CASE || v.siteId === null ? null : v.siteId,
      templateId: v.templateId ?? '',
      notes: v.notes,
    }),
    extra: (v): FieldErrors => (v.templateId ? {} : { templateId: { key: 'choose' } }),
  });

  const templateOptions = useTemplateOptions();
  const siteOptions = [
    { value: WHOLE_CASE, label: t('plan.procedures.wholeCase') },
    ...sites.map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <FormDialog form={draft} title={procedure ? t('plan.procedures.edit') : t('plan.procedures.add')} testId="procedure-form" onClose={onClose}
      onSubmit={() => draft.submit(saveProcedure, onClose)}>
      <FormFields form={draft} fields={[
          { kind: 'select', name: 'siteId', label: t('plan.procedures.site'), options: siteOptions },
          { ...checklistField(t, templateOptions), label: t('plan.procedures.checklist') },
          { kind: 'textarea', name: 'notes', label: t('plan.procedures.notes') },
        ]} />
    </FormDialog>
  );
}

/** The checklist to run: a required, searchable choice among the latest templates, grouped by step. */
export const checklistField = (t: TFunction, options: ComboboxData) =>
  ({
    kind: 'select',
    name: 'templateId',
    label: t('runs.template'),
    placeholder: t('plan.procedures.checklistPlaceholder'),
    options,
    required: true,
    searchable: true,
    nothingFound: t('plan.procedures.nothingFound'),
    maxDropdownHeight: 320,
    autofocus: true,
  }) as const;

/** Latest templates as Select options, grouped by the validation step they serve, titles in the UI language. */
export function useTemplateOptions(preferStep?: number) {
  const { t, i18n } = useTranslation();
  const templates = useTemplatesStore((s) => s.items);
  return useMemo(() => {
    const latest = templates.filter((tpl) => tpl.latest);
    const steps = [...new Set(latest.map((tpl) => tpl.step))].sort((a, b) =>
      a === preferStep ? -1 : b === preferStep ? 1 : a - b,
    );
    return steps.map((step) => ({
      group: t('library.stepGroup', { n: step, name: stepName(step, t) }),
      items: latest
        .filter((tpl) => tpl.step === step)
        .map((tpl) => ({ value: tpl.templateId, label: localized(tpl.title, i18n.language) })),
    }));
  }, [templates, t, i18n.language, preferStep]);
}

export function stepName(step: number, t: TFunction): string {
  const key = validationSteps[step - 1];
  return key ? t(`steps.${key}.name`) : String(step);
}
