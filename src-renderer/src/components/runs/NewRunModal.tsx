import { Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../../src-main/contract/checklist-template';
import type { Site } from '../../../../src-main/contract/plan';
import { runsContract } from '../../../../src-main/contract/runs';
import { useDraftForm } from '../../lib/draft-form';
import type { FieldErrors } from '../../lib/field-errors';
import { todayIso } from '../../lib/format';
import { useRouteStore } from '../../stores/route';
import { useCaseRunsStore } from '../../stores/runs';
import { fetchTemplate } from '../../stores/templates';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, LabelWithHint } from '../kit/FormFields';
import { checklistField, useTemplateOptions, WHOLE_CASE } from '../plan/PlanModals';
import { MetadataFields, type MetadataField } from './MetadataFields';

function nowTime(): string {
  const now = new Date();
  return `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}

/** The run fields a template asks for, with today's date and the current time filled in as a start. */
function initialMetadata(fields: readonly MetadataField[]): Record<string, string> {
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
  const draft = useDraftForm({
    initialValues: {
      templateId: defaultTemplateId ?? (null as string | null),
      siteId: defaultSiteId ?? (sites.length === 1 ? (sites[0]?.id ?? WHOLE_CASE) : WHOLE_CASE),
      label: '',
      metadata: {} as Record<string, string>,
    },
    schema: runsContract['runs:create'].input,
    toDraft: (v) => ({ caseId, siteId: v.siteId === WHOLE_CASE ? null : v.siteId, templateId: v.templateId ?? '', label: v.label, metadata: v.metadata }),
    extra: (v): FieldErrors => (v.templateId ? {} : { templateId: { key: 'choose' } }),
  });
  // The chosen template's run fields; shown once the template that is chosen now has loaded.
  const [loaded, setLoaded] = useState<ChecklistTemplate | null>(null);
  const { form, values, inputProps, submit } = draft;
  const template = loaded && loaded.id === values.templateId ? loaded : null;
  const fields = template?.runMetadata ?? [];

  // Loads the chosen template once and starts its run fields afresh (Mantine's form functions change identity
  // with each render, so the check on `loaded` is what keeps a keystroke from re-filling them).
  const { templateId } = values;
  const { setFieldValue } = form;
  useEffect(() => {
    if (!templateId || loaded?.id === templateId) return;
    let live = true;
    void fetchTemplate(templateId).then((result) => {
      if (!live || !result.ok) return;
      setLoaded(result.value.template);
      setFieldValue('metadata', initialMetadata(result.value.template.runMetadata));
    });
    return () => {
      live = false;
    };
  }, [templateId, loaded, setFieldValue]);

  const onSubmit = () =>
    submit(create, (run) => {
      onClose();
      navigate({ name: 'run', id: run.id });
    });

  const siteOptions = [
    { value: WHOLE_CASE, label: t('plan.procedures.wholeCase') },
    ...sites.map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <FormDialog form={draft} title={t('runs.newTitle')} testId="new-run-form" saveLabel={t('runs.start')} onClose={onClose} onSubmit={onSubmit}>
      <FormFields form={draft} fields={[
          checklistField(t, templateOptions),
          {
            row: [
              { kind: 'select', name: 'siteId', label: t('runs.site'), options: siteOptions },
              { kind: 'text', name: 'label', label: t('runs.label'), placeholder: t('runs.labelPlaceholder') },
            ],
          },
        ]} />
      {template && fields.length > 0 && (
        <Stack gap={4}>
          <LabelWithHint label={t('runs.metadata')} hint={t('runs.metadataHint')} />
          <MetadataFields fields={fields} people={people} inputProps={inputProps} />
        </Stack>
      )}
    </FormDialog>
  );
}
