import { Badge, Button, Group, Image, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResolutionChoice, TeamConflict } from '../../../../src-main/contract/team';
import { api } from '../../api/client';
import { formatTimestamp } from '../../lib/format';
import { useApiValue } from '../../lib/use-api-value';
import { useTeamMergeStore } from '../../stores/team-merge';
import { fieldsText, fieldText, shownValue, subjectText } from './conflict-text';

export type Decide = (conflict: TeamConflict, choice: ResolutionChoice, side: string | null) => void;

type Side = TeamConflict['sides'][number];

/** A photo one side attached, from the imported field report (by content). */
function SideThumb({ caseId, evidence }: { caseId: string; evidence: Side['evidence'][number] }) {
  const thumb = useApiValue(() => api.team.thumbnail({ caseId, sha256: evidence.sha256 }), evidence.sha256);
  const name = evidence.caption || evidence.name;
  if (!evidence.photo) {
    return (
      <Badge variant="outline" color="gray" title={evidence.name}>
        {evidence.name}
      </Badge>
    );
  }
  return thumb.value ? (
    <Image src={thumb.value.dataUrl} alt={name} title={name} w={72} h={72} fit="cover" radius="sm" data-testid="side-thumb" />
  ) : (
    <Skeleton w={72} h={72} radius="sm" />
  );
}

/** One validator's side of a conflict: what he recorded, his note, his photos, when; and "take this". */
function SideColumn({ caseId, conflict, side, onDecide }: { caseId: string; conflict: TeamConflict; side: Side; onDecide: Decide }) {
  const { t, i18n } = useTranslation();
  const decidable = conflict.kind !== 'soft';
  const taken = conflict.resolution?.choice === 'side' && conflict.resolution.side === side.side;
  const value = side.deleted ? t('team.side.removed') : conflict.kind === 'hard' ? (shownValue(conflict, side.valueJson, i18n.language) ?? t('team.side.empty')) : t('team.side.changed', { fields: fieldsText(t, side.fields) });
  return (
    <Paper withBorder p="xs" data-testid="conflict-side" data-side={side.side} data-taken={taken || undefined} bg={taken ? 'var(--mantine-color-green-light)' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {side.name}
          </Text>
          {side.at && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatTimestamp(side.at, i18n.language)}
            </Text>
          )}
        </Group>
        <Text size="md" fw={500} data-testid="side-value" style={{ overflowWrap: 'anywhere' }}>
          {value}
        </Text>
        {side.note && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('team.side.note')}: {side.note}
          </Text>
        )}
        {side.evidence.length > 0 && (
          <Group gap={6}>
            {side.evidence.map((e) => (
              <SideThumb key={e.sha256} caseId={caseId} evidence={e} />
            ))}
          </Group>
        )}
        {decidable && (
          <Button size="xs" variant={taken ? 'filled' : 'light'} onClick={() => onDecide(conflict, 'side', side.side)} data-testid="take-side">
            {taken ? t('team.side.taken') : t('team.side.take')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** The lead's decision as it stands, with who and when, and a way to reopen it. */
function DecisionLine({ conflict }: { conflict: TeamConflict }) {
  const { t, i18n } = useTranslation();
  const reopen = useTeamMergeStore((s) => s.reopen);
  const r = conflict.resolution;
  if (!r) return null;
  const sideName = conflict.sides.find((s) => s.side === r.side)?.name ?? '';
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" data-testid="decision">
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {r.choice === 'side' ? t('team.decision.side', { name: sideName }) : t(`team.decision.${r.choice}`)}
          {r.valueJson !== null && `: ${shownValue(conflict, r.valueJson, i18n.language) ?? t('team.side.empty')}`}
        </Text>
        <Text size="sm">
          {t('team.decision.reason')}: {r.reason}
        </Text>
        {r.byName && (
          <Text size="xs" c="dimmed">
            {t('team.decision.by', { name: r.byName, when: r.at ? formatTimestamp(r.at, i18n.language) : '' })}
          </Text>
        )}
      </Stack>
      <Button size="xs" variant="subtle" onClick={() => void reopen(conflict.id)} data-testid="reopen">
        {t('team.decision.reopen')}
      </Button>
    </Group>
  );
}

/** One conflict side by side: each validator's value, note, photos, who and when; the lead's decision below. */
export function ConflictCard({ caseId, conflict, onDecide }: { caseId: string; conflict: TeamConflict; onDecide: Decide }) {
  const { t, i18n } = useTranslation();
  const decided = conflict.resolution !== null;
  return (
    <Paper withBorder p="sm" data-testid="conflict" data-conflict-id={conflict.id} data-kind={conflict.kind} data-state={decided ? 'decided' : 'open'}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {subjectText(conflict, i18n.language)}
            </Text>
            <Text size="xs" c="dimmed">
              {conflict.field ? t('team.conflict.field', { field: fieldText(t, conflict.field) }) : t(`team.kinds.${conflict.kind}`)}
            </Text>
          </Stack>
          <Badge color={decided ? 'green' : conflict.kind === 'soft' ? 'gray' : 'orange'} variant="light" style={{ flexShrink: 0 }}>
            {decided ? t('team.conflict.decided') : t(`team.kinds.${conflict.kind}Short`)}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: Math.min(conflict.sides.length, 3) }} spacing="xs">
          {conflict.sides.map((side) => (
            <SideColumn key={side.side} caseId={caseId} conflict={conflict} side={side} onDecide={onDecide} />
          ))}
        </SimpleGrid>
        {conflict.kind === 'hard' && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => onDecide(conflict, 'combined', null)} data-testid="combine">
              {t('team.conflict.combine')}
            </Button>
            <Button size="xs" variant="default" onClick={() => onDecide(conflict, 'value', null)} data-testid="new-value">
              {t('team.conflict.newValue')}
            </Button>
          </Group>
        )}
        <DecisionLine conflict={conflict} />
      </Stack>
    </Paper>
  );
}
