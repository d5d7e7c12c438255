import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PlanMeta, type Plan } from '../../../../src-main/contract/plan';
import { useDraftForm } from '../../lib/draft-form';
import type { FieldErrors } from '../../lib/field-errors';
import { usePlanStore } from '../../stores/plan';
import { FormFields } from '../kit/FormFields';
import { InlineForm } from '../kit/InlineForm';
import { Section } from '../kit/Section';

/** The plan's dates, resources and notes, saved together. */
export function MetaSection({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const updateMeta = usePlanStore((s) => s.updateMeta);
  const draft = useDraftForm({
    initialValues: { resources: plan.resources, startsOn: plan.startsOn ?? '', endsOn: plan.endsOn ?? '', notes: plan.notes },
    schema: PlanMeta,
    toDraft: (v) => ({ ...v, startsOn: v.startsOn || null, endsOn: v.endsOn || null }),
    extra: (v): FieldErrors => (v.startsOn && v.endsOn && v.endsOn < v.startsOn ? { endsOn: { key: 'endBeforeStart' } } : {}),
  });
  const { form, inputProps, submit } = draft;
  // What was saved is the new starting point: Save is live again only after the next change.
  const onSubmit = () => submit(updateMeta, () => form.resetDirty());
  // Either date moving can mend "ends before it starts", which sits on the end date.
  const dateProps = (path: 'startsOn' | 'endsOn') => ({
    ...inputProps(path),
    onChange: (event: { currentTarget: { value: string } }) => {
      form.setFieldValue(path, event.currentTarget.value);
      form.clearFieldError('endsOn');
    },
  });

  return (
    <Section id="plan-meta" title={t('plan.meta.title')}>
      <InlineForm form={draft} onSubmit={onSubmit} saveLabel={t('plan.meta.save')} size="xs">
        <Group align="flex-start" gap="sm">
          <TextInput type="date" label={t('plan.meta.startsOn')} {...dateProps('startsOn')} w={180} />
          <TextInput type="date" label={t('plan.meta.endsOn')} {...dateProps('endsOn')} w={180} />
        </Group>
        <FormFields form={draft} fields={[
            {
              cols: { base: 1, md: 2 },
              row: [
                { kind: 'textarea', name: 'resources', label: t('plan.meta.resources'), placeholder: t('plan.meta.resourcesPlaceholder') },
                { kind: 'textarea', name: 'notes', label: t('plan.meta.notes') },
              ],
            },
          ]} />
      </InlineForm>
    </Section>
  );
}
