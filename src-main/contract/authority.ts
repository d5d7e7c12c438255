import { z } from 'zod';
import { patternProblem } from './registration-number';
import { lineText, multilineText } from './common';
import { FileSource } from './file-source';

/*
 * The issuing customs authority, as the official form of the report names it: its name and address in both
 * working languages, its logo (a PNG kept in the data folder's blob store, imported from a PNG or SVG the user
 * picked), the legal basis of the validation, the pattern of registration numbers, the confidentiality marking
 * printed on every page, and the time zone the printed times are in.
 */

/** Whether the runtime's time-zone database knows this IANA name ("Asia/Almaty", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = lineText(64)
  .min(1)
  .refine(isTimeZone, { message: 'not an IANA time zone', params: { code: 'unknown_time_zone' } });

export const RegistrationPattern = lineText(64)
  .min(1)
  .superRefine((value, ctx) => {
    const problem = patternProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `registration number pattern: ${problem}`, params: { code: 'registration_pattern', problem } });
  });

const localLine = (max: number) => z.strictObject({ en: lineText(max), ru: lineText(max) });
const localText = (max: number) => z.strictObject({ en: multilineText(max), ru: multilineText(max) });

export const AuthorityLogo = z.strictObject({
  /** The PNG in the blob store (an SVG is rasterised at import, so the printer never parses SVG). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** What the user gave: shown in the settings screen. */
  originalType: z.enum(['png', 'svg']),
});
export type AuthorityLogo = z.infer<typeof AuthorityLogo>;

export const authorityFields = {
  name: localLine(300),
  address: localText(1000),
  legalBasis: localText(4000),
  confidentialityMarking: localLine(200),
  registrationPattern: RegistrationPattern,
  timeZone: TimeZone,
};

export const IssuingAuthority = z.strictObject({ ...authorityFields, logo: AuthorityLogo.nullable() });
export type IssuingAuthority = z.infer<typeof IssuingAuthority>;

export const DEFAULT_REGISTRATION_PATTERN = 'AEO-{YYYY}-{SEQ:4}';

export const DEFAULT_AUTHORITY: IssuingAuthority = {
  name: { en: '', ru: '' },
  address: { en: '', ru: '' },
  legalBasis: { en: '', ru: '' },
  confidentialityMarking: { en: '', ru: '' },
  registrationPattern: DEFAULT_REGISTRATION_PATTERN,
  timeZone: 'UTC',
  logo: null,
};

export const AuthorityPatch = z.strictObject(
  Object.fromEntries(Object.entries(authorityFields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof authorityFields]: z.ZodOptional<(typeof authorityFields)[K]>;
  },
);

/** Stored in the device's settings table beside the risk matrix (domains/authority.ts). */
export const authorityContract = {
  'authority:get': { input: z.strictObject({}), output: IssuingAuthority },
  'authority:update': { input: AuthorityPatch, output: IssuingAuthority },
  /** Reads a PNG or SVG the user picked (a token or upload, never a path) into the data folder as the logo. */
  'authority:importLogo': { input: z.strictObject({ source: FileSource }), output: IssuingAuthority },
  'authority:removeLogo': { input: z.strictObject({}), output: IssuingAuthority },
  /** The stored logo as a PNG data URL for the settings screen's preview (no file path, no extra protocol); null without one. */
  'authority:logoImage': { input: z.strictObject({}), output: z.strictObject({ dataUrl: z.string().startsWith('data:image/png;base64,') }).nullable() },
} as const;
