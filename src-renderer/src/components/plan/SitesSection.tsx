import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../../../src-main/contract/plan';
import { textColumn } from '../kit/RecordTable';
import { RowAction } from '../kit/RowActions';
import type { PlanSectionProps } from './plan-dialogs';
import { PlanList } from './PlanList';

/** The sites of the case, each with the number of checklists planned there. */
export function SitesSection({ plan, onDialog, onRemove }: PlanSectionProps) {
  const { t } = useTranslation();
  const perSite = new Map<string, number>();
  for (const p of plan.procedures) if (p.siteId) perSite.set(p.siteId, (perSite.get(p.siteId) ?? 0) + 1);
  return (
    <PlanList<Site>
      name="sites"
      onAdd={() => onDialog({ type: 'site', site: null })}
      rows={plan.sites}
      columns={[
        { key: 'name', header: t('plan.sites.name'), fw: 500, cell: (site) => site.name },
        { key: 'kind', header: t('plan.sites.kind'), cell: (site) => t(`siteKinds.${site.kind}`) },
        textColumn('address', t('plan.sites.address'), (site) => site.address, 2),
        { key: 'checklists', priority: 3, header: t('plan.sites.checklists'), cell: (site) => perSite.get(site.id) ?? 0 },
      ]}
      onEdit={(site) => onDialog({ type: 'site', site })}
      onRemove={(site) => onRemove({ kind: 'Site', id: site.id, name: site.name })}
      actionsWidth={110}
      moreActions={(site) => (
        <RowAction
          label={t('plan.procedures.addFor', { site: site.name })}
          onClick={() => onDialog({ type: 'procedure', procedure: null, siteId: site.id })}
        >
          <Text size="sm" fw={700} lh={1}>
            +
          </Text>
        </RowAction>
      )}
    />
  );
}
