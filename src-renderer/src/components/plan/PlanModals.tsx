import type { TFunction } from 'i18next';
import { Checkbox, Group, Select, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
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
import type { Result } from '../../../../src-main/contract/result';
import type { FieldErrors } from '../../lib/field-errors';
import { useFormErrors } from '../../lib/form-errors';
import { localized } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useTemplatesStore } from '../../stores/templates';
import { FormDialog } from '../kit/FormDialog';

type Errors = ReturnType<typeof useFormErrors>;

/** Runs a save and closes on success; the service's issues land on the fields. */
function useSubmit(errors: Errors, onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const submit = async (save: () => Promise<Result<unknown>>) => {
    setBusy(true);
    const result = await save();
    setBusy(false);
    if (result.ok) onClose();
    else errors.fromServer(result.error);
  };
  return { busy, submit };
}

export function SiteModal({ caseId, site, onClose }: { caseId: string; site: Site | null; onClose: () => void }) {
  const { t } = useTranslation();
  const saveSite = usePlanStore((s) => s.saveSite);
  const [name, setName] = useState(site?.name ?? '');
  const [kind, setKind] = useState<string | null>(site?.kind ?? null);
  const [address, setAddress] = useState(site?.address ?? '');
  const errors = useFormErrors(['name', 'kind', 'address']);
  const { busy, submit } = useSubmit(errors, onClose);

  const onSubmit = async () => {
    const draft = { caseId, ...(site ? { id: site.id } : {}), name, kind: kind ?? undefined, address };
    if (!errors.check(SiteDraft, draft)) return;
    await submit(() => saveSite(SiteDraft.parse(draft)));
  };

  return (
    <FormDialog
      title={site ? t('plan.sites.edit') : t('plan.sites.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="site-form"
    >
      <TextInput
        label={t('plan.sites.name')}
        placeholder={t('plan.sites.namePlaceholder')}
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          errors.clear('name');
        }}
        error={errors.message('name')}
        withAsterisk
        data-autofocus
      />
      <Select
        label={t('plan.sites.kind')}
        placeholder={t('plan.sites.kindPlaceholder')}
        data={siteKinds.map((k) => ({ value: k, label: t(`siteKinds.${k}`) }))}
        value={kind}
        onChange={(value) => {
          setKind(value);
          errors.clear('kind');
        }}
        error={errors.message('kind')}
        withAsterisk
        allowDeselect={false}
      />
      <Textarea
        label={t('plan.sites.address')}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={errors.message('address')}
        autosize
        minRows={2}
      />
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
  const [siteId, setSiteId] = useState<string | null>(visit?.siteId ?? (sites.length === 1 ? (sites[0]?.id ?? null) : null));
  const [date, setDate] = useState(visit?.date ?? '');
  const [startTime, setStartTime] = useState(visit?.startTime ?? '');
  const [endTime, setEndTime] = useState(visit?.endTime ?? '');
  const [validators, setValidators] = useState<string[]>(visit?.validators ?? []);
  const [notes, setNotes] = useState(visit?.notes ?? '');
  const errors = useFormErrors(['siteId', 'date', 'startTime', 'endTime', 'validators', 'notes']);
  const { busy, submit } = useSubmit(errors, onClose);
  const siteOptions = useSiteOptions(sites);

  const onSubmit = async () => {
    const draft = {
      caseId,
      ...(visit ? { id: visit.id } : {}),
      siteId: siteId ?? undefined,
      date,
      startTime: startTime || null,
      endTime: endTime || null,
      validators,
      notes,
    };
    const extra: FieldErrors = startTime && endTime && endTime <= startTime ? { endTime: { key: 'endBeforeStart' } } : {};
    if (!errors.check(VisitDraft, draft, extra)) return;
    await submit(() => saveVisit(VisitDraft.parse(draft)));
  };

  return (
    <FormDialog
      title={visit ? t('plan.visits.edit') : t('plan.visits.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="visit-form"
    >
      <Select
        label={t('plan.visits.site')}
        placeholder={t('plan.visits.sitePlaceholder')}
        data={siteOptions}
        value={siteId}
        onChange={(value) => {
          setSiteId(value);
          errors.clear('siteId');
        }}
        error={errors.message('siteId')}
        withAsterisk
        allowDeselect={false}
        data-autofocus
      />
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('plan.visits.date')}
          value={date}
          onChange={(e) => {
            setDate(e.currentTarget.value);
            errors.clear('date');
          }}
          error={errors.message('date')}
          withAsterisk
        />
        <TextInput
          type="time"
          label={t('plan.visits.startTime')}
          value={startTime}
          onChange={(e) => {
            setStartTime(e.currentTarget.value);
            errors.clear('startTime');
          }}
          error={errors.message('startTime')}
        />
        <TextInput
          type="time"
          label={t('plan.visits.endTime')}
          value={endTime}
          onChange={(e) => {
            setEndTime(e.currentTarget.value);
            errors.clear('endTime');
          }}
          error={errors.message('endTime')}
        />
      </Group>
      <TagsInput
        label={t('plan.visits.validators')}
        placeholder={t('plan.visits.validatorsPlaceholder')}
        data={people}
        value={validators}
        onChange={setValidators}
        error={errors.message('validators')}
        clearable
      />
      <Textarea
        label={t('plan.visits.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={errors.message('notes')}
        autosize
        minRows={2}
      />
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
  const [person, setPerson] = useState(interview?.person ?? '');
  const [role, setRole] = useState(interview?.role ?? '');
  const [topics, setTopics] = useState<string[]>(interview?.topics ?? []);
  const [date, setDate] = useState(interview?.date ?? '');
  const [held, setHeld] = useState(interview?.held ?? false);
  const [notes, setNotes] = useState(interview?.notes ?? '');
  const errors = useFormErrors(['person', 'role', 'topics', 'date', 'held', 'notes']);
  const { busy, submit } = useSubmit(errors, onClose);

  const onSubmit = async () => {
    const draft = {
      caseId,
      ...(interview ? { id: interview.id } : {}),
      person,
      role,
      topics,
      date: date || null,
      held,
      notes,
    };
    if (!errors.check(InterviewDraft, draft)) return;
    await submit(() => saveInterview(InterviewDraft.parse(draft)));
  };

  return (
    <FormDialog
      title={interview ? t('plan.interviews.edit') : t('plan.interviews.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="interview-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('plan.interviews.person')}
          value={person}
          onChange={(e) => {
            setPerson(e.currentTarget.value);
            errors.clear('person');
          }}
          error={errors.message('person')}
          withAsterisk
          data-autofocus
        />
        <TextInput
          label={t('plan.interviews.role')}
          placeholder={t('plan.interviews.rolePlaceholder')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          error={errors.message('role')}
        />
      </Group>
      <TagsInput
        label={t('plan.interviews.topics')}
        placeholder={t('plan.interviews.topicsPlaceholder')}
        value={topics}
        onChange={setTopics}
        error={errors.message('topics')}
        clearable
      />
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('plan.interviews.date')}
          value={date}
          onChange={(e) => {
            setDate(e.currentTarget.value);
            errors.clear('date');
          }}
          error={errors.message('date')}
          w={180}
        />
        <Checkbox
          label={t('plan.interviews.held')}
          checked={held}
          onChange={(e) => setHeld(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <Textarea
        label={t('plan.interviews.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={errors.message('notes')}
        autosize
        minRows={2}
      />
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
  const [siteId, setSiteId] = useState<string | null>(initialSite);
  const [templateId, setTemplateId] = useState<string | null>(procedure?.templateId ?? null);
  const [notes, setNotes] = useState(procedure?.notes ?? '');
  const errors = useFormErrors(['siteId', 'templateId', 'notes']);
  const { busy, submit } = useSubmit(errors, onClose);

  const templateOptions = useTemplateOptions();
  const siteOptions = [
    { value: WHOLE_CASE, label: t('plan.procedures.wholeCase') },
    ...sites.map((s) => ({ value: s.id, label: s.name })),
  ];

  const onSubmit = async () => {
    const draft = {
      caseId,
      ...(procedure ? { id: procedure.id } : {}),
      siteId: siteId === WHOLE_CASE || siteId === null ? null : siteId,
      templateId: templateId ?? '',
      notes,
    };
    const extra: FieldErrors = templateId ? {} : { templateId: { key: 'choose' } };
    if (!errors.check(ProcedureDraft, draft, extra)) return;
    await submit(() => saveProcedure(ProcedureDraft.parse(draft)));
  };

  return (
    <FormDialog
      title={procedure ? t('plan.procedures.edit') : t('plan.procedures.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="procedure-form"
    >
      <Select
        label={t('plan.procedures.site')}
        data={siteOptions}
        value={siteId}
        onChange={setSiteId}
        error={errors.message('siteId')}
        allowDeselect={false}
      />
      <Select
        label={t('plan.procedures.checklist')}
        placeholder={t('plan.procedures.checklistPlaceholder')}
        data={templateOptions}
        value={templateId}
        onChange={(value) => {
          setTemplateId(value);
          errors.clear('templateId');
        }}
        error={errors.message('templateId')}
        withAsterisk
        searchable
        nothingFoundMessage={t('plan.procedures.nothingFound')}
        data-autofocus
        maxDropdownHeight={320}
      />
      <Textarea
        label={t('plan.procedures.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={errors.message('notes')}
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
