import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX, RiskMatrix, scoreRisk } from '../../src-main/contract/risk-scale';
import { defaultScores } from '../support/risk-scores';

describe('risk scoring on the 5×5 matrix', () => {
  it.each(defaultScores)('likelihood %i × consequence %i scores %i, level %s', (l, c, score, level) => {
    expect(scoreRisk(l, c)).toEqual({ score, level });
  });

  it.each([[0, 3], [6, 3], [3, 0], [3, 6], [2.5, 3]])('refuses likelihood %s, consequence %s', (l, c) => {
    expect(() => scoreRisk(l, c)).toThrow(RangeError);
  });

  it('uses a configured matrix instead of the default bands', () => {
    const strict = DEFAULT_RISK_MATRIX.map((row) => row.map((level) => (level === 'low' ? 'medium' : level)));
    expect(scoreRisk(1, 1, RiskMatrix.parse(strict)).level).toBe('medium');
  });

  it('refuses a matrix whose level falls as the likelihood rises', () => {
    const broken = DEFAULT_RISK_MATRIX.map((row) => [...row]);
    broken[4]![4] = 'low';
    const parsed = RiskMatrix.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([4, 4]);
  });

  it('the default matrix is monotonic', () => {
    expect(RiskMatrix.safeParse(DEFAULT_RISK_MATRIX).success).toBe(true);
  });
});
