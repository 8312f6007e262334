import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openTrainingFile,
  readTrainingFile,
  writeTrainingFile,
} from '../../../services/trainer/simulator/training-file';
import { TRAINING_FILE_FORMAT } from '../../../services/trainer/simulator/training-file-format';
import type { SimulatedShopper } from '../../../services/trainer/simulator/simulate-shoppers';
import { options, run } from './fixtures';

async function readAll(path: string): Promise<SimulatedShopper[]> {
  const out: SimulatedShopper[] = [];
  for await (const s of readTrainingFile(path)) out.push(s);
  return out;
}

describe('training file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'sim-training-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const opts = options({ shoppers: 150, seed: 11 });

  it('round-trips shoppers, labels, traits and events exactly (plain JSON Lines)', async () => {
    const path = join(dir, 'train.jsonl');
    const summary = await writeTrainingFile(path, opts);
    const expected = run(opts);
    expect(summary.shoppers).to.equal(150);
    expect(summary.events).to.equal(expected.reduce((n, s) => n + s.events.length, 0));
    expect(summary.defaulted).to.equal(expected.filter((s) => s.defaulted).length);
    expect(await readAll(path)).to.deep.equal(expected);
  });

  it('round-trips gzip files and the v2 discount column', async () => {
    const path = join(dir, 'train.jsonl.gz');
    const withDiscounts = { ...opts, shoppers: 40, includeDiscounts: true };
    await writeTrainingFile(path, withDiscounts);
    expect(readFileSync(path).subarray(0, 2)).to.deep.equal(Buffer.from([0x1f, 0x8b]));
    expect(await readAll(path)).to.deep.equal(run(withDiscounts));
  });

  it('records the full simulation options in its header', async () => {
    const path = join(dir, 'header.jsonl');
    await writeTrainingFile(path, { ...opts, shoppers: 5 });
    const reader = await openTrainingFile(path);
    reader.close();
    expect(reader.header.format).to.equal(TRAINING_FILE_FORMAT);
    expect(reader.header.simulation).to.include({ seed: 11, shoppers: 5, observationDays: 180 });
    expect(reader.header.periodEnd - reader.header.periodStart).to.equal(180 * 86_400_000);
  });

  it('is byte-identical when written twice with the same seed', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    await writeTrainingFile(a, { ...opts, shoppers: 60 });
    await writeTrainingFile(b, { ...opts, shoppers: 60 });
    expect(readFileSync(a).equals(readFileSync(b))).to.equal(true);
  });

  it('can stop reading part-way (the finally block closes the file)', async () => {
    const path = join(dir, 'partial.jsonl.gz');
    await writeTrainingFile(path, { ...opts, shoppers: 30 });
    const firstThree: string[] = [];
    for await (const s of readTrainingFile(path)) {
      firstThree.push(s.userId);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).to.deep.equal(
      run(opts)
        .slice(0, 3)
        .map((s) => s.userId),
    );
  });

  it('rejects a file that is not a simulated training file', async () => {
    const path = join(dir, 'other.jsonl');
    writeFileSync(path, '{"format":"something-else","version":1}\n');
    let error: unknown;
    try {
      await openTrainingFile(path);
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.match(/not a simulated training file/);
  });
});
