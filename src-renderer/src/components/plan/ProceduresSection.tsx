import { Button, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../src-main/contract/plan';
import { localized } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useTemplatesStore } from '../../stores/templates';
import { IconDown, IconPlay, IconUp } from '../icons';
import { RecordTable } from '../kit/RecordTable';
import { EditRemoveActions, RowAction } from '../kit/RowActions';
import { Section } from '../kit/Section';
import type { PlanSectionProps } from './plan-dialogs';

/** The checklists to run, in the order the validators will work through them, each at a site or the whole case. */
export function ProceduresSection({ plan, onDialog, onRemove }: PlanSectionProps) {
  const { t, i18n } = useTranslation();
  const move = usePlanStore((s) => s.move);
  const templates = useTemplatesStore((s) => s.items);
  const titleOf = (templateId: string) => {
    const tpl = templates.find((x) => x.templateId === templateId && x.latest);
    return tpl ? localized(tpl.title, i18n.language) : templateId;
  };
  const siteName = new Map(plan.sites.map((s) => [s.id, s.name]));
  const last = plan.procedures.length - 1;
  return (
    <Section
      id="plan-procedures"
      title={t('plan.procedures.title')}
      count={plan.procedures.length}
      actions={
        <Button size="xs" variant="light" onClick={() => onDialog({ type: 'procedure', procedure: null })}>
          {t('plan.procedures.add')}
        </Button>
      }
    >
      <Text size="xs" c="dimmed">
        {t('plan.procedures.intro')}
      </Text>
      <RecordTable<Procedure>
        testId="procedures-table"
        rowTestId="procedure-row"
        rows={plan.procedures}
        rowKey={(procedure) => procedure.id}
        empty={t('plan.procedures.empty')}
        columns={[
          {
            key: 'order',
            header: t('plan.procedures.order'),
            width: 36,
            c: 'dimmed',
            style: { fontVariantNumeric: 'tabular-nums' },
            cell: (_procedure, index) => index + 1,
          },
          {
            key: 'checklist',
            header: t('plan.procedures.checklist'),
            cell: (procedure) => (
              <>
                <Text size="sm" fw={500} lh={1.3}>
                  {titleOf(procedure.templateId)}
                </Text>
                <Code fz={11}>{procedure.templateId}</Code>
              </>
            ),
          },
          {
            key: 'site',
            priority: 2,
            header: t('plan.procedures.site'),
            cell: (procedure) =>
              procedure.siteId ? (siteName.get(procedure.siteId) ?? '—') : t('plan.procedures.wholeCase'),
          },
          {
            key: 'notes',
            priority: 3,
            header: t('plan.procedures.notes'),
            cell: (procedure) => (
              <Text size="sm" lineClamp={2}>
                {procedure.notes || '—'}
              </Text>
            ),
          },
        ]}
        actionsWidth={150}
        actions={(procedure) => {
          const title = titleOf(procedure.templateId);
          const index = plan.procedures.indexOf(procedure);
          return (
            <EditRemoveActions
              justify="flex-end"
              iconSize={15}
              editLabel={t('plan.procedures.edit')}
              removeLabel={t('plan.remove.confirm')}
              onEdit={() => onDialog({ type: 'procedure', procedure })}
              onRemove={() => onRemove({ kind: 'Procedure', id: procedure.id, name: title })}
            >
              <RowAction label={t('plan.procedures.moveUp', { title })} onClick={() => void move(procedure.id, -1)} disabled={index === 0}>
                <IconUp size={15} />
              </RowAction>
              <RowAction
                label={t('plan.procedures.moveDown', { title })}
                onClick={() => void move(procedure.id, 1)}
                disabled={index === last}
              >
                <IconDown size={15} />
              </RowAction>
              <RowAction
                label={t('plan.procedures.startRun', { title })}
                color="blue"
                onClick={() => onDialog({ type: 'run', templateId: procedure.templateId, siteId: procedure.siteId })}
              >
                <IconPlay size={13} />
              </RowAction>
            </EditRemoveActions>
          );
        }}
      />
    </Section>
  );
}
