import { describe, expect, it } from 'vitest';
import { addMonths, occurrences, reevaluationDue } from '../../src-main/core/reevaluation';

describe('re-evaluation due date: authorization date + maximum monitoring period', () => {
  const table: [string, number, string][] = [
    ['2025-01-15', 24, '2027-01-15'],
    ['2025-08-31', 6, '2026-02-28'], // end of month clamps to the shorter month
    ['2023-08-31', 6, '2024-02-29'], // into a leap February
    ['2024-02-29', 12, '2025-02-28'], // from a leap day into a common year
    ['2024-02-29', 48, '2028-02-29'], // leap day to leap day
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-12-15', 1, '2026-01-15'], // across the year end
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-05-01', 120, '2036-05-01'],
  ];
  it.each(table)('%s + %i months → %s', (authorized, months, due) => {
    expect(reevaluationDue(authorized, months)).toBe(due);
  });

  it('is never on or before the authorization date', () => {
    for (const date of ['2024-01-31', '2024-02-29', '2025-12-31', '2025-06-30']) {
      for (const months of [1, 6, 12, 24]) expect(reevaluationDue(date, months)! > date).toBe(true);
    }
  });

  it('without an authorization date there is no due date ("not set")', () => {
    expect(reevaluationDue(null, 24)).toBeNull();
  });

  it.each([0, -6, 1.5])('refuses a monitoring period of %s months', (months) => {
    expect(() => reevaluationDue('2025-01-01', months)).toThrow(RangeError);
  });

  it.each(['2025-02-30', '2025-13-01', '25-01-01', '2025-1-1'])('refuses the date %s', (date) => {
    expect(() => reevaluationDue(date, 24)).toThrow(RangeError);
  });

  it('adds negative months too, clamping the same way', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('monitoring schedule occurrences', () => {
  it('counts each occurrence from the start, so month ends do not drift', () => {
    expect(occurrences('monthly', '2026-01-31', '2026-05-31')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
  });

  it.each([
    ['quarterly', '2026-01-15', '2027-01-15', 5],
    ['semiannually', '2026-01-15', '2028-01-15', 5],
    ['annually', '2026-01-15', '2028-01-14', 2],
    ['once', '2026-03-01', '2028-01-01', 1],
    ['ongoing', '2026-03-01', '2028-01-01', 0],
    ['on_trigger', '2026-03-01', '2028-01-01', 0],
  ] as const)('%s from %s until %s gives %i dates', (frequency, start, until, n) => {
    expect(occurrences(frequency, start, until)).toHaveLength(n);
  });

  it('has no dates without a start, and periodic ones need an end', () => {
    expect(occurrences('monthly', null, '2027-01-01')).toEqual([]);
    expect(occurrences('monthly', '2026-01-01', null)).toEqual([]);
    expect(occurrences('once', '2026-01-01', null)).toEqual(['2026-01-01']);
  });
});
