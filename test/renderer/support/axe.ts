import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core in the page under test: its script is injected into the document (once per load) and run there, as
 * `@axe-core/playwright` does (that wrapper wants Node 22).
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the rule sets issue 15 asks for. */
export const wcagAA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One failed rule on one screen, short enough to read in a failing test's diff. */
export type Violation = { rule: string; impact: string | null; count: number; examples: string[]; messages: string[] };

/**
 * Runs axe on the page as it is now: the rules of `tags` less those in `skip`, or exactly the rules in `only`
 * (the outdoor theme's check of `color-contrast-enhanced`, level AAA's 7:1).
 */
export async function axeViolations(
  page: Page,
  options: { tags?: string[]; skip?: string[]; only?: string[] } = {},
): Promise<Violation[]> {
  // Evaluated over the DevTools protocol, which the app's Content-Security-Policy (script-src 'self') allows.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const runOptions: RunOptions = {
    runOnly: options.only ? { type: 'rule', values: options.only } : { type: 'tag', values: options.tags ?? wcagAA },
    resultTypes: ['violations'],
    rules: Object.fromEntries((options.skip ?? []).map((id) => [id, { enabled: false }])),
  };
  const results = await page.evaluate(
    // axe is a global once injected; the options cross into the page as plain JSON.
    async (opts) => (await (window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } }).axe.run(document, opts)),
    runOptions,
  );
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? null,
    count: v.nodes.length,
    examples: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${summaryLine(n.failureSummary)}`),
    messages: [...new Set(v.nodes.map((n) => summaryLine(n.failureSummary)))],
  }));
}

/** The line of axe's failure summary that says what is wrong (the first says only "Fix any of the following"). */
function summaryLine(summary: string | undefined): string {
  return (summary ?? '').split('\n').slice(1, 2).join('').trim();
}
