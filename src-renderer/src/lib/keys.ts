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

/**
 * The shortcut a key press means, named by the key's place on the keyboard (`KeyboardEvent.code`), not by the
 * character it types: on a Russian layout the J key types "о" and is still J, so the runner works whatever layout
 * the validator last typed a note in. Letters come back lower case (upper case with Shift), digits from the top
 * row or the number pad as '1'…'9', other keys by their code name ('Enter', 'Escape', 'ArrowDown', 'Home'…).
 */
export function shortcutOf(event: Pick<KeyboardEvent, 'code' | 'key' | 'shiftKey'>): string {
  const letter = /^Key([A-Z])$/.exec(event.code)?.[1];
  if (letter) return event.shiftKey ? letter : letter.toLowerCase();
  const digit = /^Digit([0-9])$/.exec(event.code)?.[1];
  if (digit) return event.shiftKey ? event.key : digit;
  // The number pad types digits only with Num Lock on; otherwise its keys are Home, End, arrows…
  if (/^Numpad[0-9]$/.test(event.code)) return event.key;
  if (event.code === 'NumpadEnter') return 'Enter';
  // A key without a code (some virtual keyboards, synthetic events) falls back to what it types.
  return event.code || event.key;
}

/** Kept here too for the sync and evidence screens' imports; the one definition lives in lib/format. */
export { formatBytes } from './format';
