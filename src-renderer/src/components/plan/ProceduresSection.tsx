import { Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../src-main/contract/plan';
import { localized } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useTemplatesStore } from '../../stores/templates';
import { IconDown, IconPlay, IconUp } from '../icons';
import { textColumn } from '../kit/RecordTable';
import { RowAction } from '../kit/RowActions';
import type { PlanSectionProps } from './plan-dialogs';
import { PlanList } from './PlanList';

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
    <PlanList<Procedure>
      name="procedures"
      onAdd={() => onDialog({ type: 'procedure', procedure: null })}
      intro={t('plan.procedures.intro')}
      rows={plan.procedures}
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
          cell: (procedure) => (procedure.siteId ? (siteName.get(procedure.siteId) ?? '—') : t('plan.procedures.wholeCase')),
        },
        textColumn('notes', t('plan.procedures.notes'), (procedure) => procedure.notes, 3),
      ]}
      onEdit={(procedure) => onDialog({ type: 'procedure', procedure })}
      onRemove={(procedure) => onRemove({ kind: 'Procedure', id: procedure.id, name: titleOf(procedure.templateId) })}
      actionsWidth={150}
      moreActions={(procedure) => {
        const title = titleOf(procedure.templateId);
        const index = plan.procedures.indexOf(procedure);
        return (
          <>
            <RowAction label={t('plan.procedures.moveUp', { title })} onClick={() => void move(procedure.id, -1)} disabled={index === 0}>
              <IconUp size={15} />
            </RowAction>
            <RowAction label={t('plan.procedures.moveDown', { title })} onClick={() => void move(procedure.id, 1)} disabled={index === last}>
              <IconDown size={15} />
            </RowAction>
            <RowAction
              label={t('plan.procedures.startRun', { title })}
              color="blue"
              onClick={() => onDialog({ type: 'run', templateId: procedure.templateId, siteId: procedure.siteId })}
            >
              <IconPlay size={13} />
            </RowAction>
          </>
        );
      }}
    />
  );
}
