import { expect } from 'chai';
import { Counter, Histogram, Registry } from 'prom-client';
import { histogramQuantile, parsePrometheusText } from '../../../services/common/ops/prom-text';

describe('Prometheus text format reader', () => {
  it("reads prom-client's own output, labels and histogram buckets included", async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'x_total', help: 'h', labelNames: ['reason'], registers: [registry] });
    c.inc({ reason: 'has "quotes", commas\\ and\nnewline' }, 3);
    const h = new Histogram({ name: 'y_seconds', help: 'h', buckets: [0.1, 1], registers: [registry] });
    h.observe(0.05);
    h.observe(0.5);
    const samples = parsePrometheusText(await registry.metrics());
    expect(samples.find((s) => s.name === 'x_total')).to.deep.equal({
      name: 'x_total',
      labels: { reason: 'has "quotes", commas\\ and\nnewline' },
      value: 3,
    });
    const buckets = samples.filter((s) => s.name === 'y_seconds_bucket').map((s) => [s.labels.le, s.value]);
    expect(buckets).to.deep.equal([
      ['0.1', 1],
      ['1', 2],
      ['+Inf', 2],
    ]);
  });

  it('skips comments and reads special values', () => {
    const s = parsePrometheusText('# HELP a x\n# TYPE a gauge\na NaN\nb +Inf 1700000000\nc{} -1.5e3\n');
    expect(s.map((x) => [x.name, x.value])).to.deep.equal([
      ['a', NaN],
      ['b', Infinity],
      ['c', -1500],
    ]);
  });

  it('estimates quantiles from cumulative buckets as histogram_quantile does', () => {
    const buckets = [
      { le: 1, count: 50 },
      { le: 2, count: 100 },
      { le: Infinity, count: 100 },
    ];
    expect(histogramQuantile(0.5, buckets)).to.equal(1);
    expect(histogramQuantile(0.75, buckets)).to.equal(1.5);
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 0 }])).to.equal(null);
    expect(
      histogramQuantile(0.99, [
        { le: 1, count: 1 },
        { le: Infinity, count: 100 },
      ]),
    ).to.equal(1);
  });
});
