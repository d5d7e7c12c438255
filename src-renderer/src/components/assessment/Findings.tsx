import { Badge, Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import type { Finding, FindingStatus } from '../../../../src-main/contract/risks';
import { formatDate, todayIso } from '../../lib/format';
import { NONE } from '../../lib/localized';
import { refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { ErrorAlert } from '../ErrorAlert';
import { CountTag, refColumn, titleColumn } from '../kit/cells';
import { RecordTable } from '../kit/RecordTable';
import { useCrudDialogs } from '../kit/use-crud-dialogs';
import { AddButton, Section } from '../kit/Section';
import { FindingForm } from './FindingForm';
import { usePick } from '../../stores/pick';

export const findingStatusColor: Record<FindingStatus, string> = {
  open: 'orange',
  in_progress: 'blue',
  implemented: 'teal',
  verified: 'green',
  cancelled: 'gray',
};

/** Findings and the improvement actions they require (steps 7 and 8). */
export function Findings({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const loadedFor = useRisksStore((s) => s.caseId);
  const findings = useRisksStore((s) => (s.caseId === detail.id ? s.findings : NONE));
  const { risks, actionError, load, removeFinding } = usePick(
    useRisksStore,
    'risks', 'actionError', 'load', 'removeFinding',
  );
  const dialogs = useCrudDialogs<Finding>();

  useEffect(() => {
    if (loadedFor !== detail.id) void load(detail.id);
  }, [detail.id, loadedFor, load]);

  const riskRefs = refsOf(risks, 'R');
  const refs = refsOf(findings, 'F');
  const today = todayIso();

  return (
    <Section
      id="findings"
      gap="sm"
      title={t('assess.findings.title')}
      hint={t('assess.findings.hint')}
      actions={<AddButton label={t('assess.findings.add')} onClick={() => dialogs.create()} testId="add-finding" />}
    >
      {actionError && <ErrorAlert error={actionError} />}
      <RecordTable<Finding>
        testId="findings-table"
        rowTestId="finding-row"
        rowProps={(f) => ({ 'data-finding-id': f.id })}
        rows={findings}
        empty={t('assess.findings.empty')}
        emptyTestId="findings-empty"
        columns={[
          refColumn<Finding>(t('assess.register.columns.ref'), (f) => refs.get(f.id)),
          titleColumn<Finding>(
            'finding',
            t('assess.findings.columns.finding'),
            (f) => f.description,
            (f) => f.requiredAction && `${t('assess.findings.actionPrefix')} ${f.requiredAction}`,
            { titleLines: 3, detailLines: 2 },
          ),
          { key: 'owner', priority: 2, header: t('assess.findings.columns.owner'), cell: (f) => <Text size="sm">{f.owner || '—'}</Text> },
          {
            key: 'deadline',
            priority: 3,
            header: t('assess.findings.columns.deadline'),
            style: { whiteSpace: 'nowrap' },
            cell: (f) => {
              const overdue = f.deadline !== null && f.deadline < today && (f.status === 'open' || f.status === 'in_progress');
              return (
                <>
                  <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 600 : undefined}>
                    {formatDate(f.deadline, i18n.language) ?? '—'}
                  </Text>
                  {overdue && (
                    <Text size="xs" c="red.8">
                      {t('assess.findings.overdue')}
                    </Text>
                  )}
                </>
              );
            },
          },
          {
            key: 'status',
            header: t('assess.findings.columns.status'),
            cell: (f) => (
              <Badge size="sm" color={findingStatusColor[f.status]} style={{ minWidth: 'max-content' }}>
                {t(`assess.findingStatus.${f.status}`)}
              </Badge>
            ),
          },
          {
            key: 'links',
            priority: 3,
            header: t('assess.findings.columns.links'),
            cell: (f) => (
              <Group gap={4}>
                {f.riskIds.map((id) => (
                  <Badge key={id} size="xs" color="orange" variant="outline">
                    {riskRefs.get(id) ?? '?'}
                  </Badge>
                ))}
                <CountTag n={f.answerLinks.length} label={t('assess.findings.answersN', { count: f.answerLinks.length })} />
                <CountTag n={f.evidenceIds.length} label={t('assess.findings.evidenceN', { count: f.evidenceIds.length })} />
              </Group>
            ),
          },
        ]}
        actionsWidth={64}
        actionsLabel={t('assess.common.actions')}
        actions={dialogs.rowActions(
          (f) => t('assess.findings.editOne', { ref: refs.get(f.id) ?? '' }),
          (f) => t('assess.findings.removeOne', { ref: refs.get(f.id) ?? '' }),
        )}
      />
      {dialogs.editing && (
        <FindingForm
          key={dialogs.editing.record?.id ?? 'new'}
          detail={detail}
          finding={dialogs.editing.record}
          onClose={dialogs.close}
        />
      )}
      {dialogs.confirm({
        title: t('assess.findings.removeTitle'),
        message: (f) => t('assess.findings.removeMessage', { ref: refs.get(f.id) ?? '' }),
        confirmLabel: t('assess.common.remove'),
        onConfirm: (f) => removeFinding(f.id),
      })}
    </Section>
  );
}
