import { reasonIssueCodes, type ReasonIssueCode } from '../../../src-main/contract/issue-codes';
import type { InputIssue } from '../../../src-main/contract/result';
import type { ApiError } from '../api/client';
import { errorFromCode, ownIssueError, type ValidationKey } from './field-errors';

/*
 * What an error says to the officer, from its codes alone: the error code gives the heading, an issue code of the
 * core's own (`no_keys`, `already_sealed`, a check digit…) the sentence beneath. The English `message` is for logs
 * and the command line; it can name a channel or an environment variable, so the page never shows it.
 */

export type ErrorText = {
  key: `reasons.${ReasonIssueCode}` | `validation.${ValidationKey}`;
  values?: Record<string, string | number>;
};

const isReason = (code: string | undefined): code is ReasonIssueCode =>
  code !== undefined && (reasonIssueCodes as readonly string[]).includes(code);

/** The sentence for an error's first issue with a code of ours, as an i18n key and its values; null when none. */
export function errorDetail(error: Pick<ApiError, 'issues'>): ErrorText | null {
  const reason = (error.issues ?? []).find((issue) => isReason(issue.code));
  if (reason && isReason(reason.code)) return { key: `reasons.${reason.code}` };
  const field = ownIssueError(error.issues);
  return field ? { key: `validation.${field.key}`, ...(field.values ? { values: field.values } : {}) } : null;
}

/** One issue the page lists (a template import's problems): its text from its code, never its English message. */
export function issueText(issue: InputIssue): ErrorText {
  if (isReason(issue.code)) return { key: `reasons.${issue.code}` };
  const field = errorFromCode(issue.code, issue.path.split('.').at(-1) ?? '', issue.params);
  return { key: `validation.${field.key}`, ...(field.values ? { values: field.values } : {}) };
}
