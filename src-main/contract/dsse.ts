import { z } from 'zod';

/*
 * The shape of a DSSE envelope (https://github.com/secure-systems-lab/dsse, protocol v1.0.0), as JSON. Here in the
 * contract because HQ's answers carry envelopes (receipts) and take them (enrollment files); the signing and
 * checking live in src-main/core/bundle/dsse.ts.
 */
export const DsseSignature = z.strictObject({
  keyid: z.string().max(200).optional(),
  sig: z.string().max(400),
});
export const DsseEnvelope = z.strictObject({
  payload: z.string(),
  payloadType: z.string().max(200),
  signatures: z.array(DsseSignature).min(1).max(16),
});
export type DsseEnvelope = z.infer<typeof DsseEnvelope>;
