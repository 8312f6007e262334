// Errors the API answers with a specific gRPC status, and the mapping of every other error: a
// retriable one (Redis or Kafka unavailable, see common/errors.ts) is UNAVAILABLE, so clients
// retry; anything else is INTERNAL and logged.
import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { CreditScoreError, isRetriable } from '../../common/errors';

export class ApiError extends CreditScoreError {
  constructor(
    readonly status: status,
    message: string,
  ) {
    super(message, {
      code: status === status_.UNAVAILABLE ? 'UNAVAILABLE' : 'API',
      retriable: status === status_.UNAVAILABLE || status === status_.RESOURCE_EXHAUSTED,
    });
  }
}
const status_ = status;

export const invalid = (message: string) => new ApiError(status.INVALID_ARGUMENT, message);

export function toServiceError(err: unknown): { error: Partial<ServiceError>; expected: boolean } {
  if (err instanceof ApiError)
    return { error: { code: err.status, details: err.message, metadata: new Metadata() }, expected: true };
  if (isRetriable(err))
    return {
      error: {
        code: status.UNAVAILABLE,
        details: 'a dependency is unavailable; retry',
        metadata: new Metadata(),
      },
      expected: true,
    };
  return {
    error: { code: status.INTERNAL, details: 'internal error', metadata: new Metadata() },
    expected: false,
  };
}
