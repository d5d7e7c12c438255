import type { TFunction } from 'i18next';
import { Checkbox, Group, Select, TagsInput, TextInput, Textarea } from '@mantine/core';
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
import { useDraftForm } from '../../lib/draft-form';

export function SiteModal({ caseId, site, onClose }: { caseId: string; site: Site | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveSite = usePlanStore((s) => s.saveSite);
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: { name: site?.name ?? '', kind: (site?.kind ?? null) as string | null, address: site?.address ?? '' },
    schema: SiteDraft,
    toDraft: (v) => ({ caseId, ...(site ? { id: site.id } : {}), name: v.name, kind: v.kind ?? undefined, address: v.address }),
  });

  return (
    <FormDialog
      title={site ? t('plan.sites.edit') : t('plan.sites.add')}
      onClose={onClose}
      onSubmit={() => submit(saveSite, onClose)}
      busy={busy}
      errors={issues}
      testId="site-form"
    >
      <TextInput
        label={t('plan.sites.name')}
        placeholder={t('plan.sites.namePlaceholder')}
        {...inputProps('name')}
        withAsterisk
        data-autofocus
      />
      <Select
        label={t('plan.sites.kind')}
        placeholder={t('plan.sites.kindPlaceholder')}
        data={siteKinds.map((k) => ({ value: k, label: t(`siteKinds.${k}`) }))}
        {...inputProps('kind')}
        withAsterisk
        allowDeselect={false}
      />
      <Textarea label={t('plan.sites.address')} {...inputProps('address')} autosize minRows={2} />
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
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: {
      siteId: visit?.siteId ?? (sites.length === 1 ? (sites[0]?.id ?? null) : null),
      date: visit?.date ?? '',
      startTime: visit?.startTime ?? '',
      endTime: visit?.endTime ?? '',
      validators: visit?.validators ?? [],
      notes: visit?.notes ?? '',
    },
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
    <FormDialog
      title={visit ? t('plan.visits.edit') : t('plan.visits.add')}
      onClose={onClose}
      onSubmit={() => submit(saveVisit, onClose)}
      busy={busy}
      errors={issues}
      testId="visit-form"
    >
      <Select
        label={t('plan.visits.site')}
        placeholder={t('plan.visits.sitePlaceholder')}
        data={siteOptions}
        {...inputProps('siteId')}
        withAsterisk
        allowDeselect={false}
        data-autofocus
      />
      <Group grow align="flex-start">
        <TextInput type="date" label={t('plan.visits.date')} {...inputProps('date')} withAsterisk />
        <TextInput type="time" label={t('plan.visits.startTime')} {...inputProps('startTime')} />
        <TextInput type="time" label={t('plan.visits.endTime')} {...inputProps('endTime')} />
      </Group>
      <TagsInput
        label={t('plan.visits.validators')}
        placeholder={t('plan.visits.validatorsPlaceholder')}
        data={people}
        {...inputProps('validators')}
        clearable
      />
      <Textarea label={t('plan.visits.notes')} {...inputProps('notes')} autosize minRows={2} />
    </FormDialog>
  );
}

export function InterviewModal({
  caseId,
  interview,
  onClose,
}: {
  caseId: string;
  interview: Interview | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const saveInterview = usePlanStore((s) => s.saveInterview);
  const { inputProps, submit, busy, issues } = useDraftForm({
    initialValues: {
      person: interview?.person ?? '',
      role: interview?.role ?? '',
      topics: interview?.topics ?? [],
      date: interview?.date ?? '',
      held: interview?.held ?? false,
      notes: interview?.notes ?? '',
    },
    schema: InterviewDraft,
    toDraft: (v) => ({ caseId, ...(interview ? { id: interview.id } : {}), ...v, date: v.date || null }),
  });

  return (
    <FormDialog
      title={interview ? t('plan.interviews.edit') : t('plan.interviews.add')}
      onClose={onClose}
      onSubmit={() => submit(saveInterview, onClose)}
      busy={busy}
      errors={issues}
      testId="interview-form"
    >
      <Group grow align="flex-start">
        <TextInput label={t('plan.interviews.person')} {...inputProps('person')} withAsterisk data-autofocus />
        <TextInput
          label={t('plan.interviews.role')}
          placeholder={t('plan.interviews.rolePlaceholder')}
          {...inputProps('role')}
        />
      </Group>
      <TagsInput
        label={t('plan.interviews.topics')}
        placeholder={t('plan.interviews.topicsPlaceholder')}
        {...inputProps('topics')}
        clearable
      />
      <Group align="flex-end">
        <TextInput type="date" label={t('plan.interviews.date')} {...inputProps('date')} w={180} />
        <Checkbox label={t('plan.interviews.held')} {...inputProps('held', { type: 'checkbox' })} mb={8} />
      </Group>
      <Textarea label={t('plan.interviews.notes')} {...inputProps('notes')} autosize minRows={2} />
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
  const { inputProps, submit, busy, issues } = useDraftForm({
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
    <FormDialog
      title={procedure ? t('plan.procedures.edit') : t('plan.procedures.add')}
      onClose={onClose}
      onSubmit={() => submit(saveProcedure, onClose)}
      busy={busy}
      errors={issues}
      testId="procedure-form"
    >
      <Select
        label={t('plan.procedures.site')}
        data={siteOptions}
        {...inputProps('siteId')}
        allowDeselect={false}
      />
      <Select
        label={t('plan.procedures.checklist')}
        placeholder={t('plan.procedures.checklistPlaceholder')}
        data={templateOptions}
        {...inputProps('templateId')}
        withAsterisk
        searchable
        nothingFoundMessage={t('plan.procedures.nothingFound')}
        data-autofocus
        maxDropdownHeight={320}
      />
      <Textarea
        label={t('plan.procedures.notes')}
        {...inputProps('notes')}
        autosize
        minRows={2}
      />
    </FormDialog>
  );
}

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
