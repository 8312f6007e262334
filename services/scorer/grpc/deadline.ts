// Deadlines: a call whose client has given up (or will before Redis answers) stops with
// DEADLINE_EXCEEDED instead of doing work nobody waits for; Decide records nothing after it.
import { status } from '@grpc/grpc-js';
import { ApiError } from './api-error';

export interface HasDeadline {
  getDeadline(): Date | number;
}

export function remainingMs(call: HasDeadline): number {
  const d = call.getDeadline();
  const at = d instanceof Date ? d.getTime() : d;
  return Number.isFinite(at) ? at - Date.now() : Infinity;
}

export function checkDeadline(call: HasDeadline): void {
  if (remainingMs(call) <= 0) throw new ApiError(status.DEADLINE_EXCEEDED, 'deadline exceeded');
}

/**
 * Resolves as `work`, or fails with DEADLINE_EXCEEDED when the call's deadline comes first.
 * @param settlesWithinMs when `work` is known to settle by then (a single Redis command, bounded by
 *   the client's command timeout), a later deadline cannot come first and no timer is armed.
 */
export async function withinDeadline<T>(
  call: HasDeadline,
  work: Promise<T>,
  settlesWithinMs = Infinity,
): Promise<T> {
  const left = remainingMs(call);
  if (left === Infinity || left > settlesWithinMs) return work;
  if (left <= 0) throw new ApiError(status.DEADLINE_EXCEEDED, 'deadline exceeded');
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(status.DEADLINE_EXCEEDED, 'deadline exceeded')), left);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
