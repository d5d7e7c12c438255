import { z } from 'zod';
import type { ReportLanguage } from '../contract/reports';
import en from './demo-content.en.json';
import ru from './demo-content.ru.json';

/*
 * The words of the demo case, in English and in Russian (`aeo demo --lang ru`): everything a validator would type
 * (names, notes, captions, the risks, the finding, the monitoring measure) is written in the case's language, as a
 * Russian-speaking validator would write it, so the Russian printout reads as one document. The texts are data,
 * one file per language like the app's i18n resources (demo-content.en.json, demo-content.ru.json); this schema
 * is their shape, so a text missing from one language fails on load. Kept apart from the command, which is about
 * the order of the work and its dates.
 */

const text = z.string().min(1);
const nameAndAddress = z.tuple([text, text]);
const interview = z.strictObject({ role: text, topics: z.array(text), notes: text });
const risk = z.strictObject({ title: text, criticalAsset: text, threat: text, vulnerability: text, controls: text, controlTesting: text });
const measure = z.strictObject({ description: text, triggers: text, customsResponse: text });

const DemoText = z.strictObject({
  lead: text,
  team: z.tuple([text, text]),
  accountManager: text,
  notes: text,
  operator: z.strictObject({ legalName: text, address: text, contactPerson: text, compliancePerson: text, chiefExecutive: text }),
  plan: z.strictObject({ resources: text, notes: text }),
  sites: z.strictObject({ warehouse: nameAndAddress, yard: nameAndAddress }),
  interviews: z.strictObject({ ceo: interview, compliance: interview }),
  inspectionAreas: text,
  floorNote: text,
  gateNote: text,
  cctvNote: text,
  warehouseLabel: text,
  /** One per point of the seven-point inspection, by item id. */
  captions: z.record(z.string(), text),
  gateCaption: text,
  floorRisk: risk,
  gateRisk: risk,
  finding: z.strictObject({ description: text, requiredAction: text }),
  measure,
  gateMeasure: measure,
});

export type DemoText = z.infer<typeof DemoText>;

export const demoTexts: Record<ReportLanguage, DemoText> = { en: DemoText.parse(en), ru: DemoText.parse(ru) };
