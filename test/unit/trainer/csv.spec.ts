// Bring your own data: the CSV reader, the column encoding and the k-fold training path on a small
// generated file in a temporary directory.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../../services/common/model/load-model';
import { score } from '../../../services/common/model/score';
import { csvDatasetFromText, loadCsvDataset } from '../../../services/trainer/csv/csv-dataset';
import { CsvSyntaxError, CsvTokenizer, parseCsv } from '../../../services/trainer/csv/parse-csv';
import { trainOnCsv } from '../../../services/trainer/csv-pipeline';

describe('trainer: CSV reader', () => {
  const text =
    '\ufeffid,"name, full",note\r\n' +
    '1,"Li, Wei","said ""hi""\nthen left"\r\n' +
    '\n' +
    '2,Zhang,\n' +
    '3,"",plain';
  const expected = [
    ['id', 'name, full', 'note'],
    ['1', 'Li, Wei', 'said "hi"\nthen left'],
    ['2', 'Zhang', ''],
    ['3', '', 'plain'],
  ];

  it('reads quotes, doubled quotes, embedded commas and line breaks, CRLF, a BOM and blank lines', () => {
    expect(parseCsv(text)).to.deep.equal(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7, 11]) {
      const tokenizer = new CsvTokenizer();
      const records: string[][] = [];
      for (let i = 0; i < text.length; i += size) records.push(...tokenizer.push(text.slice(i, i + size)));
      records.push(...tokenizer.end());
      expect(records, `chunks of ${size}`).to.deep.equal(expected);
    }
  });

  it('rejects an unterminated quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).to.throw(CsvSyntaxError, /unterminated/);
    expect(() => parseCsv('a,b\n1,"x"y\n')).to.throw(CsvSyntaxError, /line 2/);
  });
});

describe('trainer: CSV data set encoding', () => {
  const csv = [
    'loan_id,income,purpose,age,bad',
    'L1,5000,car,30,0',
    'L2,,car,41,1',
    'L3,7000,education,,0',
    'L4,3000,,25,yes',
    'L5,9000,car,52,no',
    'L6,6000,furniture,33,0',
  ].join('\n');

  it('types columns, one-hot encodes text, fills numeric gaps with the median plus a flag', async () => {
    const ds = await csvDatasetFromText(csv, { label: 'bad', ignore: ['loan_id'] });
    expect(ds.featureNames).to.deep.equal([
      'income',
      'income:missing',
      'purpose=car',
      'purpose=education',
      'purpose=furniture',
      'purpose=(missing)',
      'age',
      'age:missing',
    ]);
    expect(Array.from(ds.y)).to.deep.equal([0, 1, 0, 1, 0, 0]);
    const row = (r: number) => Array.from(ds.X.data.subarray(r * ds.X.cols, (r + 1) * ds.X.cols));
    expect(row(1)).to.deep.equal([6000, 1, 1, 0, 0, 0, 41, 0]); // income median of 3000..9000 = 6000
    expect(row(2)).to.deep.equal([7000, 0, 0, 1, 0, 0, 33, 1]); // age median of 25, 30, 33, 41, 52
    expect(row(3)).to.deep.equal([3000, 0, 0, 0, 0, 1, 25, 0]);
    expect(ds.columns.find((c) => c.column === 'loan_id')).to.deep.include({ kind: 'ignored' });
    // One reason code per source column: the one-hot columns of "purpose" share it.
    expect(ds.reasonTable['purpose=car'].code).to.equal(ds.reasonTable['purpose=(missing)'].code);
    expect(ds.reasonTable['income'].code).to.not.equal(ds.reasonTable['age'].code);
  });

  it('ignores identifier-like text columns by itself, and honours --positive', async () => {
    const rows = ['ref,x,outcome'];
    for (let i = 0; i < 60; i++) rows.push(`R${i},${i % 7},${i % 3 === 0 ? 'charged_off' : 'paid'}`);
    const ds = await csvDatasetFromText(rows.join('\n'), { label: 'outcome', positive: 'charged_off' });
    expect(ds.featureNames).to.deep.equal(['x']);
    expect(ds.columns[0]).to.deep.include({ kind: 'ignored', column: 'ref' });
    expect(ds.y.reduce((a, b) => a + b, 0)).to.equal(20);
  });

  it('explains bad input: unknown label values, missing label column, ragged rows', async () => {
    const fail = async (text: string, label: string, pattern: RegExp) => {
      let error: unknown;
      try {
        await csvDatasetFromText(text, { label });
      } catch (err) {
        error = err;
      }
      expect(error, String(pattern)).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.match(pattern);
    };
    await fail('a,y\n1,0\n2,maybe\n', 'y', /row 3: label "maybe".*--positive/);
    await fail('a,y\n1,0\n2,1\n', 'label', /no label column "label"/);
    await fail('a,y\n1,0\n2\n', 'y', /row 3 has 1 fields/);
    await fail('a,y\n1,0\n2,0\n', 'y', /only one class/);
  });
});

describe('trainer: training on a CSV with k-fold cross-validation', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'csv-train-'));
    // 900 loans; default risk rises with debt ratio and missed payments, "purpose" matters a little,
    // "branch" is noise. Deterministic pseudo-random numbers.
    let s = 12345;
    const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
    const lines = ['id,debt_ratio,missed_payments,purpose,branch,defaulted'];
    for (let i = 0; i < 900; i++) {
      const debt = rnd();
      const missed = Math.floor(rnd() * 4);
      const purpose = ['car', 'home', 'cash', 'study'][Math.floor(rnd() * 4)];
      const logit = -3 + 3 * debt + 0.7 * missed + (purpose === 'cash' ? 0.8 : 0);
      const bad = rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      const debtText = rnd() < 0.05 ? '' : debt.toFixed(3);
      lines.push(`${i},${debtText},${missed},${purpose},"B${Math.floor(rnd() * 5)}",${bad}`);
    }
    writeFileSync(join(dir, 'loans.csv'), lines.join('\n') + '\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports out-of-fold metrics, saves a loadable model and writes the report', async () => {
    const { artifact, summary } = await trainOnCsv({
      path: join(dir, 'loans.csv'),
      label: 'defaulted',
      ignore: ['id'],
      folds: 3,
      seed: 5,
      forest: { trees: 15, workers: 0, minNumSamples: 20, maxDepth: 6 },
      modelsDir: join(dir, 'models'),
      reportDir: join(dir, 'reports'),
      trainedAt: '2025-01-01T00:00:00.000Z',
      scoreTimingMs: 10,
    });
    expect(summary.folds).to.equal(3);
    expect(summary.metrics.modelFoldAuc).to.have.length(3);
    expect(summary.forest).to.deep.include({
      trees: 15,
      maxDepth: 6,
      minNumSamples: 20,
      workers: 0,
      seed: 5,
    });
    expect(summary.scoreTiming!.scores).to.be.greaterThan(0);
    expect(summary.metrics.model.rows).to.equal(900);
    expect(summary.metrics.model.auc).to.be.greaterThan(0.65);
    expect(summary.metrics.baseline.auc).to.be.greaterThan(0.65);
    expect(summary.dataset.encoding.find((c) => c.column === 'id')).to.deep.include({ kind: 'ignored' });
    expect(summary.featureImportance[0].feature).to.be.oneOf(['debt_ratio', 'missed_payments']);
    expect(artifact.metrics).to.deep.include({
      evaluation: '3-fold cross-validation (out-of-fold predictions)',
    });

    const features = (await loadCsvDataset(join(dir, 'loans.csv'), { label: 'defaulted', ignore: ['id'] }))
      .featureNames;
    const model = loadModel(readFileSync(summary.modelPath!, 'utf8'), features);
    expect(model.version).to.equal(artifact.version);
    const risky = features.map((f) => (f === 'debt_ratio' ? 0.95 : f === 'missed_payments' ? 3 : 0));
    const result = score(model, risky);
    expect(result.reasons.length).to.be.within(1, 4);
    const codes = result.reasons.map((r) => r.code);
    expect(codes.includes('CSV:missed_payments') || codes.includes('CSV:debt_ratio'), codes.join()).to.equal(
      true,
    );
    const html = readFileSync(join(dir, 'reports', 'csv-report.html'), 'utf8');
    expect(html).to.include('3-fold cross-validation');
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'csv-summary.json'), 'utf8')).modelVersion).to.equal(
      artifact.version,
    );
  });
});
