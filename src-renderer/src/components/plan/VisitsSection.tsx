import { Button, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../src-main/contract/plan';
import { formatDate } from '../../lib/format';
import { RecordTable } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { Section } from '../kit/Section';
import type { PlanSectionProps } from './plan-dialogs';

/** The planned site visits: day, time window, site and the validators going. */
export function VisitsSection({ plan, onDialog, onRemove }: PlanSectionProps) {
  const { t, i18n } = useTranslation();
  const siteName = new Map(plan.sites.map((s) => [s.id, s.name]));
  const siteOf = (visit: Visit) => siteName.get(visit.siteId) ?? '—';
  const dateOf = (visit: Visit) => formatDate(visit.date, i18n.language) ?? visit.date;
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Section
      id="plan-visits"
      title={t('plan.visits.title')}
      count={plan.visits.length}
      actions={
        <Tooltip label={t('plan.visits.needSite')} disabled={plan.sites.length > 0}>
          <Button
            size="xs"
            variant="light"
            disabled={plan.sites.length === 0}
            onClick={() => onDialog({ type: 'visit', visit: null })}
          >
            {t('plan.visits.add')}
          </Button>
        </Tooltip>
      }
    >
      <RecordTable<Visit>
        testId="visits-table"
        rowTestId="visit-row"
        rows={plan.visits}
        rowKey={(visit) => visit.id}
        empty={t('plan.visits.empty')}
        columns={[
          { key: 'date', header: t('plan.visits.date'), style: nowrap, cell: dateOf },
          {
            key: 'window',
            header: t('plan.visits.window'),
            style: nowrap,
            cell: (visit) => (visit.startTime || visit.endTime ? `${visit.startTime ?? '…'}–${visit.endTime ?? '…'}` : '—'),
          },
          { key: 'site', header: t('plan.visits.site'), cell: siteOf },
          { key: 'validators', priority: 3, header: t('plan.visits.validators'), cell: (visit) => visit.validators.join(', ') || '—' },
          {
            key: 'notes',
            priority: 2,
            header: t('plan.visits.notes'),
            cell: (visit) => (
              <Text size="sm" lineClamp={2}>
                {visit.notes || '—'}
              </Text>
            ),
          },
        ]}
        actionsWidth={70}
        actions={(visit) => (
          <EditRemoveActions
            justify="flex-end"
            iconSize={15}
            editLabel={t('plan.visits.edit')}
            removeLabel={t('plan.remove.confirm')}
            onEdit={() => onDialog({ type: 'visit', visit })}
            onRemove={() => onRemove({ kind: 'Visit', id: visit.id, name: `${siteOf(visit)}, ${dateOf(visit)}` })}
          />
        )}
      />
    </Section>
  );
}
