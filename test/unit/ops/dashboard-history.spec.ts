import { expect } from 'chai';
import { DashboardHistory } from '../../../services/common/ops/dashboard/history';
import type { ScrapeResult } from '../../../services/common/ops/dashboard/scrape';
import { parsePrometheusText } from '../../../services/common/ops/prom-text';
import type { LagReport } from '../../../services/common/ops/lag/lag-monitor';

const target = { name: 'feature-updater', url: 'http://x/metrics' };
const scrape = (text: string): ScrapeResult => ({ target, up: true, samples: parsePrometheusText(text) });
const report = (lag: number, at: number): LagReport => ({
  at,
  groups: [
    {
      group: 'g',
      state: 'Stable',
      members: 1,
      status: 'OK',
      lagSum: lag,
      lagSecondsMax: 0,
      partitions: [
        { topic: 't', partition: 0, committed: 0, end: lag, start: 0, lag, lagSeconds: 0, status: 'OK' },
      ],
    },
  ],
});
const metrics = (applied: number, dlq: number, fast: number, slow: number) => `
creditscore_updater_events_total{outcome="applied"} ${applied}
creditscore_updater_events_total{outcome="invalid"} ${dlq}
creditscore_dead_letters_total{reason="bad_magic"} ${dlq}
creditscore_event_to_features_seconds_bucket{le="0.1"} ${fast}
creditscore_event_to_features_seconds_bucket{le="1"} ${fast + slow}
creditscore_event_to_features_seconds_bucket{le="+Inf"} ${fast + slow}
creditscore_score_points_bucket{le="600"} 3
creditscore_score_points_bucket{le="650"} 10
creditscore_score_points_bucket{le="+Inf"} 10
creditscore_model_info{version="rf-abc123"} 1
`;

describe('dashboard history', () => {
  it('turns scraped counters into rates, histograms into windowed quantiles, lag into series', () => {
    const h = new DashboardHistory({ maxPoints: 10, intervalMs: 1000, quantileWindowMs: 60_000 });
    h.add(report(5, 0), [scrape(metrics(0, 0, 0, 0))], 0);
    h.add(report(3, 2000), [scrape(metrics(100, 4, 100, 0))], 2000);
    h.add(report(0, 4000), [scrape(metrics(300, 4, 100, 200))], 4000);
    const d = h.snapshot();
    expect(d.series.t).to.deep.equal([0, 2, 4]);
    expect(d.series.lag['g t/0']).to.deep.equal([5, 3, 0]);
    expect(d.series.throughput.consumed).to.deep.equal([null, 52, 100]);
    expect(d.series.throughput.applied).to.deep.equal([null, 50, 100]);
    expect(d.series.deadLetters.bad_magic).to.deep.equal([null, 2, 0]);
    // Over the window: 100 events under 0.1 s, 200 between 0.1 and 1 s.
    expect(d.series.freshness['features p50']![2]).to.be.closeTo(0.1 + 0.9 * (50 / 200), 1e-9);
    expect(d.scoreDistribution).to.deep.equal({ upperBounds: [600, 650, Infinity], counts: [3, 7, 0] });
    expect(d.modelVersions).to.deep.equal(['rf-abc123']);
  });

  it('treats a counter that went down as a restart, never as a negative rate', () => {
    const h = new DashboardHistory({ maxPoints: 10, intervalMs: 1000 });
    h.add(undefined, [scrape(metrics(500, 0, 0, 0))], 0);
    h.add(undefined, [scrape(metrics(20, 0, 0, 0))], 1000);
    expect(h.snapshot().series.throughput.applied).to.deep.equal([null, 20]);
  });

  it('keeps the last maxPoints points', () => {
    const h = new DashboardHistory({ maxPoints: 3, intervalMs: 1000 });
    for (let i = 0; i < 5; i++) h.add(report(i, i * 1000), [], i * 1000);
    expect(h.snapshot().series.lag['g t/0']).to.deep.equal([2, 3, 4]);
  });
});
