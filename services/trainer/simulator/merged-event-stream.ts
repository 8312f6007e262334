// The live feed: every shopper's events merged into one stream ordered by event time (ties by
// shopper index, then the shopper's own order), as a plain synchronous iterator. A Kafka producer
// pulls from it at whatever rate it likes; nothing runs further ahead of the consumer than one
// window of event time. Memory is one small generator state per shopper (a few pending events
// each) plus one window's events, never the millions of events of a whole run.
//
// Why windows and not a heap of shoppers: a k-way heap touches a different shopper for nearly every
// event, and with 100,000 shoppers that is a cache miss (and a long-lived object for the GC) each
// time. Sweeping the shoppers in index order per window keeps each shopper's work together, and a
// stable sort of the window by time gives exactly the (time, shopper, own order) ordering.
import type { PurchaseEvent } from '../../common/events/purchase-event';
import type { SimulationOptions } from './options';
import { createRunContext } from './run-context';
import { outlineShopper } from './simulate-shoppers';
import type { ShopperEventSource } from './shopper-events';
import { HOUR_MS } from './time-zones';

/** Event time covered per sweep: ~6,000 events per window for 100,000 shoppers. */
export const MERGE_WINDOW_MS = 6 * HOUR_MS;

export function* mergedEventStream(opts: SimulationOptions): Generator<PurchaseEvent, void, undefined> {
  const ctx = createRunContext(opts);
  const sources: ShopperEventSource[] = [];
  const end = ctx.options.firstShopper + ctx.options.shoppers;
  for (let i = ctx.options.firstShopper; i < end; i++) sources.push(outlineShopper(ctx, i).source);
  // Each shopper's next event time in one flat array: a sweep skips the (many) shoppers with
  // nothing in the window without touching their objects.
  const nextTime = new Float64Array(sources.length);
  sources.forEach((s, i) => (nextTime[i] = s.peek()?.eventTime ?? Infinity));

  const window: PurchaseEvent[] = [];
  for (let from = ctx.periodStart; from < ctx.periodEnd; from += MERGE_WINDOW_MS) {
    const until = Math.min(from + MERGE_WINDOW_MS, ctx.periodEnd);
    for (let i = 0; i < sources.length; i++) {
      if (nextTime[i] >= until) continue;
      const source = sources[i];
      let e = source.peek();
      while (e !== undefined && e.eventTime < until) {
        window.push(e);
        source.next();
        e = source.peek();
      }
      nextTime[i] = e?.eventTime ?? Infinity;
    }
    window.sort((a, b) => a.eventTime - b.eventTime); // stable: equal times keep shopper order
    yield* window;
    window.length = 0;
  }
}
