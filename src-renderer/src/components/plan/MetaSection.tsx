import { Button, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlanMeta, type Plan } from '../../../../src-main/contract/plan';
import type { FieldErrors } from '../../lib/field-errors';
import { useFormErrors } from '../../lib/form-errors';
import { usePlanStore } from '../../stores/plan';
import { FormIssues } from '../FormIssues';
import { Section } from '../kit/Section';

/** The plan's dates, resources and notes, saved together. */
export function MetaSection({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const updateMeta = usePlanStore((s) => s.updateMeta);
  const [resources, setResources] = useState(plan.resources);
  const [startsOn, setStartsOn] = useState(plan.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(plan.endsOn ?? '');
  const [notes, setNotes] = useState(plan.notes);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['resources', 'startsOn', 'endsOn', 'notes']);

  const changed =
    resources !== plan.resources ||
    startsOn !== (plan.startsOn ?? '') ||
    endsOn !== (plan.endsOn ?? '') ||
    notes !== plan.notes;

  const save = async () => {
    const meta = { resources, startsOn: startsOn || null, endsOn: endsOn || null, notes };
    const extra: FieldErrors = startsOn && endsOn && endsOn < startsOn ? { endsOn: { key: 'endBeforeStart' } } : {};
    if (!errors.check(PlanMeta, meta, extra)) return;
    setBusy(true);
    const result = await updateMeta(meta);
    setBusy(false);
    if (!result.ok) errors.fromServer(result.error);
  };

  return (
    <Section id="plan-meta" title={t('plan.meta.title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Group align="flex-start" gap="sm">
            <TextInput
              type="date"
              label={t('plan.meta.startsOn')}
              value={startsOn}
              onChange={(e) => {
                setStartsOn(e.currentTarget.value);
                errors.clear('endsOn');
              }}
              error={errors.message('startsOn')}
              w={180}
            />
            <TextInput
              type="date"
              label={t('plan.meta.endsOn')}
              value={endsOn}
              onChange={(e) => {
                setEndsOn(e.currentTarget.value);
                errors.clear('endsOn');
              }}
              error={errors.message('endsOn')}
              w={180}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Textarea
              label={t('plan.meta.resources')}
              placeholder={t('plan.meta.resourcesPlaceholder')}
              value={resources}
              onChange={(e) => setResources(e.currentTarget.value)}
              error={errors.message('resources')}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('plan.meta.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={errors.message('notes')}
              autosize
              minRows={2}
            />
          </SimpleGrid>
          <FormIssues failure={errors.failure} unplaced={errors.unplaced} />
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={busy} disabled={!changed}>
              {t('plan.meta.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
