import { Badge, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../../src-main/contract/evidence';
import type { RunSummary } from '../../../../src-main/contract/runs';
import { api, type ApiError } from '../../api/client';
import { formatTimestamp } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { localized, NONE } from '../../lib/localized';
import { useCaseRunsStore } from '../../stores/runs';
import { fetchTemplate } from '../../stores/templates';
import { ErrorAlert } from '../ErrorAlert';
import { AttachDropZone } from './AttachDropZone';
import { EvidenceDetailModal } from './EvidenceDetailModal';
import { EvidenceThumb, type ShownEvidence } from './EvidenceThumb';
import { IntegrityCheck } from './IntegrityCheck';

type Prompts = Record<string, Record<string, { en: string; ru: string }>>;

/** Item prompts of the case's runs, by run id and item id, to say which item a file belongs to. */
function useItemPrompts(runs: readonly RunSummary[]): Prompts {
  const [prompts, setPrompts] = useState<Prompts>({});
  const wanted = useMemo(() => runs.map((r) => `${r.id}|${r.templateId}|${r.templateVersion}`).join(','), [runs]);
  useEffect(() => {
    let live = true;
    const list = wanted
      .split(',')
      .filter(Boolean)
      .map((entry) => entry.split('|') as [string, string, string]);
    void Promise.all(
      list.map(async ([runId, templateId, version]) => {
        const result = await fetchTemplate(templateId, Number(version));
        if (!result.ok) return [runId, {}] as const;
        const items: Record<string, { en: string; ru: string }> = {};
        for (const section of result.value.template.sections) for (const item of section.items) items[item.id] = item.prompt;
        return [runId, items] as const;
      }),
    ).then((entries) => {
      if (live) setPrompts(Object.fromEntries(entries));
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  return prompts;
}

/**
 * Caption and effective date, edited in place with the pointer; each saves when the field is left. They are not
 * stops on the Tab order: a card is one stop (its preview, which opens the detail, where both are edited too), so
 * the keyboard moves photo by photo rather than through three controls per photo.
 */
function EditableFields({ evidence, onSaved }: { evidence: Evidence; onSaved: (e: Evidence) => void }) {
  const { t } = useTranslation();
  const [caption, setCaption] = useState(evidence.caption);
  const [date, setDate] = useState(evidence.effectiveDate ?? '');
  const [error, setError] = useState<ApiError | null>(null);

  const save = async (patch: { caption?: string; effectiveDate?: string | null }) => {
    const result = await api.evidence.update({ id: evidence.id, ...patch });
    if (result.ok) {
      setError(null);
      onSaved(result.value);
    } else {
      setError(result.error);
    }
  };

  return (
    // The date goes under the caption when the row is narrow (200% zoom) rather than over it.
    <Group gap={6} wrap="wrap" align="flex-start">
      <TextInput
          size="xs"
          style={{ flex: '1 1 10rem', minWidth: '8rem' }}
          aria-label={t('evidence.captionOf', { name: evidence.originalName })}
          placeholder={t('evidence.captionPlaceholder')}
          value={caption}
          onChange={(e) => setCaption(e.currentTarget.value)}
          onBlur={() => caption !== evidence.caption && void save({ caption })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          error={error ? t(`errors.${error.code}`) : undefined}
          data-testid="evidence-caption"
          tabIndex={-1}
        />
      <TextInput
          size="xs"
          type="date"
          aria-label={t('evidence.effectiveDateOf', { name: evidence.originalName })}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          onBlur={() => date !== (evidence.effectiveDate ?? '') && void save({ effectiveDate: date === '' ? null : date })}
          w={150}
          title={t('evidence.effectiveDate')}
          tabIndex={-1}
        />
    </Group>
  );
}

/** All evidence of a case, with thumbnails, where each file belongs, editable caption and date, and the integrity check. */
export function CaseEvidence({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const runs = useCaseRunsStore((s) => (s.caseId === caseId ? s.runs : NONE));
  const prompts = useItemPrompts(runs);
  const [items, setItems] = useState<ShownEvidence[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<Evidence | null>(null);

  useEffect(() => {
    let live = true;
    void api.evidence.list({ caseId }).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [caseId]);

  const runsById = useMemo(() => new Map(runs.map((r) => [r.id, r])), [runs]);
  const replace = (changed: Evidence) => setItems((list) => (list ?? []).map((e) => (e.id === changed.id ? { ...e, ...changed } : e)));

  const where = (evidence: Evidence) => {
    if (!evidence.runId) {
      return (
        <Group gap={6}>
          <Badge size="sm" color="gray">
            {t('evidence.caseLevel')}
          </Badge>
        </Group>
      );
    }
    const run = runsById.get(evidence.runId);
    const prompt = evidence.itemId ? prompts[evidence.runId]?.[evidence.itemId] : undefined;
    return (
      <Text size="xs" lineClamp={2}>
        <Text span size="xs" fw={600}>
          {prompt ? localized(prompt, i18n.language) : evidence.itemId}
        </Text>
        <Text span size="xs" c="dimmed">
          {` · ${run ? `${localized(run.title, i18n.language)}${run.label ? ` · ${run.label}` : ''}` : t('evidence.checklist')}`}
        </Text>
      </Text>
    );
  };

  return (
    <Paper component="section" aria-labelledby="case-evidence-title" data-testid="case-evidence">
      <Stack gap={2} mb="sm">
        <Group gap={8}>
          <Title order={2} id="case-evidence-title">
            {t('evidence.caseTitle')}
          </Title>
          {items && items.length > 0 && (
            <Badge size="sm" color="gray">
              {items.length}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('evidence.caseIntro')}
        </Text>
      </Stack>
      <Stack gap="sm">
        <IntegrityCheck caseId={caseId} />
        {error && <ErrorAlert error={error} />}
        {items && items.length > 0 ? (
          <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="sm" verticalSpacing="sm" data-testid="case-evidence-grid">
            {items.map((evidence) => (
              <Paper key={evidence.id} p="xs" data-testid="case-evidence-row">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <EvidenceThumb evidence={evidence} size={84} onOpen={setOpen} />
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap" justify="space-between">
                      <Text size="sm" fw={600} truncate title={evidence.originalName}>
                        {evidence.originalName}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                        {`${t(`evidence.kinds.${evidence.kind}`)} · ${formatBytes(evidence.size, i18n.language)}`}
                      </Text>
                    </Group>
                    {where(evidence)}
                    <EditableFields
                      key={`${evidence.id}:${evidence.caption}:${evidence.effectiveDate}`}
                      evidence={evidence}
                      onSaved={replace}
                    />
                    <Text size="xs" c="dimmed">
                      {t('evidence.attachedByAt', {
                        name: evidence.attachedByName,
                        when: formatTimestamp(evidence.attachedAt, i18n.language),
                      })}
                    </Text>
                  </Stack>
                </Group>
              </Paper>
            ))}
          </SimpleGrid>
        ) : items ? (
          <Text size="sm" c="dimmed">
            {t('evidence.noneForCase')}
          </Text>
        ) : null}
        <AttachDropZone
          target={{ caseId }}
          testId="case-attach"
          onAttached={(evidence) => setItems((list) => [...(list ?? []), evidence])}
        />
      </Stack>
      <EvidenceDetailModal
        evidence={open}
        onClose={() => setOpen(null)}
        onChanged={(changed) => {
          replace(changed);
          setOpen(changed);
        }}
        onRemoved={(removed) => {
          setItems((list) => (list ?? []).filter((e) => e.id !== removed.id));
          setOpen(null);
        }}
      />
    </Paper>
  );
}
