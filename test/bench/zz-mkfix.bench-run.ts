import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { buildReportFixture } from '../support/report-fixture';
import { openTestApp } from '../support/temp-store';

it('builds a persistent fixture', async () => {
  const dir = process.env.FIXDIR!;
  mkdirSync(dir, { recursive: true });
  const app = openTestApp(dir);
  const fx = await buildReportFixture(app, { photos: 120, photoSize: { width: 2000, height: 1500 }, answeredItems: 400, findings: 60 });
  writeFileSync(`${dir}/case-id`, fx.caseId);
  app.store.close();
}, 600_000);
