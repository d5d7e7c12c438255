import { z } from 'zod';
import { ChecklistTemplate, LocalizedText } from './checklist-template';

export const TemplateSummary = z.strictObject({
  /** The stored row: one per template id and version. */
  rowId: z.string(),
  templateId: z.string(),
  version: z.number().int(),
  title: LocalizedText,
  description: LocalizedText.optional(),
  source: z.string(),
  languages: z.array(z.string()),
  step: z.number().int(),
  sections: z.number().int(),
  items: z.number().int(),
  origin: z.enum(['shipped', 'imported']),
  /** True for the highest version of this template id. */
  latest: z.boolean(),
  sha256: z.string(),
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
    input: z.strictObject({ templateId: z.string().min(1).max(80), version: z.number().int().min(1).optional() }),
    output: StoredTemplate,
  },
  /** The JSON text of a template file; validated strictly, stored only when every check passes. */
  'templates:import': {
    input: z.strictObject({ content: z.string().min(2).max(5_000_000), fileName: z.string().max(300).optional() }),
    output: TemplateSummary,
  },
} as const;
