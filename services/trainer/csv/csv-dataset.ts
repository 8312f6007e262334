// A lender's own labelled history as training rows. The file is read twice, streaming: the first
// pass decides each column's type and levels, the second encodes rows straight into the matrix.
//
// Encoding (docs/training.md, "Your own data"):
// - label column: 1 / true / yes / y / bad / default / defaulted mean default, 0 / false / no / n /
//   good mean repaid (case-insensitive); or name the default value with `positive`, then every other
//   non-empty value is 0. An empty or unknown label is an error naming the line.
// - numeric column: every non-empty value parses as a finite number. Missing values are filled with
//   the column's median and, when any are missing, a `<col>:missing` 0/1 column is added (missingness
//   is often informative in credit data; trees use the flag directly).
// - categorical column: anything else. One-hot: one 0/1 column `<col>=<level>` for each of the 20
//   most frequent levels, `<col>=(other)` for the rest and `<col>=(missing)` for empty cells. One-hot
//   rather than target encoding because it is unsupervised (no leakage into cross-validation folds)
//   and trees handle 0/1 columns well. A text column with a distinct value on more than half of the
//   rows (an id, a name) is ignored and reported.
// Medians and levels are taken from the whole file before the folds are cut; both ignore the label,
// so this leaks nothing about the outcome.
import { createHash } from 'node:crypto';
import type { FeatureMatrix } from '../../common/model/feature-matrix';
import type { ReasonEntry, ReasonTable } from '../../common/model/reason-codes';
import { ColumnBuilder, MatrixBuilder } from '../dataset/matrix-builder';
import { parseCsv, readCsvRecords } from './parse-csv';

export const MAX_CATEGORY_LEVELS = 20;

export type CsvColumnEncoding =
  | { readonly kind: 'numeric'; readonly column: string; readonly median: number; readonly missing: number }
  | {
      readonly kind: 'categorical';
      readonly column: string;
      /** Levels with their own 0/1 column, most frequent first. */
      readonly levels: readonly string[];
      readonly otherLevels: number;
      readonly missing: number;
    }
  | { readonly kind: 'ignored'; readonly column: string; readonly reason: string };

export interface CsvDatasetOptions {
  readonly label: string;
  /** The label value that means default; default: the usual spellings (see above). */
  readonly positive?: string;
  /** Columns to leave out (ids, dates, anything not known at decision time). */
  readonly ignore?: readonly string[];
}

export interface CsvDataset {
  readonly featureNames: readonly string[];
  /** Source column of each feature (the reason codes group by it). */
  readonly sourceColumns: readonly string[];
  readonly X: FeatureMatrix;
  readonly y: Uint8Array;
  readonly columns: readonly CsvColumnEncoding[];
  readonly label: string;
  /** Hash of the encoding: identifies the feature layout, like FEATURE_SET_VERSION does for shoppers. */
  readonly featureSetVersion: string;
  readonly reasonTable: ReasonTable;
}

type Records = () => AsyncIterable<string[]> | Iterable<string[]>;

const POSITIVE = new Set(['1', 'true', 'yes', 'y', 'bad', 'default', 'defaulted']);
const NEGATIVE = new Set(['0', 'false', 'no', 'n', 'good']);

export async function loadCsvDataset(path: string, options: CsvDatasetOptions): Promise<CsvDataset> {
  return buildCsvDataset(() => readCsvRecords(path), options);
}

export async function csvDatasetFromText(text: string, options: CsvDatasetOptions): Promise<CsvDataset> {
  const records = parseCsv(text);
  return buildCsvDataset(() => records, options);
}

interface ColumnStats {
  numeric: boolean;
  missing: number;
  /** Distinct values and counts (text columns; numeric ones too until they prove non-numeric). */
  counts: Map<string, number>;
}

async function buildCsvDataset(records: Records, options: CsvDatasetOptions): Promise<CsvDataset> {
  // Pass 1: header, types, levels, labels.
  let header: string[] | undefined;
  let stats: ColumnStats[] = [];
  let labelIndex = -1;
  let rows = 0;
  const ignore = new Set(options.ignore ?? []);
  const labelOf = (value: string, line: number): number => {
    const v = value.trim();
    if (options.positive !== undefined) {
      if (v === '') throw new RangeError(`row ${line}: empty label in column "${options.label}"`);
      return v === options.positive ? 1 : 0;
    }
    const lower = v.toLowerCase();
    if (POSITIVE.has(lower)) return 1;
    if (NEGATIVE.has(lower)) return 0;
    throw new RangeError(
      `row ${line}: label "${value}" in column "${options.label}" is not 0/1, true/false, yes/no or bad/good; ` +
        'name the default value with --positive',
    );
  };

  let positives = 0;
  for await (const record of records()) {
    if (header === undefined) {
      header = record.map((h) => h.trim());
      const duplicate = header.find((h, i) => header!.indexOf(h) !== i);
      if (duplicate !== undefined) throw new RangeError(`column "${duplicate}" appears twice in the header`);
      labelIndex = header.indexOf(options.label);
      if (labelIndex < 0)
        throw new RangeError(`no label column "${options.label}"; columns: ${header.join(', ')}`);
      for (const name of ignore)
        if (!header.includes(name)) throw new RangeError(`--ignore: no column "${name}"`);
      stats = header.map(() => ({ numeric: true, missing: 0, counts: new Map() }));
      continue;
    }
    rows++;
    checkWidth(record, header.length, rows);
    positives += labelOf(record[labelIndex], rows + 1);
    record.forEach((raw, c) => {
      if (c === labelIndex) return;
      const s = stats[c];
      const v = raw.trim();
      if (v === '') {
        s.missing++;
        return;
      }
      if (s.numeric && !Number.isFinite(Number(v))) s.numeric = false;
      // Numeric columns need no level counts; keep counting only while it could be categorical.
      if (!s.numeric) s.counts.set(v, (s.counts.get(v) ?? 0) + 1);
    });
  }
  if (header === undefined || rows === 0) throw new RangeError('the CSV has no data rows');
  if (positives === 0 || positives === rows)
    throw new RangeError(`the label column "${options.label}" has only one class (${positives} defaults)`);

  // Encodings: one or more matrix columns per source column.
  const columns: CsvColumnEncoding[] = [];
  const featureNames: string[] = [];
  const sourceColumns: string[] = [];
  const add = (name: string, source: string) => {
    featureNames.push(name);
    sourceColumns.push(source);
  };
  header.forEach((column, c) => {
    if (c === labelIndex) return;
    const s = stats[c];
    if (ignore.has(column)) {
      columns.push({ kind: 'ignored', column, reason: 'ignored on request' });
    } else if (s.missing === rows) {
      columns.push({ kind: 'ignored', column, reason: 'always empty' });
    } else if (s.numeric) {
      columns.push({ kind: 'numeric', column, median: NaN, missing: s.missing });
      add(column, column);
      if (s.missing > 0) add(`${column}:missing`, column);
    } else if (s.counts.size > MAX_CATEGORY_LEVELS && s.counts.size > rows / 2) {
      columns.push({ kind: 'ignored', column, reason: `identifier-like (${s.counts.size} distinct values)` });
    } else {
      const ranked = [...s.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const levels = ranked.slice(0, MAX_CATEGORY_LEVELS).map(([level]) => level);
      const otherLevels = ranked.length - levels.length;
      columns.push({ kind: 'categorical', column, levels, otherLevels, missing: s.missing });
      for (const level of levels) add(`${column}=${level}`, column);
      if (otherLevels > 0) add(`${column}=(other)`, column);
      if (s.missing > 0) add(`${column}=(missing)`, column);
    }
  });
  if (featureNames.length === 0) throw new RangeError('no usable feature columns besides the label');

  // Pass 2: encode. Numeric gaps are NaN until the medians are known.
  const matrix = new MatrixBuilder(featureNames.length, rows);
  const labels = new ColumnBuilder();
  const plan = columnPlan(header, columns, featureNames);
  let first = true;
  let line = 0;
  for await (const record of records()) {
    if (first) {
      first = false;
      continue;
    }
    line++;
    checkWidth(record, header.length, line);
    labels.push(labelOf(record[labelIndex], line + 1));
    const row = matrix.nextRow();
    for (const p of plan) {
      const v = record[p.source].trim();
      if (p.kind === 'numeric') {
        row[p.at] = v === '' ? NaN : Number(v);
        if (p.missingAt >= 0) row[p.missingAt] = v === '' ? 1 : 0;
      } else if (v === '') {
        row[p.missingAt] = 1;
      } else {
        const k = p.levelAt.get(v);
        row[k ?? p.otherAt] = 1;
      }
    }
  }
  if (line !== rows) throw new Error(`the CSV changed while it was read (${rows} rows, then ${line})`);

  const X = matrix.build();
  const finalColumns = columns.map((col) => {
    if (col.kind !== 'numeric') return col;
    const at = featureNames.indexOf(col.column);
    const median = fillWithMedian(X, at);
    return { ...col, median };
  });

  return {
    featureNames,
    sourceColumns,
    X,
    y: Uint8Array.from(labels.build()),
    columns: finalColumns,
    label: options.label,
    featureSetVersion: `csv-${createHash('sha256')
      .update(JSON.stringify({ label: options.label, featureNames, columns: finalColumns }))
      .digest('hex')
      .slice(0, 12)}`,
    reasonTable: csvReasonTable(finalColumns, featureNames, sourceColumns),
  };
}

type PlanItem =
  | { kind: 'numeric'; source: number; at: number; missingAt: number }
  | { kind: 'categorical'; source: number; levelAt: Map<string, number>; otherAt: number; missingAt: number };

function columnPlan(header: string[], columns: CsvColumnEncoding[], featureNames: string[]): PlanItem[] {
  const plan: PlanItem[] = [];
  for (const col of columns) {
    const source = header.indexOf(col.column);
    if (col.kind === 'numeric') {
      plan.push({
        kind: 'numeric',
        source,
        at: featureNames.indexOf(col.column),
        missingAt: featureNames.indexOf(`${col.column}:missing`),
      });
    } else if (col.kind === 'categorical') {
      plan.push({
        kind: 'categorical',
        source,
        levelAt: new Map(col.levels.map((level) => [level, featureNames.indexOf(`${col.column}=${level}`)])),
        otherAt: featureNames.indexOf(`${col.column}=(other)`),
        missingAt: featureNames.indexOf(`${col.column}=(missing)`),
      });
    }
  }
  return plan;
}

/** Replaces NaN in column `at` by the median of its other values; returns the median. */
function fillWithMedian(X: FeatureMatrix, at: number): number {
  const present: number[] = [];
  for (let r = 0; r < X.rows; r++) {
    const v = X.data[r * X.cols + at];
    if (!Number.isNaN(v)) present.push(v);
  }
  present.sort((a, b) => a - b);
  const mid = present.length >> 1;
  const median = present.length % 2 === 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
  for (let r = 0; r < X.rows; r++)
    if (Number.isNaN(X.data[r * X.cols + at])) X.data[r * X.cols + at] = median;
  return median;
}

function checkWidth(record: string[], width: number, row: number): void {
  if (record.length !== width)
    throw new RangeError(`row ${row + 1} has ${record.length} fields, the header has ${width}`);
}

/**
 * One reason code per source column (its one-hot and missing-flag columns share it). Generic texts:
 * a lender replaces them with its own wording; codes are the column names, stable across files with
 * the same columns whatever their order.
 */
function csvReasonTable(
  columns: readonly CsvColumnEncoding[],
  featureNames: readonly string[],
  sourceColumns: readonly string[],
): ReasonTable {
  const entryOf = new Map<string, ReasonEntry>();
  for (const col of columns) {
    if (col.kind === 'ignored') continue;
    const what = col.kind === 'numeric' ? 'value' : 'category';
    entryOf.set(col.column, {
      code: `CSV:${col.column}`,
      text: `${col.column}: ${what} associated with higher risk`,
    });
  }
  return Object.fromEntries(featureNames.map((name, f) => [name, entryOf.get(sourceColumns[f])!]));
}
