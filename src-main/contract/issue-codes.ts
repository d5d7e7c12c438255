import { textIssueCodes } from './common';
import { valueFormatIssueCodes } from './value-format';

/*
 * Every issue code of our own the core can put in `issues[].code` (zod's own codes aside), in one list, so the
 * page can be checked to have words for each in both languages (test/renderer/error-texts.test.ts walks the
 * core's source for codes not declared here). A code names the problem; `params` carry the values its text shows.
 */

/** Problems with a field's value: shown at the field. */
export const fieldIssueCodes = [
  ...textIssueCodes,
  ...valueFormatIssueCodes,
  'residual_pair',
  'residual_above_inherent',
  'due_before_opened',
  'operator_choice',
  'end_before_start',
  'site_not_in_case',
  'risk_not_in_case',
  'deadline_before_opened',
  'already_in_use',
  'invalid_date',
  'invalid_time',
  'invalid_choice',
  // The certification cycle (issue 13): decisions, account manager, monitoring, re-evaluation.
  'decision_before_report',
  'certificate_required',
  'conditions_required',
  'correction_reason_required',
  'before_assignment',
  'outcome_required',
  'event_has_no_outcome',
  'measure_not_in_case',
  'areas_required',
  // The issuing authority's settings and the official form (issue 13).
  'unknown_time_zone',
  'registration_pattern',
  'registration_mismatch',
  'logo_file',
] as const;

/** Why a whole request was refused, when the error code alone does not say what to do about it. */
export const reasonIssueCodes = [
  'stale_write',
  'preview_token',
  'no_keys',
  'keys_exist',
  'keys_need_command_line',
  'keychain_unavailable',
  'wrong_passphrase',
  'weak_passphrase',
  'keys_mismatch',
  'no_trust_list',
  'no_hq_recipient',
  'signer_not_trusted',
  'already_sealed',
  'seal_raced',
  'audit_chain_broken',
  'evidence_altered',
  'evidence_unreadable',
  'write_failed',
  'no_save_dialog',
  // Completion gates: a finished run, a locked plan, a step or seal that needs its reason.
  'reason_required',
  'open_items',
  'blocking_items',
  'plan_locked',
  'run_finished',
  'run_incomplete',
  'run_not_finished',
  // Team work: assignments and the lead's merge (issue 12).
  'not_enrolled',
  'not_in_case',
  'merge_other_case',
  'merge_duplicate_side',
  'resolution_unknown',
  'resolution_invalid',
  'conflicts_open',
  'no_field_reports',
  // The certification cycle (issue 13).
  'report_not_sealed',
  'no_decision',
  'no_account_manager',
  'not_authorized',
  // The case's report language is fixed once a version is sealed in it.
  'report_language_sealed',
] as const;

export const ownIssueCodes = [...fieldIssueCodes, ...reasonIssueCodes] as const;
export type OwnIssueCode = (typeof ownIssueCodes)[number];
export type FieldIssueCode = (typeof fieldIssueCodes)[number];
export type ReasonIssueCode = (typeof reasonIssueCodes)[number];
