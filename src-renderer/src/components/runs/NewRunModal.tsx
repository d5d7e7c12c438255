import { Autocomplete, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../../src-main/contract/checklist-template';
import type { Site } from '../../../../src-main/contract/plan';
import { todayIso } from '../../lib/format';
import { useFormErrors } from '../../lib/form-errors';
import { localized } from '../../lib/localized';
import { useRouteStore } from '../../stores/route';
import { useCaseRunsStore } from '../../stores/runs';
import { fetchTemplate } from '../../stores/templates';
import { FormDialog } from '../kit/FormDialog';
import { useTemplateOptions, WHOLE_CASE } from '../plan/PlanModals';

type Field = ChecklistTemplate['runMetadata'][number];

function nowTime(): string {
  const now = new Date();
  return `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}

/** The run fields a template asks for, with today's date and the current time filled in as a start. */
function initialValues(fields: Field[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (field.type === 'date') values[field.id] = todayIso();
    else if (field.type === 'time') values[field.id] = nowTime();
    else values[field.id] = '';
  }
  return values;
}

/** Start a checklist run for the case: which template, at which site, a label, and the template's run fields. */
export function NewRunModal({
  caseId,
  sites,
  people,
  preferStep,
  defaultTemplateId,
  defaultSiteId,
  onClose,
}: {
  caseId: string;
  sites: readonly Site[];
  people: string[];
  preferStep?: number;
  defaultTemplateId?: string | null;
  defaultSiteId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCaseRunsStore((s) => s.create);
  const navigate = useRouteStore((s) => s.navigate);
  const templateOptions = useTemplateOptions(preferStep);
  const [templateId, setTemplateId] = useState<string | null>(defaultTemplateId ?? null);
  const [template, setTemplate] = useState<ChecklistTemplate | null>(null);
  const [siteId, setSiteId] = useState<string>(defaultSiteId ?? (sites.length === 1 ? (sites[0]?.id ?? WHOLE_CASE) : WHOLE_CASE));
  const [label, setLabel] = useState('');
  const [metadata, setMetadata] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const fields = template?.runMetadata ?? [];
  const errors = useFormErrors(['templateId', 'siteId', 'label', ...fields.map((f) => `metadata.${f.id}`)]);

  useEffect(() => {
    if (!templateId) return;
    let live = true;
    void fetchTemplate(templateId).then((result) => {
      if (!live || !result.ok) return;
      setTemplate(result.value.template);
      setMetadata(initialValues(result.value.template.runMetadata));
    });
    return () => {
      live = false;
    };
  }, [templateId]);

  const submit = async () => {
    if (!templateId) {
      errors.show({ templateId: { key: 'choose' } });
      return;
    }
    errors.reset();
    setBusy(true);
    const result = await create({
      caseId,
      siteId: siteId === WHOLE_CASE ? null : siteId,
      templateId,
      label,
      metadata,
    });
    setBusy(false);
    if (result.ok) {
      onClose();
      navigate({ name: 'run', id: result.value.id });
    } else {
      errors.fromServer(result.error);
    }
  };

  const siteOptions = [
    { value: WHOLE_CASE, label: t('plan.procedures.wholeCase') },
    ...sites.map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <FormDialog
      title={t('runs.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      errors={errors}
      testId="new-run-form"
      saveLabel={t('runs.start')}
    >
      <Select
        label={t('runs.template')}
        placeholder={t('plan.procedures.checklistPlaceholder')}
        data={templateOptions}
        value={templateId}
        onChange={(value) => {
          setTemplateId(value);
          setTemplate(null);
          errors.clear('templateId');
        }}
        error={errors.message('templateId')}
        withAsterisk
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('plan.procedures.nothingFound')}
        maxDropdownHeight={320}
        data-autofocus
      />
      <Group grow align="flex-start">
        <Select
          label={t('runs.site')}
          data={siteOptions}
          value={siteId}
          onChange={(value) => setSiteId(value ?? WHOLE_CASE)}
          error={errors.message('siteId')}
          allowDeselect={false}
        />
        <TextInput
          label={t('runs.label')}
          placeholder={t('runs.labelPlaceholder')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={errors.message('label')}
        />
      </Group>
      {template && fields.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('runs.metadata')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('runs.metadataHint')}
          </Text>
          <MetadataFields fields={fields} people={people} values={metadata} setValues={setMetadata} errors={errors} />
        </Stack>
      )}
    </FormDialog>
  );
}

/** The run fields of a template, two to a row (the new-run dialog and the run header's details). */
export function MetadataFields({
  fields,
  people,
  values,
  setValues,
  errors,
}: {
  fields: readonly Field[];
  people: string[];
  values: Record<string, string>;
  setValues: Dispatch<SetStateAction<Record<string, string>>>;
  /** The form's errors; a field's are at `metadata.<id>`, as the contract reports them. */
  errors: { message(path: string): string | undefined; clear(path: string): void };
}) {
  const { i18n } = useTranslation();
  return (
    <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
      {fields.map((field) => (
        <MetadataInput
          key={field.id}
          field={field}
          language={i18n.language}
          people={people}
          value={values[field.id] ?? ''}
          error={errors.message(`metadata.${field.id}`)}
          onChange={(value) => {
            setValues((v) => ({ ...v, [field.id]: value }));
            errors.clear(`metadata.${field.id}`);
          }}
        />
      ))}
    </SimpleGrid>
  );
}

/** One run field: text, date, time, or a person (suggesting the case's team). */
export function MetadataInput({
  field,
  language,
  people,
  value,
  error,
  onChange,
  onBlur,
  size = 'sm',
}: {
  field: Field;
  language: string;
  people: string[];
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
  size?: 'xs' | 'sm';
}) {
  const label = localized(field.label, language);
  if (field.type === 'person') {
    return (
      <Autocomplete
        size={size}
        label={label}
        data={people}
        value={value}
        onChange={onChange}
        onBlur={onBlur}
        error={error}
        withAsterisk={field.required}
        data-testid={`meta-${field.id}`}
      />
    );
  }
  return (
    <TextInput
      size={size}
      type={field.type === 'date' ? 'date' : field.type === 'time' ? 'time' : 'text'}
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={onBlur}
      error={error}
      withAsterisk={field.required}
      data-testid={`meta-${field.id}`}
    />
  );
}
