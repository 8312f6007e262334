// API keys: bearer secrets in `authorization` metadata, stored in configuration only as SHA-256
// hashes (keys are long random strings, so a fast hash is enough and a lookup by hash leaks
// nothing about the secret). Each key carries scopes and a rate limit.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const SCOPES = ['scores:read', 'scores:watch', 'decisions:write'] as const;
export type Scope = (typeof SCOPES)[number];

const keySchema = z.object({
  /** Appears in logs, metrics and the audit trail instead of the secret. */
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected an id of 1-64 characters [A-Za-z0-9_.:-]'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the 64 lowercase hex digits of SHA-256(secret)'),
  scopes: z.array(z.enum(SCOPES)).min(1),
  /** Sustained calls per second this key may make on one replica. */
  ratePerSec: z.number().positive().default(1_000),
  /** Calls it may make at once above the rate (token bucket size); default = one second's worth. */
  burst: z.number().positive().optional(),
});

export type ApiKey = z.infer<typeof keySchema>;

export const apiKeysSetting = z
  .string()
  .default('[]')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON array of API keys' });
      return z.NEVER;
    }
  })
  .pipe(z.array(keySchema))
  .refine((keys) => new Set(keys.map((k) => k.id)).size === keys.length, 'API key ids must be unique');

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Distinct valid `authorization` values remembered (a client sends the same one on every call). */
const REMEMBERED_HEADERS = 1_000;

export class ApiKeyRing {
  private readonly byHash: Map<string, ApiKey>;
  /**
   * Header values already matched to a key, so a call costs a map lookup instead of a SHA-256.
   * Only values naming a configured key are kept (unknown ones are hashed every time, so invalid
   * keys cannot grow it); the secrets it holds are the ones every call carries in memory anyway.
   */
  private readonly byHeader = new Map<string, ApiKey>();

  constructor(keys: readonly ApiKey[]) {
    this.byHash = new Map(keys.map((k) => [k.sha256, k]));
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The key an `authorization` metadata value names, or undefined. */
  find(authorization: string | undefined): ApiKey | undefined {
    if (!authorization) return undefined;
    const known = this.byHeader.get(authorization);
    if (known) return known;
    const match = /^Bearer\s+(\S{8,512})$/i.exec(authorization.trim());
    const key = match ? this.byHash.get(hashApiKey(match[1]!)) : undefined;
    if (key) {
      if (this.byHeader.size >= REMEMBERED_HEADERS) this.byHeader.clear();
      this.byHeader.set(authorization, key);
    }
    return key;
  }
}
