// A dense numeric matrix, row-major in one Float64Array: rows = shoppers, columns = features in the
// model's feature order. One buffer (not number[][]) so it can be shared with worker threads without
// copying and scanned without pointer chasing.

export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values: element (r, c) is data[r * cols + c]. */
  readonly data: Float64Array;
}

/** Builds a FeatureMatrix from row arrays, checking that every row has the same length. */
export function featureMatrixFromRows(rows: readonly (readonly number[])[], cols?: number): FeatureMatrix {
  const width = cols ?? (rows.length > 0 ? rows[0].length : 0);
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    if (row.length !== width) throw new RangeError(`row ${r} has ${row.length} values, expected ${width}`);
    data.set(row, r * width);
  });
  return { rows: rows.length, cols: width, data };
}

/** Row r as a subarray view (no copy). */
export function matrixRow(matrix: FeatureMatrix, r: number): Float64Array {
  return matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols);
}
