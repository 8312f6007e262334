// Where Redis is, as one setting (REDIS_URL): `redis://host:port[/db]` is a single Redis;
// `redis+cluster://host:port,host:port,...` is a Redis Cluster reached through those seed nodes
// (any few of its masters: the client discovers the rest from CLUSTER SLOTS). One setting rather
// than a second one beside REDIS_URL, so no configuration can name both and leave it unclear which
// wins; `rediss+cluster://` is the TLS form, and `user:password@` works in both.

export interface ClusterNode {
  host: string;
  port: number;
}

export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: ClusterNode[]; tls: boolean; username?: string; password?: string };

const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/@]+)\/?$/;
const SINGLE = /^rediss?:\/\/[^\s]+$/;
const NODE = /^(\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):(\d{1,5})$/;

/** Throws an Error whose message says what is expected (the config layer names the setting). */
export function parseRedisUrl(url: string): RedisTarget {
  const cluster = CLUSTER.exec(url);
  if (cluster) {
    const [, scheme, userinfo, hosts] = cluster;
    const nodes = hosts!.split(',').map((h) => {
      const m = NODE.exec(h.trim());
      const port = Number(m?.[2]);
      if (!m || port < 1 || port > 65_535)
        throw new Error(
          `cluster node "${h}" is not host:port (expected redis+cluster://host:port,host:port)`,
        );
      return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
    });
    const [username, password] = splitUserinfo(userinfo);
    return { kind: 'cluster', nodes, tls: scheme === 'rediss', username, password };
  }
  if (SINGLE.test(url)) return { kind: 'single', url };
  throw new Error(
    'expected redis://host:port, rediss://host:port, or redis+cluster://host:port,host:port for a Redis Cluster',
  );
}

function splitUserinfo(userinfo: string | undefined): [string | undefined, string | undefined] {
  if (!userinfo) return [undefined, undefined];
  // As ioredis reads redis://user:password@host: no colon means a user name alone.
  const colon = userinfo.indexOf(':');
  const user = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(userinfo.slice(colon + 1));
  return [user === '' ? undefined : user, password === '' ? undefined : password];
}
