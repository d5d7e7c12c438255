import { z } from 'zod';

/**
 * ISO 28000 security risk assessment on the common 5×5 scale: likelihood 1–5 × consequence 1–5. The level of
 * each cell comes from a configurable matrix, because administrations draw the low/medium/high/critical bands
 * differently.
 */
export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export const RiskLevel = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const Rating = z.number().int().min(1).max(5);

/** matrix[likelihood - 1][consequence - 1] is the level of that cell. */
export const RiskMatrix = z
  .array(z.array(RiskLevel).length(5))
  .length(5)
  .superRefine((rows, ctx) => {
    // zod runs refinements even when the lengths above failed: judge the order only of a whole 5×5 matrix.
    if (rows.length !== 5 || rows.some((row) => !Array.isArray(row) || row.length !== 5)) return;
    // A higher likelihood or consequence may never lower the level.
    const rank = (level: RiskLevel) => riskLevels.indexOf(level);
    for (let l = 0; l < 5; l++) {
      for (let c = 0; c < 5; c++) {
        const here = rank(rows[l]![c]!);
        if ((l > 0 && here < rank(rows[l - 1]![c]!)) || (c > 0 && here < rank(rows[l]![c - 1]!))) {
          ctx.addIssue({ code: 'custom', message: 'levels must not fall as likelihood or consequence rise', path: [l, c] });
        }
      }
    }
  });
export type RiskMatrix = z.infer<typeof RiskMatrix>;

/** The default bands by score (likelihood × consequence): 1–4 low, 5–9 medium, 10–16 high, 20–25 critical. */
export const DEFAULT_RISK_MATRIX: RiskMatrix = Array.from({ length: 5 }, (_, l) =>
  Array.from({ length: 5 }, (_, c) => levelForScore((l + 1) * (c + 1))),
);

function levelForScore(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

export type RiskScore = { score: number; level: RiskLevel };

export function scoreRisk(likelihood: number, consequence: number, matrix: RiskMatrix = DEFAULT_RISK_MATRIX): RiskScore {
  if (!Number.isInteger(likelihood) || likelihood < 1 || likelihood > 5) throw new RangeError('likelihood must be 1–5');
  if (!Number.isInteger(consequence) || consequence < 1 || consequence > 5) throw new RangeError('consequence must be 1–5');
  return { score: likelihood * consequence, level: matrix[likelihood - 1]![consequence - 1]! };
}
