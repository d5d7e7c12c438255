import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuingAuthority } from '../../src-main/contract/authority';
import type { OfficialRecord } from '../../src-main/contract/official';
import type { Plan, Site, Visit } from '../../src-main/contract/plan';
import { formatRegistration, matchesPattern, nextRegistration, patternProblem } from '../../src-main/contract/registration-number';
import { blobPath } from '../../src-main/core/blob-store';
import { blobRoot } from '../../src-main/domains/evidence';
import { fileSource } from '../support/local-files';
import { call, openAppWithCase, sampleCase, sampleOperator, tempDir, type TestApp } from '../support/temp-store';

/*
 * The issuing customs authority's settings and a case's official record, through the real handlers on a real
 * SQLite file: what is accepted, what is refused (and that a refusal writes nothing), the audit rows, the logo
 * import from a picked file, and registration numbers made from and checked against the authority's pattern.
 */

let app: TestApp;
let caseId: string;
let files: string;

const auditRows = () => (app.store.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const settingsRow = () => app.store.sqlite.prepare("SELECT value FROM settings WHERE key = 'issuing_authority'").get() as { value: string } | undefined;

async function refused(channel: string, input: unknown) {
  const before = { audit: auditRows(), settings: settingsRow()?.value ?? null };
  const result = await app.dispatch(channel, input);
  expect(result.ok).toBe(false);
  expect({ audit: auditRows(), settings: settingsRow()?.value ?? null }).toEqual(before);
  return result.ok ? null : result.error;
}

beforeAll(async () => {
  ({ app, caseId } = await openAppWithCase({ clock: () => new Date('2026-11-20T08:30:00Z') }));
  files = tempDir('aeo-logo-');
});
afterAll(() => app.dispose());

describe('registration number patterns', () => {
  it('formats, matches and numbers on from the highest of the year', () => {
    expect(formatRegistration('KZ/AEO-{YYYY}-{SEQ:4}', { year: 2026, seq: 7, caseNumber: 'X' })).toBe('KZ/AEO-2026-0007');
    expect(matchesPattern('KZ/AEO-{YYYY}-{SEQ:4}', 'KZ/AEO-2026-0007')).toBe(true);
    expect(matchesPattern('KZ/AEO-{YYYY}-{SEQ:4}', 'KZ/AEO-2026-07')).toBe(false);
    expect(matchesPattern('KZ/AEO-{YYYY}-{SEQ:4}', 'KZ-AEO-2026-0007')).toBe(false);
    expect(nextRegistration('AEO-{YYYY}-{SEQ:3}', ['AEO-2026-004', 'AEO-2026-011', 'AEO-2025-090', 'other'], 2026, 'C')).toBe('AEO-2026-012');
    expect(nextRegistration('AEO-{YY}/{SEQ}', ['AEO-25/9'], 2026, 'C')).toBe('AEO-26/1');
    expect(formatRegistration('№ {CASE}', { year: 2026, seq: 1, caseNumber: 'AEO-2026-0001' })).toBe('№ AEO-2026-0001');
  });

  it('names what is wrong with a pattern', () => {
    expect(patternProblem('AEO-{YYYY}')).toBe('no_unique_part');
    expect(patternProblem('AEO-{SEQ}-{SEQ}')).toBe('repeated_token');
    expect(patternProblem('AEO-{NUM}')).toBe('unknown_token');
    expect(patternProblem('AEO-{SEQ}<script>')).toBe('bad_literal');
    expect(patternProblem('Рег. № {YYYY}/{SEQ:5}')).toBeNull();
  });
});

describe('issuing authority settings', () => {
  it('starts empty with UTC and the default pattern, and stores a full update with one audit row per field', async () => {
    const initial = await call<IssuingAuthority>(app.dispatch, 'authority:get', {});
    expect(initial).toMatchObject({ timeZone: 'UTC', registrationPattern: 'AEO-{YYYY}-{SEQ:4}', logo: null });
    const before = auditRows();
    const updated = await call<IssuingAuthority>(app.dispatch, 'authority:update', {
      name: { en: 'State Revenue Committee, Almaty Customs', ru: 'Комитет государственных доходов, таможня Алматы' },
      address: { en: '1 Customs Street, Almaty', ru: 'г. Алматы, ул. Таможенная, 1' },
      legalBasis: { en: 'Customs Code, art. 433', ru: 'Таможенный кодекс, ст. 433' },
      confidentialityMarking: { en: 'For official use only', ru: 'Для служебного пользования' },
      registrationPattern: 'KZ-AEO-{YYYY}-{SEQ:4}',
      timeZone: 'Asia/Almaty',
    });
    expect(updated.timeZone).toBe('Asia/Almaty');
    expect(updated.name.ru).toContain('таможня Алматы');
    expect(auditRows() - before).toBe(6);
    const fields = app.store.sqlite
      .prepare("SELECT field FROM audit_log WHERE entity = 'settings' AND entity_id = 'issuing_authority' ORDER BY seq")
      .all()
      .map((r) => (r as { field: string }).field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'address', 'legalBasis', 'confidentialityMarking', 'registrationPattern', 'timeZone']));
  });

  it('refuses an unknown time zone, a pattern without a unique part and control characters, changing nothing', async () => {
    const zone = await refused('authority:update', { timeZone: 'Mars/Olympus' });
    expect(zone?.issues?.[0]).toMatchObject({ path: 'timeZone', code: 'unknown_time_zone' });
    const pattern = await refused('authority:update', { registrationPattern: 'AEO-{YYYY}' });
    expect(pattern?.issues?.[0]).toMatchObject({ path: 'registrationPattern', code: 'registration_pattern' });
    const control = await refused('authority:update', { name: { en: 'Customs\u202e', ru: 'Таможня' } });
    expect(control?.issues?.[0]?.code).toBe('control_characters');
    await refused('authority:update', { logo: null });
  });

  it('imports a PNG logo into the blob store, rasterises a self-contained SVG, and refuses other files', async () => {
    const png = path.join(files, 'logo.png');
    await sharp({ create: { width: 900, height: 300, channels: 3, background: '#1F3A5F' } }).png().toFile(png);
    const withPng = await call<IssuingAuthority>(app.dispatch, 'authority:importLogo', { source: fileSource(png) });
    expect(withPng.logo).toMatchObject({ originalType: 'png', width: 512, height: 171 });
    const stored = await sharp(blobPath(blobRoot(app.store), withPng.logo!.sha256)).metadata();
    expect(stored.format).toBe('png');
    // The settings screen's preview: the stored PNG itself, as a data URL.
    const preview = await call<{ dataUrl: string } | null>(app.dispatch, 'authority:logoImage', {});
    const shown = await sharp(Buffer.from(preview!.dataUrl.replace('data:image/png;base64,', ''), 'base64')).metadata();
    expect(shown).toMatchObject({ format: 'png', width: 512, height: 171 });

    const svg = path.join(files, 'emblem.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#123"/></svg>');
    const withSvg = await call<IssuingAuthority>(app.dispatch, 'authority:importLogo', { source: fileSource(svg) });
    expect(withSvg.logo).toMatchObject({ originalType: 'svg', width: 512 });
    expect(Math.abs(withSvg.logo!.height - 256)).toBeLessThanOrEqual(1);

    const outside = path.join(files, 'outside.svg');
    writeFileSync(outside, '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/passwd"/></svg>');
    const external = await refused('authority:importLogo', { source: fileSource(outside) });
    expect(external?.issues?.[0]).toMatchObject({ code: 'logo_file', params: { reason: 'external' } });

    const text = path.join(files, 'logo.png.txt');
    writeFileSync(text, 'not an image');
    const wrong = await refused('authority:importLogo', { source: fileSource(text) });
    expect(wrong?.issues?.[0]).toMatchObject({ code: 'logo_file', params: { reason: 'type' } });

    // A path is never accepted from the page, only a token the host issued.
    await refused('authority:importLogo', { source: { path: png } });
    await refused('authority:importLogo', { source: { token: 'x'.repeat(43) } });

    const cleared = await call<IssuingAuthority>(app.dispatch, 'authority:removeLogo', {});
    expect(cleared.logo).toBeNull();
    expect(await call(app.dispatch, 'authority:logoImage', {})).toBeNull();
  });
});

describe('official record of a case', () => {
  let site: Site;
  let visit: Visit;

  beforeAll(async () => {
    site = await call<Site>(app.dispatch, 'plan:saveSite', { caseId, name: 'Main warehouse', address: 'Almaty', kind: 'warehouse' });
    visit = await call<Visit>(app.dispatch, 'plan:saveVisit', { caseId, siteId: site.id, date: '2026-11-10', validators: [] });
  });

  it('assigns the next number from the authority pattern once, and checks numbers typed by hand', async () => {
    const assigned = await call<OfficialRecord>(app.dispatch, 'official:assignNumber', { caseId });
    expect(assigned.registrationNumber).toBe('KZ-AEO-2026-0001');
    const again = await call<OfficialRecord>(app.dispatch, 'official:assignNumber', { caseId });
    expect(again.registrationNumber).toBe('KZ-AEO-2026-0001');

    const mismatch = await refused('official:update', { caseId, registrationNumber: 'AEO/17' });
    expect(mismatch?.issues?.[0]).toMatchObject({ path: 'registrationNumber', code: 'registration_mismatch', params: { pattern: 'KZ-AEO-{YYYY}-{SEQ:4}' } });

    const other = await call<{ id: string }>(app.dispatch, 'cases:create', sampleCase({ caseNumber: 'AEO-2026-0042', newOperator: { ...sampleOperator, identificationNumber: 'KZ-BIN-990440000042' } }));
    const taken = await refused('official:update', { caseId: other.id, registrationNumber: 'KZ-AEO-2026-0001' });
    expect(taken?.issues?.[0]).toMatchObject({ code: 'already_in_use' });
    const next = await call<OfficialRecord>(app.dispatch, 'official:assignNumber', { caseId: other.id });
    expect(next.registrationNumber).toBe('KZ-AEO-2026-0002');
  });

  it('records the look-back period, closing meeting, conditions and approvers, refusing a period that ends before it starts', async () => {
    const record = await call<OfficialRecord>(app.dispatch, 'official:update', {
      caseId,
      lookBackFrom: '2023-11-01',
      lookBackTo: '2026-10-31',
      closingMeetingOn: '2026-11-12',
      closingAttendees: 'A. Sadykova (operator), D. Validator',
      operatorComments: 'The operator will fit a camera at the rear gate by 2027-01-31.',
      conditions: 'Rear gate guarded around the clock.',
      approvers: [{ name: 'Yerlan Bekov', position: 'Head of the AEO Division' }],
    });
    expect(record).toMatchObject({ lookBackFrom: '2023-11-01', closingMeeting: { date: '2026-11-12' }, approvers: [{ name: 'Yerlan Bekov' }] });
    const backwards = await refused('official:update', { caseId, lookBackFrom: '2026-12-01' });
    expect(backwards?.issues?.[0]).toMatchObject({ path: 'lookBackTo', code: 'end_before_start' });
    await refused('official:update', { caseId, approvers: [{ name: '', position: 'Head' }] });
  });

  it('records the day a planned visit took place, separately from its planned date', async () => {
    const before = await call<OfficialRecord>(app.dispatch, 'official:get', { caseId });
    expect(before.visits).toEqual([expect.objectContaining({ visitId: visit.id, plannedOn: '2026-11-10', heldOn: null })]);
    const held = await call<OfficialRecord>(app.dispatch, 'official:recordVisit', { caseId, visitId: visit.id, heldOn: '2026-11-11', startTime: '09:30', endTime: '16:00' });
    expect(held.visits[0]).toMatchObject({ plannedOn: '2026-11-10', heldOn: '2026-11-11', startTime: '09:30', endTime: '16:00' });
    const plan = await call<Plan>(app.dispatch, 'plan:get', { caseId });
    expect(plan.visits[0]!.date).toBe('2026-11-10');
    await refused('official:recordVisit', { caseId, visitId: visit.id, heldOn: '2026-11-11', startTime: '16:00', endTime: '09:00' });
    const withdrawn = await call<OfficialRecord>(app.dispatch, 'official:recordVisit', { caseId, visitId: visit.id, heldOn: null });
    expect(withdrawn.visits[0]!.heldOn).toBeNull();
  });
});
