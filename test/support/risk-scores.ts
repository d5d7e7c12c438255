import type { RiskLevel } from '../../src-main/contract/risk-scale';

/** Likelihood, consequence, the score and the level of the default 5×5 matrix: every band and both corners. */
export const defaultScores: [number, number, number, RiskLevel][] = [
  [1, 1, 1, 'low'],
  [1, 4, 4, 'low'],
  [2, 2, 4, 'low'],
  [1, 5, 5, 'medium'],
  [3, 3, 9, 'medium'],
  [2, 5, 10, 'high'],
  [4, 4, 16, 'high'],
  [3, 5, 15, 'high'],
  [4, 5, 20, 'critical'],
  [5, 5, 25, 'critical'],
];
