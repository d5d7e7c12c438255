/**
 * Why a bundle (or a trust list) was refused: one stable code per check, in the order the checks run. The UI
 * shows the code and the one-line reason that comes with it. Pure: the core, the HQ server and the renderer
 * share this list.
 */
export const rejectionCodes = [
  // size caps, before anything is decrypted
  'too_large',
  // decryption
  'not_age',
  'not_recipient',
  'decrypt_failed',
  // ZIP structure
  'zip_structure',
  'zip_bad_name',
  'zip_link',
  'zip_duplicate',
  'zip_compressed',
  'zip_too_many_entries',
  'zip_size_mismatch',
  'zip_missing_envelope',
  // envelope and signer
  'envelope_invalid',
  'key_unknown',
  'key_revoked',
  'key_not_valid',
  'signature_invalid',
  'payload_type',
  'statement_invalid',
  // content
  'blob_mismatch',
  'blob_missing',
  'blob_extra',
  // a merged report's inputs (issue 12)
  'input_missing',
  'input_duplicate',
  'input_invalid',
  'input_other_case',
  'input_not_assigned',
  'merge_mismatch',
  // replay
  'replay_conflict',
  // trust lists
  'trust_invalid',
  'trust_signature',
  'trust_rollback',
  'trust_conflict',
  'trust_expired',
  'trust_fingerprint_mismatch',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

/** Accepted, but worth a look: shown beside the verification report. */
export const warningCodes = [
  'trust_list_expired',
  'trust_list_older_than_signer',
  'sequence_regression',
  'chain_mismatch',
] as const;
export type WarningCode = (typeof warningCodes)[number];
