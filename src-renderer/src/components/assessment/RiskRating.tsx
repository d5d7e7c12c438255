import { Badge, Group, Input, Paper, SegmentedControl, Stack, Text, VisuallyHidden, type BadgeProps } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskLevel } from '../../../../src-main/contract/risk-scale';
import { isRating, ratings, riskLevelColor, type previewScore, type RatingValue } from '../../lib/risk-ui';

/** A level as a coloured badge: low green, medium yellow, high orange, critical red. */
export function RiskLevelBadge({ level, ...props }: { level: RiskLevel } & Omit<BadgeProps, 'color' | 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge
      color={riskLevelColor[level]}
      variant="filled"
      autoContrast
      data-level={level}
      // In a narrow table cell a badge must not shrink to an ellipsis.
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      {...props}
    >
      {t(`assess.levels.${level}`)}
    </Badge>
  );
}

/** `4×3 = 12` and the level badge; a dash while the pair is not rated. */
export function ScoreCell({
  likelihood,
  consequence,
  score,
  testId,
}: {
  likelihood: number | null;
  consequence: number | null;
  score: { score: number; level: RiskLevel } | null;
  testId?: string;
}) {
  if (!score || likelihood === null || consequence === null) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        —
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId} data-level={score.level}>
      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {`${likelihood}×${consequence} = ${score.score}`}
      </Text>
      <RiskLevelBadge level={score.level} size="sm" />
    </Group>
  );
}

/**
 * A 1–5 rating as a segmented control (a labelled radio group), with the meaning of the chosen value below.
 * `allowNone` adds a "not rated" choice first (the residual rating may wait until step 7).
 */
export function RatingInput({
  label,
  scale,
  value,
  onChange,
  allowNone = false,
  error,
  testId,
}: {
  label: string;
  scale: 'likelihood' | 'consequence';
  value: RatingValue | null;
  onChange: (value: RatingValue | null) => void;
  allowNone?: boolean;
  error?: string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const data = [
    ...(allowNone
      ? [
          {
            value: '',
            label: (
              <>
                <span aria-hidden>—</span>
                <VisuallyHidden>{t('assess.risk.notRated')}</VisuallyHidden>
              </>
            ),
          },
        ]
      : []),
    ...ratings.map((r) => ({ value: String(r), label: String(r) })),
  ];
  return (
    <Stack gap={2} data-testid={testId}>
      <Input.Label labelElement="div" id={`${id}-label`}>
        {label}
      </Input.Label>
      <SegmentedControl
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-meaning`}
        aria-invalid={error ? true : undefined}
        data={data}
        value={value === null ? (allowNone ? '' : 'unset') : String(value)}
        onChange={(next) => {
          const n = Number(next);
          onChange(next !== '' && isRating(n) ? n : null);
        }}
        fullWidth
        size="sm"
        color={error ? 'red' : 'blue'}
      />
      <Text size="xs" c={error ? 'red' : 'dimmed'} id={`${id}-meaning`} aria-live="polite" mih={18}>
        {error ?? (value === null ? t('assess.risk.notRated') : `${value} — ${t(`assess.${scale}.${value}`)}`)}
      </Text>
    </Stack>
  );
}

/** The live score and level of a rating pair in a form (the configured matrix; the server derives the stored one). */
export function ScorePreview({
  label,
  likelihood,
  consequence,
  score,
  testId,
}: {
  label: string;
  likelihood: number | null;
  consequence: number | null;
  score: ReturnType<typeof previewScore>;
  testId: string;
}) {
  return (
    <Paper p="xs" bg="gray.0" miw={150} mt={22} aria-live="polite">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <ScoreCell likelihood={likelihood} consequence={consequence} score={score} testId={testId} />
    </Paper>
  );
}
