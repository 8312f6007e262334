// The provisioned Grafana dashboard and the built-in page show the same panels, and every metric
// they and the alert rules query is one the product exports.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { projectPath } from '../../../services/common/paths';
import { DASHBOARD_PANELS } from '../../../services/common/ops/dashboard/panels';

const grafana = JSON.parse(
  readFileSync(projectPath('infra', 'grafana', 'dashboards', 'creditscore.json'), 'utf8'),
) as {
  uid: string;
  panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
};
const page = readFileSync(
  projectPath('services', 'common', 'ops', 'dashboard', 'static', 'dashboard.html'),
  'utf8',
);
const alerts = parse(readFileSync(projectPath('infra', 'prometheus', 'alerts.yml'), 'utf8')) as {
  groups: { rules: { alert: string; expr: string }[] }[];
};

/** Every metric name the product's code exports (from the `name:` of prom-client metrics, and factories). */
const EXPORTED = [
  'kafka_consumergroup_lag',
  'kafka_consumergroup_lag_sum',
  'kafka_consumergroup_lag_seconds',
  'kafka_consumergroup_lag_seconds_max',
  'creditscore_consumergroup_status_severity',
  'creditscore_lag_last_poll_timestamp_seconds',
  'creditscore_model_info',
  'creditscore_updater_events_total',
  'creditscore_scorer_scores_total',
  'creditscore_dead_letters_total',
  'creditscore_event_to_features_seconds_bucket',
  'creditscore_event_to_score_seconds_bucket',
  'creditscore_score_points_bucket',
  'up',
];
const metricsIn = (expr: string) =>
  (expr.match(/[a-z_]+(?=\{|\[|\)|$|\s)/g) ?? []).filter((m) => m.includes('_') || m === 'up');
const FUNCTIONS = new Set(['histogram_quantile', 'max_over_time', 'min_over_time', 'clamp_min']);

describe('Grafana dashboard and alert rules', () => {
  it('has the same panels, in the same order, as the built-in page', () => {
    expect(grafana.panels.map((p) => p.title)).to.deep.equal(DASHBOARD_PANELS.map((p) => p.title));
    for (const p of DASHBOARD_PANELS) {
      expect(page, p.title).to.contain(`id="${p.id}"`);
      expect(page, p.title).to.contain(`<h2>${p.title}</h2>`);
    }
  });

  it('queries the provisioned data source and only metrics the product exports', () => {
    for (const p of grafana.panels) {
      expect(p.datasource.uid).to.equal('prometheus');
      for (const t of p.targets)
        for (const m of metricsIn(t.expr))
          if (!FUNCTIONS.has(m)) expect(EXPORTED, `${p.title}: ${t.expr}`).to.include(m);
    }
  });

  it('alerts on lag growth, stalls, dead letters, freshness and services down, on exported metrics', () => {
    const rules = alerts.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).to.include.members([
      'ConsumerLagGrowing',
      'ConsumerGroupStalled',
      'DeadLetterRateHigh',
      'FreshnessSLOBreach',
      'ServiceDown',
    ]);
    for (const r of rules)
      for (const m of metricsIn(r.expr))
        if (!FUNCTIONS.has(m)) expect(EXPORTED, `${r.alert}: ${r.expr}`).to.include(m);
  });
});
