import { describe, expect, it } from 'vitest';
import { shortcutOf } from '../../src-renderer/src/lib/keys';

/** What the runner's keys mean is decided by the key's place on the keyboard, not by the character it types. */
describe('shortcutOf', () => {
  const press = (code: string, key: string, shiftKey = false) => shortcutOf({ code, key, shiftKey });

  it('reads letters by their place, so a Russian layout gives the same shortcuts', () => {
    expect(press('KeyJ', 'о')).toBe('j');
    expect(press('KeyK', 'л')).toBe('k');
    expect(press('KeyE', 'у')).toBe('e');
    expect(press('KeyY', 'н')).toBe('y');
    expect(press('KeyN', 'т')).toBe('n');
    expect(press('KeyN', 'Т', true)).toBe('N');
    expect(press('KeyJ', 'j')).toBe('j');
  });

  it('reads digits from the top row and the number pad, and named keys by their code', () => {
    expect(press('Digit3', '3')).toBe('3');
    expect(press('Numpad4', '4')).toBe('4');
    expect(press('Numpad1', 'End')).toBe('End');
    expect(press('Digit1', '!', true)).toBe('!');
    expect(press('ArrowDown', 'ArrowDown')).toBe('ArrowDown');
    expect(press('Escape', 'Escape')).toBe('Escape');
    expect(press('NumpadEnter', 'Enter')).toBe('Enter');
    expect(press('', 'j')).toBe('j');
  });
});
