import { Anchor, CloseButton, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeatMap as HeatMapData, HeatMapCell, Risk } from '../../../../src-main/contract/risks';
import { riskLevels, type RiskLevel } from '../../../../src-main/contract/risk-scale';
import { riskLevelColor } from '../../lib/risk-ui';
import { RiskLevelBadge, ScoreCell } from './RiskRating';

type Which = 'inherent' | 'residual';
type Picked = { which: Which; likelihood: number; consequence: number };

const ROWS = [5, 4, 3, 2, 1] as const;
const COLS = [1, 2, 3, 4, 5] as const;
const CELL = 46;

function Grid({
  which,
  cells,
  picked,
  onPick,
}: {
  which: Which;
  cells: HeatMapCell[][];
  picked: Picked | null;
  onPick: (cell: HeatMapCell) => void;
}) {
  const { t } = useTranslation();
  const mapName = t(`assess.heatMap.${which}`);
  const gridRef = useRef<HTMLDivElement>(null);
  // One cell is in the Tab order; arrow keys move between cells (a roving tab stop).
  const [focus, setFocus] = useState({ l: 5, c: 1 });
  const move = (l: number, c: number) => {
    const next = { l: Math.min(5, Math.max(1, l)), c: Math.min(5, Math.max(1, c)) };
    setFocus(next);
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-l="${next.l}"][data-c="${next.c}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, l: number, c: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [l + 1, c],
      ArrowDown: [l - 1, c],
      ArrowLeft: [l, c - 1],
      ArrowRight: [l, c + 1],
      Home: [l, 1],
      End: [l, 5],
    };
    const to = moves[event.key];
    if (!to) return;
    event.preventDefault();
    move(to[0], to[1]);
  };
  return (
    <Stack gap={6} data-testid={`heat-map-${which}`} component="figure" m={0}>
      <Title order={4} fz="sm" component="figcaption">
        {mapName}
      </Title>
      <Group gap={6} wrap="nowrap" align="stretch">
        <Text
          size="xs"
          c="dimmed"
          fw={600}
          style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center' }}
          aria-hidden
        >
          {t('assess.risk.likelihood')}
        </Text>
        <div
          ref={gridRef}
          role="grid"
          aria-label={mapName}
          style={{ display: 'grid', gridTemplateColumns: `20px repeat(5, ${CELL}px)`, gap: 3, alignItems: 'center' }}
        >
          {ROWS.map((l) => (
            <div role="row" key={l} style={{ display: 'contents' }}>
              <Text role="rowheader" size="xs" c="dimmed" ta="center" aria-label={t('assess.heatMap.likelihoodN', { n: l })}>
                {l}
              </Text>
              {COLS.map((c) => {
                const cell = cells[l - 1]?.[c - 1];
                if (!cell) return <div key={c} role="gridcell" />;
                const filled = cell.count > 0;
                const isPicked = picked?.which === which && picked.likelihood === l && picked.consequence === c;
                return (
                  <div role="gridcell" key={c}>
                    <UnstyledButton
                      onClick={() => {
                        setFocus({ l, c });
                        onPick(cell);
                      }}
                      onKeyDown={(e) => onKeyDown(e, l, c)}
                      tabIndex={focus.l === l && focus.c === c ? 0 : -1}
                      aria-label={t('assess.heatMap.cell', {
                        likelihood: l,
                        consequence: c,
                        level: t(`assess.levels.${cell.level}`),
                        n: cell.count,
                      })}
                      aria-pressed={isPicked}
                      data-l={l}
                      data-c={c}
                      data-testid={`cell-${which}-${l}-${c}`}
                      data-count={cell.count}
                      data-level={cell.level}
                      style={{
                        width: CELL,
                        height: CELL,
                        borderRadius: 4,
                        ...cellStyle(cell.level, filled),
                        position: 'relative',
                        display: 'flex',
                        alignItems: 'center',
                        justifyContent: 'center',
                        fontWeight: 700,
                        fontSize: 16,
                        outline: isPicked ? '3px solid var(--mantine-color-blue-8)' : undefined,
                        outlineOffset: isPicked ? 1 : undefined,
                      }}
                    >
                      <LevelMark level={cell.level} />
                      {filled ? cell.count : ''}
                    </UnstyledButton>
                  </div>
                );
              })}
            </div>
          ))}
          <div role="row" style={{ display: 'contents' }}>
            <span role="gridcell" />
            {COLS.map((c) => (
              <Text key={c} role="columnheader" size="xs" c="dimmed" ta="center" aria-label={t('assess.heatMap.consequenceN', { n: c })}>
                {c}
              </Text>
            ))}
          </div>
        </div>
      </Group>
      <Text size="xs" c="dimmed" fw={600} pl={46} w={46 + 5 * (CELL + 3)} ta="center" aria-hidden>
        {t('assess.risk.consequence')}
      </Text>
    </Stack>
  );
}

/**
 * A cell's colours: the level's tint (stronger once risks sit in it) under near-black text, which keeps at least
 * 7:1 on every tint (test/renderer/theme-contrast.test.ts).
 */
function cellStyle(level: RiskLevel, filled: boolean) {
  const color = riskLevelColor[level];
  return {
    background: `var(--mantine-color-${color}-${filled ? 4 : 1})`,
    border: `2px solid var(--mantine-color-${color}-${filled ? 8 : 2})`,
    color: 'var(--mantine-color-dark-9)',
  };
}

/**
 * The level's letter in a cell's corner, so the bands read without telling colours apart (colour-blind users,
 * sunlight, a black-and-white copy). Drawn by the stylesheet from `data-mark`: the cell's name already says the
 * level in words, and a letter in the text would make the name disagree with what is shown (WCAG 2.5.3).
 */
function LevelMark({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  return <span aria-hidden className="aeo-level-mark" data-mark={t(`a11y.levelMark.${level}`)} />;
}

/** What the letters and colours mean, below the maps. */
function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('a11y.legend')} data-testid="heat-map-legend">
      {riskLevels.map((level) => (
        <Group key={level} component="li" gap={6} wrap="nowrap">
          <span
            aria-hidden
            style={{ ...cellStyle(level, true), width: 22, height: 22, borderRadius: 4, display: 'grid', placeItems: 'center', fontSize: 11, fontWeight: 700 }}
          >
            {t(`a11y.levelMark.${level}`)}
          </span>
          <Text size="xs">{t(`assess.levels.${level}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * The 5×5 heat maps (likelihood rows 5→1, consequence columns 1→5), inherent and residual side by side. A cell
 * shows its count (or, when empty, its score, faintly); choosing it lists its risks below.
 */
export function HeatMap({
  heatMap,
  risks,
  refs,
  onOpenRisk,
}: {
  heatMap: HeatMapData;
  risks: readonly Risk[];
  refs: Map<string, string>;
  onOpenRisk: (risk: Risk) => void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Picked | null>(null);
  const byId = new Map(risks.map((r) => [r.id, r]));
  const cell = picked ? heatMap[picked.which][picked.likelihood - 1]?.[picked.consequence - 1] : undefined;
  const listed = cell ? cell.riskIds.flatMap((id) => byId.get(id) ?? []) : [];
  const pick = (which: Which) => (c: HeatMapCell) =>
    setPicked((current) =>
      current?.which === which && current.likelihood === c.likelihood && current.consequence === c.consequence
        ? null
        : { which, likelihood: c.likelihood, consequence: c.consequence },
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby="heat-map-title" data-testid="heat-map">
      <Title order={3} id="heat-map-title">
        {t('assess.heatMap.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ justifyItems: 'start' }}>
        <Grid which="inherent" cells={heatMap.inherent} picked={picked} onPick={pick('inherent')} />
        <Stack gap={4}>
          <Grid which="residual" cells={heatMap.residual} picked={picked} onPick={pick('residual')} />
          {heatMap.residualNotRated.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="residual-not-rated">
              {t('assess.heatMap.notRated', { n: heatMap.residualNotRated.length })}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      <Legend />
      <Text size="xs" c="dimmed">
        {t('assess.heatMap.hint')}
      </Text>
      {picked && cell && (
        <Paper p="sm" bg="gray.0" data-testid="heat-cell-risks" aria-live="polite">
          <Group justify="space-between" wrap="nowrap" mb={6}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {t('assess.heatMap.cellTitle', {
                  map: t(`assess.heatMap.${picked.which}`),
                  likelihood: picked.likelihood,
                  consequence: picked.consequence,
                })}
              </Text>
              <RiskLevelBadge level={cell.level} size="sm" />
            </Group>
            <CloseButton size="sm" aria-label={t('assess.heatMap.closeCell')} onClick={() => setPicked(null)} />
          </Group>
          {listed.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('assess.heatMap.cellEmpty')}
            </Text>
          ) : (
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {listed.map((r) => (
                <Group key={r.id} component="li" gap="sm" wrap="nowrap" data-testid="heat-cell-risk">
                  <Text size="sm" c="dimmed" ff="monospace" w={32}>
                    {refs.get(r.id)}
                  </Text>
                  <Anchor component="button" type="button" size="sm" onClick={() => onOpenRisk(r)} style={{ textAlign: 'start' }}>
                    {r.title}
                  </Anchor>
                  {picked.which === 'inherent' ? (
                    <ScoreCell likelihood={r.likelihood} consequence={r.consequence} score={r.inherent} />
                  ) : (
                    <ScoreCell likelihood={r.residualLikelihood} consequence={r.residualConsequence} score={r.residual} />
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
