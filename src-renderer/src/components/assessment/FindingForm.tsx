import { MultiSelect, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { FindingCreate, findingStatuses, type Finding } from '../../../../src-main/contract/risks';
import { useDraftForm } from '../../lib/draft-form';
import { formField, type FieldErrors } from '../../lib/field-errors';
import { formatDate } from '../../lib/format';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { FormDialog } from '../kit/FormDialog';
import { LinkSelects } from './LinkSelects';
import { useLinkOptions } from './link-options';
import { usePick } from '../../stores/pick';

/** A finding with its required action, owner, deadline, status and links to risks, answers and evidence. */
export function FindingForm({ detail, finding, onClose }: { detail: CaseDetail; finding: Finding | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { risks, createFinding, updateFinding } = usePick(useRisksStore, 'risks', 'createFinding', 'updateFinding');
  const opened = formatDate(detail.openedOn, i18n.language) ?? detail.openedOn;
  const { values, inputProps, submit, busy, issues } = useDraftForm({
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
    <FormDialog
      title={finding ? t('assess.findings.edit') : t('assess.findings.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={issues}
      testId="finding-form"
      size="xl"
    >
      <Textarea
        label={t('assess.findings.description')}
        placeholder={t('assess.findings.descriptionPlaceholder')}
        {...inputProps('description')}
        withAsterisk
        autosize
        minRows={2}
        maxRows={8}
        data-autofocus
      />
      <Textarea label={t('assess.findings.requiredAction')} {...inputProps('requiredAction')} autosize minRows={2} maxRows={8} />
      <SimpleGrid cols={3} spacing="sm">
        <TextInput label={t('assess.findings.owner')} description={t('assess.findings.ownerHint')} {...inputProps('owner')} />
        <TextInput
          type="date"
          label={t('assess.findings.deadline')}
          description={t('assess.findings.deadlineHint', { date: opened })}
          {...inputProps('deadline')}
        />
        <Select
          label={t('assess.findings.status')}
          data={findingStatuses.map((s) => ({ value: s, label: t(`assess.findingStatus.${s}`) }))}
          {...inputProps('status')}
          allowDeselect={false}
          description={t('assess.findings.statusHint')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('assess.links.risks')}
        placeholder={values.riskIds.length === 0 ? t('assess.links.risksPlaceholder') : undefined}
        data={risks.map((r) => ({ value: r.id, label: `${refs.get(r.id)} ${r.title}` }))}
        {...inputProps('riskIds')}
        searchable
        clearable
        nothingFoundMessage={t('assess.common.nothingFound')}
      />
      <LinkSelects
        links={links}
        answers={inputProps('answerIds')}
        evidence={inputProps('evidenceIds')}
      />
    </FormDialog>
  );
}

