// Training file I/O: streams simulated shoppers to disk and back, one shopper per line, so neither
// side ever holds a whole run in memory. Paths ending in .gz are gzip-compressed. The format itself
// (and why it looks the way it does) is in training-file-format.ts.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { SimulationOptions } from './options';
import { createRunContext } from './run-context';
import { simulateShopper, type SimulatedShopper } from './simulate-shoppers';
import {
  decodeHeaderLine,
  decodeShopperLine,
  encodeHeaderLine,
  encodeShopperLine,
  trainingFileHeader,
  type TrainingFileHeader,
} from './training-file-format';

export interface WriteTrainingFileOptions extends SimulationOptions {
  /** gzip the output (default: when the path ends in .gz). */
  gzip?: boolean;
  /** Called after each shopper is written (e.g. progress, running statistics). */
  onShopper?: (shopper: SimulatedShopper) => void;
}

export interface TrainingFileSummary {
  path: string;
  shoppers: number;
  events: number;
  defaulted: number;
  bytes: number;
  elapsedMs: number;
  header: TrainingFileHeader;
}

/** Lines are joined into ~1 MB writes: per-line writes would spend most of the time in streams. */
const CHUNK_CHARS = 1 << 20;

export async function writeTrainingFile(
  path: string,
  opts: WriteTrainingFileOptions,
): Promise<TrainingFileSummary> {
  const started = performance.now();
  const ctx = createRunContext(opts);
  const header = trainingFileHeader(ctx.options, ctx.periodStart, ctx.periodEnd);
  const counts = { shoppers: 0, events: 0, defaulted: 0 };

  function* chunks(): Generator<string> {
    let chunk = encodeHeaderLine(header);
    const end = ctx.options.firstShopper + ctx.options.shoppers;
    for (let i = ctx.options.firstShopper; i < end; i++) {
      const shopper = simulateShopper(ctx, i);
      chunk += encodeShopperLine(shopper, header.eventColumns);
      counts.shoppers++;
      counts.events += shopper.events.length;
      if (shopper.defaulted) counts.defaulted++;
      opts.onShopper?.(shopper);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  const gzip = opts.gzip ?? path.endsWith('.gz');
  const source = Readable.from(chunks());
  const sink = createWriteStream(path);
  if (gzip) await pipeline(source, createGzip({ level: 3 }), sink);
  else await pipeline(source, sink);
  return {
    path,
    ...counts,
    bytes: statSync(path).size,
    elapsedMs: Math.round(performance.now() - started),
    header,
  };
}

export interface TrainingFileReader {
  header: TrainingFileHeader;
  /** The shoppers in file order; iterate once. */
  shoppers: AsyncGenerator<SimulatedShopper, void, undefined>;
  /** Stops reading early (not needed after a full iteration). */
  close(): void;
}

export async function openTrainingFile(path: string): Promise<TrainingFileReader> {
  const gzipped = path.endsWith('.gz') || (await looksGzipped(path));
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input: Readable = gzipped ? file.pipe(createGunzip()) : file;
  file.on('error', (err) => input.destroy(err)); // pipe() does not forward errors
  const lines = createInterface({ input, crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new Error(`${path} is empty`);
  const header = decodeHeaderLine(first.value);
  const close = (): void => {
    lines.close();
    file.destroy();
  };
  async function* shoppers(): AsyncGenerator<SimulatedShopper, void, undefined> {
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        if (r.value.length > 0) yield decodeShopperLine(r.value, header);
      }
    } finally {
      close();
    }
  }
  return { header, shoppers: shoppers(), close };
}

/** Streams the shoppers of a training file (header: openTrainingFile). */
export async function* readTrainingFile(path: string): AsyncGenerator<SimulatedShopper, void, undefined> {
  const reader = await openTrainingFile(path);
  yield* reader.shoppers;
}

async function looksGzipped(path: string): Promise<boolean> {
  const stream = createReadStream(path, { start: 0, end: 1 });
  const bytes: Buffer[] = [];
  for await (const b of stream) bytes.push(b as Buffer);
  const head = Buffer.concat(bytes);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}
