// The small parts of the training pipeline: stratified split, progress line, observable ceiling,
// growable matrix.
import { expect } from 'chai';
import { MatrixBuilder } from '../../../services/trainer/dataset/matrix-builder';
import { expectedLogistic, observableDefaultProbability } from '../../../services/trainer/observable-ceiling';
import { ProgressBar } from '../../../services/trainer/pipeline/progress-bar';
import { stratifiedSplit } from '../../../services/trainer/pipeline/stratified-split';
import { defaultLogit } from '../../../services/trainer/simulator/default-model';
import { simulateShoppers } from '../../../services/trainer/simulator/simulate-shoppers';

describe('trainer: stratified split', () => {
  const labels: number[] = Array.from({ length: 1000 }, (_, i) => (i % 13 === 0 ? 1 : 0));

  it('holds out the same share of each class, disjoint and covering every row', () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 9);
    const positives = labels.reduce((a, b) => a + b, 0);
    expect(test.length).to.equal(Math.round(positives * 0.2) + Math.round((1000 - positives) * 0.2));
    expect(Array.from(test).filter((r) => labels[r] === 1).length).to.equal(Math.round(positives * 0.2));
    expect(new Set([...train, ...test]).size).to.equal(1000);
    expect(train.length + test.length).to.equal(1000);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(Array.from(stratifiedSplit(labels, 0.2, 9).test)).to.deep.equal(
      Array.from(stratifiedSplit(labels, 0.2, 9).test),
    );
    expect(Array.from(stratifiedSplit(labels, 0.2, 9).test)).to.not.deep.equal(
      Array.from(stratifiedSplit(labels, 0.2, 10).test),
    );
  });
});

describe('trainer: progress bar', () => {
  function fakeStream() {
    const written: string[] = [];
    return {
      written,
      stream: { write: (s: string) => written.push(s) > 0, isTTY: false } as unknown as NodeJS.WriteStream,
    };
  }

  it('draws percent, count, elapsed time and an estimate', () => {
    let now = 0;
    const { stream } = fakeStream();
    const bar = new ProgressBar({
      label: 'training forest',
      total: 100,
      unit: 'trees',
      stream,
      now: () => now,
    });
    now = 30_000;
    bar.update(25);
    expect(bar.line()).to.equal(
      'training forest [#####---------------]  25% 25/100 trees  elapsed 30.0s  eta 90.0s',
    );
  });

  it('prints one line per 10% when not on a terminal, and a final line', () => {
    const { stream, written } = fakeStream();
    const bar = new ProgressBar({ label: 'x', total: 50, stream, now: () => 0 });
    for (let i = 1; i <= 50; i++) bar.update(i);
    bar.finish();
    // 0%, 10%, ..., 100%: the final line is not repeated by finish().
    expect(written.length).to.equal(11);
    expect(written.every((l) => l.endsWith('\n') && !l.includes('\r'))).to.equal(true);
  });

  it('redraws in place on a terminal', () => {
    const { stream, written } = fakeStream();
    let now = 0;
    const bar = new ProgressBar({
      label: 'x',
      total: 10,
      stream,
      interactive: true,
      now: () => (now += 200),
    });
    bar.update(5);
    bar.finish(10);
    expect(written[0].startsWith('\r')).to.equal(true);
    expect(written[written.length - 1].endsWith('\n')).to.equal(true);
  });
});

describe('trainer: observable ceiling (hidden risk integrated out)', () => {
  it('E[logistic(a + s z)] is exact at the symmetric point and shrinks towards 1/2', () => {
    expect(expectedLogistic(0, 0.75)).to.be.closeTo(0.5, 1e-12);
    expect(expectedLogistic(-3, 0)).to.be.closeTo(1 / (1 + Math.exp(3)), 1e-9);
    // Averaging over a spread pulls a small probability up (logistic is convex down there).
    expect(expectedLogistic(-3, 0.75)).to.be.greaterThan(1 / (1 + Math.exp(3)));
    // Probit-style approximation: logistic(a / sqrt(1 + pi s^2 / 8)) is within ~0.002 here.
    const approx = 1 / (1 + Math.exp(3 / Math.sqrt(1 + (Math.PI * 0.75 ** 2) / 8)));
    expect(expectedLogistic(-3, 0.75)).to.be.closeTo(approx, 0.003);
  });

  it('does not depend on the hidden risk, and ranks like the logit without it', () => {
    const end = Date.UTC(2024, 11, 1);
    const shoppers = [...simulateShoppers({ seed: 5, shoppers: 200, observationEnd: end })].filter(
      (s) => s.traits.fraud === 'NONE',
    );
    for (const s of shoppers.slice(0, 20)) {
      const p = observableDefaultProbability(s.traits, end);
      expect(
        observableDefaultProbability({ ...s.traits, hiddenRisk: s.traits.hiddenRisk + 2 }, end),
      ).to.equal(p);
    }
    const byP = [...shoppers].sort(
      (a, b) => observableDefaultProbability(a.traits, end) - observableDefaultProbability(b.traits, end),
    );
    const logits = byP.map((s) => defaultLogit({ ...s.traits, hiddenRisk: 0 }, end));
    for (let i = 1; i < logits.length; i++) expect(logits[i]).to.be.at.least(logits[i - 1]);
  });
});

describe('trainer: matrix builder', () => {
  it('grows past its initial capacity and keeps every row', () => {
    const m = new MatrixBuilder(3, 2);
    for (let r = 0; r < 10; r++) m.nextRow().set([r, r * 2, r * 3]);
    const X = m.build();
    expect(X.rows).to.equal(10);
    expect(X.data.length).to.equal(30);
    expect(Array.from(X.data.subarray(27, 30))).to.deep.equal([9, 18, 27]);
  });
});
