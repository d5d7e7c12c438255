import { z } from 'zod';

export const Id = z.uuid({ version: 'v7' });
export const Timestamp = z.iso.datetime();
export const IsoDate = z.iso.date();

/** Names and short fields: trimmed, bounded, never empty. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).default('');

export const EmptyInput = z.strictObject({});
export const ByIdInput = z.strictObject({ id: Id });

/** A single contract entry: what a channel takes and what it gives back. */
export type ChannelSpec = { input: z.ZodType; output: z.ZodType };

/**
 * A patch schema from a record of field schemas: every field optional and defaults dropped, because a default
 * inside a patch would silently overwrite the stored value of a field the caller never mentioned.
 */
export function patchOf<T extends Record<string, z.ZodType>>(fields: T) {
  const optional = Object.fromEntries(
    Object.entries(fields).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional(),
    ]),
  ) as { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]> };
  return z.strictObject(optional);
}
