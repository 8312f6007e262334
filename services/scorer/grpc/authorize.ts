// Every API call: a known key (UNAUTHENTICATED), holding the method's scope (PERMISSION_DENIED),
// within its rate (RESOURCE_EXHAUSTED). Health and reflection do not come through here.
import { status, type Metadata } from '@grpc/grpc-js';
import { ApiError } from './api-error';
import type { ApiKey, ApiKeyRing, Scope } from './api-keys';
import type { RateLimiter } from './rate-limiter';

export function authorize(metadata: Metadata, scope: Scope, keys: ApiKeyRing, limiter: RateLimiter): ApiKey {
  const header = metadata.get('authorization')[0];
  const key = keys.find(typeof header === 'string' ? header : undefined);
  if (!key)
    throw new ApiError(status.UNAUTHENTICATED, 'missing or invalid API key (authorization: Bearer <key>)');
  if (!key.scopes.includes(scope))
    throw new ApiError(status.PERMISSION_DENIED, `the API key lacks scope ${scope}`);
  if (!limiter.take(key.id, key.ratePerSec, key.burst))
    throw new ApiError(status.RESOURCE_EXHAUSTED, 'rate limit exceeded; slow down');
  return key;
}
