// The dashboard's scraper against real HTTP servers: a `dns+` target is scraped once per address
// its name resolves to (two servers on two loopback addresses stand for two replicas behind a
// headless Service; the resolver is the injected boundary), and the dashboard sums their rates.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTargets, scrapeAll } from '../../../services/common/ops/dashboard/scrape';
import { DashboardHistory } from '../../../services/common/ops/dashboard/history';
import { readOpsConfig } from '../../../services/ops/config';
import { ConfigError } from '../../../services/common/errors';

const applied = (n: number) => `creditscore_updater_events_total{outcome="applied"} ${n}\n`;

describe('dashboard scrape targets', () => {
  const servers: Server[] = [];
  const counts = new Map<string, number>();
  let port = 0;

  before(async () => {
    // Two "replicas" on the same port, as pods behind one Service would be.
    for (const address of ['127.0.0.1', '127.0.0.2']) {
      counts.set(address, 0);
      const server = createServer((_req, res) => res.end(applied(counts.get(address)!)));
      await new Promise<void>((done) => server.listen(port, address, done));
      port = (server.address() as AddressInfo).port;
      servers.push(server);
    }
  });
  after(() => servers.forEach((s) => s.close()));

  it('parses plain and dns+ entries', () => {
    expect(
      parseTargets(['scorer=http://scorer:9465/metrics', 'u=dns+http://u-pods:9464/metrics']),
    ).to.deep.equal([
      { name: 'scorer', url: 'http://scorer:9465/metrics' },
      { name: 'u', url: 'http://u-pods:9464/metrics', everyAddress: true },
    ]);
  });

  it('scrapes every address of a dns+ target, and the dashboard sums their rates', async () => {
    const targets = parseTargets([`feature-updater=dns+http://updater-pods:${port}/metrics`]);
    const resolve = async (host: string) => (host === 'updater-pods' ? ['127.0.0.2', '127.0.0.1'] : []);
    const history = new DashboardHistory({ maxPoints: 10, intervalMs: 1000 });

    counts.set('127.0.0.1', 100).set('127.0.0.2', 5_000);
    const first = await scrapeAll(targets, 2_000, resolve);
    expect(first.map((s) => [s.target.url, s.up])).to.deep.equal([
      [`http://127.0.0.1:${port}/metrics`, true],
      [`http://127.0.0.2:${port}/metrics`, true],
    ]);
    expect(first.map((s) => s.samples[0]!.value)).to.deep.equal([100, 5_000]);
    history.add(undefined, first, 1_000);

    counts.set('127.0.0.1', 300).set('127.0.0.2', 5_600); // +200 and +600 in 2 s
    history.add(undefined, await scrapeAll(targets, 2_000, resolve), 3_000);
    const data = history.snapshot();
    expect(data.series.throughput.applied.at(-1)).to.equal(400);
    expect(data.services.map((s) => s.name)).to.deep.equal(['feature-updater', 'feature-updater']);

    // One replica gone (scaled in): the rate is the remaining one's, not a jump or a gap.
    counts.set('127.0.0.1', 500);
    const one = async () => ['127.0.0.1'];
    history.add(undefined, await scrapeAll(targets, 2_000, one), 5_000);
    expect(history.snapshot().series.throughput.applied.at(-1)).to.equal(100);
  });

  it('reports a name that does not resolve as a target down, with the reason', async () => {
    const targets = parseTargets([`scorer=dns+http://nowhere:${port}/metrics`]);
    const [result, ...rest] = await scrapeAll(targets, 2_000, async () => {
      throw new Error('getaddrinfo ENOTFOUND nowhere');
    });
    expect(rest).to.deep.equal([]);
    expect(result).to.deep.include({ up: false, samples: [] });
    expect(result!.error).to.equal('resolving nowhere: getaddrinfo ENOTFOUND nowhere');
  });

  it('resolves with the system resolver by default', async () => {
    const [result] = await scrapeAll(parseTargets([`x=dns+http://127.0.0.1:${port}/metrics`]));
    expect(result).to.deep.include({ up: true });
    expect(result!.target.url).to.equal(`http://127.0.0.1:${port}/metrics`);
  });

  it('stops start-up on a malformed entry, naming SCRAPE_TARGETS', () => {
    for (const bad of [
      'scorer=dns+scorer:9465',
      'scorer=ftp://x/metrics',
      'scorer=',
      'scorer=dns+https://s:1/m',
    ]) {
      expect(() => readOpsConfig({ SCRAPE_TARGETS: bad }), bad)
        .to.throw(ConfigError, 'SCRAPE_TARGETS')
        .with.property('setting', 'SCRAPE_TARGETS');
    }
    expect(readOpsConfig({ SCRAPE_TARGETS: 'a=dns+http://a:1/metrics' }).SCRAPE_TARGETS).to.have.length(1);
  });
});
