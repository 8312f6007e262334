import { expect } from 'chai';
import { Metadata, status } from '@grpc/grpc-js';
import { ApiKeyRing, hashApiKey } from '../../../services/scorer/grpc/api-keys';
import { RateLimiter } from '../../../services/scorer/grpc/rate-limiter';
import { authorize } from '../../../services/scorer/grpc/authorize';
import { ApiError } from '../../../services/scorer/grpc/api-error';
import { readScorerConfig } from '../../../services/scorer/config';
import { ConfigError } from '../../../services/common/errors';

describe('API keys, scopes and rate limits', () => {
  const ring = new ApiKeyRing([
    { id: 'p2p', sha256: hashApiKey('secret-p2p-123'), scopes: ['scores:read'], ratePerSec: 1, burst: 2 },
  ]);
  const meta = (auth?: string) => {
    const m = new Metadata();
    if (auth !== undefined) m.set('authorization', auth);
    return m;
  };
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as ApiError).status;
    }
    return status.OK;
  };

  it('maps missing, wrong, unscoped and over-rate calls to their status codes', () => {
    let t = 0;
    const limiter = new RateLimiter(() => t);
    expect(code(() => authorize(meta(), 'scores:read', ring, limiter))).to.equal(status.UNAUTHENTICATED);
    expect(code(() => authorize(meta('Bearer wrong-key-123'), 'scores:read', ring, limiter))).to.equal(
      status.UNAUTHENTICATED,
    );
    expect(code(() => authorize(meta('secret-p2p-123'), 'scores:read', ring, limiter))).to.equal(
      status.UNAUTHENTICATED,
    );
    expect(code(() => authorize(meta('Bearer secret-p2p-123'), 'decisions:write', ring, limiter))).to.equal(
      status.PERMISSION_DENIED,
    );
    const ok = () => code(() => authorize(meta('Bearer secret-p2p-123'), 'scores:read', ring, limiter));
    expect([ok(), ok(), ok()]).to.deep.equal([status.OK, status.OK, status.RESOURCE_EXHAUSTED]);
    t += 1_000; // one second refills one token
    expect([ok(), ok()]).to.deep.equal([status.OK, status.RESOURCE_EXHAUSTED]);
  });

  it('reads keys from API_KEYS and names the setting when one is malformed', () => {
    const config = readScorerConfig({
      API_KEYS: JSON.stringify([{ id: 'a', sha256: hashApiKey('x'), scopes: ['scores:watch'] }]),
    });
    expect(config.API_KEYS[0]).to.include({ id: 'a', ratePerSec: 1_000 });
    expect(() => readScorerConfig({ API_KEYS: '[{"id":"a","sha256":"plain","scopes":["scores:read"]}]' }))
      .to.throw(ConfigError)
      .with.property('setting')
      .that.matches(/^API_KEYS/);
    expect(() =>
      readScorerConfig({ API_KEYS: '[{"id":"a","sha256":"' + 'a'.repeat(64) + '","scopes":["admin"]}]' }),
    ).to.throw(ConfigError);
  });
});
