/** Calendar dates (`YYYY-MM-DD`) are days, not instants: format them in UTC so no time zone shifts the day. */
export function formatDate(isoDate: string | null | undefined, language: string): string | null {
  if (!isoDate) return null;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatTimestamp(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Today's local calendar date as `YYYY-MM-DD`, the default opening date of a new case. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Formats a byte count for people in their language: 2 147 483 648 → "2 GB" / "2 ГБ". */
export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A few characters of an id or digest, enough to tell two apart at a glance: the start of a hex digest, the end
 * of a UUID (ids are UUIDv7, whose first characters are a timestamp shared by ids made in the same minute).
 */
export const shortId = (value: string, length = 8) => (UUID.test(value) ? value.replace(/-/g, '').slice(-length) : value.slice(0, length));
