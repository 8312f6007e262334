// How fixture.json was made: this file run against the feature code of main at beae684 (state
// encoding version 1, 36 features), so the upgrade spec reads bytes the old updater really wrote
// and compares with the feature values the old code really computed. To redo it: check out beae684
// somewhere else, copy this file to the same path there, `npx tsc -p tsconfig.json`, then
// `node dist/test/unit/features/state-v1/make-fixture.js <this folder>/fixture.json`. Run against
// the current code it would write version 2 states, so nothing runs it here.
import { writeFileSync } from 'node:fs';
import type { PurchaseEvent } from '../../../../services/common/events/purchase-event';
import {
  FEATURE_NAMES,
  STATE_ENCODING_VERSION,
  applyInPlace,
  emptyState,
  encodeState,
  extract,
} from '../../../../services/common/features';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 3, 4, 17); // 2026-06-03 12:17 in Asia/Shanghai
const METHODS = ['INSTALMENT_CREDIT', 'CREDIT_CARD', 'WALLET', 'DEBIT_CARD', 'CASH_ON_DELIVERY'] as const;
const CATS = ['GROCERY', 'ELECTRONICS', 'APPAREL', 'GAMING', 'BOOKS', 'JEWELRY_LUXURY'] as const;

function history(prefix: string, start: number, count: number): PurchaseEvent[] {
  const out: PurchaseEvent[] = [];
  for (let i = 0; i < count; i++) {
    const t = start + i * 3.7 * DAY + (i % 5) * 3_600_000;
    const base = {
      userId: 'u-upgrade',
      currency: 'CNY',
      itemCount: 1 + (i % 3),
      category: CATS[i % CATS.length],
      merchantId: `m-${i % 7}`,
      paymentMethod: METHODS[i % METHODS.length],
      channel: 'APP',
      deviceId: `d-${i % 3}`,
      timeZone: i % 4 === 0 ? null : 'Asia/Shanghai',
    } as const;
    out.push({
      ...base,
      eventId: `${prefix}-o${i}`,
      eventTime: t,
      type: 'ORDER',
      orderId: `${prefix}-${i}`,
      amountMinor: 4_999 + 1_337 * i,
    });
    if (i % 6 === 2)
      out.push({
        ...base,
        eventId: `${prefix}-c${i}`,
        eventTime: t + 10 * 60_000,
        type: 'CANCEL',
        orderId: `${prefix}-${i}`,
        amountMinor: 4_999 + 1_337 * i,
      });
    if (i % 9 === 4)
      out.push({
        ...base,
        eventId: `${prefix}-r${i}`,
        eventTime: t + 5 * DAY,
        type: 'RETURN',
        orderId: `${prefix}-${i}`,
        amountMinor: 2_000,
      });
  }
  return out.sort((a, b) => a.eventTime - b.eventTime);
}

const before = history('pre', T0, 40);
const after = history('post', T0 + 160 * DAY, 7);
const s = emptyState();
for (const e of before) applyInPlace(s, e, { allowedLatenessMs: Infinity });
const readAt = T0 + 150 * DAY;
const v1Hex = encodeState(s).toString('hex');
const vector = (at: number) => Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, extract(s, at)[i]]));
const featuresBefore = vector(readAt);
for (const e of after) applyInPlace(s, e, { allowedLatenessMs: Infinity });
const readAfter = T0 + 190 * DAY;
writeFileSync(
  process.argv[2]!,
  JSON.stringify(
    {
      producedBy:
        'gen/make-v1-fixture.ts run against services/common/features of main at beae684 (state encoding version ' +
        `${STATE_ENCODING_VERSION}, ${FEATURE_NAMES.length} features); not hand-written`,
      eventsBefore: before,
      v1State: v1Hex,
      readAtMs: readAt,
      v1FeaturesAtReadAt: featuresBefore,
      eventsAfter: after,
      v1StateAfter: encodeState(s).toString('hex'),
      readAfterMs: readAfter,
      v1FeaturesAfter: vector(readAfter),
    },
    null,
    1,
  ) + '\n',
);
