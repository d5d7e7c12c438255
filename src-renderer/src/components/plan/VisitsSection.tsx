import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../src-main/contract/plan';
import { formatDate } from '../../lib/format';
import { textColumn } from '../kit/RecordTable';
import type { PlanSectionProps } from './plan-dialogs';
import { PlanList } from './PlanList';

/** The planned site visits: day, time window, site and the validators going. */
export function VisitsSection({ plan, onDialog, onRemove }: PlanSectionProps) {
  const { t, i18n } = useTranslation();
  const siteName = new Map(plan.sites.map((s) => [s.id, s.name]));
  const siteOf = (visit: Visit) => siteName.get(visit.siteId) ?? '—';
  const dateOf = (visit: Visit) => formatDate(visit.date, i18n.language) ?? visit.date;
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <PlanList<Visit>
      name="visits"
      addBlockedBy={plan.sites.length === 0 ? t('plan.visits.needSite') : null}
      onAdd={() => onDialog({ type: 'visit', visit: null })}
      rows={plan.visits}
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
        textColumn('notes', t('plan.visits.notes'), (visit) => visit.notes, 2),
      ]}
      onEdit={(visit) => onDialog({ type: 'visit', visit })}
      onRemove={(visit) => onRemove({ kind: 'Visit', id: visit.id, name: `${siteOf(visit)}, ${dateOf(visit)}` })}
    />
  );
}
