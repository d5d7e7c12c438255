import { describe, expect, it } from 'vitest';
import { CaseDraft } from '../../src-main/contract/cases';
import { sampleCase } from '../support/temp-store';
import { fieldErrorsFromServer, fieldErrorsFromZod } from '../../src-renderer/src/lib/field-errors';
import en from '../../src-renderer/src/i18n/en.json';
import ru from '../../src-renderer/src/i18n/ru.json';

describe('text issue codes reach the form as translated messages', () => {
  it('client-side checks with the contract schema name ill-formed text and control characters', () => {
    const parsed = CaseDraft.safeParse(sampleCase({ caseNumber: 'AEO\u001b[2J', leadValidator: 'Dana \ud800' }));
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsFromZod(parsed.error!);
    expect(errors.caseNumber).toEqual({ key: 'controlCharacters' });
    expect(errors.leadValidator).toEqual({ key: 'illFormedText' });
  });

  it("the server's issues[].code maps to the same keys, whatever the English message says", () => {
    const { fields } = fieldErrorsFromServer(
      [
        { path: 'notes', message: 'anything', code: 'ill_formed_text' },
        { path: 'caseNumber', message: 'anything', code: 'control_characters' },
      ],
      (field) => field,
    );
    expect(fields).toEqual({ notes: { key: 'illFormedText' }, caseNumber: { key: 'controlCharacters' } });
  });

  it('both languages have the text', () => {
    for (const key of ['illFormedText', 'controlCharacters'] as const) {
      expect(en.validation[key]).toBeTruthy();
      expect(ru.validation[key]).toBeTruthy();
    }
    expect(ru.audit.reanchored).toContain('{{count}}');
  });
});
