import { expect } from 'chai';
import { Cluster, Redis } from 'ioredis';
import { parseRedisUrl } from '../../../services/common/redis/redis-url';
import { connectRedis } from '../../../services/common/redis/client';
import { readUpdaterConfig } from '../../../services/feature-updater/config';
import { readScorerConfig } from '../../../services/scorer/config';
import { ConfigError } from '../../../services/common/errors';

describe('REDIS_URL: one Redis or a Redis Cluster', () => {
  it('reads a single Redis URL as is', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).to.deep.equal({
      kind: 'single',
      url: 'redis://127.0.0.1:6379',
    });
    expect(parseRedisUrl('rediss://:pw@cache.example:6380/2').kind).to.equal('single');
  });

  it('reads redis+cluster:// seed nodes, credentials and TLS', () => {
    expect(parseRedisUrl('redis+cluster://10.0.0.1:7000,10.0.0.2:7001, redis-2:7002')).to.deep.equal({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'redis-2', port: 7002 },
      ],
      tls: false,
      username: undefined,
      password: undefined,
    });
    expect(parseRedisUrl('rediss+cluster://app:p%40ss@[::1]:7000/')).to.deep.equal({
      kind: 'cluster',
      nodes: [{ host: '::1', port: 7000 }],
      tls: true,
      username: 'app',
      password: 'p@ss',
    });
    expect(parseRedisUrl('redis+cluster://:secret@h:1')).to.deep.include({
      username: undefined,
      password: 'secret',
    });
  });

  it('refuses what it cannot read', () => {
    for (const bad of [
      'http://h:1',
      '127.0.0.1:6379',
      'redis+cluster://',
      'redis+cluster://h',
      'redis+cluster://h:1,h2',
      'redis+cluster://h:99999',
      'redis+cluster://h:1/0',
      'redis+sentinel://h:1',
    ])
      expect(() => parseRedisUrl(bad), bad).to.throw(/expected/);
  });

  it('stops start-up naming REDIS_URL when it is wrong, for every service', () => {
    for (const read of [readUpdaterConfig, readScorerConfig]) {
      expect(() => read({ REDIS_URL: 'redis+cluster://h' }))
        .to.throw(ConfigError, /REDIS_URL/)
        .with.property('setting', 'REDIS_URL');
      expect(read({ REDIS_URL: 'redis+cluster://h:7000,h:7001' }).REDIS_URL).to.equal(
        'redis+cluster://h:7000,h:7001',
      );
    }
  });

  it('builds an ioredis Cluster for a cluster URL and a Redis otherwise, with the product scripts', () => {
    const cluster = connectRedis('redis+cluster://127.0.0.1:1,127.0.0.1:2', { lazyConnect: true });
    const single = connectRedis('redis://127.0.0.1:1', { lazyConnect: true });
    try {
      expect(cluster).to.be.instanceOf(Cluster);
      expect(single).to.be.instanceOf(Redis);
      for (const c of [cluster, single]) expect(c.setProfilesIfNewer).to.be.a('function');
    } finally {
      cluster.disconnect();
      single.disconnect();
    }
  });
});
