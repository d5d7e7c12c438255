import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Code,
  Divider,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import { PlanMeta, type Interview, type Plan, type Procedure, type Site, type Visit } from '../../../../src-main/contract/plan';
import { formatDate } from '../../lib/format';
import type { FieldErrors } from '../../lib/field-errors';
import { useFormErrors } from '../../lib/form-errors';
import { localized } from '../../lib/localized';
import { usePlanStore } from '../../stores/plan';
import { useTemplatesStore } from '../../stores/templates';
import { ConfirmModal } from '../ConfirmModal';
import { ErrorAlert } from '../ErrorAlert';
import { FormIssues } from '../FormIssues';
import { IconDown, IconEdit, IconPlay, IconTrash, IconUp } from '../icons';
import { casePeople } from '../runs/CaseRuns';
import { NewRunModal } from '../runs/NewRunModal';
import { InterviewModal, ProcedureModal, SiteModal, VisitModal } from './PlanModals';

type Dialog =
  | { type: 'site'; site: Site | null }
  | { type: 'visit'; visit: Visit | null }
  | { type: 'interview'; interview: Interview | null }
  | { type: 'procedure'; procedure: Procedure | null; siteId?: string | null }
  | { type: 'run'; templateId: string; siteId: string | null };

type Removal = { kind: 'Site' | 'Visit' | 'Interview' | 'Procedure'; id: string; name: string };

function Section({
  id,
  title,
  count,
  action,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap={6} component="section" aria-labelledby={id} data-testid={id}>
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <Title order={3} id={id}>
            {title}
          </Title>
          {count !== undefined && count > 0 && (
            <Badge size="sm" color="gray" variant="light">
              {count}
            </Badge>
          )}
        </Group>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

function RowActions({ children }: { children: ReactNode }) {
  return (
    <Group gap={2} wrap="nowrap" justify="flex-end">
      {children}
    </Group>
  );
}

function IconAction({
  label,
  onClick,
  children,
  disabled,
  color = 'gray',
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  color?: string;
}) {
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon
        variant="subtle"
        color={color}
        size="sm"
        aria-label={label}
        onClick={onClick}
        disabled={disabled}
        className="aeo-icon-action"
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** Step 1, the validation plan: sites, the checklists for each and their order, visits, interviews, resources. */
export function PlanEditor({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const plan = usePlanStore((s) => (s.caseId === detail.id ? s.plan : null));
  const status = usePlanStore((s) => s.status);
  const error = usePlanStore((s) => s.error);
  const actionError = usePlanStore((s) => s.actionError);
  const remove = usePlanStore((s) => s.remove);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);

  if (!plan) {
    return status === 'error' && error ? <ErrorAlert error={error} /> : <Loader size="sm" aria-label={t('app.loading')} />;
  }

  const close = () => setDialog(null);
  const people = casePeople(detail);

  return (
    <Stack gap="lg" mt="md" data-testid="plan-editor">
      <Divider />
      {actionError && <ErrorAlert error={actionError} />}
      <SitesSection plan={plan} onDialog={setDialog} onRemove={setRemoval} />
      <ProceduresSection plan={plan} onDialog={setDialog} onRemove={setRemoval} />
      <VisitsSection plan={plan} onDialog={setDialog} onRemove={setRemoval} />
      <InterviewsSection plan={plan} onDialog={setDialog} onRemove={setRemoval} />
      <MetaSection key={`${plan.resources}|${plan.startsOn}|${plan.endsOn}|${plan.notes}`} plan={plan} />

      {dialog?.type === 'site' && <SiteModal caseId={detail.id} site={dialog.site} onClose={close} />}
      {dialog?.type === 'visit' && (
        <VisitModal caseId={detail.id} visit={dialog.visit} sites={plan.sites} people={people} onClose={close} />
      )}
      {dialog?.type === 'interview' && <InterviewModal caseId={detail.id} interview={dialog.interview} onClose={close} />}
      {dialog?.type === 'procedure' && (
        <ProcedureModal
          caseId={detail.id}
          procedure={dialog.procedure}
          sites={plan.sites}
          defaultSiteId={dialog.siteId}
          onClose={close}
        />
      )}
      {dialog?.type === 'run' && (
        <NewRunModal
          caseId={detail.id}
          sites={plan.sites}
          people={people}
          defaultTemplateId={dialog.templateId}
          defaultSiteId={dialog.siteId}
          onClose={close}
        />
      )}
      <ConfirmModal
        opened={removal !== null}
        title={t('plan.remove.title')}
        message={t('plan.remove.message', { name: removal?.name ?? '' })}
        confirmLabel={t('plan.remove.confirm')}
        onClose={() => setRemoval(null)}
        onConfirm={async () => {
          if (removal) await remove(removal.kind, removal.id);
        }}
      />
    </Stack>
  );
}

type SectionProps = { plan: Plan; onDialog: (d: Dialog) => void; onRemove: (r: Removal) => void };

function SitesSection({ plan, onDialog, onRemove }: SectionProps) {
  const { t } = useTranslation();
  const perSite = new Map<string, number>();
  for (const p of plan.procedures) if (p.siteId) perSite.set(p.siteId, (perSite.get(p.siteId) ?? 0) + 1);
  return (
    <Section
      id="plan-sites"
      title={t('plan.sites.title')}
      count={plan.sites.length}
      action={
        <Button size="xs" variant="light" onClick={() => onDialog({ type: 'site', site: null })}>
          {t('plan.sites.add')}
        </Button>
      }
    >
      {plan.sites.length === 0 ? (
        <Empty>{t('plan.sites.empty')}</Empty>
      ) : (
        <Table data-testid="sites-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.sites.name')}</Table.Th>
              <Table.Th>{t('plan.sites.kind')}</Table.Th>
              <Table.Th>{t('plan.sites.address')}</Table.Th>
              <Table.Th>{t('plan.sites.checklists')}</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.sites.map((site) => (
              <Table.Tr key={site.id} data-testid="site-row">
                <Table.Td fw={500}>{site.name}</Table.Td>
                <Table.Td>{t(`siteKinds.${site.kind}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {site.address || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{perSite.get(site.id) ?? 0}</Table.Td>
                <Table.Td>
                  <RowActions>
                    <IconAction
                      label={t('plan.procedures.addFor', { site: site.name })}
                      onClick={() => onDialog({ type: 'procedure', procedure: null, siteId: site.id })}
                    >
                      <Text size="sm" fw={700} lh={1}>
                        +
                      </Text>
                    </IconAction>
                    <IconAction label={t('plan.sites.edit')} onClick={() => onDialog({ type: 'site', site })}>
                      <IconEdit size={15} />
                    </IconAction>
                    <IconAction
                      label={t('plan.remove.confirm')}
                      color="red"
                      onClick={() => onRemove({ kind: 'Site', id: site.id, name: site.name })}
                    >
                      <IconTrash size={15} />
                    </IconAction>
                  </RowActions>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function ProceduresSection({ plan, onDialog, onRemove }: SectionProps) {
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
    <Section
      id="plan-procedures"
      title={t('plan.procedures.title')}
      count={plan.procedures.length}
      action={
        <Button size="xs" variant="light" onClick={() => onDialog({ type: 'procedure', procedure: null })}>
          {t('plan.procedures.add')}
        </Button>
      }
    >
      <Text size="xs" c="dimmed">
        {t('plan.procedures.intro')}
      </Text>
      {plan.procedures.length === 0 ? (
        <Empty>{t('plan.procedures.empty')}</Empty>
      ) : (
        <Table data-testid="procedures-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>{t('plan.procedures.order')}</Table.Th>
              <Table.Th>{t('plan.procedures.checklist')}</Table.Th>
              <Table.Th>{t('plan.procedures.site')}</Table.Th>
              <Table.Th>{t('plan.procedures.notes')}</Table.Th>
              <Table.Th w={150} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.procedures.map((procedure, index) => {
              const title = titleOf(procedure.templateId);
              return (
                <Table.Tr key={procedure.id} data-testid="procedure-row">
                  <Table.Td c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {index + 1}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} lh={1.3}>
                      {title}
                    </Text>
                    <Code fz={11}>{procedure.templateId}</Code>
                  </Table.Td>
                  <Table.Td>
                    {procedure.siteId ? (siteName.get(procedure.siteId) ?? '—') : t('plan.procedures.wholeCase')}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {procedure.notes || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RowActions>
                      <IconAction
                        label={t('plan.procedures.moveUp', { title })}
                        onClick={() => void move(procedure.id, -1)}
                        disabled={index === 0}
                      >
                        <IconUp size={15} />
                      </IconAction>
                      <IconAction
                        label={t('plan.procedures.moveDown', { title })}
                        onClick={() => void move(procedure.id, 1)}
                        disabled={index === last}
                      >
                        <IconDown size={15} />
                      </IconAction>
                      <IconAction
                        label={t('plan.procedures.startRun', { title })}
                        color="blue"
                        onClick={() => onDialog({ type: 'run', templateId: procedure.templateId, siteId: procedure.siteId })}
                      >
                        <IconPlay size={13} />
                      </IconAction>
                      <IconAction label={t('plan.procedures.edit')} onClick={() => onDialog({ type: 'procedure', procedure })}>
                        <IconEdit size={15} />
                      </IconAction>
                      <IconAction
                        label={t('plan.remove.confirm')}
                        color="red"
                        onClick={() => onRemove({ kind: 'Procedure', id: procedure.id, name: title })}
                      >
                        <IconTrash size={15} />
                      </IconAction>
                    </RowActions>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function VisitsSection({ plan, onDialog, onRemove }: SectionProps) {
  const { t, i18n } = useTranslation();
  const siteName = new Map(plan.sites.map((s) => [s.id, s.name]));
  return (
    <Section
      id="plan-visits"
      title={t('plan.visits.title')}
      count={plan.visits.length}
      action={
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
      {plan.visits.length === 0 ? (
        <Empty>{t('plan.visits.empty')}</Empty>
      ) : (
        <Table data-testid="visits-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.visits.date')}</Table.Th>
              <Table.Th>{t('plan.visits.window')}</Table.Th>
              <Table.Th>{t('plan.visits.site')}</Table.Th>
              <Table.Th>{t('plan.visits.validators')}</Table.Th>
              <Table.Th>{t('plan.visits.notes')}</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.visits.map((visit) => {
              const site = siteName.get(visit.siteId) ?? '—';
              const date = formatDate(visit.date, i18n.language) ?? visit.date;
              return (
                <Table.Tr key={visit.id} data-testid="visit-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {visit.startTime || visit.endTime ? `${visit.startTime ?? '…'}–${visit.endTime ?? '…'}` : '—'}
                  </Table.Td>
                  <Table.Td>{site}</Table.Td>
                  <Table.Td>{visit.validators.join(', ') || '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {visit.notes || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RowActions>
                      <IconAction label={t('plan.visits.edit')} onClick={() => onDialog({ type: 'visit', visit })}>
                        <IconEdit size={15} />
                      </IconAction>
                      <IconAction
                        label={t('plan.remove.confirm')}
                        color="red"
                        onClick={() => onRemove({ kind: 'Visit', id: visit.id, name: `${site}, ${date}` })}
                      >
                        <IconTrash size={15} />
                      </IconAction>
                    </RowActions>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function InterviewsSection({ plan, onDialog, onRemove }: SectionProps) {
  const { t, i18n } = useTranslation();
  const saveInterview = usePlanStore((s) => s.saveInterview);
  const [pending, setPending] = useState<Record<string, boolean>>({});

  const toggleHeld = async (interview: Interview, held: boolean) => {
    setPending((p) => ({ ...p, [interview.id]: held }));
    await saveInterview({
      caseId: interview.caseId,
      id: interview.id,
      person: interview.person,
      role: interview.role,
      topics: interview.topics,
      date: interview.date,
      held,
      notes: interview.notes,
    });
    setPending((p) => {
      const next = { ...p };
      delete next[interview.id];
      return next;
    });
  };

  return (
    <Section
      id="plan-interviews"
      title={t('plan.interviews.title')}
      count={plan.interviews.length}
      action={
        <Button size="xs" variant="light" onClick={() => onDialog({ type: 'interview', interview: null })}>
          {t('plan.interviews.add')}
        </Button>
      }
    >
      {plan.interviews.length === 0 ? (
        <Empty>{t('plan.interviews.empty')}</Empty>
      ) : (
        <Table data-testid="interviews-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.interviews.person')}</Table.Th>
              <Table.Th>{t('plan.interviews.topics')}</Table.Th>
              <Table.Th>{t('plan.interviews.date')}</Table.Th>
              <Table.Th>{t('plan.interviews.held')}</Table.Th>
              <Table.Th>{t('plan.interviews.notes')}</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.interviews.map((interview) => (
              <Table.Tr key={interview.id} data-testid="interview-row">
                <Table.Td>
                  <Text size="sm" fw={500} lh={1.3}>
                    {interview.person}
                  </Text>
                  {interview.role && (
                    <Text size="xs" c="dimmed">
                      {interview.role}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {interview.topics.length === 0
                      ? '—'
                      : interview.topics.map((topic) => (
                          <Badge key={topic} size="sm" color="gray">
                            {topic}
                          </Badge>
                        ))}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(interview.date, i18n.language) ?? '—'}</Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('plan.interviews.heldWith', { person: interview.person })}
                    checked={pending[interview.id] ?? interview.held}
                    onChange={(e) => void toggleHeld(interview, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {interview.notes || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions>
                    <IconAction label={t('plan.interviews.edit')} onClick={() => onDialog({ type: 'interview', interview })}>
                      <IconEdit size={15} />
                    </IconAction>
                    <IconAction
                      label={t('plan.remove.confirm')}
                      color="red"
                      onClick={() => onRemove({ kind: 'Interview', id: interview.id, name: interview.person })}
                    >
                      <IconTrash size={15} />
                    </IconAction>
                  </RowActions>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function MetaSection({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const updateMeta = usePlanStore((s) => s.updateMeta);
  const [resources, setResources] = useState(plan.resources);
  const [startsOn, setStartsOn] = useState(plan.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(plan.endsOn ?? '');
  const [notes, setNotes] = useState(plan.notes);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['resources', 'startsOn', 'endsOn', 'notes']);

  const changed =
    resources !== plan.resources ||
    startsOn !== (plan.startsOn ?? '') ||
    endsOn !== (plan.endsOn ?? '') ||
    notes !== plan.notes;

  const save = async () => {
    const meta = { resources, startsOn: startsOn || null, endsOn: endsOn || null, notes };
    const extra: FieldErrors = startsOn && endsOn && endsOn < startsOn ? { endsOn: { key: 'endBeforeStart' } } : {};
    if (!errors.check(PlanMeta, meta, extra)) return;
    setBusy(true);
    const result = await updateMeta(meta);
    setBusy(false);
    if (!result.ok) errors.fromServer(result.error);
  };

  return (
    <Section id="plan-meta" title={t('plan.meta.title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Group align="flex-start" gap="sm">
            <TextInput
              type="date"
              label={t('plan.meta.startsOn')}
              value={startsOn}
              onChange={(e) => {
                setStartsOn(e.currentTarget.value);
                errors.clear('endsOn');
              }}
              error={errors.message('startsOn')}
              w={180}
            />
            <TextInput
              type="date"
              label={t('plan.meta.endsOn')}
              value={endsOn}
              onChange={(e) => {
                setEndsOn(e.currentTarget.value);
                errors.clear('endsOn');
              }}
              error={errors.message('endsOn')}
              w={180}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Textarea
              label={t('plan.meta.resources')}
              placeholder={t('plan.meta.resourcesPlaceholder')}
              value={resources}
              onChange={(e) => setResources(e.currentTarget.value)}
              error={errors.message('resources')}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('plan.meta.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={errors.message('notes')}
              autosize
              minRows={2}
            />
          </SimpleGrid>
          <FormIssues failure={errors.failure} unplaced={errors.unplaced} />
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={busy} disabled={!changed}>
              {t('plan.meta.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
