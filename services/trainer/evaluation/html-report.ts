// Renders the model evaluation report: one self-contained HTML page (inline CSS and SVG, no
// scripts, no external assets) with the metrics table, ROC curves, a calibration plot, decile
// tables and feature-importance bars. Pure: same input -> same string (the caller passes any
// timestamp), so reports can be diffed and tested. Writing it to disk is write-html-report.ts.
import type { Labels, Scores } from './binary-inputs';
import { evaluateBinary, type BinaryMetrics } from './evaluate-binary';
import { rocCurve, thinRocCurve } from './roc-curve';
import { barChartSvg, calibrationChartSvg, escapeXml, fmt, rocChartSvg, type Series } from './svg-charts';

export interface ReportModelInput {
  name: string;
  /** Predicted default probabilities (or any risk score; probability metrics then show NaN). */
  scores: Scores;
  labels: Labels;
  /** The true-probability ceiling: drawn dashed, and the yardstick of "Gini vs ceiling". */
  ceiling?: boolean;
}

export interface FeatureImportance {
  feature: string;
  importance: number;
}

export interface EvaluationReportInput {
  title: string;
  subtitle?: string;
  /** Shown as given (e.g. an ISO timestamp); omitted when absent, keeping output deterministic. */
  generatedAt?: string;
  models: ReportModelInput[];
  featureImportance?: FeatureImportance[];
  /** Key facts about the data set or run, shown as a small table. */
  facts?: Array<[string, string]>;
  notes?: string[];
}

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#9d755d'];
const CEILING_COLOR = '#555555';

export function renderEvaluationReport(input: EvaluationReportInput): string {
  const evaluated = input.models.map((m, i) => ({
    model: m,
    metrics: evaluateBinary(m.scores, m.labels),
    color: m.ceiling ? CEILING_COLOR : PALETTE[i % PALETTE.length],
  }));
  const ceiling = evaluated.find((e) => e.model.ceiling);

  const rocSeries: Series<ReturnType<typeof thinRocCurve>>[] = evaluated.map((e) => ({
    name: `${e.model.name} (AUC ${fmt(e.metrics.auc)})`,
    color: e.color,
    dashed: e.model.ceiling,
    data: thinRocCurve(rocCurve(e.model.scores, e.model.labels), 300),
  }));
  const calibrated = evaluated.filter((e) => e.metrics.calibration.length > 0);
  const calibrationSeries = calibrated.map((e) => ({
    name: e.model.name,
    color: e.color,
    dashed: e.model.ceiling,
    data: e.metrics.calibration,
  }));

  const parts: string[] = [];
  parts.push(`<h1>${escapeXml(input.title)}</h1>`);
  if (input.subtitle) parts.push(`<p class="sub">${escapeXml(input.subtitle)}</p>`);
  if (input.generatedAt) parts.push(`<p class="sub">Generated ${escapeXml(input.generatedAt)}</p>`);
  if (input.facts && input.facts.length > 0) {
    parts.push('<table class="facts">');
    for (const [k, v] of input.facts) parts.push(`<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`);
    parts.push('</table>');
  }

  parts.push('<h2>Metrics</h2>', metricsTable(evaluated, ceiling?.metrics));
  parts.push('<div class="charts">');
  parts.push(`<figure>${rocChartSvg(rocSeries)}<figcaption>ROC curves</figcaption></figure>`);
  if (calibrationSeries.length > 0) {
    parts.push(
      `<figure>${calibrationChartSvg(calibrationSeries)}<figcaption>Calibration by decile of prediction</figcaption></figure>`,
    );
  }
  parts.push('</div>');

  if (input.featureImportance && input.featureImportance.length > 0) {
    const bars = [...input.featureImportance]
      .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance) || a.feature.localeCompare(b.feature))
      .map((f) => ({ label: f.feature, value: f.importance }));
    parts.push('<h2>Feature importance</h2>', `<figure>${barChartSvg(bars)}</figure>`);
  }

  for (const e of calibrated) {
    parts.push(
      `<details><summary>Deciles: ${escapeXml(e.model.name)}</summary>${decileTable(e.metrics)}</details>`,
    );
  }
  if (input.notes && input.notes.length > 0) {
    parts.push('<h2>Notes</h2><ul>', ...input.notes.map((n) => `<li>${escapeXml(n)}</li>`), '</ul>');
  }

  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeXml(input.title)}</title><style>${CSS}</style></head><body>\n` +
    parts.join('\n') +
    '\n</body></html>\n'
  );
}

function metricsTable(
  rows: ReadonlyArray<{ model: ReportModelInput; metrics: BinaryMetrics }>,
  ceiling: BinaryMetrics | undefined,
): string {
  const head = ['Model', 'Rows', 'Defaults', 'Base rate', 'AUC', 'Gini', 'KS', 'Brier', 'Log loss', 'ECE'];
  if (ceiling) head.push('Gini / ceiling');
  const body = rows.map(({ model, metrics: m }) => {
    const cells = [
      escapeXml(model.name) + (model.ceiling ? ' <span class="tag">ceiling</span>' : ''),
      String(m.n),
      String(m.positives),
      fmt(m.baseRate * 100, 2) + '%',
      fmt(m.auc),
      fmt(m.gini),
      fmt(m.ks),
      fmt(m.brier, 4),
      fmt(m.logLoss, 4),
      fmt(m.expectedCalibrationError, 4),
    ];
    if (ceiling) cells.push(fmt((m.gini / ceiling.gini) * 100, 1) + '%');
    return `<tr>${cells.map((c, i) => (i === 0 ? `<th>${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`;
  });
  return `<table class="metrics"><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${body.join('')}</table>`;
}

function decileTable(m: BinaryMetrics): string {
  const rows = m.calibration.map(
    (b) =>
      `<tr><td>${b.bin + 1}</td><td>${b.count}</td><td>${fmt(b.minPredicted, 4)}</td><td>${fmt(b.maxPredicted, 4)}</td>` +
      `<td>${fmt(b.meanPredicted, 4)}</td><td>${fmt(b.observedRate, 4)}</td></tr>`,
  );
  return (
    '<table class="metrics"><tr><th>Decile</th><th>Rows</th><th>Min predicted</th><th>Max predicted</th>' +
    `<th>Mean predicted</th><th>Observed rate</th></tr>${rows.join('')}</table>`
  );
}

const CSS = [
  'body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222;max-width:1100px}',
  'h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px}',
  '.sub{color:#666;margin:2px 0}',
  'table{border-collapse:collapse;margin:8px 0;font-size:13px}',
  'th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}',
  'th:first-child{text-align:left}.facts th{text-align:left;background:#fafafa}',
  '.tag{font-size:10px;background:#eee;border-radius:3px;padding:1px 4px;font-weight:normal}',
  '.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:8px 0}',
  'figcaption{font-size:12px;color:#555;text-align:center}',
  'details{margin:8px 0}summary{cursor:pointer;font-size:13px}',
].join('');
