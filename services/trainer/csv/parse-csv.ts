// A small RFC 4180 CSV reader that works chunk by chunk, so a lender's file of millions of rows is
// never held in memory as text: fields separated by commas, records by LF or CRLF, fields in double
// quotes may hold commas, line breaks and doubled quotes (""). A UTF-8 byte-order mark is dropped and
// blank lines are skipped. Values are returned exactly as written (trimming is the caller's choice).
import { createReadStream } from 'node:fs';

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Incremental tokenizer: push() chunks, collect finished records, end() flushes the last one. */
export class CsvTokenizer {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** Just saw a quote inside a quoted field: either "" (escaped quote) or the closing quote. */
  private quotePending = false;
  /** The current field started with a quote (so it is a quoted field). */
  private quoted = false;
  private afterCr = false;
  private started = false;
  private line = 1;

  push(chunk: string): string[][] {
    const out: string[][] = [];
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    let runStart = i;
    const flushRun = (end: number) => {
      if (end > runStart) this.field += chunk.slice(runStart, end);
    };
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) {
          runStart = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            // "" -> one quote; the first quote was not copied, this one starts the next run.
            runStart = i;
            continue;
          }
          this.inQuotes = false; // the previous quote closed the field; handle c below
          runStart = i;
        } else {
          if (c === QUOTE) {
            flushRun(i);
            this.quotePending = true;
            runStart = i + 1;
          } else if (c === LF) {
            this.line++;
          }
          continue;
        }
      }
      if (c === COMMA) {
        flushRun(i);
        this.endField();
        runStart = i + 1;
      } else if (c === LF || c === CR) {
        flushRun(i);
        this.endRecord(out);
        this.line++;
        this.afterCr = c === CR;
        runStart = i + 1;
      } else if (c === QUOTE && this.field.length === 0 && i === runStart && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
        runStart = i + 1;
      } else if (this.quoted) {
        throw new CsvSyntaxError('unexpected character after a closing quote', this.line);
      }
    }
    if (!this.inQuotes || !this.quotePending) flushRun(chunk.length);
    return out;
  }

  end(): string[][] {
    if (this.inQuotes && !this.quotePending) throw new CsvSyntaxError('unterminated quoted field', this.line);
    this.inQuotes = false;
    this.quotePending = false;
    const out: string[][] = [];
    this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.quoted = false;
  }

  private endRecord(out: string[][]): void {
    // A blank line (no field, nothing typed) is not a record.
    if (this.record.length === 0 && this.field.length === 0 && !this.quoted) return;
    this.endField();
    out.push(this.record);
    this.record = [];
  }
}

/** All records of a CSV text. */
export function parseCsv(text: string): string[][] {
  const tokenizer = new CsvTokenizer();
  return [...tokenizer.push(text), ...tokenizer.end()];
}

/** The records of a CSV file, streamed (UTF-8). */
export async function* readCsvRecords(path: string): AsyncGenerator<string[], void, undefined> {
  const tokenizer = new CsvTokenizer();
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) yield* tokenizer.push(chunk as string);
  yield* tokenizer.end();
}
