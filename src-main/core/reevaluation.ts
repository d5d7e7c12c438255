/*
 * Re-evaluation dates (post-certification monitoring, seed 000): the operator is re-evaluated at the latest
 * when the maximum monitoring period has run from the authorization date. Pure calendar arithmetic on ISO dates
 * (YYYY-MM-DD), free of time zones: a date is a day, not an instant.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Ymd = { year: number; month: number; day: number };

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps it free of local DST.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseIsoDate(date: string): Ymd {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`no such calendar day: ${date}`);
  }
  return { year, month, day };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const format = ({ year, month, day }: Ymd) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/**
 * The same day `months` later; when that month is shorter, its last day (2025-08-31 + 6 → 2026-02-28,
 * 2024-02-29 + 12 → 2025-02-28, 2023-08-31 + 6 → 2024-02-29).
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError('months must be a whole number');
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/**
 * When re-evaluation is due: authorization date + the maximum monitoring period in months (at least one, so the
 * date is never on or before the authorization). No authorization date yet → null ("not set").
 */
export function reevaluationDue(authorizationDate: string | null, maxMonitoringMonths: number): string | null {
  if (!Number.isInteger(maxMonitoringMonths) || maxMonitoringMonths < 1) {
    throw new RangeError('the maximum monitoring period is a whole number of months, at least 1');
  }
  if (authorizationDate === null) return null;
  return addMonths(authorizationDate, maxMonitoringMonths);
}

export const MONTHS_PER_OCCURRENCE = {
  monthly: 1,
  quarterly: 3,
  semiannually: 6,
  annually: 12,
} as const;

/**
 * The dates of a periodic measure from `start` up to and including `until`, each counted from `start` (so a
 * monthly check from 31 January falls on 28/29 February and then 31 March, never drifting to the 28th).
 * `once` gives the start alone; `ongoing` and `on_trigger` have no dates. At most `limit` dates.
 */
export function occurrences(
  frequency: 'once' | 'monthly' | 'quarterly' | 'semiannually' | 'annually' | 'ongoing' | 'on_trigger',
  start: string | null,
  until: string | null,
  limit = 240,
): string[] {
  if (start === null) return [];
  parseIsoDate(start);
  if (frequency === 'ongoing' || frequency === 'on_trigger') return [];
  if (until !== null) parseIsoDate(until);
  if (frequency === 'once') return until === null || start <= until ? [start] : [];
  if (until === null) return [];
  const step = MONTHS_PER_OCCURRENCE[frequency];
  const dates: string[] = [];
  for (let k = 0; dates.length < limit; k++) {
    const date = addMonths(start, k * step);
    if (date > until) break;
    dates.push(date);
  }
  return dates;
}
