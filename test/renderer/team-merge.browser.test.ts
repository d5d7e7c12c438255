import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamSetup, type Team } from '../support/team-fixture';
import { startHarness, type Harness } from './support/preview';

/**
 * The lead's conflict queue in real Chromium (issue 12): two validators' field reports (sealed on their own
 * laptops) are imported by the file picker; the queue shows each conflict side by side with value, note, photos, who
 * and when; the lead takes a side, combines notes and keeps a finding, each with a reason; seals the merged report
 * (the pre-seal check asks why) and prints both PDFs. Then in Russian: the cards name fields in Russian, she
 * takes the other side of one conflict with a reason, seals again (the pre-seal check asks why) and prints both
 * PDFs in Russian.
 * Screens at 1440×900 and 1024×700 in both languages go to test-results/screenshots/team-merge-*.png.
 */
const TIMEOUT = 300_000;

let h: Harness;
let page: Page;
let team: Team;
const previousPassphrase = process.env.AEO_PASSPHRASE;

const conflict = (id: string) => page.locator(`[data-testid="conflict"][data-conflict-id="${id}"]`);

async function decide(card: Locator, action: () => Promise<void>, reason: string) {
  await action();
  const form = page.getByTestId('resolve-form');
  await form.waitFor();
  await form.getByRole('textbox').last().fill(reason);
  await form.getByRole('button', { name: /Record decision|Записать решение/ }).click();
  await form.waitFor({ state: 'detached' });
  await card.locator('[data-testid="decision"]').waitFor();
}

async function shots(name: string) {
  for (const [w, hgt] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: hgt });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${w}px scrolls sideways`).toBeLessThanOrEqual(0);
    await h.shot(`team-merge-${name}-${w}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  process.env.AEO_PASSPHRASE = 'renderer team merge passphrase';
  h = await startHarness({ prefix: 'aeo-team-ui-', viewport: { width: 1440, height: 900 } });
  page = h.page;
  await h.api('users:create', { name: 'Timur Lead', role: 'team_lead' });
  await h.api('keys:create', {});
  team = await teamSetup({ api: (channel, input) => h.api(channel, input ?? {}), dataDir: h.dataDir });
}, TIMEOUT);

afterAll(async () => {
  if (previousPassphrase === undefined) delete process.env.AEO_PASSPHRASE;
  else process.env.AEO_PASSPHRASE = previousPassphrase;
  await h?.close();
  team?.dispose();
});

describe('the lead merges two field reports', () => {
  it('imports both reports, sees the queue, decides each conflict with a reason, seals and prints', async () => {
    const valueId = `answers/${team.runId}/left-side/value`;
    const noteId = `answers/${team.runId}/left-side/note`;
    const deletedId = `findings/${team.findingId}/#deleted`;
    await page.goto(`${h.baseUrl}/#/cases/${team.caseId}`);
    await page.getByTestId('open-merge').click();
    await page.getByTestId('field-reports-empty').waitFor();
    for (const [file, name] of [
      [team.files.dana, 'Dana Validator'],
      [team.files.arman, 'Arman Validator'],
    ] as const) {
      await page.getByTestId('report-file-input').setInputFiles(file);
      await page.getByTestId('report-imported').filter({ hasText: name }).waitFor({ timeout: 60_000 });
    }
    await expect.poll(() => page.getByTestId('field-report').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-testid="conflict"][data-state="open"]').count(), { timeout: 30_000 }).toBe(3);
    expect(await page.getByTestId('soft-conflict').count()).toBe(1);
    // Side by side: Arman's answer and note, his photo, and when he wrote it.
    const arman = conflict(valueId).locator(`[data-side="${team.keyOf.arman}"]`);
    expect(await arman.getByTestId('side-value').innerText()).toBe('Non-compliant');
    await arman.getByTestId('side-thumb').waitFor();
    expect(await conflict(noteId).locator(`[data-side="${team.keyOf.dana}"]`).getByTestId('side-value').innerText()).toBe('Wall intact');
    expect(await page.getByTestId('seal-merged').isDisabled()).toBe(true);
    await shots('queue-en');

    await decide(conflict(valueId), () => arman.getByTestId('take-side').click(), 'Arman photographed the dent');
    expect(await conflict(valueId).getByTestId('decision').innerText()).toContain('Decided by Timur Lead');
    await decide(conflict(noteId), () => conflict(noteId).getByTestId('combine').click(), 'Both notes hold');
    const keep = conflict(deletedId).locator(`[data-side="${team.keyOf.dana}"]`).getByTestId('take-side');
    await decide(conflict(deletedId), () => keep.click(), 'The finding stands');
    await expect.poll(() => page.locator('[data-testid="conflict"][data-state="decided"]').count(), { timeout: 30_000 }).toBe(3);
    await shots('decided-en');

    // The merged case has open pre-seal items: the seal asks why, like an ordinary seal.
    await page.getByTestId('seal-merged').click();
    await page.getByTestId('merged-open-items').waitFor();
    await page.getByTestId('merged-override-reason').fill('Criteria are concluded at HQ');
    await page.getByTestId('seal-merged-anyway').click();
    await page.getByTestId('merged-sealed').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('pdf-result').count(), { timeout: 120_000 }).toBe(2);
    await shots('sealed-en');
  }, TIMEOUT);

  it('in Russian: the queue, the cards and the decisions read in Russian; she changes a decision, seals and prints in Russian', async () => {
    const valueId = `answers/${team.runId}/left-side/value`;
    const noteId = `answers/${team.runId}/left-side/note`;
    const deletedId = `findings/${team.findingId}/#deleted`;
    await page.evaluate(() => window.localStorage.setItem('aeo.language', 'ru'));
    await page.goto(`${h.baseUrl}/#/merge/${team.caseId}`);
    await page.reload();
    await page.getByRole('heading', { name: /Объединение отчётов группы/ }).waitFor();
    const card = conflict(valueId);
    await card.getByTestId('decision').waitFor();
    expect(await card.locator(`[data-side="${team.keyOf.dana}"]`).getByTestId('side-value').innerText()).toBe('Соответствует');
    expect(await card.locator(`[data-side="${team.keyOf.arman}"]`).getByTestId('side-value').innerText()).toBe('Не соответствует');
    expect(await card.getByTestId('decision').innerText()).toContain('Решение принял(а) Timur Lead');
    // Fields in the glossary's words, never as the store names them.
    expect(await card.innerText()).toContain('Поле: Ответ');
    expect(await conflict(noteId).innerText()).toContain('Поле: Примечание');
    const removal = await conflict(deletedId).innerText();
    expect(removal).toContain('Один валидатор удалил запись, другой изменил');
    expect(removal).toContain('Удалил запись');
    expect(removal).toContain('Изменено: Требуемое действие');
    expect(await page.getByTestId('soft-conflict').innerText()).toMatch(/Вероятность|Название/);
    expect((await page.locator('[data-testid="conflict"], [data-testid="soft-conflict"]').allInnerTexts()).join('\n')).not.toMatch(/requiredAction|likelihood|Поле: (value|note)/);
    await shots('queue-ru');

    // She takes Dana's answer instead, with a reason in Russian.
    const reason = 'Осмотрено повторно';
    const form = page.getByTestId('resolve-form');
    await card.locator(`[data-side="${team.keyOf.dana}"]`).getByTestId('take-side').click();
    await form.waitFor();
    expect(await page.getByRole('dialog').innerText()).toContain('Принять значение валидатора Dana Validator');
    await form.getByRole('textbox').last().fill(reason);
    await form.getByRole('button', { name: 'Записать решение' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => card.getByTestId('decision').innerText(), { timeout: 30_000 }).toContain('Принято значение валидатора Dana Validator');
    expect(await card.getByTestId('decision').innerText()).toContain(`Обоснование: ${reason}`);
    expect(await card.locator(`[data-side="${team.keyOf.dana}"]`).getAttribute('data-taken')).toBe('true');
    await shots('decided-ru');

    // Seal in Russian: the pre-seal check asks why, then both documents are printed in Russian.
    await page.getByRole('button', { name: 'Запечатать объединённый отчёт' }).click();
    await page.getByTestId('merged-open-items').waitFor();
    expect(await page.getByTestId('merged-open-items').innerText()).toContain('запечатайте отчёт, указав причину');
    await page.getByTestId('merged-override-reason').fill('Выводы по критериям формирует ЦА');
    await page.getByRole('button', { name: 'Запечатать всё же' }).click();
    await page.getByTestId('merged-sealed').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('merged-sealed').innerText()).toContain('Объединённый отчёт запечатан');
    await expect.poll(() => page.locator('[data-testid="pdf-result"][data-lang="ru"]').count(), { timeout: 120_000 }).toBe(2);
    await shots('sealed-ru');

    // The sealed version is the second, and its Russian PDFs print the new decision with its reason.
    const versions = await h.api<{ id: string; version: number; status: string }[]>('reports:listVersions', { caseId: team.caseId });
    const latest = versions[0] as { id: string; version: number; status: string };
    expect([latest.version, latest.status]).toEqual([2, 'sealed']);
    for (const document of ['validation-report', 'control-plan']) {
      const file = path.join(h.dataDir, 'reports', latest.id, `${document}.ru.pdf`);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text, document).toContain(`Обоснование: ${reason}`);
      expect(text, document).not.toContain('Arman photographed the dent');
      expect(text, document).toContain('Поле: Примечание');
      expect(text, document).not.toContain('requiredAction');
    }
  }, TIMEOUT);
});
