import { MultiSelect, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { FindingCreate, findingStatuses, type Finding, type FindingStatus } from '../../../../src-main/contract/risks';
import { useAssessErrors } from '../../lib/assess-errors';
import { formatDate } from '../../lib/format';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { FormDialog } from '../kit/FormDialog';
import { LinkSelects } from './LinkSelects';
import { useLinkOptions } from './link-options';

const FIELDS = ['description', 'requiredAction', 'owner', 'deadline', 'status', 'riskIds', 'answerIds', 'evidenceIds'] as const;

/** A finding with its required action, owner, deadline, status and links to risks, answers and evidence. */
export function FindingForm({ detail, finding, onClose }: { detail: CaseDetail; finding: Finding | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const risks = useRisksStore((s) => s.risks);
  const createFinding = useRisksStore((s) => s.createFinding);
  const updateFinding = useRisksStore((s) => s.updateFinding);
  const [description, setDescription] = useState(finding?.description ?? '');
  const [requiredAction, setRequiredAction] = useState(finding?.requiredAction ?? '');
  const [owner, setOwner] = useState(finding?.owner ?? '');
  const [deadline, setDeadline] = useState(finding?.deadline ?? '');
  const [status, setStatus] = useState<string>(finding?.status ?? 'open');
  const [riskIds, setRiskIds] = useState<string[]>(finding?.riskIds ?? []);
  const [answerIds, setAnswerIds] = useState<string[]>(finding?.answerLinks.map((a) => a.answerId) ?? []);
  const [evidenceIds, setEvidenceIds] = useState<string[]>(finding?.evidenceIds ?? []);
  const [busy, setBusy] = useState(false);
  const errors = useAssessErrors(FIELDS);
  const links = useLinkOptions(detail.id, { answerIds, evidenceIds });
  const refs = refsOf(risks, 'R');

  const onSubmit = async () => {
    const fields = {
      description,
      requiredAction,
      owner,
      deadline: dateOrNull(deadline),
      status: status as FindingStatus,
    };
    const draft = { caseId: detail.id, ...fields, links: { riskIds, answerIds, evidenceIds } };
    if (!errors.check(FindingCreate, draft)) return;
    const parsed = FindingCreate.parse(draft);
    setBusy(true);
    const result = finding
      ? await updateFinding({
          id: finding.id,
          expectedUpdatedAt: finding.updatedAt,
          patch: {
            description: parsed.description,
            requiredAction: parsed.requiredAction,
            owner: parsed.owner,
            deadline: parsed.deadline,
            status: parsed.status,
            links: { riskIds, answerIds, evidenceIds },
          },
        })
      : await createFinding(parsed);
    setBusy(false);
    if (result.ok) onClose();
    else errors.fromServer(result.error);
  };

  return (
    <FormDialog
      title={finding ? t('assess.findings.edit') : t('assess.findings.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="finding-form"
      size="xl"
    >
      <Textarea
        label={t('assess.findings.description')}
        placeholder={t('assess.findings.descriptionPlaceholder')}
        value={description}
        onChange={(e) => {
          setDescription(e.currentTarget.value);
          errors.clear('description');
        }}
        error={errors.message('description')}
        withAsterisk
        autosize
        minRows={2}
        maxRows={8}
        data-autofocus
      />
      <Textarea
        label={t('assess.findings.requiredAction')}
        value={requiredAction}
        onChange={(e) => {
          setRequiredAction(e.currentTarget.value);
          errors.clear('requiredAction');
        }}
        error={errors.message('requiredAction')}
        autosize
        minRows={2}
        maxRows={8}
      />
      <SimpleGrid cols={3} spacing="sm">
        <TextInput
          label={t('assess.findings.owner')}
          description={t('assess.findings.ownerHint')}
          value={owner}
          onChange={(e) => {
            setOwner(e.currentTarget.value);
            errors.clear('owner');
          }}
          error={errors.message('owner')}
        />
        <TextInput
          type="date"
          label={t('assess.findings.deadline')}
          description={t('assess.findings.deadlineHint', { date: formatDate(detail.openedOn, i18n.language) ?? detail.openedOn })}
          value={deadline}
          onChange={(e) => {
            setDeadline(e.currentTarget.value);
            errors.clear('deadline');
          }}
          error={errors.message('deadline')}
        />
        <Select
          label={t('assess.findings.status')}
          data={findingStatuses.map((s) => ({ value: s, label: t(`assess.findingStatus.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v)}
          allowDeselect={false}
          description={t('assess.findings.statusHint')}
          error={errors.message('status')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('assess.links.risks')}
        placeholder={riskIds.length === 0 ? t('assess.links.risksPlaceholder') : undefined}
        data={risks.map((r) => ({ value: r.id, label: `${refs.get(r.id)} ${r.title}` }))}
        value={riskIds}
        onChange={(v) => {
          setRiskIds(v);
          errors.clear('riskIds');
        }}
        error={errors.message('riskIds')}
        searchable
        clearable
        nothingFoundMessage={t('assess.common.nothingFound')}
      />
      <LinkSelects
        links={links}
        answerIds={answerIds}
        setAnswerIds={setAnswerIds}
        evidenceIds={evidenceIds}
        setEvidenceIds={setEvidenceIds}
        errors={errors}
      />
    </FormDialog>
  );
}

