// The training file's format, as pure encode/decode functions (the file I/O is in training-file.ts).
// JSON Lines: line 1 is a header (format, version, the full simulation options, the event column
// order); every further line is one shopper: label, true probability, hidden traits and the events
// as positional arrays in the header's column order. Why this shape:
//  - one line per shopper matches how training replays history (per user, through the feature code),
//    so a reader never has to regroup millions of events;
//  - positional event arrays cut the size roughly in half against objects, and V8's native
//    JSON.parse/stringify are faster than any hand-written CSV or binary codec in JavaScript;
//  - any language reads it (Python: json.loads per line), and gzip (.gz) works when disk matters.
import type { PurchaseEvent } from '../../common/events/purchase-event';
import type { ResolvedSimulationOptions } from './options';
import type { SimulatedShopper } from './simulate-shoppers';
import type { ShopperTraits } from './traits';

export const TRAINING_FILE_FORMAT = 'creditscore.simulated-training';
export const TRAINING_FILE_VERSION = 1;

/** Event fields stored per event; userId and currency are per shopper / per file instead. */
export const BASE_EVENT_COLUMNS = [
  'eventId',
  'eventTime',
  'type',
  'orderId',
  'amountMinor',
  'itemCount',
  'category',
  'merchantId',
  'paymentMethod',
  'channel',
  'deviceId',
  'timeZone',
] as const;
export type EventColumn = (typeof BASE_EVENT_COLUMNS)[number] | 'discountMinor';

export interface TrainingFileHeader {
  format: typeof TRAINING_FILE_FORMAT;
  version: number;
  /** Everything needed to regenerate the file byte for byte. */
  simulation: ResolvedSimulationOptions;
  /** Observation period [periodStart, periodEnd), epoch ms UTC; labels refer to the time after it. */
  periodStart: number;
  periodEnd: number;
  currency: string;
  eventColumns: EventColumn[];
  /** Traits are the hidden truth, stored for analysis; never use them as model inputs. */
  note: string;
}

/** One shopper line as stored. */
interface ShopperLine {
  index: number;
  userId: string;
  defaulted: 0 | 1;
  trueDefaultProbability: number;
  traits: ShopperTraits;
  events: unknown[][];
}

export function trainingFileHeader(
  simulation: ResolvedSimulationOptions,
  periodStart: number,
  periodEnd: number,
): TrainingFileHeader {
  return {
    format: TRAINING_FILE_FORMAT,
    version: TRAINING_FILE_VERSION,
    simulation,
    periodStart,
    periodEnd,
    currency: simulation.currency,
    eventColumns: simulation.includeDiscounts
      ? [...BASE_EVENT_COLUMNS, 'discountMinor']
      : [...BASE_EVENT_COLUMNS],
    note: 'traits are the hidden truth of the simulation: never use them as model inputs',
  };
}

export function encodeHeaderLine(header: TrainingFileHeader): string {
  return JSON.stringify(header) + '\n';
}

export function decodeHeaderLine(line: string): TrainingFileHeader {
  const h = JSON.parse(line) as Partial<TrainingFileHeader>;
  if (h.format !== TRAINING_FILE_FORMAT)
    throw new Error(`not a simulated training file (format ${h.format})`);
  if (h.version !== TRAINING_FILE_VERSION) throw new Error(`unsupported training file version ${h.version}`);
  if (!Array.isArray(h.eventColumns) || typeof h.currency !== 'string') throw new Error('malformed header');
  return h as TrainingFileHeader;
}

export function encodeShopperLine(shopper: SimulatedShopper, columns: readonly EventColumn[]): string {
  const line: ShopperLine = {
    index: shopper.index,
    userId: shopper.userId,
    defaulted: shopper.defaulted ? 1 : 0,
    trueDefaultProbability: shopper.trueDefaultProbability,
    traits: shopper.traits,
    events: shopper.events.map(isBaseOrder(columns) ? baseRow : (e) => columns.map((c) => e[c] ?? null)),
  };
  return JSON.stringify(line) + '\n';
}

/** The common case written without per-field dynamic lookups (2x faster encoding). */
function baseRow(e: PurchaseEvent): unknown[] {
  return [
    e.eventId,
    e.eventTime,
    e.type,
    e.orderId,
    e.amountMinor,
    e.itemCount,
    e.category,
    e.merchantId,
    e.paymentMethod,
    e.channel,
    e.deviceId,
    e.timeZone,
  ];
}

function isBaseOrder(columns: readonly EventColumn[]): boolean {
  return columns.length === BASE_EVENT_COLUMNS.length && BASE_EVENT_COLUMNS.every((c, i) => columns[i] === c);
}

export function decodeShopperLine(line: string, header: TrainingFileHeader): SimulatedShopper {
  const s = JSON.parse(line) as ShopperLine;
  const col = columnIndex(header.eventColumns);
  const { currency } = header;
  const withDiscount = col.discountMinor >= 0;
  const events = s.events.map((row): PurchaseEvent => {
    // Same property order as the generator's events, so decoded events deep-equal generated ones.
    const e: PurchaseEvent = {
      eventId: row[col.eventId] as string,
      userId: s.userId,
      eventTime: row[col.eventTime] as number,
      type: row[col.type] as PurchaseEvent['type'],
      orderId: row[col.orderId] as string,
      amountMinor: row[col.amountMinor] as number,
      currency,
      itemCount: row[col.itemCount] as number,
      category: row[col.category] as PurchaseEvent['category'],
      merchantId: row[col.merchantId] as string,
      paymentMethod: row[col.paymentMethod] as PurchaseEvent['paymentMethod'],
      channel: row[col.channel] as PurchaseEvent['channel'],
      deviceId: row[col.deviceId] as string | null,
      timeZone: row[col.timeZone] as string | null,
    };
    if (withDiscount) e.discountMinor = row[col.discountMinor] as number | null;
    return e;
  });
  return {
    index: s.index,
    userId: s.userId,
    traits: s.traits,
    trueDefaultProbability: s.trueDefaultProbability,
    defaulted: s.defaulted === 1,
    events,
  };
}

const columnIndexCache = new WeakMap<readonly EventColumn[], Record<EventColumn, number>>();

function columnIndex(columns: readonly EventColumn[]): Record<EventColumn, number> {
  const cached = columnIndexCache.get(columns);
  if (cached !== undefined) return cached;
  const out = {} as Record<EventColumn, number>;
  for (const c of [...BASE_EVENT_COLUMNS, 'discountMinor'] as const) out[c] = columns.indexOf(c);
  for (const c of BASE_EVENT_COLUMNS)
    if (out[c] < 0) throw new Error(`training file lacks event column ${c}`);
  columnIndexCache.set(columns, out);
  return out;
}
