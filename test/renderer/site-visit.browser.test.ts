import { chmodSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigTemplate } from './support/big-checklist';
import { createLedCase, STEPPE_LOGISTICS } from './support/demo-case';
import { startHarness, type Harness } from './support/preview';

/**
 * The site visit in real Chromium against the preview server: plan a site, run the seven-point container
 * inspection by keyboard alone, attach a photo, reach 100 %, see it in Russian, the library, the evidence gallery
 * and the integrity check. The tests share one page and run in order.
 */
const TIMEOUT = 90_000;

let h: Harness;
let page: Page;
let caseId = '';
let runId = '';

type RunDetail = {
  run: { progress: { answered: number; total: number; nonCompliant: number; evidenceMissing: number }; metadata: Record<string, string> };
  answers: { itemId: string; value: unknown; note: string; answeredByName: string }[];
  evidenceCounts: Record<string, number>;
};

/** A JPEG shot "sideways": 320×200 pixels stored, EXIF orientation 6 (rotate 90° to view), so it shows 200×320. */
async function sidewaysJpeg(): Promise<Buffer> {
  const top = await sharp({ create: { width: 320, height: 100, channels: 3, background: '#b03a2e' } }).png().toBuffer();
  return sharp({ create: { width: 320, height: 200, channels: 3, background: '#1f618d' } })
    .composite([{ input: top, top: 0, left: 0 }])
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Chooses an option in a Mantine Select by its visible label. */
async function choose(scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const waitCurrent = (itemId: string) =>
  page.waitForFunction(
    (id) => document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id') === id,
    itemId,
  );
const press = async (...keys: string[]) => {
  for (const key of keys) await page.keyboard.press(key);
};

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-site-visit-', viewport: { width: 1366, height: 860 } });
  page = h.page;
  caseId = await createLedCase(
    h,
    { name: 'Aigerim Validator', role: 'team_lead' },
    { caseNumber: 'AEO-2025-021', openedOn: '2025-03-03', team: ['Daniyar Seitkali'], newOperator: { ...STEPPE_LOGISTICS, roles: ['warehouse_operator', 'exporter'] } },
  );
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('site visit in the browser', () => {
  it('plans a site and its procedure on the case page, with field-level errors first', async () => {
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    await page.getByTestId('plan-editor').waitFor();

    // An empty site form is refused field by field, and nothing is stored.
    await page.getByRole('button', { name: 'Add site' }).click();
    const siteDialog = page.getByRole('dialog', { name: 'Add site' });
    await siteDialog.getByRole('button', { name: 'Save' }).click();
    const name = siteDialog.getByRole('textbox', { name: 'Site name' });
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(siteDialog.textContent()).resolves.toContain('Required');
    await expect(siteDialog.textContent()).resolves.toContain('Choose a value');

    await name.fill('Main warehouse');
    await choose(siteDialog, 'Kind', 'Warehouse');
    await siteDialog.getByRole('textbox', { name: 'Address' }).fill('12 Dostyk Ave, Almaty');
    await siteDialog.getByRole('button', { name: 'Save' }).click();
    await siteDialog.waitFor({ state: 'detached' });
    await page.getByTestId('site-row').filter({ hasText: 'Main warehouse' }).waitFor();

    // The seven-point container inspection, planned for that site.
    await page.getByRole('button', { name: 'Add procedure' }).click();
    const procedureDialog = page.getByRole('dialog', { name: 'Add procedure' });
    await expect(procedureDialog.getByRole('combobox', { name: 'Site' }).inputValue()).resolves.toBe('Main warehouse');
    await procedureDialog.getByRole('combobox', { name: 'Checklist' }).fill('seven');
    await page.getByRole('option', { name: 'CTPAT seven-point container inspection' }).click();
    await procedureDialog.getByRole('button', { name: 'Save' }).click();
    await procedureDialog.waitFor({ state: 'detached' });
    await page.getByTestId('procedure-row').filter({ hasText: 'CTPAT seven-point container inspection' }).waitFor();

    // A second procedure, moved above the first with the order buttons.
    await page.getByRole('button', { name: 'Add procedure' }).click();
    const second = page.getByRole('dialog', { name: 'Add procedure' });
    await second.getByRole('combobox', { name: 'Checklist' }).fill('Physical');
    await page.getByRole('option', { name: 'Physical and environmental security' }).first().click();
    await second.getByRole('button', { name: 'Save' }).click();
    await second.waitFor({ state: 'detached' });
    await page.getByTestId('procedure-row').nth(1).waitFor();
    await page.getByRole('button', { name: 'Move “Physical and environmental security” up' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="procedure-row"]')?.textContent?.includes('Physical and environmental security'),
    );

    // A visit whose time window ends before it starts is refused on the field; corrected, it is saved.
    await page.getByRole('button', { name: 'Add visit' }).click();
    const visitDialog = page.getByRole('dialog', { name: 'Add visit' });
    await visitDialog.getByLabel(/^Date/).fill('2025-03-12');
    await visitDialog.getByLabel('From', { exact: true }).fill('13:00');
    await visitDialog.getByLabel('To', { exact: true }).fill('09:00');
    await visitDialog.getByRole('button', { name: 'Save' }).click();
    await visitDialog.getByText('Ends before it starts').waitFor();
    await visitDialog.getByLabel('To', { exact: true }).fill('17:30');
    await visitDialog.getByRole('button', { name: 'Save' }).click();
    await visitDialog.waitFor({ state: 'detached' });
    await page.getByTestId('visit-row').filter({ hasText: '13:00–17:30' }).waitFor();

    // The plan's time frame: an end before the start is refused on the end date; corrected, it is saved and
    // Save waits for the next change.
    const meta = page.getByTestId('plan-meta');
    const saveMeta = meta.getByRole('button', { name: 'Save resources and time frame' });
    await meta.getByLabel('Starts on').fill('2025-03-12');
    await meta.getByLabel('Ends on').fill('2025-03-10');
    await saveMeta.click();
    await meta.getByText('Ends before it starts').waitFor();
    await meta.getByLabel('Ends on').fill('2025-03-14');
    await expect(meta.getByText('Ends before it starts').count()).resolves.toBe(0);
    await saveMeta.click();
    await page.waitForFunction(() =>
      document.querySelector<HTMLButtonElement>('[data-testid="plan-meta"] button[type="submit"]')?.disabled,
    );
    await expect(h.api<{ startsOn: string; endsOn: string }>('plan:get', { caseId })).resolves.toMatchObject({
      startsOn: '2025-03-12',
      endsOn: '2025-03-14',
    });

    // An interview, then marked as held from the table.
    await page.getByRole('button', { name: 'Add interview' }).click();
    const interviewDialog = page.getByRole('dialog', { name: 'Add interview' });
    await interviewDialog.getByRole('textbox', { name: 'Person' }).fill('Marat Abenov');
    await interviewDialog.getByRole('textbox', { name: 'Role' }).fill('Security manager');
    await interviewDialog.getByRole('button', { name: 'Save' }).click();
    await interviewDialog.waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: 'Interview with Marat Abenov held' }).check();

    type Plan = {
      sites: { name: string; kind: string }[];
      procedures: { templateId: string; siteId: string | null }[];
      interviews: { person: string; held: boolean }[];
    };
    await expect
      .poll(async () => (await h.api<Plan>('plan:get', { caseId })).interviews[0]?.held, { timeout: 5_000 })
      .toBe(true);
    const plan = await h.api<Plan>('plan:get', { caseId });
    expect(plan.sites).toMatchObject([{ name: 'Main warehouse', kind: 'warehouse' }]);
    expect(plan.procedures.map((p) => p.templateId)).toEqual(['physical-security', 'ctpat-container-7pt']);
    await h.shot('plan');
  }, TIMEOUT);

  it('starts a run of the seven-point inspection for the site with its container number', async () => {
    await page.getByTestId('step-conduct_validation').click();
    await page.getByTestId('case-runs').waitFor();
    await page.getByRole('button', { name: 'New run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a checklist run' });
    // Without a checklist nothing starts (Enter in a field submits); the message sits on the choice.
    await dialog.getByRole('textbox', { name: 'Label' }).press('Enter');
    await dialog.getByText('Choose a value').waitFor();
    await expect(dialog.getByRole('combobox', { name: 'Checklist' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await dialog.getByRole('combobox', { name: 'Checklist' }).fill('seven');
    await page.getByRole('option', { name: 'CTPAT seven-point container inspection' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Site' }).inputValue()).resolves.toBe('Main warehouse');
    await dialog.getByRole('textbox', { name: 'Label' }).fill('Container 1 of 5');
    await dialog.getByTestId('meta-container_number').fill('MSCU 123456-6');
    await dialog.getByTestId('meta-inspector').fill('Yerlan Sadykov');
    // The container type (issue 13) is a choice: a reefer would make the fan housing required.
    await dialog.getByTestId('meta-container_type').click();
    await page.getByRole('option', { name: 'Dry (general purpose)' }).click();
    await dialog.getByRole('button', { name: 'Start run' }).click();

    await page.waitForURL(/#\/runs\//);
    // The address may go on to name the current item (#/runs/<id>/<item>).
    runId = decodeURIComponent(/#\/runs\/([^/]+)/.exec(page.url())?.[1] ?? '');
    await page.getByTestId('run-title').getByText('CTPAT seven-point container inspection').waitFor();
    await expect(page.getByTestId('run-site').textContent()).resolves.toContain('Main warehouse');
    await expect(page.getByTestId('run-metadata').textContent()).resolves.toContain('MSCU 123456-6');
    const detail = await h.api<RunDetail>('runs:get', { id: runId });
    expect(detail.run.metadata).toMatchObject({ container_number: 'MSCU 123456-6', inspector: 'Yerlan Sadykov', container_type: 'dry' });
    // 7 points + 3 agricultural checks + 6 seal checks; the reefer's eighth point counts only for a reefer.
    expect(detail.run.progress).toMatchObject({ answered: 0, total: 16 });
  }, TIMEOUT);

  it('answers every required item by keyboard alone, with a note and one non-compliant point', async () => {
    await waitCurrent('front-wall');
    // The list has the keyboard when the run opens.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('run-items');
    await expect(page.getByTestId('guidance').textContent()).resolves.toContain('false wall');

    await press('1'); // front wall: compliant, and on to the next
    await waitCurrent('left-side');
    await press('j', 'k'); // down and back up
    await waitCurrent('left-side');
    await press('1', '3'); // left side compliant, right side non-compliant
    await waitCurrent('floor');
    await press('1', '2'); // floor compliant, ceiling partially compliant
    await waitCurrent('doors');

    // n jumps to the note; Esc returns to the list; the note saves.
    await press('n');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('note-field');
    await page.keyboard.type('Cam keeper on the right door is loose.');
    await press('Escape');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('run-items');
    await page.locator('[data-item-id="doors"] [data-testid="note-mark"]').waitFor();
    await press('1'); // doors
    await waitCurrent('undercarriage');
    await press('1'); // undercarriage
    await waitCurrent('fan-housing');
    await press('j'); // the reefer's eighth point: a dry container, skipped
    await waitCurrent('agri-visible-pests');
    await press('1', '1', '1'); // no pests, no soil, no plant material
    await waitCurrent('seal-number');

    // A text answer: Enter opens the field, Enter saves and moves on.
    await press('Enter');
    await page.keyboard.type('KZ 0078812');
    await press('Enter');
    await waitCurrent('seal-view');
    await press('1', '1', '1', '1'); // view, verify, tug, twist and turn
    await waitCurrent('seal-iso-17712');
    await press('y'); // ISO 17712: yes

    await expect
      .poll(async () => (await h.api<RunDetail>('runs:get', { id: runId })).run.progress.answered, { timeout: 5_000 })
      .toBe(16);
    const detail = await h.api<RunDetail>('runs:get', { id: runId });
    const byItem = new Map(detail.answers.map((a) => [a.itemId, a]));
    expect(byItem.get('right-side')?.value).toBe('non_compliant');
    expect(byItem.get('ceiling-roof')?.value).toBe('partially_compliant');
    expect(byItem.get('doors')).toMatchObject({ value: 'compliant', note: 'Cam keeper on the right door is loose.' });
    expect(byItem.get('seal-number')?.value).toBe('KZ 0078812');
    expect(byItem.get('seal-iso-17712')?.value).toBe(true);
    expect(byItem.has('fan-housing')).toBe(false);
    expect(byItem.get('front-wall')?.answeredByName).toBe('Aigerim Validator');
    expect(detail.run.progress).toMatchObject({ answered: 16, total: 16, nonCompliant: 2 });

    await expect(page.getByTestId('run-progress-percent').textContent()).resolves.toBe('100%');
    await expect(page.getByTestId('answered-by').textContent()).resolves.toContain('Aigerim Validator');

    // The run details stay editable: the supervisor is added afterwards.
    await page.getByRole('button', { name: 'Edit run details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit run details' });
    await details.getByTestId('meta-supervisor').fill('Gulnara Ospanova');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.waitFor({ state: 'detached' });
    await page.getByTestId('run-metadata').getByText('Gulnara Ospanova').waitFor();
    const updated = await h.api<RunDetail>('runs:get', { id: runId });
    expect(updated.run.metadata).toMatchObject({ container_number: 'MSCU 123456-6', supervisor: 'Gulnara Ospanova' });
    await page.getByTestId('run-items').focus();
  }, TIMEOUT);

  it('attaches a photo to the front wall and shows its thumbnail, upright', async () => {
    await press('Home');
    await waitCurrent('front-wall');
    const missingBefore = (await h.api<RunDetail>('runs:get', { id: runId })).run.progress.evidenceMissing;
    // The page names no file-system path: in the browser the file is uploaded, and the attach names the upload.
    const attachBodies: unknown[] = [];
    const recordAttach = (request: Request) => {
      if (request.url().endsWith('/api/evidence:attach')) attachBodies.push(request.postDataJSON());
    };
    page.on('request', recordAttach);
    await page.getByTestId('item-detail').getByTestId('attach-input').setInputFiles({
      name: 'front-wall.jpg',
      mimeType: 'image/jpeg',
      buffer: await sidewaysJpeg(),
    });
    const thumb = page.getByTestId('item-gallery').getByTestId('evidence-thumb');
    await thumb.waitFor();
    await expect(thumb.getAttribute('src')).resolves.toMatch(/^data:image\/jpeg;base64,/);
    // EXIF orientation 6 applied: the stored 320×200 frame shows portrait.
    const size = await thumb.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return { w: img.naturalWidth, h: img.naturalHeight };
    });
    expect(size.h).toBeGreaterThan(size.w);
    await expect(page.getByTestId('evidence-count').textContent()).resolves.toBe('1');
    const after = await h.api<RunDetail>('runs:get', { id: runId });
    expect(after.evidenceCounts['front-wall']).toBe(1);
    expect(after.run.progress.evidenceMissing).toBe(missingBefore - 1);
    page.off('request', recordAttach);
    expect(attachBodies).toEqual([expect.objectContaining({ source: { uploadId: expect.any(String) } })]);

    // The filters: two findings; "evidence missing" shrinks as photos arrive.
    await page.getByTestId('run-filter').getByText(/^2 non-compliant$/).click();
    await expect(page.getByTestId('run-item').count()).resolves.toBe(2);
    await waitCurrent('right-side'); // the current item stays inside the filtered list
    await page.getByTestId('run-filter').getByText(/^All 17 items$/).click();
    await page.getByTestId('run-items').focus();
    await press('Home');
    await waitCurrent('front-wall');
    await h.shot('runner-en', { fullPage: false });
  }, TIMEOUT);

  it('shows the same runner screen in Russian', async () => {
    await page.getByTestId('language-switch').getByText('RU').click();
    await page.getByTestId('run-title').getByText('Осмотр контейнера по семи точкам (CTPAT)').waitFor();
    await page.getByTestId('run-items').getByText('Передняя стенка').waitFor();
    await expect(page.getByTestId('item-prompt').textContent()).resolves.toBe('Передняя стенка');
    await expect(page.getByTestId('guidance').textContent()).resolves.toContain('ложную стенку');
    await expect(page.getByTestId('run-progress-percent').textContent()).resolves.toBe('100%');
    await expect(page.locator('[data-item-id="right-side"] [data-testid="answer-chip"]').textContent()).resolves.toBe(
      'Не соответствует',
    );
    await expect(page.getByTestId('answer-compliant').textContent()).resolves.toContain('Соответствует');
    await expect(page.getByTestId('run-metadata').textContent()).resolves.toContain('Номер контейнера');
    await expect(page.getByTestId('key-legend').textContent()).resolves.toContain('примечание');
    await h.shot('runner-ru', { fullPage: false });
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByTestId('run-items').getByText('Front wall').waitFor();
  }, TIMEOUT);

  it('lists templates in the library, previews one, and refuses a malformed file naming each failing path', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByRole('heading', { name: 'Checklist library' }).waitFor();
    const rows = page.getByTestId('template-row');
    await rows.first().waitFor();
    const before = await rows.count();
    expect(before).toBe((await h.api<unknown[]>('templates:list', {})).length);

    await page.locator('[data-template-id="ctpat-container-7pt"]').click();
    const preview = page.getByTestId('template-preview-body');
    await preview.getByText('Front wall', { exact: true }).waitFor();
    await expect(preview.textContent()).resolves.toContain('false wall');
    await h.shot('library-preview', { fullPage: false });
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    const broken = {
      id: 'Bad Id',
      version: 0,
      title: { en: 'Broken' },
      source: 'test',
      languages: ['en', 'ru'],
      step: 6,
      sections: [{ id: 's1', title: { en: 'S', ru: 'С' }, items: [{ id: 'i1', prompt: { en: 'P', ru: 'П' }, answerType: 'scale' }] }],
    };
    await page.locator('input[type="file"][accept*="json"]').setInputFiles({
      name: 'broken-template.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    const text = (await issues.textContent()) ?? '';
    for (const failing of ['id', 'version', 'title.ru', 'sections.0.items.0.answerType']) expect(text).toContain(failing);
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('broken-template.json was not imported');
    expect(await rows.count()).toBe(before);
    expect((await h.api<unknown[]>('templates:list', {})).length).toBe(before);

    await page.getByRole('button', { name: 'Check evidence integrity' }).click();
    await expect(page.getByTestId('integrity-result').textContent()).resolves.toContain('1 file checked: it matches its recorded hash');
    await h.shot('library');
  }, TIMEOUT);

  it('shows the case evidence gallery with editable captions, and names a file whose bytes changed', async () => {
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    const gallery = page.getByTestId('case-evidence');
    await gallery.getByTestId('evidence-thumb').waitFor();
    await expect(gallery.getByTestId('evidence-thumb').getAttribute('src')).resolves.toMatch(/^data:image\/jpeg/);
    await expect(gallery.textContent()).resolves.toContain('Front wall');

    const caption = gallery.getByTestId('evidence-caption').first();
    await caption.fill('Front wall, inside view');
    await caption.press('Enter');
    type Evidence = { id: string; caption: string; sha256: string; originalName: string };
    await expect
      .poll(async () => (await h.api<Evidence[]>('evidence:list', { caseId }))[0]?.caption, { timeout: 5_000 })
      .toBe('Front wall, inside view');

    // A document attached to the case itself: no thumbnail, a document icon.
    await page.getByTestId('case-attach-input').setInputFiles({
      name: 'seal-certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% ISO 17712 certificate for seal KZ 0078812\n%%EOF\n'),
    });
    await gallery.getByTestId('evidence-doc').waitFor();
    await expect(gallery.getByTestId('case-evidence-row').count()).resolves.toBe(2);

    // A large file streams with a progress bar (the network is slowed so the bar can be seen moving).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    await page.getByTestId('case-attach-input').setInputFiles({
      name: 'warehouse-walkthrough.mp4',
      mimeType: 'video/mp4',
      buffer: Buffer.alloc(6 * 1024 * 1024, 7),
    });
    const job = gallery.getByTestId('attach-job');
    await job.waitFor();
    await page.waitForFunction(() => {
      const bar = document.querySelector('[data-testid="attach-job"] [role="progressbar"]');
      const value = Number(bar?.getAttribute('aria-valuenow'));
      return value > 5 && value < 95;
    });
    await expect(job.textContent()).resolves.toMatch(/B of 6 MB/);
    await job.scrollIntoViewIfNeeded();
    await h.shot('evidence-upload', { fullPage: false });
    await job.waitFor({ state: 'detached', timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect(gallery.getByTestId('case-evidence-row').count()).resolves.toBe(3);

    await gallery.getByRole('button', { name: 'Check evidence integrity' }).click();
    await expect(gallery.getByTestId('integrity-result').textContent()).resolves.toContain('All 3 files match');
    await h.shot('evidence-gallery');

    // Someone edits the stored certificate behind the app's back: the check names it.
    const listed = await h.api<Evidence[]>('evidence:list', { caseId });
    const pdf = listed.find((e) => e.originalName === 'seal-certificate.pdf');
    expect(pdf).toBeDefined();
    const blob = path.join(h.dataDir, 'blobs', 'sha256', pdf!.sha256.slice(0, 2), pdf!.sha256);
    expect(statSync(blob).isFile()).toBe(true);
    chmodSync(blob, 0o644);
    writeFileSync(blob, '%PDF-1.4\n% altered\n%%EOF\n');
    await gallery.getByRole('button', { name: 'Check evidence integrity' }).click();
    const result = gallery.getByTestId('integrity-result');
    await result.getByText('seal-certificate.pdf').waitFor();
    await expect(result.textContent()).resolves.toContain('contents altered');
    await expect(result.textContent()).resolves.not.toContain('front-wall.jpg');
    await expect(result.textContent()).resolves.toContain('1 of 3 checked');

    // Dropped files are attached too.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Interview notes, 12 March'], 'interview-notes.txt', { type: 'text/plain' }));
      document
        .querySelector('[data-testid="case-attach-drop"]')
        ?.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await gallery.getByTestId('case-evidence-row').filter({ hasText: 'interview-notes.txt' }).waitFor();
    await expect(gallery.getByTestId('case-evidence-row').count()).resolves.toBe(4);
    await h.shot('evidence-integrity');
  }, TIMEOUT);
});

describe('a 400-item checklist', () => {
  it('renders only the rows in view and answers 55 items by keyboard', async () => {
    await h.api('templates:import', { content: JSON.stringify(bigTemplate()), fileName: 'big.json' });
    const run = await h.api<{ id: string }>('runs:create', { caseId, templateId: 'big-premises-check' });
    await page.goto(`${h.baseUrl}/#/runs/${run.id}`);
    await waitCurrent('area-1-point-1');

    const rendered = await page.getByTestId('run-item').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await expect(page.getByTestId('run-progress-text').textContent()).resolves.toBe('0 of 400 items answered');

    for (let i = 0; i < 40; i++) await page.keyboard.press(i % 7 === 3 ? '3' : '1');
    await waitCurrent('area-1-point-41');
    await page.getByTestId('run-progress-text').getByText('40 of 400 items answered').waitFor();

    // Each key moves to the next item by the next frame (how long that takes is `npm run bench`'s business).
    const moved = await page.evaluate(async () => {
      const list = document.querySelector('[data-testid="run-items"]');
      let count = 0;
      for (let i = 0; i < 15; i++) {
        const before = document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id');
        list?.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const after = document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id');
        if (after !== before) count += 1;
      }
      return count;
    });
    expect(moved).toBe(15);
    await page.getByTestId('run-progress-text').getByText('55 of 400 items answered').waitFor();

    // To the far end and back: the virtual list follows the current item.
    await press('End');
    await waitCurrent('area-8-point-50');
    const inView = await page.evaluate(() => {
      const row = document.querySelector('[data-testid="run-item"][data-item-id="area-8-point-50"]');
      const list = document.querySelector('[data-testid="run-items"]');
      if (!row || !list) return false;
      const r = row.getBoundingClientRect();
      const l = list.getBoundingClientRect();
      return r.top >= l.top - 1 && r.bottom <= l.bottom + 1;
    });
    expect(inView).toBe(true);
    await press('Home');
    await waitCurrent('area-1-point-1');
    expect(await page.getByTestId('run-item').count()).toBeLessThan(60);

    await expect
      .poll(async () => (await h.api<RunDetail>('runs:get', { id: run.id })).run.progress.answered, { timeout: 10_000 })
      .toBe(55);
    // A refused save: the answer shows at once, then rolls back, and the page says which item was not saved.
    await page.route('**/api/runs:answer', (route) =>
      route.fulfill({ json: { ok: false, error: { code: 'unavailable', message: 'store offline (test)' } } }),
    );
    await press('5');
    await waitCurrent('area-1-point-2');
    const saveError = page.getByTestId('save-error');
    await saveError.waitFor();
    await expect(saveError.textContent()).resolves.toContain('1.1 Check point 1 of area 1');
    await expect(
      page.locator('[data-item-id="area-1-point-1"] [data-testid="answer-chip"]').textContent(),
    ).resolves.toBe('Compliant');
    await page.unroute('**/api/runs:answer');
    await saveError.getByRole('button', { name: 'Show item' }).click();
    await waitCurrent('area-1-point-1');
    expect(
      (await h.api<RunDetail>('runs:get', { id: run.id })).answers.find((a) => a.itemId === 'area-1-point-1')?.value,
    ).toBe('compliant');

    await h.shot('runner-400', { fullPage: false });
  }, TIMEOUT);
});
