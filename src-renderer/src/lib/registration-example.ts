import { formatRegistration, patternProblem } from '../../../src-main/contract/registration-number';

/** What a number made by the authority's pattern looks like, for hints; null while the pattern cannot number. */
export function patternExample(pattern: string): string | null {
  if (patternProblem(pattern)) return null;
  return formatRegistration(pattern, { year: new Date().getFullYear(), seq: 1, caseNumber: 'AEO-0001' });
}
