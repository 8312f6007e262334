// A tiny progress line for long runs (cli-progress is not a dependency and one line is all we need):
//   training forest [##########----------]  50% 50/100 trees  elapsed 41s  eta 41s
// On a terminal it redraws in place (carriage return); when stderr is a file or a pipe (CI logs) it
// prints a plain line at every 10% instead, so logs stay readable.

export interface ProgressBarOptions {
  readonly label: string;
  /** Unknown totals (e.g. a training file being read) show a count and a rate instead of a bar. */
  readonly total?: number;
  readonly unit?: string;
  readonly stream?: NodeJS.WriteStream;
  /** Redraw at most this often on a terminal (ms). */
  readonly intervalMs?: number;
  /** Overrides stream.isTTY (tests). */
  readonly interactive?: boolean;
  /** Clock (tests). */
  readonly now?: () => number;
}

const WIDTH = 20;

export class ProgressBar {
  private readonly started: number;
  private lastDraw = -Infinity;
  private lastDecile = -1;
  /** `done` at the last plain (non-terminal) line, so finish() does not print the same line twice. */
  private lastPrinted = -1;
  private done = 0;
  private finished = false;
  private readonly stream: NodeJS.WriteStream;
  private readonly interactive: boolean;
  private readonly now: () => number;

  constructor(private readonly options: ProgressBarOptions) {
    this.stream = options.stream ?? process.stderr;
    this.interactive = options.interactive ?? this.stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  update(done: number): void {
    if (this.finished) return;
    this.done = done;
    const now = this.now();
    if (this.interactive) {
      if (now - this.lastDraw < (this.options.intervalMs ?? 100)) return;
      this.lastDraw = now;
      this.stream.write(`\r${this.line(now)}\x1b[K`);
      return;
    }
    const { total } = this.options;
    const decile = total ? Math.floor((10 * done) / total) : Math.floor(Math.log10(Math.max(1, done)));
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.lastPrinted = done;
      this.stream.write(`${this.line(now)}\n`);
    }
  }

  /** Draws the final state and ends the line. */
  finish(done = this.done): void {
    if (this.finished) return;
    this.done = done;
    this.finished = true;
    if (!this.interactive && this.lastPrinted === done) return;
    const line = this.line(this.now());
    this.stream.write(this.interactive ? `\r${line}\x1b[K\n` : `${line}\n`);
  }

  /** The progress line as text (no control characters). */
  line(now = this.now()): string {
    const { label, total, unit = '' } = this.options;
    const elapsed = (now - this.started) / 1000;
    const suffix = unit ? ` ${unit}` : '';
    if (!total) {
      const rate = elapsed > 0 ? Math.round(this.done / elapsed) : 0;
      return `${label} ${this.done}${suffix}  elapsed ${seconds(elapsed)}  ${rate}/s`;
    }
    const fraction = Math.min(1, this.done / total);
    const filled = Math.round(fraction * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    const eta = fraction > 0 && fraction < 1 ? `  eta ${seconds((elapsed * (1 - fraction)) / fraction)}` : '';
    const percent = String(Math.floor(fraction * 100)).padStart(3);
    return `${label} [${bar}] ${percent}% ${this.done}/${total}${suffix}  elapsed ${seconds(elapsed)}${eta}`;
  }
}

function seconds(s: number): string {
  return s < 100 ? `${s.toFixed(1)}s` : `${Math.round(s)}s`;
}
