import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../../../src-main/contract/plan';
import { RecordTable } from '../kit/RecordTable';
import { EditRemoveActions, RowAction } from '../kit/RowActions';
import { Section } from '../kit/Section';
import type { PlanSectionProps } from './plan-dialogs';

/** The sites of the case, each with the number of checklists planned there. */
export function SitesSection({ plan, onDialog, onRemove }: PlanSectionProps) {
  const { t } = useTranslation();
  const perSite = new Map<string, number>();
  for (const p of plan.procedures) if (p.siteId) perSite.set(p.siteId, (perSite.get(p.siteId) ?? 0) + 1);
  return (
    <Section
      id="plan-sites"
      title={t('plan.sites.title')}
      count={plan.sites.length}
      actions={
        <Button size="xs" variant="light" onClick={() => onDialog({ type: 'site', site: null })}>
          {t('plan.sites.add')}
        </Button>
      }
    >
      <RecordTable<Site>
        testId="sites-table"
        rowTestId="site-row"
        rows={plan.sites}
        rowKey={(site) => site.id}
        empty={t('plan.sites.empty')}
        columns={[
          { key: 'name', header: t('plan.sites.name'), fw: 500, cell: (site) => site.name },
          { key: 'kind', header: t('plan.sites.kind'), cell: (site) => t(`siteKinds.${site.kind}`) },
          {
            key: 'address',
            priority: 2,
            header: t('plan.sites.address'),
            cell: (site) => (
              <Text size="sm" lineClamp={2}>
                {site.address || '—'}
              </Text>
            ),
          },
          { key: 'checklists', priority: 3, header: t('plan.sites.checklists'), cell: (site) => perSite.get(site.id) ?? 0 },
        ]}
        actionsWidth={110}
        actions={(site) => (
          <EditRemoveActions
            justify="flex-end"
            iconSize={15}
            editLabel={t('plan.sites.edit')}
            removeLabel={t('plan.remove.confirm')}
            onEdit={() => onDialog({ type: 'site', site })}
            onRemove={() => onRemove({ kind: 'Site', id: site.id, name: site.name })}
          >
            <RowAction
              label={t('plan.procedures.addFor', { site: site.name })}
              onClick={() => onDialog({ type: 'procedure', procedure: null, siteId: site.id })}
            >
              <Text size="sm" fw={700} lh={1}>
                +
              </Text>
            </RowAction>
          </EditRemoveActions>
        )}
      />
    </Section>
  );
}
