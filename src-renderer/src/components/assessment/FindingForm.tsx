import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { FindingCreate, findingStatuses, type Finding } from '../../../../src-main/contract/risks';
import { useDraftForm } from '../../lib/draft-form';
import { formField, type FieldErrors } from '../../lib/field-errors';
import { formatDate } from '../../lib/format';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { FormDialog } from '../kit/FormDialog';
import { FormFields, optionsOf } from '../kit/FormFields';
import { LinkSelects } from './LinkSelects';
import { useLinkOptions } from './link-options';
import { usePick } from '../../stores/pick';

/** A finding with its required action, owner, deadline, status and links to risks, answers and evidence. */
export function FindingForm({ detail, finding, onClose }: { detail: CaseDetail; finding: Finding | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { risks, createFinding, updateFinding } = usePick(useRisksStore, 'risks', 'createFinding', 'updateFinding');
  const opened = formatDate(detail.openedOn, i18n.language) ?? detail.openedOn;
  const draft = useDraftForm({
    initialValues: {
      description: finding?.description ?? '',
      requiredAction: finding?.requiredAction ?? '',
      owner: finding?.owner ?? '',
      deadline: finding?.deadline ?? '',
      status: (finding?.status ?? 'open') as string,
      riskIds: finding?.riskIds ?? [],
      answerIds: finding?.answerLinks.map((a) => a.answerId) ?? [],
      evidenceIds: finding?.evidenceIds ?? [],
    },
    schema: FindingCreate,
    toDraft: ({ deadline, riskIds, answerIds, evidenceIds, ...rest }) => ({
      caseId: detail.id,
      ...rest,
      deadline: dateOrNull(deadline),
      links: { riskIds, answerIds, evidenceIds },
    }),
    // The service refuses it too; said here, the message can name the opening date in the page's format.
    extra: (v): FieldErrors => (v.deadline && v.deadline < detail.openedOn ? { deadline: { key: 'deadlineBeforeOpened', values: { date: opened } } } : {}),
    field: formField,
  });
  const { values, inputProps, submit } = draft;
  const links = useLinkOptions(detail.id, { answerIds: values.answerIds, evidenceIds: values.evidenceIds });
  const refs = refsOf(risks, 'R');

  const onSubmit = () =>
    submit(
      ({ caseId: _case, ...parsed }) =>
        finding
          ? updateFinding({ id: finding.id, expectedUpdatedAt: finding.updatedAt, patch: parsed })
          : createFinding({ caseId: detail.id, ...parsed }),
      onClose,
    );

  return (
    <FormDialog form={draft} title={finding ? t('assess.findings.edit') : t('assess.findings.add')} testId="finding-form" size="xl" onClose={onClose} onSubmit={onSubmit}>
      <FormFields form={draft} fields={[
          {
            kind: 'textarea',
            name: 'description',
            label: t('assess.findings.description'),
            placeholder: t('assess.findings.descriptionPlaceholder'),
            required: true,
            maxRows: 8,
            autofocus: true,
          },
          { kind: 'textarea', name: 'requiredAction', label: t('assess.findings.requiredAction'), maxRows: 8 },
          {
            cols: 3,
            row: [
              { kind: 'text', name: 'owner', label: t('assess.findings.owner'), description: t('assess.findings.ownerHint') },
              { kind: 'date', name: 'deadline', label: t('assess.findings.deadline'), description: t('assess.findings.deadlineHint', { date: opened }) },
              {
                kind: 'select',
                name: 'status',
                label: t('assess.findings.status'),
                description: t('assess.findings.statusHint'),
                options: optionsOf(findingStatuses, (s) => t(`assess.findingStatus.${s}`)),
              },
            ],
          },
          {
            kind: 'multiselect',
            name: 'riskIds',
            label: t('assess.links.risks'),
            placeholder: values.riskIds.length === 0 ? t('assess.links.risksPlaceholder') : undefined,
            options: risks.map((r) => ({ value: r.id, label: `${refs.get(r.id)} ${r.title}` })),
            searchable: true,
            clearable: true,
            nothingFound: t('assess.common.nothingFound'),
          },
        ]} />
      <LinkSelects
        links={links}
        answers={inputProps('answerIds')}
        evidence={inputProps('evidenceIds')}
      />
    </FormDialog>
  );
}

