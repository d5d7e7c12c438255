import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuingAuthority } from '../../src-main/contract/authority';
import type { TrustImportResult } from '../../src-main/contract/trust';
import { device, enrollmentOf, trustFile } from '../support/bundle-devices';
import type { OfficialRecord } from '../../src-main/contract/official';
import { TIMEOUT, useDemoCase } from './support/demo-case';

/**
 * Issue 13, the official form on screen: the issuing authority's settings page (reached from the navigation; names
 * in both languages, numbering pattern, time zone, a logo uploaded through the page's upload path, refused files
 * named by code) and the case's official particulars on the reporting step (registration number checked against
 * the pattern, a visit withdrawn and recorded again, the operator's comments saving themselves, an approving
 * official added). Both survive a reload and are what the service holds. Then the same screens in Russian at
 * 1440×900 and 1024×700, and the particulars read-only once the report is sealed. Screenshots of each.
 */
// Sealing needs the device's signing key, which the preview server keeps under a passphrase from its environment:
// set before the harness (registered next) starts the server.
const previousPassphrase = process.env.AEO_PASSPHRASE;
beforeAll(() => {
  process.env.AEO_PASSPHRASE = 'authority settings test passphrase';
});
afterAll(() => {
  if (previousPassphrase === undefined) delete process.env.AEO_PASSPHRASE;
  else process.env.AEO_PASSPHRASE = previousPassphrase;
});
const demo = useDemoCase('aeo-authority-');
const page = () => demo.page;
const byId = (id: string) => demo.page.getByTestId(id);
const noSidewaysScroll = () => demo.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const NAME_EN = 'Customs Post Khorgos-East, State Revenue Committee';
const NAME_RU = 'Таможенный пост «Хоргос-Восточный» Комитета государственных доходов';
const PATTERN = 'KZ/AEO-{YYYY}-{SEQ:5}';
const COMMENTS = 'The operator agrees with both findings and asks for a follow-up visit in March.';

describe('the issuing authority and the official particulars', () => {
  it('sets the authority from its settings page, logo included, and keeps it over a reload (English)', async () => {
    await page().goto(`${demo.h.baseUrl}/#/cases`);
    await demo.setLanguage('en');
    await page().reload();
    await byId('nav-authority').click();
    await byId('authority-name-en').waitFor();
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('Issuing customs authority');

    await byId('authority-name-en').fill(NAME_EN);
    await byId('authority-name-ru').fill(NAME_RU);
    await byId('authority-confidentialityMarking-en').fill('Restricted');
    // A pattern that cannot number two reports apart is refused on the field, in words.
    await byId('authority-pattern').fill('KZ/AEO-{YYYY}');
    await byId('save-authority').click();
    await expect.poll(() => page().getByText('The pattern needs {SEQ} or {CASE}').count()).toBe(1);
    await byId('authority-pattern').fill(PATTERN);
    await page().getByText(`The next number will look like KZ/AEO-${new Date().getFullYear()}-00001`).waitFor();
    await byId('authority-time-zone').click();
    await byId('authority-time-zone').fill('Tashkent');
    await page().getByRole('option', { name: 'Asia/Tashkent' }).click();
    await byId('save-authority').click();
    await expect.poll(() => byId('save-authority').isDisabled()).toBe(true);

    // The logo: removed, a text file refused by its code's message, then a PNG uploaded and previewed.
    await byId('authority-logo-remove').click();
    await byId('authority-no-logo').waitFor();
    await byId('authority-logo-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    expect(await byId('authority-logo-error').innerText()).toContain('PNG or SVG');
    const png = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#0B5D3B' } }).png().toBuffer();
    await byId('authority-logo-input').setInputFiles({ name: 'emblem.png', mimeType: 'image/png', buffer: png });
    await byId('authority-logo-preview').waitFor();
    expect(await byId('authority-logo-details').innerText()).toContain('PNG');
    await expect.poll(() => byId('authority-logo-error').count()).toBe(0);

    await page().reload();
    await byId('authority-logo-preview').waitFor();
    expect(await byId('authority-name-en').inputValue()).toBe(NAME_EN);
    expect(await byId('authority-name-ru').inputValue()).toBe(NAME_RU);
    expect(await byId('authority-pattern').inputValue()).toBe(PATTERN);
    expect(await byId('authority-time-zone').inputValue()).toBe('Asia/Tashkent');
    const stored = await demo.h.api<IssuingAuthority>('authority:get');
    expect(stored).toMatchObject({
      name: { en: NAME_EN, ru: NAME_RU },
      confidentialityMarking: { en: 'Restricted' },
      registrationPattern: PATTERN,
      timeZone: 'Asia/Tashkent',
      logo: { originalType: 'png', width: 512, height: 256 },
    });
    await demo.h.shot('en-authority');
  }, TIMEOUT);

  it('records the official particulars on the reporting step and keeps them over a reload (English)', async () => {
    await page().goto(`${demo.h.baseUrl}/#/cases/${demo.caseId}/reporting`);
    const record = byId('official-record');
    await record.getByTestId('official-number').waitFor();
    expect(await record.getByTestId('official-authority').innerText()).toBe(NAME_EN);

    // The demo's number followed the old pattern; one typed by hand must follow the new one.
    await record.getByTestId('official-number').fill('KZ-AEO/17');
    await record.getByTestId('save-official').click();
    await record.getByText(`Does not follow the authority's numbering pattern ${PATTERN}`).waitFor();
    const number = `KZ/AEO-${new Date().getFullYear()}-00042`;
    await record.getByTestId('official-number').fill(number);
    await record.getByTestId('save-official').click();
    await expect.poll(async () => (await demo.h.api<OfficialRecord>('official:get', { caseId: demo.caseId })).registrationNumber).toBe(number);

    // A visit withdrawn, then recorded again with the hours it really took.
    const firstVisit = record.getByTestId('official-visit-row').first();
    await firstVisit.getByRole('button', { name: 'Withdraw the record' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => firstVisit.getAttribute('data-held')).toBe('');
    await firstVisit.getByTestId('record-visit').click();
    const visitForm = byId('visit-held-form');
    await visitForm.getByTestId('visit-held-start').fill('08:30');
    await visitForm.getByTestId('visit-held-end').fill('12:15');
    await visitForm.getByRole('button', { name: 'Save' }).click();
    await visitForm.waitFor({ state: 'detached' });
    await expect.poll(() => firstVisit.innerText()).toContain('08:30–12:15');

    // The operator's comments save themselves.
    await record.getByTestId('official-comments').fill(COMMENTS);
    await record.getByTestId('official-comments').blur();
    await expect.poll(async () => (await demo.h.api<OfficialRecord>('official:get', { caseId: demo.caseId })).closingMeeting.operatorComments).toBe(COMMENTS);

    // An approving official added to the two the demo has.
    await record.getByTestId('add-approver').click();
    const approver = byId('approver-form');
    await approver.getByRole('button', { name: 'Save' }).click();
    expect(await approver.getByTestId('approver-name').getAttribute('aria-invalid')).toBe('true');
    await approver.getByTestId('approver-name').fill('Aliya Nurpeisova');
    await approver.getByTestId('approver-position').fill('Head of the Khorgos-East customs post');
    await approver.getByRole('button', { name: 'Save' }).click();
    await approver.waitFor({ state: 'detached' });
    await expect.poll(() => record.getByTestId('approver-row').count()).toBe(3);

    await page().reload();
    await record.getByTestId('official-number').waitFor();
    expect(await record.getByTestId('official-number').inputValue()).toBe(number);
    expect(await record.getByTestId('official-comments').inputValue()).toBe(COMMENTS);
    expect(await record.getByTestId('official-visit-row').first().innerText()).toContain('08:30–12:15');
    expect(await record.getByTestId('approver-row').nth(2).innerText()).toContain('Aliya Nurpeisova');
    const stored = await demo.h.api<OfficialRecord>('official:get', { caseId: demo.caseId });
    expect(stored.approvers.at(-1)).toEqual({ name: 'Aliya Nurpeisova', position: 'Head of the Khorgos-East customs post' });
    expect(stored.visits[0]).toMatchObject({ startTime: '08:30', endTime: '12:15' });
    await record.scrollIntoViewIfNeeded();
    await demo.h.shot('en-official', { fullPage: false });
  }, TIMEOUT);

  it('reads in Russian at 1440×900 and 1024×700, and once the report is sealed the particulars are read-only', async () => {
    await demo.setLanguage('ru');
    await page().goto(`${demo.h.baseUrl}/#/authority`);
    await page().reload();
    await byId('authority-name-ru').waitFor();
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('Таможенный орган, выдающий документ');
    expect(await page().getByText('Наименование (на русском)').count()).toBe(1);
    await byId('authority-logo-preview').waitFor();
    await demo.h.shot('ru-authority');

    await page().goto(`${demo.h.baseUrl}/#/cases/${demo.caseId}/reporting`);
    const record = byId('official-record');
    await record.getByTestId('official-number').waitFor();
    expect(await record.getByRole('heading', { name: 'Официальные сведения' }).count()).toBe(1);
    expect(await record.getByTestId('official-authority').innerText()).toBe(NAME_RU);
    await record.scrollIntoViewIfNeeded();
    await demo.h.shot('ru-official', { fullPage: false });

    await page().setViewportSize({ width: 1024, height: 700 });
    expect(await noSidewaysScroll()).toBe(true);
    await record.scrollIntoViewIfNeeded();
    await demo.h.shot('ru-official-1024', { fullPage: false });
    await page().goto(`${demo.h.baseUrl}/#/authority`);
    await byId('authority-logo-preview').waitFor();
    expect(await noSidewaysScroll()).toBe(true);
    await demo.h.shot('ru-authority-1024');

    // Sealed: the particulars the sealed version printed read as such, until the validator opens them to correct.
    // Sealing signs for a trust list: HQ's list naming this device's key, installed as the user installs one.
    await demo.h.api('keys:create', {});
    const hq = await device('Customs HQ', 'team_lead');
    try {
      const trust = await trustFile(hq, [
        { enrollment: await enrollmentOf(hq), role: 'hq' },
        { enrollment: (await demo.h.api<{ content: string }>('keys:exportEnrollment', {})).content, role: 'validator' },
      ]);
      const source = { content: trust.toString() };
      const first = await demo.h.api<TrustImportResult>('trust:import', { source });
      if (first.outcome === 'needs_confirmation') await demo.h.api('trust:import', { source, confirmFingerprint: first.signedBy[0]?.fingerprint });
    } finally {
      hq.dispose();
    }
    await demo.h.api('bundles:seal', { caseId: demo.caseId, overrideReason: 'Browser test: sealed to see the particulars read-only.' });
    await page().goto(`${demo.h.baseUrl}/#/cases/${demo.caseId}/reporting`);
    await record.getByTestId('official-sealed').waitFor();
    expect(await record.getByTestId('official-number').getAttribute('readonly')).not.toBeNull();
    expect(await record.getByTestId('add-approver').count()).toBe(0);
    expect(await record.getByTestId('record-visit').count()).toBe(0);
    await record.getByTestId('official-sealed').scrollIntoViewIfNeeded();
    await demo.h.shot('ru-official-sealed-1024', { fullPage: false });
    await record.getByTestId('official-correct').click();
    await record.getByTestId('add-approver').waitFor();
    expect(await record.getByTestId('official-number').getAttribute('readonly')).toBeNull();
  }, TIMEOUT);
});
