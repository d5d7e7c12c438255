import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChecklistTemplate } from '../../src-main/contract/checklist-template';
import {
  ValueFormat,
  containerNumberProblem,
  formatProblem,
  iso6346CheckDigit,
  valueFormatIssueCodes,
} from '../../src-main/contract/value-format';
import { ownIssueError } from '../../src-renderer/src/lib/field-errors';
import en from '../../src-renderer/src/i18n/en.json';
import ru from '../../src-renderer/src/i18n/ru.json';
import { sampleTemplate } from '../support/checklist-fixtures';

/**
 * The letter values printed in ISO 6346 (Annex A), written out rather than computed, so the module's own derivation
 * (10 upwards, skipping multiples of 11) is checked against the table.
 */
const TABLE: Record<string, number> = {
  A: 10, B: 12, C: 13, D: 14, E: 15, F: 16, G: 17, H: 18, I: 19, J: 20, K: 21, L: 23, M: 24,
  N: 25, O: 26, P: 27, Q: 28, R: 29, S: 30, T: 31, U: 32, V: 34, W: 35, X: 36, Y: 37, Z: 38,
};
const oracle = (firstTen: string) =>
  ([...firstTen].reduce((sum, c, i) => sum + (/\d/.test(c) ? Number(c) : TABLE[c]!) * 2 ** i, 0) % 11) % 10;

const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digit = fc.constantFrom(...'0123456789');
const owner = fc.array(letter, { minLength: 3, maxLength: 3 }).map((a) => a.join(''));
const serial = fc.array(digit, { minLength: 6, maxLength: 6 }).map((a) => a.join(''));
const firstTen = fc.tuple(owner, fc.constantFrom('U', 'J', 'Z'), serial).map(([o, c, s]) => `${o}${c}${s}`);

describe('ISO 6346 container numbers', () => {
  it('accepts real container numbers (the standard worked example CSQU 305438 3) however they are spaced', () => {
    for (const real of ['CSQU3054383', 'CSQU 305438 3', 'csqu 305438-3', 'MSKU 718204-7', 'TGHU 123456-7']) {
      expect(containerNumberProblem(real), real).toBeNull();
    }
  });

  it('names what is wrong: length, owner code, category, serial, and the check digit it should have', () => {
    expect(containerNumberProblem('CSQU3054384')).toMatchObject({ code: 'container_check_digit', params: { expected: 3, got: 4 } });
    expect(containerNumberProblem('TGHU 123')).toMatchObject({ code: 'container_length', params: { length: 7 } });
    expect(containerNumberProblem('C5QU3054383')).toMatchObject({ code: 'container_owner' });
    expect(containerNumberProblem('CSQX3054383')).toMatchObject({ code: 'container_category', params: { got: 'X' } });
    expect(containerNumberProblem('CSQU30543B3')).toMatchObject({ code: 'container_serial' });
  });

  it('computes the check digit as the standard table does, for any owner, category and serial', () => {
    fc.assert(fc.property(firstTen, (ten) => iso6346CheckDigit(ten) === oracle(ten)));
  });

  it('accepts exactly the computed check digit and names it for any other', () => {
    fc.assert(
      fc.property(firstTen, digit, (ten, d) => {
        const expected = oracle(ten);
        const problem = containerNumberProblem(`${ten}${d}`);
        if (Number(d) === expected) return problem === null;
        return problem?.code === 'container_check_digit' && problem.params.expected === expected;
      }),
    );
  });

  it('spaces, hyphens and lower case do not change the verdict', () => {
    fc.assert(
      fc.property(firstTen, fc.integer({ min: 1, max: 10 }), fc.constantFrom(' ', '-', ' - '), (ten, at, gap) => {
        const number = `${ten}${oracle(ten)}`;
        const spaced = `${number.slice(0, at)}${gap}${number.slice(at)}`.toLowerCase();
        return containerNumberProblem(spaced) === null;
      }),
    );
  });

  it('catches every single-digit typo in the serial unless the remainders are 0 and 10 (both print as 0)', () => {
    fc.assert(
      fc.property(firstTen, fc.integer({ min: 4, max: 9 }), digit, (ten, at, d) => {
        fc.pre(ten[at] !== d);
        const typo = `${ten.slice(0, at)}${d}${ten.slice(at + 1)}`;
        const remainder = (s: string) => [...s].reduce((sum, c, i) => sum + (/\d/.test(c) ? Number(c) : TABLE[c]!) * 2 ** i, 0) % 11;
        const missed = containerNumberProblem(`${typo}${oracle(ten)}`) === null;
        const pair = [remainder(ten), remainder(typo)].sort((a, b) => a - b).join(',');
        return remainder(ten) !== remainder(typo) && missed === (pair === '0,10');
      }),
    );
  });
});

describe('declared formats', () => {
  const seal = ValueFormat.parse({ kind: 'pattern', pattern: '[A-Z]{0,4}[ -]?[0-9]{5,12}', example: 'CN1234567' });

  it('a pattern matches the whole value; a blank value means not filled in', () => {
    expect(formatProblem(seal, 'KZ 0451187')).toBeNull();
    expect(formatProblem(seal, '  ')).toBeNull();
    expect(formatProblem(seal, 'KZ 0451187 extra')).toMatchObject({ code: 'pattern_mismatch', params: { example: 'CN1234567' } });
    expect(formatProblem(seal, 'seal?')).toMatchObject({ code: 'pattern_mismatch' });
  });

  it('a template is refused for a pattern that does not compile, an example that does not fit, or a format on a non-text item', () => {
    expect(ValueFormat.safeParse({ kind: 'pattern', pattern: '[A-Z', example: 'A' }).success).toBe(false);
    expect(ValueFormat.safeParse({ kind: 'pattern', pattern: '[0-9]+', example: 'ABC' }).success).toBe(false);
    expect(ValueFormat.safeParse({ kind: 'checksum' }).success).toBe(false);
    const template = sampleTemplate(1);
    const item = template.sections[0]!.items.find((i) => i.answerType !== 'text')!;
    (item as Record<string, unknown>).format = { kind: 'iso6346' };
    expect(ChecklistTemplate.safeParse(template).success).toBe(false);
  });

  it('templates without formats stay valid (old templates load as before)', () => {
    expect(ChecklistTemplate.safeParse(sampleTemplate(1)).success).toBe(true);
  });

  it('every format issue code has text in English and Russian, with its parameters', () => {
    const samples = [
      containerNumberProblem('CSQU3054384'),
      containerNumberProblem('TGHU 123'),
      containerNumberProblem('C5QU3054383'),
      containerNumberProblem('CSQX3054383'),
      containerNumberProblem('CSQU30543B3'),
      formatProblem(seal, 'x'),
    ];
    expect(samples.map((p) => p?.code).sort()).toEqual([...valueFormatIssueCodes].sort());
    for (const problem of samples) {
      const error = ownIssueError([{ path: 'value', message: 'x', code: problem!.code, params: problem!.params }])!;
      expect(error, problem!.code).not.toBeNull();
      for (const lang of [en, ru]) {
        const text = (lang.validation as Record<string, string>)[error.key];
        expect(text, `${error.key}`).toBeTruthy();
        for (const name of Object.keys(problem!.params)) expect(text).toContain(`{{${name}}}`);
      }
    }
  });
});
