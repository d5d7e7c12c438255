import { z } from 'zod';
import { text, lineText, multilineText, shortText } from './common';
import { ValueFormat } from './value-format';

/**
 * A checklist template is data, shipped as JSON under assets/checklists/ or imported from a file.
 * Every user-facing text carries both working languages (CAREC administrations work in English and Russian).
 */
export const LocalizedText = z.strictObject({
  en: multilineText(4000).min(1),
  ru: multilineText(4000).min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const complianceScale = [
  'compliant',
  'partially_compliant',
  'non_compliant',
  'not_applicable',
  'not_verified',
] as const;
export const ComplianceAnswer = z.enum(complianceScale);

export const wcoCriteria = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M'] as const;
export const WcoCriterion = z.enum(wcoCriteria);

export const AnswerType = z.enum(['compliance', 'yes_no', 'text', 'number', 'date', 'choice']);

const slug = text().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'lower-case id: letters, digits, . _ -');

export const CriterionMapping = z.strictObject({
  /** WCO SAFE Framework AEO criterion letters this item gives evidence for. */
  wco: z.array(WcoCriterion).max(13).default([]),
  /** EU AEO self-assessment questionnaire section, e.g. "6.1". */
  euSaq: lineText(20).optional(),
  /** CTPAT Minimum Security Criteria reference, e.g. "5.3". */
  ctpat: lineText(20).optional(),
});

export const ChoiceOption = z.strictObject({ value: slug, label: LocalizedText });

export const TemplateItem = z
  .strictObject({
    id: slug,
    prompt: LocalizedText,
    guidance: LocalizedText.optional(),
    answerType: AnswerType,
    choices: z.array(ChoiceOption).min(2).max(50).optional(),
    evidenceRequired: z.boolean().default(false),
    criteria: CriterionMapping.default({ wco: [] }),
    /** Items that only apply in some runs (the refrigerated container's eighth point). */
    optional: z.boolean().default(false),
    /**
     * An optional item that becomes required when a run detail (a "choice" run field) has one of these values: the
     * fan housing is the eighth point for a reefer, so a run whose container type is "reefer" cannot finish without it.
     */
    requiredWhen: z.strictObject({ field: slug, equals: z.array(slug).min(1).max(20) }).optional(),
    /**
     * What a deviation (a compliance answer "non_compliant" or "partially_compliant") must come with before the
     * run can be finished: a note saying what was seen, evidence (a photo), or both. Absent: nothing more, so
     * templates written before this field stay valid and unchanged.
     */
    onDeviation: z
      .strictObject({ note: z.boolean().default(false), evidence: z.boolean().default(false) })
      .optional(),
    /** For a text answer: the format it must have (a container number by ISO 6346, a seal number's pattern). */
    format: ValueFormat.optional(),
  })
  .refine((item) => (item.answerType === 'choice') === (item.choices !== undefined), {
    message: 'choices are required for answerType "choice" and allowed only there',
    path: ['choices'],
  })
  .refine((item) => item.format === undefined || item.answerType === 'text', {
    message: 'a format is declared only for a text answer',
    path: ['format'],
  })
  .refine((item) => item.requiredWhen === undefined || item.optional, {
    message: 'requiredWhen is declared only on an optional item',
    path: ['requiredWhen'],
  });

export const TemplateSection = z.strictObject({
  id: slug,
  title: LocalizedText,
  items: z.array(TemplateItem).min(1).max(1000),
});

export const RunMetadataField = z
  .strictObject({
    id: slug,
    label: LocalizedText,
    type: z.enum(['text', 'date', 'time', 'person', 'choice']),
    required: z.boolean().default(false),
    /** For a text field: the format it must have (a container number by ISO 6346, a seal number's pattern). */
    format: ValueFormat.optional(),
    /** For a choice field (the container type: dry or reefer): the values it may take. */
    choices: z.array(ChoiceOption).min(2).max(20).optional(),
  })
  .refine((field) => field.format === undefined || field.type === 'text', {
    message: 'a format is declared only for a text field',
    path: ['format'],
  })
  .refine((field) => (field.type === 'choice') === (field.choices !== undefined), {
    message: 'choices are required for a choice field and allowed only there',
    path: ['choices'],
  });

export const ChecklistTemplate = z
  .strictObject({
    id: slug,
    version: z.number().int().min(1).max(1_000_000),
    title: LocalizedText,
    description: LocalizedText.optional(),
    /** Where the content comes from (seed document, CBP MSC criterion, EU SAQ), paraphrased, never copied. */
    source: shortText(500),
    languages: z.array(z.enum(['en', 'ru'])).refine((l) => l.includes('en') && l.includes('ru'), {
      message: 'languages must include en and ru',
    }),
    /** Which of the nine validation steps the template serves (2 = information gathering, 6 = conduct). */
    step: z.number().int().min(1).max(9),
    runMetadata: z.array(RunMetadataField).max(30).default([]),
    sections: z.array(TemplateSection).min(1).max(100),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicate item id "${item.id}"`,
            path: ['sections', s, 'items', i, 'id'],
          });
        }
        seen.add(item.id);
      }),
    );
  });
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;
export type TemplateItem = z.infer<typeof TemplateItem>;
