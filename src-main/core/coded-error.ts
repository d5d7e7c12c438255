/**
 * A refusal its caller tells apart by a stable `code` (each subclass names its own union), with a message for
 * people. The core's errors that callers map to an envelope or a CLI line share this shape; each subclass sets its
 * `name` itself, so logs and stack traces name it even where class names are minified.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
