/** Key caps shown in keyboard legends. Keyboards print these the same in every language, so they are not translated. */
export const keyCaps = {
  escape: 'Esc',
  enter: 'Enter',
  shift: 'Shift',
  up: '↑',
  down: '↓',
} as const;

/** The compliance scale on the number keys, in order: 1 compliant … 5 not verified. */
export const scaleKeys = ['1', '2', '3', '4', '5'] as const;

/** True while the user types into a field: single-letter shortcuts must not fire there. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}

/** Kept here too for the sync and evidence screens' imports; the one definition lives in lib/format. */
export { formatBytes } from './format';
