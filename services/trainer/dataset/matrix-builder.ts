// A feature matrix filled one row at a time when the row count is not known up front (a stream of
// shoppers, a CSV being parsed): one Float64Array that doubles when full, so 100,000 x 36 rows cost
// ~29 MB and a handful of copies instead of 100,000 small arrays.
import type { FeatureMatrix } from '../../common/model/feature-matrix';

export class MatrixBuilder {
  private data: Float64Array;
  private count = 0;

  constructor(
    readonly cols: number,
    initialRows = 1024,
  ) {
    if (!Number.isSafeInteger(cols) || cols < 1) throw new RangeError(`cols must be >= 1, got ${cols}`);
    this.data = new Float64Array(Math.max(1, initialRows) * cols);
  }

  get rows(): number {
    return this.count;
  }

  /** A writable view of a new row (zero-filled); valid until the next call. */
  nextRow(): Float64Array {
    if ((this.count + 1) * this.cols > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const row = this.data.subarray(this.count * this.cols, (this.count + 1) * this.cols);
    row.fill(0);
    this.count++;
    return row;
  }

  /** The rows so far as a FeatureMatrix (trimmed copy: the builder can be dropped). */
  build(): FeatureMatrix {
    return { rows: this.count, cols: this.cols, data: this.data.slice(0, this.count * this.cols) };
  }
}

/** A growable Float64 column (labels, probabilities) with the same doubling. */
export class ColumnBuilder {
  private data = new Float64Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = value;
  }

  build(): Float64Array {
    return this.data.slice(0, this.count);
  }
}
