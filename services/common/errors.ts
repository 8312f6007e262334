// Every error the product raises says whether retrying can help (the convention of kafkajs's
// src/errors.js): batch runners retry retriable errors with backoff and dead-letter or fail fast
// on the rest; gRPC handlers map them to status codes.

export class CreditScoreError extends Error {
  readonly retriable: boolean;
  readonly code: string;

  constructor(message: string, opts: { code: string; retriable?: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.retriable = opts.retriable ?? false;
  }
}

/** Start-up configuration is wrong; names the setting. Never retriable. */
export class ConfigError extends CreditScoreError {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`invalid configuration ${setting}: ${message}`, { code: 'CONFIG' });
    this.setting = setting;
  }
}

/** A message cannot be decoded or fails validation: it goes to the dead-letter topic. */
export class InvalidEventError extends CreditScoreError {
  /** Stable, low-cardinality reason (header `dlq.reason`, metric label). */
  readonly reason: string;
  constructor(reason: string, message: string, cause?: unknown) {
    super(message, { code: 'INVALID_EVENT', retriable: false, cause });
    this.reason = reason;
  }
}

/** A dependency (Kafka, Redis) is unavailable or timed out; the work can be retried. */
export class DependencyError extends CreditScoreError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'DEPENDENCY', retriable: true, cause });
  }
}

export function isRetriable(err: unknown): boolean {
  if (err instanceof CreditScoreError) return err.retriable;
  // Errors from kafkajs carry the same flag.
  return typeof err === 'object' && err !== null && (err as { retriable?: unknown }).retriable === true;
}
