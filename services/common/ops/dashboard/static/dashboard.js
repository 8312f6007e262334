// The built-in live dashboard: polls /api/dashboard and draws it with uPlot. Each panel records
// how many points it shows and its latest values in data-* attributes, which the headless-browser
// test reads (test/integration/ops/dashboard.spec.ts).
/* global uPlot */
(function () {
  'use strict';
  const COLORS = [
    '#2f6fde',
    '#e0682b',
    '#2e9d5b',
    '#a347c4',
    '#d0453b',
    '#1aa3a3',
    '#c7a000',
    '#6b6f7a',
    '#ff5fa2',
    '#5f8f00',
    '#0050a0',
    '#8b4513',
  ];
  const charts = {};

  function panel(id) {
    return document.querySelector('#' + id + ' .chart');
  }

  function width(el) {
    return Math.max(300, el.clientWidth);
  }

  /**
   * Short legend labels: lag series are keyed "group topic/partition"; a group usually reads one
   * topic, so "group p3" says it all (the full key stays when that would be ambiguous).
   */
  function labels(names) {
    const short = names.map((n) => n.replace(/^(\S+) \S+\/(\d+)$/, '$1 p$2'));
    return new Set(short).size === names.length ? short : names;
  }

  function seriesChart(id, t, named, opts) {
    const el = panel(id);
    const names = Object.keys(named);
    const shown = labels(names);
    const points = t.length;
    const latest = {};
    for (const n of names) latest[n] = named[n][named[n].length - 1];
    el.dataset.points = String(points);
    el.dataset.series = String(names.length);
    el.dataset.latest = JSON.stringify(latest);
    el.dataset.max = String(
      names.reduce((m, n) => Math.max(m, ...named[n].filter((v) => v !== null && isFinite(v))), 0),
    );
    if (names.length === 0 || points === 0) {
      if (charts[id]) {
        charts[id].destroy();
        delete charts[id];
      }
      el.innerHTML = '<div class="empty">' + (opts.empty || 'no data yet') + '</div>';
      return;
    }
    const key = names.join('|');
    const data = [t].concat(names.map((n) => named[n]));
    if (charts[id] && charts[id].key === key) {
      charts[id].plot.setData(data);
      return;
    }
    if (charts[id]) charts[id].plot.destroy();
    el.innerHTML = '';
    const plot = new uPlot(
      {
        width: width(el),
        height: 230,
        scales: {
          x: { time: true },
          y: { range: (u, min, max) => [0, Math.max(max * 1.1, opts.minMax || 1)] },
        },
        axes: [{}, { size: 60 }],
        series: [{}].concat(
          shown.map((n, i) => ({ label: n, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false })),
        ),
      },
      data,
      el,
    );
    charts[id] = { key, plot, destroy: () => plot.destroy() };
  }

  function scoreChart(dist) {
    const id = 'panel-scores';
    const el = panel(id);
    if (!dist || dist.counts.every((c) => c === 0)) {
      el.dataset.points = '0';
      el.innerHTML = '<div class="empty">no scores yet (the scorer exports creditscore_score_points)</div>';
      if (charts[id]) delete charts[id];
      return;
    }
    el.dataset.points = String(dist.counts.reduce((a, b) => a + b, 0));
    // Bars centred in their 50-point bands; scores are clamped to the scale, so +Inf stays empty.
    const bands = dist.upperBounds
      .map((b, i) => [b, dist.counts[i]])
      .filter(([b]) => b !== null && isFinite(b));
    const x = bands.map(([b]) => b - 25);
    const data = [x, bands.map(([, c]) => c)];
    if (charts[id]) {
      charts[id].plot.setData(data);
      return;
    }
    el.innerHTML = '';
    const plot = new uPlot(
      {
        width: width(el),
        height: 230,
        scales: { x: { time: false, range: () => [x[0] - 25, x[x.length - 1] + 25] } },
        axes: [{ label: 'points' }, { size: 60 }],
        series: [
          {},
          {
            label: 'scores',
            fill: 'rgba(47,111,222,0.5)',
            stroke: '#2f6fde',
            paths: uPlot.paths.bars({ size: [0.9, 100] }),
            points: { show: false },
          },
        ],
      },
      data,
      el,
    );
    charts[id] = { plot };
  }

  function summary(d) {
    const groups = d.groups
      .map(
        (g) =>
          '<tr><td><span class="badge ' +
          g.status +
          '">' +
          g.status +
          '</span></td><td><b>' +
          esc(g.group) +
          '</b></td><td>lag ' +
          g.lagSum +
          '</td><td>' +
          g.lagSecondsMax.toFixed(1) +
          ' s</td><td>' +
          g.members +
          ' member(s), ' +
          esc(g.state) +
          (g.error ? ' — ' + esc(g.error) : '') +
          '</td></tr>',
      )
      .join('');
    document.querySelector('#groups .body').innerHTML = '<table>' + groups + '</table>';
    document.querySelector('#model .body').textContent = d.modelVersions.length
      ? d.modelVersions.join(', ')
      : '— (no scorer)';
    document.querySelector('#services .body').innerHTML = d.services
      .map(
        (s) => '<div class="' + (s.up ? 'up' : 'down') + '">' + (s.up ? '● ' : '○ ') + esc(s.name) + '</div>',
      )
      .join('');
  }

  function esc(s) {
    return String(s).replace(
      /[&<>"]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
    );
  }

  function render(d) {
    const s = d.series;
    summary(d);
    seriesChart('panel-lag', s.t, s.lag, { empty: 'no consumer group measured yet' });
    seriesChart('panel-lag-seconds', s.t, s.lagSeconds, {});
    seriesChart('panel-throughput', s.t, s.throughput, {});
    seriesChart('panel-freshness', s.t, s.freshness, { minMax: 0.1 });
    seriesChart('panel-dead-letters', s.t, s.deadLetters, { empty: 'no dead letters' });
    scoreChart(d.scoreDistribution);
    document.getElementById('updated').textContent = 'updated ' + new Date(d.now).toLocaleTimeString();
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  }

  let interval = 2000;
  async function tick() {
    try {
      const res = await fetch('/api/dashboard', { cache: 'no-store' });
      const d = await res.json();
      interval = d.intervalMs || interval;
      render(d);
    } catch (err) {
      document.getElementById('updated').textContent = 'cannot reach the service: ' + err.message;
    }
    setTimeout(tick, interval);
  }
  tick();
})();
