// The one rule for a shopper's id. The purchase-event validation dead-letters an event whose userId
// breaks it and the gRPC API refuses a call naming such an id (INVALID_ARGUMENT): were the two
// rules different, an id the events accept but the API refuses would give a shopper features and
// scores nobody could ever read. Length counts Unicode characters (code points), not UTF-16 units.

export const MAX_USER_ID_LENGTH = 128;

/** The rule in words, for error messages. */
export const USER_ID_RULE = `1-${MAX_USER_ID_LENGTH} characters without spaces or control characters`;

// Spaces (any Unicode white space) and control characters break logs, CSV exports and key scans.
const FORBIDDEN = /[\s\p{Cc}]/u;

/**
 * How `id` breaks the rule, as a phrase that quotes none of it (ids may be personal data), or
 * undefined when it keeps it.
 */
export function userIdProblem(id: string): string | undefined {
  if (id === '') return 'is empty';
  // Stops counting past the limit: a call may carry a megabyte-long id.
  let length = 0;
  for (const _ of id) {
    void _;
    if (++length > MAX_USER_ID_LENGTH) return `is over ${MAX_USER_ID_LENGTH} characters`;
  }
  if (FORBIDDEN.test(id)) return 'contains a space or a control character';
  return undefined;
}

export function isValidUserId(id: string): boolean {
  return userIdProblem(id) === undefined;
}
