import { z } from 'zod';
import { text, lineText, token } from './common';
import { ChecklistTemplate, LocalizedText } from './checklist-template';

export const TemplateSummary = z.strictObject({
  /** The stored row: one per template id and version. */
  rowId: text(),
  templateId: text(),
  version: z.number().int(),
  title: LocalizedText,
  description: LocalizedText.optional(),
  source: text(),
  languages: z.array(text()),
  step: z.number().int(),
  sections: z.number().int(),
  items: z.number().int(),
  origin: z.enum(['shipped', 'imported']),
  /** True for the highest version of this template id. */
  latest: z.boolean(),
  sha256: text(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const StoredTemplate = z.strictObject({ summary: TemplateSummary, template: ChecklistTemplate });
export type StoredTemplate = z.infer<typeof StoredTemplate>;

export const templatesContract = {
  'templates:list': {
    input: z.strictObject({ includeOldVersions: z.boolean().default(false) }),
    output: z.array(TemplateSummary),
  },
  /** Without `version`, the latest. */
  'templates:get': {
    input: z.strictObject({ templateId: token(80), version: z.number().int().min(1).optional() }),
    output: StoredTemplate,
  },
  /** The JSON text of a template file; validated strictly, stored only when every check passes. */
  'templates:import': {
    input: z.strictObject({ content: text().min(2).max(5_000_000), fileName: lineText(300).optional() }),
    output: TemplateSummary,
  },
} as const;
