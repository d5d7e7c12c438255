import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startHarness, type Harness } from './support/preview';

/**
 * Risk assessment to report in real Chromium against the preview server: open a risk from a non-compliant
 * checklist answer, find it on the heat map, rate the residual risk, add a finding (a deadline before the case
 * opened is refused at the field), plan its monitoring, conclude on the criteria, and print the Validation Report
 * with progress to the end. The tests share one browser page, but each creates its own case through the API, as
 * far along as it needs (answered, a risk opened, its residual rated), and opens it itself: any test passes alone
 * (`-t`) and in any order.
 */
const TIMEOUT = 120_000;
const OPENED_ON = '2025-03-03';
const DOORS = 'Inside and outside doors, including the reliability of the locking mechanisms';

let h: Harness;
let page: Page;
/** Numbers the cases the tests create: each test works on a case of its own. */
let cases = 0;
type Risk = {
  id: string;
  title: string;
  criterion: string | null;
  siteName: string | null;
  likelihood: number;
  consequence: number;
  inherent: { score: number; level: string };
  residual: { score: number; level: string } | null;
  response: string | null;
  answerLinks: { itemId: string }[];
};
type Finding = { description: string; deadline: string | null; owner: string; riskIds: string[] };

/** Chooses an option in a Mantine Select by its visible label. */
async function choose(scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Picks a value of a 1–5 rating (a labelled radio group of a segmented control). */
async function rate(scope: Locator, label: string, value: string) {
  await scope.getByRole('radiogroup', { name: label, exact: true }).getByText(value, { exact: true }).click();
}

const openStep = async (step: string) => {
  await page.getByTestId(`step-${step}`).click();
  await page.waitForFunction((s) => document.querySelector(`[data-testid="step-${s}"]`)?.getAttribute('aria-selected') === 'true', step);
};

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-assessment-', viewport: { width: 1366, height: 900 } });
  page = h.page;
  await h.api('users:create', { name: 'Aigerim Validator', role: 'team_lead' });
}, 180_000);

type Stage = 'answered' | 'risk' | 'residual';
type Setup = { caseId: string; runId: string; riskId: string };

/**
 * A case of its own for one test, set up through the API up to `stage`: a site and the container inspection run
 * with the doors non-compliant ('answered'); the risk opened from that answer, 4 × 3 ('risk'); its residual rated
 * 2 × 3 with an improvement action ('residual'). The operator is created once and named by the later cases.
 */
async function newCase(stage: Stage): Promise<Setup> {
  cases += 1;
  const operatorId = (await h.api<{ id: string }[]>('operators:list', { query: '990340005521' }))[0]?.id;
  const created = await h.api<{ id: string }>('cases:create', {
    caseNumber: `AEO-2025-${String(30 + cases).padStart(3, '0')}`,
    aeoType: 'security_safety',
    leadValidator: 'Aigerim Validator',
    team: ['Daniyar Seitkali'],
    openedOn: OPENED_ON,
    ...(operatorId
      ? { operatorId }
      : {
          newOperator: {
            legalName: 'Steppe Logistics LLP',
            identificationNumber: '990340005521',
            roles: ['warehouse_operator', 'exporter'],
          },
        }),
  });
  const caseId = created.id;
  const site = await h.api<{ id: string }>('plan:saveSite', {
    caseId,
    name: 'Main warehouse',
    kind: 'warehouse',
    address: '12 Dostyk Ave, Almaty',
  });
  const run = await h.api<{ id: string }>('runs:create', {
    caseId,
    siteId: site.id,
    templateId: 'ctpat-container-7pt',
    label: 'MSKU 123456-7',
  });
  const runId = run.id;
  await h.api('runs:answer', { runId, itemId: 'front-wall', value: 'compliant' });
  await h.api('runs:answer', { runId, itemId: 'doors', value: 'non_compliant', note: 'Locking bar loose on the right door' });
  if (stage === 'answered') return { caseId, runId, riskId: '' };
  const risk = await h.api<Risk>('risks:create', {
    caseId,
    fromAnswer: { runId, itemId: 'doors' },
    threat: 'Contraband concealed behind a tampered door',
    likelihood: 4,
    consequence: 3,
  });
  if (stage === 'residual') {
    await h.api('risks:update', {
      id: risk.id,
      patch: { residualLikelihood: 2, residualConsequence: 3, controls: 'Seal check at the gate', response: 'improvement_action' },
    });
  }
  return { caseId, runId, riskId: risk.id };
}

/** A case of its own at `stage` (see newCase), its page opened at `step`: where each test starts. */
async function openNewCase(stage: Stage, step: string): Promise<Setup> {
  const setup = await newCase(stage);
  await page.goto(`${h.baseUrl}/#/cases/${setup.caseId}`);
  await page.getByTestId('step-spine').waitFor();
  await openStep(step);
  return setup;
}

afterAll(async () => {
  await h?.close();
});

describe('risk assessment, findings, control plan and report in the browser', () => {
  it('opens a risk from the non-compliant answer with a live score preview', async () => {
    const { caseId } = await openNewCase('answered', 'risk_assessment');
    const register = page.getByTestId('risk-register');
    await register.getByTestId('risks-empty').waitFor();

    // The non-compliant answer is offered, open, since it has no risk yet.
    const deviation = page.getByTestId('deviation').filter({ hasText: DOORS });
    await deviation.waitFor();
    await deviation.getByRole('button', { name: `Open risk for “${DOORS}”` }).click();

    const dialog = page.getByRole('dialog', { name: 'Add risk' });
    await dialog.waitFor();
    // Pre-filled from the answer: the prompt as title, its first WCO criterion, the run's site, the answer linked.
    await expect(dialog.getByRole('textbox', { name: 'Risk' }).inputValue()).resolves.toBe(DOORS);
    await expect(dialog.getByRole('combobox', { name: 'WCO criterion', exact: true }).inputValue()).resolves.toBe(
      'G — Cargo security',
    );
    await expect(dialog.getByRole('combobox', { name: 'Site', exact: true }).inputValue()).resolves.toBe('Main warehouse');
    await expect(dialog.textContent()).resolves.toContain('(Non-compliant)');

    // Saving without ratings is refused at the fields.
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByTestId('likelihood').textContent()).resolves.toContain('Required');
    await expect(dialog.getByTestId('consequence').textContent()).resolves.toContain('Required');

    await dialog.getByRole('textbox', { name: 'Threat' }).fill('Contraband concealed behind a tampered door');
    await rate(dialog, 'Likelihood', '4');
    await rate(dialog, 'Consequence', '3');
    // The preview follows the configured matrix: 4 × 3 = 12, high.
    await expect(dialog.getByTestId('inherent-preview').textContent()).resolves.toBe('4×3 = 12High');
    await expect(dialog.getByTestId('likelihood').textContent()).resolves.toContain('4 — Likely');
    await h.shot('risk-form', { fullPage: false });

    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId('risk-row').filter({ hasText: DOORS });
    await row.waitFor();
    await expect(row.getByTestId('risk-inherent').textContent()).resolves.toBe('4×3 = 12High');
    await expect(row.getByTestId('risk-inherent').getAttribute('data-level')).resolves.toBe('high');
    await expect(row.textContent()).resolves.toContain('Main warehouse');

    const risks = await h.api<Risk[]>('risks:list', { caseId });
    expect(risks).toHaveLength(1);
    expect(risks[0]).toMatchObject({
      title: DOORS,
      criterion: 'G',
      siteName: 'Main warehouse',
      likelihood: 4,
      consequence: 3,
      inherent: { score: 12, level: 'high' },
      residual: null,
      answerLinks: [{ itemId: 'doors' }],
    });
    // The deviation now names its risk.
    await expect(page.getByTestId('deviations').textContent()).resolves.toContain('Risks: R1');
    await h.shot('risk-register');
  }, TIMEOUT);

  it('shows the risk in its heat-map cell; the cell lists it, by mouse and by keyboard', async () => {
    await openNewCase('risk', 'risk_assessment');
    const heatMap = page.getByTestId('heat-map');
    const cell = heatMap.getByRole('button', { name: 'Likelihood 4, consequence 3: High, risks: 1' });
    await expect(cell.getAttribute('data-testid')).resolves.toBe('cell-inherent-4-3');
    await expect(heatMap.getByTestId('cell-inherent-4-3').textContent()).resolves.toBe('1');
    await expect(heatMap.getByTestId('cell-inherent-2-2').textContent()).resolves.toBe('');
    await expect(heatMap.getByTestId('residual-not-rated').textContent()).resolves.toContain('1');

    await cell.click();
    const listed = page.getByTestId('heat-cell-risks');
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain('Inherent risk: likelihood 4 × consequence 3');
    await expect(listed.getByTestId('heat-cell-risk').count()).resolves.toBe(1);
    await expect(listed.getByTestId('heat-cell-risk').textContent()).resolves.toContain(DOORS);
    await h.shot('heat-map');

    // Arrow keys move between cells; Enter lists the chosen cell (here an empty one).
    await cell.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('cell-inherent-3-3');
    await page.keyboard.press('Enter');
    await expect(listed.textContent()).resolves.toContain('No risks in this cell.');
    await page.getByRole('button', { name: 'Close the list' }).click();
    await listed.waitFor({ state: 'detached' });
  }, TIMEOUT);

  it('offers "Open risk" in the runner for the non-compliant item, naming the risk already opened', async () => {
    const { runId } = await newCase('risk');
    await page.goto(`${h.baseUrl}/#/runs/${runId}`);
    await page.locator('[data-testid="run-item"][data-item-id="doors"]').click();
    const detail = page.locator('[data-testid="item-detail"][data-item-id="doors"]');
    await detail.waitFor();
    await detail.getByTestId('open-risk-from-answer').waitFor();
    await h.shot('runner-open-risk', { fullPage: false });
    await detail.getByTestId('open-risk-from-answer').click();
    const dialog = page.getByRole('dialog', { name: 'Add risk' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('existing-risks').textContent()).resolves.toContain(DOORS);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A compliant item offers nothing.
    await page.locator('[data-testid="run-item"][data-item-id="front-wall"]').click();
    await page.locator('[data-testid="item-detail"][data-item-id="front-wall"]').waitFor();
    await expect(page.getByTestId('open-risk-from-answer').count()).resolves.toBe(0);
  }, TIMEOUT);

  it('rates the residual risk and decides the response in step 7', async () => {
    await openNewCase('risk', 'residual_risk');
    const row = page.getByTestId('risk-row').filter({ hasText: DOORS });
    await row.getByRole('button', { name: `Edit risk “${DOORS}”` }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit risk' });
    await dialog.waitFor();

    // One residual rating alone is refused in words of its own.
    await rate(dialog, 'Residual likelihood', '2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByTestId('residual-consequence').textContent()).resolves.toContain(
      'Rate residual likelihood and consequence together',
    );

    await rate(dialog, 'Residual consequence', '3');
    await expect(dialog.getByTestId('residual-preview').textContent()).resolves.toBe('2×3 = 6Medium');
    await dialog.getByRole('textbox', { name: "Operator's internal controls" }).fill('Seal check at the gate');
    await choose(dialog, 'Response', 'Improvement action required');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(row.getByTestId('risk-residual').textContent()).resolves.toBe('2×3 = 6Medium');
    await expect(row.textContent()).resolves.toContain('Improvement action required');
    await expect(page.getByTestId('cell-residual-2-3').textContent()).resolves.toBe('1');
  }, TIMEOUT);

  it('refuses a finding whose deadline is before the case opened, at the field, and creates nothing', async () => {
    const { caseId, riskId } = await openNewCase('risk', 'residual_risk');
    const findings = page.getByTestId('findings');
    await findings.getByTestId('findings-empty').waitFor();
    await findings.getByRole('button', { name: 'Add finding' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add finding' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Finding' }).fill('Right door locking bar is loose; seals can be bypassed');
    await dialog.getByRole('textbox', { name: 'Required action' }).fill('Replace the locking bar and retrain gate staff');
    await dialog.getByRole('textbox', { name: 'Owner at the operator' }).fill('Marat Abenov, security manager');
    await dialog.getByLabel('Deadline').fill('2025-01-15');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const deadline = dialog.getByLabel('Deadline');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="finding-form"] input[type="date"]')?.getAttribute('aria-invalid') === 'true',
    );
    await expect(deadline.getAttribute('aria-invalid')).resolves.toBe('true');
    const message = dialog.getByText('The deadline is before the case was opened (Mar 3, 2025)');
    await message.waitFor();
    // The message is tied to the field.
    const describedBy = (await deadline.getAttribute('aria-describedby')) ?? '';
    const messageId = await message.getAttribute('id');
    expect(messageId && describedBy.split(' ')).toContain(messageId);
    await expect(h.api<Finding[]>('findings:list', { caseId })).resolves.toHaveLength(0);
    await h.shot('finding-form', { fullPage: false });

    await deadline.fill('2025-06-30');
    await dialog.getByRole('combobox', { name: 'Risks', exact: true }).click();
    await page.getByRole('option', { name: `R1 ${DOORS}` }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = findings.getByTestId('finding-row');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Jun 30, 2025');
    await expect(row.textContent()).resolves.toContain('R1');
    const stored = await h.api<Finding[]>('findings:list', { caseId });
    expect(stored).toMatchObject([{ deadline: '2025-06-30', owner: 'Marat Abenov, security manager', riskIds: [riskId] }]);
  }, TIMEOUT);

  it('plans the monitoring of the residual risk and shows the schedule up to the re-evaluation', async () => {
    await openNewCase('residual', 'control_plan');
    const plan = page.getByTestId('control-plan');
    await plan.waitFor();
    await expect(plan.getByTestId('schedule-empty').textContent()).resolves.toContain('authorization date');
    await plan.getByTestId('unmonitored').waitFor();

    await plan.getByLabel('Authorization date').fill('2025-04-01');
    await plan.getByRole('button', { name: 'Save dates' }).click();
    // Authorization date + the configured 24 months.
    await page.waitForFunction(() => document.querySelector('[data-testid="reevaluation-due"]')?.textContent === 'Apr 1, 2027');

    await plan.getByTestId('residual-risk-row').getByRole('button', { name: 'Add measure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add measure' });
    await dialog.waitFor();
    await expect(dialog.getByRole('combobox', { name: 'Residual risk', exact: true }).inputValue()).resolves.toBe(`R1 ${DOORS}`);
    await expect(dialog.getByRole('textbox', { name: 'Responsible account manager' }).inputValue()).resolves.toBe(
      'Aigerim Validator',
    );
    await choose(dialog, 'Monitoring measure', 'Unannounced visit');
    await choose(dialog, 'Frequency', 'Every six months');
    await dialog.getByRole('textbox', { name: 'Triggers' }).fill('Seal discrepancy reported at the border');
    await dialog.getByRole('textbox', { name: 'Customs response' }).fill('Inspect the next three containers');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    await plan.getByTestId('measure-row').waitFor();
    const entries = plan.getByTestId('schedule-entry');
    await entries.first().waitFor();
    const kinds = await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds.at(-1)).toBe('reevaluation');
    expect(kinds.filter((k) => k === 'measure').length).toBeGreaterThanOrEqual(3);
    await expect(entries.last().textContent()).resolves.toContain('Apr 1, 2027');
    await expect(plan.getByTestId('unmonitored').count()).resolves.toBe(0);
    await h.shot('control-plan');
  }, TIMEOUT);

  it('concludes on the criteria and prints the Validation Report with progress to the end', async () => {
    const { caseId } = await openNewCase('residual', 'reporting');
    const criteria = page.getByTestId('criteria-assessment');
    await criteria.waitFor();
    await expect(criteria.getByTestId('criterion-row').count()).resolves.toBe(13);
    const cargo = criteria.locator('[data-criterion="G"]');
    await expect(cargo.getByTestId('compliance-summary').textContent()).resolves.toContain('1 risk');
    await choose(cargo, 'Conclusion for G — Cargo security', 'Met, subject to improvement actions');
    await expect
      .poll(async () => (await h.api<{ criteria: { criterion: string; conclusion: string | null }[] }>('assessment:get', { caseId })).criteria.find((c) => c.criterion === 'G')?.conclusion)
      .toBe('met_with_improvements');

    const recommendation = page.getByTestId('recommendation');
    await choose(recommendation, 'Recommendation', 'Grant AEO status with conditions');
    await recommendation.getByRole('textbox', { name: 'Reasoning' }).fill('Security is adequate once the door locks are replaced.');
    await recommendation.getByRole('button', { name: 'Save recommendation' }).click();
    await expect
      .poll(async () => (await h.api<{ recommendation: string | null }>('assessment:get', { caseId })).recommendation)
      .toBe('grant_with_conditions');

    const report = page.getByTestId('report-panel');
    await report.getByTestId('versions-empty').waitFor();
    // The PDF is in the case's report language by default (this case's is English).
    await expect(report.getByTestId('pdf-language').getByRole('radio', { name: 'English' }).isChecked()).resolves.toBe(true);
    await report.getByRole('button', { name: 'Generate PDF: Validation report' }).click();

    const progress = report.getByTestId('pdf-progress');
    await progress.waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="pdf-progress"]')?.getAttribute('data-phase') === 'done',
      undefined,
      { timeout: 60_000 },
    );
    await expect(progress.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');

    const result = report.locator('[data-testid="pdf-result"][data-document="validation-report"][data-lang="en"]');
    await result.waitFor();
    const pages = Number(await result.getByTestId('pdf-pages').textContent());
    expect(pages).toBeGreaterThanOrEqual(1);
    await expect(result.getByTestId('pdf-sha256').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await expect(result.getByTestId('pdf-path').textContent()).resolves.toBe('validation-report.en.pdf');
    // Printing from the case froze version 1.
    await report.getByTestId('version-row').first().waitFor();
    await expect(report.getByTestId('version-row').count()).resolves.toBe(1);
    await h.shot('report-panel');
  }, TIMEOUT);

  it('prints the other language on request and reads naturally in Russian', async () => {
    await openNewCase('residual', 'reporting');
    // The page is shared: back to English even if an assertion below fails.
    onTestFinished(async () => {
      await page.getByTestId('language-switch').getByText('EN').click();
    });
    await page.getByTestId('language-switch').getByText('RU').click();
    const report = page.getByTestId('report-panel');
    await report.getByRole('heading', { name: 'Отчёт о валидации' }).waitFor();
    // The default is the case's report language (English here), not the interface's; Russian is one click away.
    await expect(report.getByTestId('pdf-language').getByRole('radio', { name: 'Английский' }).isChecked()).resolves.toBe(true);
    await report.getByTestId('pdf-language').getByText('Русский').click();
    await expect(report.getByTestId('pdf-language').getByRole('radio', { name: 'Русский' }).isChecked()).resolves.toBe(true);
    // The Russian interface prints the control plan in English when asked.
    await report.getByTestId('pdf-language').getByText('Английский').click();
    await report.getByRole('button', { name: 'Сформировать PDF: План контроля' }).click();
    const result = report.locator('[data-testid="pdf-result"][data-document="control-plan"][data-lang="en"]');
    await result.waitFor({ timeout: 60_000 });
    expect(Number(await result.getByTestId('pdf-pages').textContent())).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('findings').getByRole('heading', { name: 'Замечания и меры по улучшению' }).isVisible()).resolves.toBe(true);
    await h.shot('report-panel-ru');

    await openStep('residual_risk');
    await page.getByRole('heading', { name: 'Реестр рисков' }).waitFor();
    await page.getByRole('heading', { name: 'Тепловая карта рисков' }).waitFor();
    await expect(page.getByTestId('risks-table').textContent()).resolves.toContain('Присущий риск');
    await expect(page.getByTestId('risks-table').textContent()).resolves.toContain('Высокий');
    await h.shot('risk-register-ru');

    await openStep('control_plan');
    await page.getByRole('heading', { name: 'График мероприятий' }).waitFor();
    await h.shot('control-plan-ru');
    expect(h.output.filter((line) => line.includes('[pageerror]'))).toEqual([]);
  }, TIMEOUT);
});
