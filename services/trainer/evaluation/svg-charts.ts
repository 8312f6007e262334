// Small inline-SVG charts for the evaluation report: ROC curves, a calibration plot and horizontal
// bars. Hand-written SVG keeps the report a single self-contained file (no CDN, no scripts) that
// opens offline and diffs as text; the charts are deliberately plain.
import type { CalibrationBin } from './calibration';
import type { RocPoint } from './roc-curve';

export interface Series<T> {
  name: string;
  color: string;
  data: T;
  /** Dashed line (e.g. the true-probability ceiling). */
  dashed?: boolean;
}

const W = 480;
const PLOT_H = 300;
const M = { left: 52, right: 16, top: 16 };
const PLOT_W = W - M.left - M.right;
/** Space under the plot for tick labels and the axis title; the legend goes below that. */
const AXIS_SPACE = 44;
const LEGEND_ROW = 16;

export function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Fixed decimals, and never "-0.000". */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function frame(
  xLabel: string,
  yLabel: string,
  max: number,
  body: string,
  series: ReadonlyArray<Series<unknown>>,
): string {
  const height = M.top + PLOT_H + AXIS_SPACE + series.length * LEGEND_ROW + 8;
  const step = max / 5;
  const digits = step >= 0.1 ? 1 : 2;
  let grid = '';
  for (let k = 0; k <= 5; k++) {
    const t = k * step;
    const x = sx(t, max);
    const y = sy(t, max);
    grid +=
      `<line x1="${M.left}" y1="${y}" x2="${M.left + PLOT_W}" y2="${y}" stroke="#eee"/>` +
      `<line x1="${x}" y1="${M.top}" x2="${x}" y2="${M.top + PLOT_H}" stroke="#eee"/>` +
      `<text x="${M.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(t, digits)}</text>` +
      `<text x="${x}" y="${M.top + PLOT_H + 16}" text-anchor="middle" font-size="11">${fmt(t, digits)}</text>`;
  }
  const legend = series
    .map((s, i) => {
      const y = M.top + PLOT_H + AXIS_SPACE + (i + 1) * LEGEND_ROW - 4;
      const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
      return (
        `<line x1="${M.left}" y1="${y - 4}" x2="${M.left + 18}" y2="${y - 4}" stroke="${s.color}" stroke-width="2"${dash}/>` +
        `<text x="${M.left + 24}" y="${y}" font-size="11">${escapeXml(s.name)}</text>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img">` +
    grid +
    `<rect x="${M.left}" y="${M.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#999"/>` +
    `<line x1="${sx(0, max)}" y1="${sy(0, max)}" x2="${sx(max, max)}" y2="${sy(max, max)}" stroke="#bbb" stroke-dasharray="4 4"/>` +
    body +
    `<text x="${M.left + PLOT_W / 2}" y="${M.top + PLOT_H + 34}" text-anchor="middle" font-size="12">${escapeXml(xLabel)}</text>` +
    `<text transform="translate(14 ${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(yLabel)}</text>` +
    legend +
    `</svg>`
  );
}

function sx(v: number, max: number): number {
  return round2(M.left + (v / max) * PLOT_W);
}

function sy(v: number, max: number): number {
  return round2(M.top + PLOT_H - (v / max) * PLOT_H);
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function rocChartSvg(series: ReadonlyArray<Series<readonly RocPoint[]>>): string {
  const body = series
    .map((s) => {
      const pts = s.data.map((p) => `${sx(p.fpr, 1)},${sy(p.tpr, 1)}`).join(' ');
      const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
      return `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`;
    })
    .join('');
  return frame('False positive rate', 'True positive rate', 1, body, series);
}

/** Mean predicted (x) against observed default rate (y) per bin; the diagonal is perfect calibration. */
export function calibrationChartSvg(series: ReadonlyArray<Series<readonly CalibrationBin[]>>): string {
  let top = 0;
  for (const s of series) for (const b of s.data) top = Math.max(top, b.meanPredicted, b.observedRate);
  const max = niceCeiling(top);
  const body = series
    .map((s) => {
      const pts = s.data.map((b) => `${sx(b.meanPredicted, max)},${sy(b.observedRate, max)}`);
      const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
      const dots = pts
        .map((p) => {
          const [x, y] = p.split(',');
          return `<circle cx="${x}" cy="${y}" r="3" fill="${s.color}"/>`;
        })
        .join('');
      return `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.5"${dash}/>${dots}`;
    })
    .join('');
  return frame('Mean predicted default rate', 'Observed default rate', max, body, series);
}

/** Horizontal bars, largest first as given; values may be negative (bars grow left of zero). */
export function barChartSvg(
  items: ReadonlyArray<{ label: string; value: number }>,
  color = '#4c78a8',
): string {
  const rowH = 18;
  const labelW = 200;
  const barW = 300;
  const height = items.length * rowH + 24;
  const maxAbs = Math.max(1e-12, ...items.map((i) => Math.abs(i.value)));
  const hasNegative = items.some((i) => i.value < 0);
  const zero = labelW + (hasNegative ? barW / 2 : 0);
  const scale = (hasNegative ? barW / 2 : barW) / maxAbs;
  const rows = items
    .map((item, i) => {
      const y = 8 + i * rowH;
      const w = round2(Math.abs(item.value) * scale);
      const x = item.value >= 0 ? zero : round2(zero - w);
      return (
        `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end" font-size="11">${escapeXml(item.label)}</text>` +
        `<rect x="${x}" y="${y + 2}" width="${w}" height="${rowH - 5}" fill="${color}"/>` +
        `<text x="${labelW + barW + 6}" y="${y + 12}" font-size="11">${fmt(item.value, 4)}</text>`
      );
    })
    .join('');
  const width = labelW + barW + 70;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    rows +
    `<line x1="${zero}" y1="4" x2="${zero}" y2="${height - 12}" stroke="#999"/>` +
    `</svg>`
  );
}

/** The smallest of 0.05, 0.1, 0.2, 0.3, 0.5, 1 that holds `v` (axes for default rates). */
function niceCeiling(v: number): number {
  for (const c of [0.05, 0.1, 0.2, 0.3, 0.5]) if (v <= c) return c;
  return 1;
}
