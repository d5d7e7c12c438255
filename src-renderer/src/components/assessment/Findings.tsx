import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { FindingCreate, findingStatuses, type Finding, type FindingStatus } from '../../../../src-main/contract/risks';
import { useAssessErrors } from '../../lib/assess-errors';
import { formatDate, todayIso } from '../../lib/format';
import { NONE } from '../../lib/localized';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useRisksStore } from '../../stores/risks';
import { ConfirmModal } from '../ConfirmModal';
import { ErrorAlert } from '../ErrorAlert';
import { IconEdit, IconTrash } from '../icons';
import { FormFrame } from './FormFrame';
import { useLinkOptions } from './link-options';
import { RowAction } from '../kit/RowActions';
import { SectionHeader } from '../kit/Section';

export const findingStatusColor: Record<FindingStatus, string> = {
  open: 'orange',
  in_progress: 'blue',
  implemented: 'teal',
  verified: 'green',
  cancelled: 'gray',
};

const FIELDS = ['description', 'requiredAction', 'owner', 'deadline', 'status', 'riskIds', 'answerIds', 'evidenceIds'] as const;

function FindingForm({ detail, finding, onClose }: { detail: CaseDetail; finding: Finding | null; onClose: () => void }) {
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
    <FormFrame
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
      <MultiSelect
        label={t('assess.links.answers')}
        placeholder={answerIds.length === 0 ? t('assess.links.answersPlaceholder') : undefined}
        data={links.answerOptions}
        value={answerIds}
        onChange={(v) => {
          setAnswerIds(v);
          errors.clear('answerIds');
        }}
        error={errors.message('answerIds')}
        searchable
        clearable
        nothingFoundMessage={t('assess.common.nothingFound')}
      />
      <MultiSelect
        label={t('assess.links.evidence')}
        placeholder={evidenceIds.length === 0 ? t('assess.links.evidencePlaceholder') : undefined}
        data={links.evidenceOptions}
        value={evidenceIds}
        onChange={(v) => {
          setEvidenceIds(v);
          errors.clear('evidenceIds');
        }}
        error={errors.message('evidenceIds')}
        searchable
        clearable
        nothingFoundMessage={t('assess.common.nothingFound')}
      />
    </FormFrame>
  );
}

/** Findings and the improvement actions they require (steps 7 and 8). */
export function Findings({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const loadedFor = useRisksStore((s) => s.caseId);
  const findings = useRisksStore((s) => (s.caseId === detail.id ? s.findings : NONE));
  const risks = useRisksStore((s) => s.risks);
  const actionError = useRisksStore((s) => s.actionError);
  const load = useRisksStore((s) => s.load);
  const removeFinding = useRisksStore((s) => s.removeFinding);
  const [editing, setEditing] = useState<Finding | 'new' | null>(null);
  const [removal, setRemoval] = useState<Finding | null>(null);

  useEffect(() => {
    if (loadedFor !== detail.id) void load(detail.id);
  }, [detail.id, loadedFor, load]);

  const riskRefs = refsOf(risks, 'R');
  const refs = refsOf(findings, 'F');
  const today = todayIso();

  return (
    <Stack gap="sm" component="section" aria-labelledby="findings-title" data-testid="findings">
      <SectionHeader
        id="findings-title"
        title={t('assess.findings.title')}
        hint={t('assess.findings.hint')}
        actions={
          <Button size="xs" onClick={() => setEditing('new')} data-testid="add-finding">
            {t('assess.findings.add')}
          </Button>
        }
      />
      {actionError && <ErrorAlert error={actionError} />}
      {findings.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="findings-empty">
          {t('assess.findings.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table data-testid="findings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>{t('assess.register.columns.ref')}</Table.Th>
                <Table.Th>{t('assess.findings.columns.finding')}</Table.Th>
                <Table.Th>{t('assess.findings.columns.owner')}</Table.Th>
                <Table.Th>{t('assess.findings.columns.deadline')}</Table.Th>
                <Table.Th>{t('assess.findings.columns.status')}</Table.Th>
                <Table.Th>{t('assess.findings.columns.links')}</Table.Th>
                <Table.Th w={64}>
                  <VisuallyHidden>{t('assess.common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {findings.map((f) => {
                const overdue = f.deadline !== null && f.deadline < today && (f.status === 'open' || f.status === 'in_progress');
                return (
                  <Table.Tr key={f.id} data-testid="finding-row">
                    <Table.Td>
                      <Text size="sm" c="dimmed" ff="monospace">
                        {refs.get(f.id)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} lh={1.3} lineClamp={3}>
                        {f.description}
                      </Text>
                      {f.requiredAction && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {`${t('assess.findings.actionPrefix')} ${f.requiredAction}`}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.owner || '—'}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 600 : undefined}>
                        {formatDate(f.deadline, i18n.language) ?? '—'}
                      </Text>
                      {overdue && (
                        <Text size="xs" c="red.8">
                          {t('assess.findings.overdue')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" color={findingStatusColor[f.status]} style={{ minWidth: 'max-content' }}>
                        {t(`assess.findingStatus.${f.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {f.riskIds.map((id) => (
                          <Badge key={id} size="xs" color="orange" variant="outline">
                            {riskRefs.get(id) ?? '?'}
                          </Badge>
                        ))}
                        {f.answerLinks.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('assess.findings.answersN', { n: f.answerLinks.length })}
                          </Text>
                        )}
                        {f.evidenceIds.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('assess.findings.evidenceN', { n: f.evidenceIds.length })}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <RowAction label={t('assess.findings.editOne', { ref: refs.get(f.id) ?? '' })} onClick={() => setEditing(f)}>
                          <IconEdit size={14} />
                        </RowAction>
                        <RowAction
                          label={t('assess.findings.removeOne', { ref: refs.get(f.id) ?? '' })}
                          color="red"
                          onClick={() => setRemoval(f)}
                        >
                          <IconTrash size={14} />
                        </RowAction>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <FindingForm
          key={editing === 'new' ? 'new' : editing.id}
          detail={detail}
          finding={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        opened={removal !== null}
        title={t('assess.findings.removeTitle')}
        message={t('assess.findings.removeMessage', { ref: removal ? (refs.get(removal.id) ?? '') : '' })}
        confirmLabel={t('assess.common.remove')}
        onClose={() => setRemoval(null)}
        onConfirm={async () => {
          if (removal) await removeFinding(removal.id);
        }}
      />
    </Stack>
  );
}
