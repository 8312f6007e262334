import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  renderEvaluationReport,
  type EvaluationReportInput,
} from '../../../services/trainer/evaluation/html-report';
import { mulberry32 } from '../../../services/trainer/evaluation/seeded-shuffle';
import { writeEvaluationReport } from '../../../services/trainer/evaluation/write-html-report';

function input(): EvaluationReportInput {
  const next = mulberry32(9);
  const truth = Array.from({ length: 2000 }, () => 0.02 + 0.3 * next() ** 2);
  const labels = truth.map((p) => (next() < p ? 1 : 0));
  const model = truth.map((p) => Math.min(1, Math.max(0, p + 0.08 * (next() - 0.5))));
  return {
    title: 'Model <v1> & friends',
    models: [
      { name: 'True probability', scores: truth, labels, ceiling: true },
      { name: 'Forest', scores: model, labels },
    ],
    featureImportance: [
      { feature: 'instalment_share_30d', importance: 0.31 },
      { feature: 'night_share_90d', importance: -0.12 },
    ],
    facts: [['Rows', '2000']],
    notes: ['a <note>'],
  };
}

describe('HTML evaluation report', () => {
  const html = renderEvaluationReport(input());

  it('is self-contained: no scripts, stylesheets or fetched assets', () => {
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).to.not.match(/<script|<link|<img|@import|url\(/i);
    const urls = html.match(/https?:\/\/[^"'\s)]+/g) ?? [];
    expect(urls.every((u) => u === 'http://www.w3.org/2000/svg')).to.equal(true);
  });

  it('holds the charts, the metrics table and the feature bars', () => {
    expect(html.match(/<svg /g)).to.have.length(3); // ROC, calibration, importance
    expect(html).to.include('<polyline');
    expect(html).to.include('Gini / ceiling');
    expect(html).to.include('100.0%'); // the ceiling against itself
    expect(html).to.include('instalment_share_30d');
    expect(html).to.include('Deciles: Forest');
  });

  it('escapes every caller-supplied text', () => {
    expect(html).to.include('Model &lt;v1&gt; &amp; friends');
    expect(html).to.include('a &lt;note&gt;');
    expect(html).to.not.include('<v1>');
  });

  it('renders the same input to the same bytes', () => {
    expect(renderEvaluationReport(input())).to.equal(html);
  });

  it('writes the report to disk, creating the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    try {
      const path = join(dir, 'nested', 'report.html');
      const bytes = await writeEvaluationReport(path, input());
      expect(readFileSync(path, 'utf8')).to.equal(html);
      expect(bytes).to.equal(Buffer.byteLength(html));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
