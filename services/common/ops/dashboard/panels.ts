// The panels of the built-in dashboard (static/dashboard.html) and of the provisioned Grafana
// dashboard (infra/grafana/dashboards/creditscore.json), with the PromQL Grafana uses for each.
// One list, so the two stay the same (test/unit/ops/grafana.spec.ts compares them).
export interface PanelSpec {
  /** Element id on the built-in page. */
  id: string;
  title: string;
  /** What Grafana plots (the built-in page computes the same from the services' /metrics). */
  promql: string[];
}

export const DASHBOARD_PANELS: PanelSpec[] = [
  {
    id: 'groups',
    title: 'Consumer groups',
    promql: [
      'max by (consumergroup) (creditscore_consumergroup_status_severity)',
      'sum by (consumergroup) (kafka_consumergroup_lag_sum)',
    ],
  },
  { id: 'model', title: 'Model version', promql: ['max by (version) (creditscore_model_info)'] },
  { id: 'services', title: 'Services', promql: ['up{job=~"creditscore-.*"}'] },
  {
    id: 'panel-lag',
    title: 'Consumer lag by partition (messages)',
    promql: ['kafka_consumergroup_lag'],
  },
  {
    id: 'panel-lag-seconds',
    title: 'Consumer lag (seconds, estimated)',
    promql: ['kafka_consumergroup_lag_seconds_max'],
  },
  {
    id: 'panel-throughput',
    title: 'Throughput (events/s)',
    promql: [
      'sum(rate(creditscore_updater_events_total[1m]))',
      'sum(rate(creditscore_updater_events_total{outcome="applied"}[1m]))',
      'sum(rate(creditscore_scorer_scores_total{outcome="written"}[1m]))',
    ],
  },
  {
    id: 'panel-freshness',
    title: 'Freshness p50 / p99 (s)',
    promql: [
      'histogram_quantile(0.5, sum by (le) (rate(creditscore_event_to_features_seconds_bucket[1m])))',
      'histogram_quantile(0.99, sum by (le) (rate(creditscore_event_to_features_seconds_bucket[1m])))',
      'histogram_quantile(0.5, sum by (le) (rate(creditscore_event_to_score_seconds_bucket[1m])))',
      'histogram_quantile(0.99, sum by (le) (rate(creditscore_event_to_score_seconds_bucket[1m])))',
    ],
  },
  {
    id: 'panel-dead-letters',
    title: 'Dead letters by reason (/s)',
    promql: ['sum by (reason) (rate(creditscore_dead_letters_total[1m]))'],
  },
  {
    id: 'panel-scores',
    title: 'Score distribution',
    promql: ['sum by (le) (creditscore_score_points_bucket)'],
  },
];
