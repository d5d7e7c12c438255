import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../src-main/contract/cases';
import {
  MeasureDraft,
  monitoringFrequencies,
  monitoringMeasures,
  type ControlMeasure,
  type ControlPlan,
  type MonitoringFrequency,
  type MonitoringMeasure,
} from '../../../../src-main/contract/control-plan';
import type { ApiError } from '../../api/client';
import { useAssessErrors } from '../../lib/assess-errors';
import { formatDate, todayIso } from '../../lib/format';
import { dateOrNull, refsOf } from '../../lib/risk-ui';
import { useControlPlanStore } from '../../stores/control-plan';
import { ConfirmModal } from '../ConfirmModal';
import { ErrorAlert } from '../ErrorAlert';
import { FormIssues } from '../FormIssues';
import { IconEdit, IconTrash } from '../icons';
import { FormFrame } from './FormFrame';
import { RowAction, SectionHeader } from './Parts';
import { RiskLevelBadge } from './RiskBits';

const FIELDS = ['riskId', 'measure', 'description', 'frequency', 'startsOn', 'accountManager', 'triggers', 'customsResponse'] as const;
const SCHEDULE_PREVIEW = 12;

function MeasureForm({
  detail,
  plan,
  measure,
  riskId,
  onClose,
}: {
  detail: CaseDetail;
  plan: ControlPlan;
  measure: ControlMeasure | null;
  riskId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const saveMeasure = useControlPlanStore((s) => s.saveMeasure);
  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const [risk, setRisk] = useState<string | null>(measure?.riskId ?? riskId);
  const [kind, setKind] = useState<string | null>(measure?.measure ?? null);
  const [description, setDescription] = useState(measure?.description ?? '');
  const [frequency, setFrequency] = useState<string | null>(measure?.frequency ?? null);
  const [startsOn, setStartsOn] = useState(measure?.startsOn ?? '');
  const [accountManager, setAccountManager] = useState(measure?.accountManager ?? detail.leadValidator);
  const [triggers, setTriggers] = useState(measure?.triggers ?? '');
  const [customsResponse, setCustomsResponse] = useState(measure?.customsResponse ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useAssessErrors(FIELDS);

  const field = <V,>(name: (typeof FIELDS)[number], set: (v: V) => void) => (v: V) => {
    set(v);
    errors.clear(name);
  };

  const onSubmit = async () => {
    const draft = {
      caseId: detail.id,
      ...(measure ? { id: measure.id } : {}),
      riskId: risk ?? undefined,
      measure: kind ?? undefined,
      description,
      frequency: frequency ?? undefined,
      startsOn: dateOrNull(startsOn),
      accountManager,
      triggers,
      customsResponse,
    };
    if (!errors.check(MeasureDraft, draft)) return;
    setBusy(true);
    const result = await saveMeasure(MeasureDraft.parse(draft));
    setBusy(false);
    if (result.ok) onClose();
    else errors.fromServer(result.error);
  };

  return (
    <FormFrame
      title={measure ? t('assess.controlPlan.editMeasure') : t('assess.controlPlan.addMeasure')}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      errors={errors}
      testId="measure-form"
      size="xl"
    >
      <Select
        label={t('assess.controlPlan.risk')}
        placeholder={t('assess.controlPlan.riskPlaceholder')}
        data={plan.residualRisks.map((r) => ({ value: r.riskId, label: `${refs.get(r.riskId)} ${r.title}` }))}
        value={risk}
        onChange={field('riskId', setRisk)}
        error={errors.message('riskId')}
        withAsterisk
        allowDeselect={false}
        searchable
        nothingFoundMessage={t('assess.common.nothingFound')}
      />
      <SimpleGrid cols={3} spacing="sm">
        <Select
          label={t('assess.controlPlan.measure')}
          placeholder={t('assess.controlPlan.choose')}
          data={monitoringMeasures.map((m) => ({ value: m, label: t(`assess.measures.${m}`) }))}
          value={kind}
          onChange={field('measure', setKind)}
          error={errors.message('measure')}
          withAsterisk
          allowDeselect={false}
          data-autofocus
        />
        <Select
          label={t('assess.controlPlan.frequency')}
          placeholder={t('assess.controlPlan.choose')}
          data={monitoringFrequencies.map((f) => ({ value: f, label: t(`assess.frequencies.${f}`) }))}
          value={frequency}
          onChange={field('frequency', setFrequency)}
          error={errors.message('frequency')}
          withAsterisk
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t('assess.controlPlan.startsOn')}
          value={startsOn}
          onChange={(e) => field('startsOn', setStartsOn)(e.currentTarget.value)}
          error={errors.message('startsOn')}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={-6}>
        {t('assess.controlPlan.startsOnHint')}
      </Text>
      <Textarea
        label={t('assess.controlPlan.description')}
        value={description}
        onChange={(e) => field('description', setDescription)(e.currentTarget.value)}
        error={errors.message('description')}
        autosize
        minRows={2}
        maxRows={6}
      />
      <TextInput
        label={t('assess.controlPlan.accountManager')}
        value={accountManager}
        onChange={(e) => field('accountManager', setAccountManager)(e.currentTarget.value)}
        error={errors.message('accountManager')}
        withAsterisk
      />
      <SimpleGrid cols={2} spacing="sm">
        <Textarea
          label={t('assess.controlPlan.triggers')}
          description={t('assess.controlPlan.triggersHint')}
          value={triggers}
          onChange={(e) => field('triggers', setTriggers)(e.currentTarget.value)}
          error={errors.message('triggers')}
          autosize
          minRows={2}
          maxRows={6}
        />
        <Textarea
          label={t('assess.controlPlan.customsResponse')}
          description={t('assess.controlPlan.customsResponseHint')}
          value={customsResponse}
          onChange={(e) => field('customsResponse', setCustomsResponse)(e.currentTarget.value)}
          error={errors.message('customsResponse')}
          autosize
          minRows={2}
          maxRows={6}
        />
      </SimpleGrid>
    </FormFrame>
  );
}

/** Authorization date, the maximum monitoring period (a setting) and the re-evaluation date they give. */
function MetaForm({ plan }: { plan: ControlPlan }) {
  const { t, i18n } = useTranslation();
  const updateMeta = useControlPlanStore((s) => s.updateMeta);
  const setMaxMonitoringMonths = useControlPlanStore((s) => s.setMaxMonitoringMonths);
  const [authorizationDate, setAuthorizationDate] = useState(plan.authorizationDate ?? '');
  const [months, setMonths] = useState<number | string>(plan.maxMonitoringMonths);
  const [areas, setAreas] = useState<string[]>(plan.partialReevaluationAreas);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const errors = useAssessErrors(['authorizationDate', 'maxMonitoringMonths', 'partialReevaluationAreas']);

  const monthsValue = typeof months === 'number' ? months : Number.parseInt(months, 10);
  const dirty =
    (dateOrNull(authorizationDate) ?? null) !== plan.authorizationDate ||
    monthsValue !== plan.maxMonitoringMonths ||
    areas.join('\n') !== plan.partialReevaluationAreas.join('\n');

  const save = async () => {
    setFailure(null);
    errors.reset();
    if (!Number.isInteger(monthsValue) || monthsValue < 1 || monthsValue > 120) {
      errors.show({ maxMonitoringMonths: { key: 'invalid' } });
      return;
    }
    setBusy(true);
    if (monthsValue !== plan.maxMonitoringMonths) {
      const result = await setMaxMonitoringMonths(monthsValue);
      if (!result.ok) {
        setBusy(false);
        setFailure(result.error);
        return;
      }
    }
    const result = await updateMeta({ authorizationDate: dateOrNull(authorizationDate), partialReevaluationAreas: areas });
    setBusy(false);
    if (!result.ok) errors.fromServer(result.error);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="authorization-title" data-testid="control-plan-meta">
      <SectionHeader id="authorization-title" title={t('assess.controlPlan.authorizationTitle')} hint={t('assess.controlPlan.authorizationHint')} />
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput
          type="date"
          w={180}
          label={t('assess.controlPlan.authorizationDate')}
          value={authorizationDate}
          onChange={(e) => {
            setAuthorizationDate(e.currentTarget.value);
            errors.clear('authorizationDate');
          }}
          error={errors.message('authorizationDate')}
        />
        <NumberInput
          label={t('assess.controlPlan.maxMonths')}
          description={t('assess.controlPlan.maxMonthsHint')}
          value={months}
          onChange={setMonths}
          min={1}
          max={120}
          allowDecimal={false}
          error={errors.message('maxMonitoringMonths')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          w={300}
        />
        <Paper p="xs" bg="blue.0" withBorder={false} style={{ flex: 1 }} mt={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('assess.controlPlan.reevaluationDue')}
          </Text>
          <Text size="lg" fw={700} data-testid="reevaluation-due">
            {formatDate(plan.reevaluationDue, i18n.language) ?? t('assess.controlPlan.noAuthorization')}
          </Text>
        </Paper>
      </Group>
      <TagsInput
        label={t('assess.controlPlan.partialAreas')}
        description={t('assess.controlPlan.partialAreasHint')}
        value={areas}
        onChange={setAreas}
        clearable
        error={errors.message('partialReevaluationAreas')}
      />
      <FormIssues failure={failure ?? errors.failure} unplaced={errors.unplaced} />
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="save-control-meta">
          {t('assess.controlPlan.saveMeta')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Chronological monitoring dates up to the re-evaluation, which ends the list. */
function Schedule({ plan }: { plan: ControlPlan }) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const titles = new Map(plan.residualRisks.map((r) => [r.riskId, r.title]));
  const today = todayIso();
  const entries = plan.schedule;
  // The re-evaluation is always shown, even when the list is cut short.
  const shown = all || entries.length <= SCHEDULE_PREVIEW ? entries : [...entries.slice(0, SCHEDULE_PREVIEW - 1), ...entries.slice(-1)];
  return (
    <Stack gap="sm" component="section" aria-labelledby="schedule-title" data-testid="schedule">
      <SectionHeader id="schedule-title" title={t('assess.controlPlan.scheduleTitle')} hint={t('assess.controlPlan.scheduleHint')} />
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="schedule-empty">
          {plan.authorizationDate ? t('assess.controlPlan.scheduleEmpty') : t('assess.controlPlan.scheduleNeedsDate')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped data-testid="schedule-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>{t('assess.controlPlan.columns.date')}</Table.Th>
                <Table.Th>{t('assess.controlPlan.columns.activity')}</Table.Th>
                <Table.Th>{t('assess.controlPlan.columns.risk')}</Table.Th>
                <Table.Th>{t('assess.controlPlan.columns.accountManager')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((entry, index) => {
                const reevaluation = entry.kind === 'reevaluation';
                const past = entry.date < today;
                return (
                  <Table.Tr
                    key={`${entry.date}:${entry.measureId ?? 'r'}:${index}`}
                    data-testid="schedule-entry"
                    data-kind={entry.kind}
                    style={reevaluation ? { background: 'var(--mantine-color-blue-0)' } : undefined}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={reevaluation ? 700 : 500} c={past ? 'dimmed' : undefined}>
                        {formatDate(entry.date, i18n.language)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {reevaluation ? (
                        <Badge color="blue" size="sm">
                          {t('assess.controlPlan.reevaluation')}
                        </Badge>
                      ) : (
                        <Text size="sm">{entry.measure ? t(`assess.measures.${entry.measure}`) : '—'}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1}>
                        {entry.riskId ? `${refs.get(entry.riskId) ?? ''} ${titles.get(entry.riskId) ?? ''}` : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{entry.accountManager ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {entries.length > SCHEDULE_PREVIEW && (
        <Button variant="subtle" size="compact-sm" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
          {all ? t('assess.controlPlan.showFewer') : t('assess.controlPlan.showAll', { n: entries.length })}
        </Button>
      )}
    </Stack>
  );
}

/** Step 9: monitoring measures per residual risk, the re-evaluation date, and the resulting schedule. */
export function ControlPlanPanel({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const loadedFor = useControlPlanStore((s) => s.caseId);
  const plan = useControlPlanStore((s) => s.plan);
  const status = useControlPlanStore((s) => s.status);
  const error = useControlPlanStore((s) => s.error);
  const actionError = useControlPlanStore((s) => s.actionError);
  const load = useControlPlanStore((s) => s.load);
  const removeMeasure = useControlPlanStore((s) => s.removeMeasure);
  const [editing, setEditing] = useState<{ measure: ControlMeasure | null; riskId: string | null } | null>(null);
  const [removal, setRemoval] = useState<ControlMeasure | null>(null);

  useEffect(() => {
    void load(detail.id);
  }, [detail.id, load]);

  if (status === 'error' && error) return <ErrorAlert error={error} />;
  if (loadedFor !== detail.id || !plan) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }

  const refs = refsOf(plan.residualRisks.map((r) => ({ id: r.riskId })), 'R');
  const risksById = new Map(plan.residualRisks.map((r) => [r.riskId, r]));
  const measureRefs = refsOf(plan.measures, 'M');
  const unmonitored = new Set(plan.unmonitoredRiskIds);

  return (
    <Stack gap="lg" data-testid="control-plan">
      <MetaForm key={`${plan.authorizationDate}:${plan.maxMonitoringMonths}`} plan={plan} />

      <Stack gap="sm" component="section" aria-labelledby="measures-title" data-testid="measures">
        <SectionHeader
          id="measures-title"
          title={t('assess.controlPlan.measuresTitle')}
          hint={t('assess.controlPlan.measuresHint')}
          actions={
            <Button size="xs" onClick={() => setEditing({ measure: null, riskId: null })} disabled={plan.residualRisks.length === 0} data-testid="add-measure">
              {t('assess.controlPlan.addMeasure')}
            </Button>
          }
        />
        {actionError && <ErrorAlert error={actionError} />}
        {plan.residualRisks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('assess.controlPlan.noRisks')}
          </Text>
        ) : (
          <>
            {unmonitored.size > 0 && (
              <Alert color="yellow" variant="light" p="xs" data-testid="unmonitored">
                <Text size="sm">{t('assess.controlPlan.unmonitored', { refs: [...unmonitored].map((id) => refs.get(id)).join(', ') })}</Text>
              </Alert>
            )}
            <Table.ScrollContainer minWidth={700}>
              <Table data-testid="residual-risks-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={36}>{t('assess.register.columns.ref')}</Table.Th>
                    <Table.Th>{t('assess.controlPlan.columns.risk')}</Table.Th>
                    <Table.Th>{t('assess.register.columns.residual')}</Table.Th>
                    <Table.Th>{t('assess.controlPlan.columns.measures')}</Table.Th>
                    <Table.Th w={120}>
                      <VisuallyHidden>{t('assess.common.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.residualRisks.map((r) => {
                    const measures = plan.measures.filter((m) => m.riskId === r.riskId);
                    return (
                      <Table.Tr key={r.riskId} data-testid="residual-risk-row">
                        <Table.Td>
                          <Text size="sm" c="dimmed" ff="monospace">
                            {refs.get(r.riskId)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500} lh={1.3} lineClamp={2}>
                            {r.title}
                          </Text>
                          {r.response && (
                            <Text size="xs" c="dimmed">
                              {t(`assess.responses.${r.response}`)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {r.residual ? (
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" ff="monospace">
                                {r.residual.score}
                              </Text>
                              <RiskLevelBadge level={r.residual.level} size="sm" />
                            </Group>
                          ) : (
                            <Text size="xs" c="dimmed">
                              {t('assess.controlPlan.residualNotRated')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {measures.length === 0 ? (
                            <Badge size="sm" color="yellow">
                              {t('assess.controlPlan.noMeasure')}
                            </Badge>
                          ) : (
                            <Stack gap={2}>
                              {measures.map((m) => (
                                <Text key={m.id} size="xs">
                                  {`${measureRefs.get(m.id)} ${t(`assess.measures.${m.measure}`)} · ${t(`assess.frequencies.${m.frequency}`)}`}
                                </Text>
                              ))}
                            </Stack>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Button size="compact-xs" variant="light" onClick={() => setEditing({ measure: null, riskId: r.riskId })}>
                            {t('assess.controlPlan.addForRisk')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}

        {plan.measures.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table data-testid="measures-table" verticalSpacing={8}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>{t('assess.register.columns.ref')}</Table.Th>
                  <Table.Th>{t('assess.controlPlan.columns.measure')}</Table.Th>
                  <Table.Th>{t('assess.controlPlan.columns.when')}</Table.Th>
                  <Table.Th>{t('assess.controlPlan.columns.accountManager')}</Table.Th>
                  <Table.Th>{t('assess.controlPlan.columns.triggers')}</Table.Th>
                  <Table.Th w={64}>
                    <VisuallyHidden>{t('assess.common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.measures.map((m) => (
                  <Table.Tr key={m.id} data-testid="measure-row">
                    <Table.Td>
                      <Text size="sm" c="dimmed" ff="monospace">
                        {measureRefs.get(m.id)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {t(`assess.measures.${m.measure as MonitoringMeasure}`)}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {`${refs.get(m.riskId) ?? ''} ${risksById.get(m.riskId)?.title ?? ''}`}
                      </Text>
                      {m.description && (
                        <Text size="xs" lineClamp={2}>
                          {m.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{t(`assess.frequencies.${m.frequency as MonitoringFrequency}`)}</Text>
                      <Text size="xs" c="dimmed">
                        {m.startsOn
                          ? t('assess.controlPlan.fromDate', { date: formatDate(m.startsOn, i18n.language) })
                          : t('assess.controlPlan.fromAuthorization')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.accountManager}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" lineClamp={2}>
                        {m.triggers || '—'}
                      </Text>
                      {m.customsResponse && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {`→ ${m.customsResponse}`}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <RowAction
                          label={t('assess.controlPlan.editOne', { ref: measureRefs.get(m.id) ?? '' })}
                          onClick={() => setEditing({ measure: m, riskId: m.riskId })}
                        >
                          <IconEdit size={14} />
                        </RowAction>
                        <RowAction
                          label={t('assess.controlPlan.removeOne', { ref: measureRefs.get(m.id) ?? '' })}
                          color="red"
                          onClick={() => setRemoval(m)}
                        >
                          <IconTrash size={14} />
                        </RowAction>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Schedule plan={plan} />

      {editing && (
        <MeasureForm
          key={editing.measure?.id ?? `new:${editing.riskId ?? ''}`}
          detail={detail}
          plan={plan}
          measure={editing.measure}
          riskId={editing.riskId}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        opened={removal !== null}
        title={t('assess.controlPlan.removeTitle')}
        message={t('assess.controlPlan.removeMessage', { ref: removal ? (measureRefs.get(removal.id) ?? '') : '' })}
        confirmLabel={t('assess.common.remove')}
        onClose={() => setRemoval(null)}
        onConfirm={async () => {
          if (removal) await removeMeasure(removal.id);
        }}
      />
    </Stack>
  );
}
