import type { MantineColor } from '@mantine/core';
import type { RiskLevel, RiskMatrix } from '../../../src-main/contract/risk-scale';
import { DEFAULT_RISK_MATRIX, scoreRisk, type RiskScore } from '../../../src-main/contract/risk-scale';

/** The usual traffic-light bands: low green, medium yellow, high orange, critical red. */
export const riskLevelColor: Record<RiskLevel, MantineColor> = {
  low: 'green',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

export const ratings = [1, 2, 3, 4, 5] as const;
export type RatingValue = (typeof ratings)[number];

export function isRating(value: unknown): value is RatingValue {
  return typeof value === 'number' && (ratings as readonly number[]).includes(value);
}

/** Score and level of a pair of ratings, or null while one is missing. */
export function previewScore(
  likelihood: number | null,
  consequence: number | null,
  matrix: RiskMatrix = DEFAULT_RISK_MATRIX,
): RiskScore | null {
  if (!isRating(likelihood) || !isRating(consequence)) return null;
  return scoreRisk(likelihood, consequence, matrix);
}

/** R1, R2, … in register order, as the report cites risks; F1, F2, … for findings. */
export function refsOf<T extends { id: string }>(rows: readonly T[], prefix: string): Map<string, string> {
  return new Map(rows.map((row, index) => [row.id, `${prefix}${index + 1}`]));
}

/** `2025-03-03` from a date input, or null for an empty one. */
export function dateOrNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}
