// A deliberately crude per-shopper summary of the events, used ONLY to check that the simulator
// carries learnable signal (a logistic regression on these should land between chance and the
// true-probability ceiling). It is not the product's feature code, which lives in
// services/common/features and is what models are trained on.
import type { PurchaseEvent } from '../../common/events/purchase-event';
import { DAY_MS, HOUR_MS, type ZoneOffsetCache } from './time-zones';

export const PROBE_FEATURES = [
  'logOrders',
  'logOrders30d',
  'logOrders7d',
  'activityTrend',
  'logSpend',
  'meanLogBasket',
  'sdLogBasket',
  'returnRate',
  'cancelRate',
  'nightShare',
  'weekendShare',
  'instalmentShare',
  'instalmentTrend',
  'codShare',
  'creditCardShare',
  'debitCardShare',
  'virtualGamingShare',
  'highTicketShare',
  'essentialsShare',
  'merchantsPerOrder',
  'logDevices',
  'tenure',
  'recency',
  'logMaxOrdersPerDay',
  'webShare',
  'noEvents',
] as const;

const ESSENTIALS = new Set(['GROCERY', 'HOUSEHOLD', 'BABY', 'HEALTH']);
const HIGH_TICKET = new Set(['ELECTRONICS', 'JEWELRY_LUXURY', 'HOME_APPLIANCE']);
const VIRTUAL = new Set(['VIRTUAL_GOODS', 'GAMING']);

export function probeFeatures(
  events: readonly PurchaseEvent[],
  asOf: number,
  periodDays: number,
  zones: ZoneOffsetCache,
  defaultZone = 'Asia/Shanghai',
): number[] {
  const orders = events.filter((e) => e.type === 'ORDER');
  if (orders.length === 0) return PROBE_FEATURES.map((f) => (f === 'noEvents' ? 1 : 0));
  const n = orders.length;
  const share = (pred: (e: PurchaseEvent) => boolean, list = orders): number =>
    list.length === 0 ? 0 : list.filter(pred).length / list.length;
  const recent = orders.filter((e) => e.eventTime >= asOf - 30 * DAY_MS);
  const older = orders.filter((e) => e.eventTime < asOf - 30 * DAY_MS);
  const mid = orders.filter((e) => e.eventTime >= asOf - 90 * DAY_MS && e.eventTime < asOf - 30 * DAY_MS);
  const logs = orders.map((e) => Math.log(1 + e.amountMinor / 100));
  const meanLog = logs.reduce((a, b) => a + b, 0) / n;
  const sdLog = Math.sqrt(logs.reduce((a, b) => a + (b - meanLog) ** 2, 0) / n);
  const localWall = (e: PurchaseEvent): number => zones.get(e.timeZone ?? defaultZone).toWall(e.eventTime);
  const hour = (e: PurchaseEvent): number =>
    Math.floor((((localWall(e) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  const weekday = (e: PurchaseEvent): number => (Math.floor(localWall(e) / DAY_MS) + 4) % 7;
  const perDay = new Map<number, number>();
  for (const e of orders) {
    const d = Math.floor(localWall(e) / DAY_MS);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const instalment = (e: PurchaseEvent): boolean => e.paymentMethod === 'INSTALMENT_CREDIT';
  return [
    Math.log1p(n),
    Math.log1p(recent.length),
    Math.log1p(orders.filter((e) => e.eventTime >= asOf - 7 * DAY_MS).length),
    Math.log1p(recent.length) - Math.log1p(mid.length / 2),
    Math.log1p(orders.reduce((a, e) => a + e.amountMinor, 0) / 100),
    meanLog,
    sdLog,
    events.filter((e) => e.type === 'RETURN').length / n,
    events.filter((e) => e.type === 'CANCEL').length / n,
    share((e) => hour(e) >= 23 || hour(e) < 5),
    share((e) => weekday(e) === 0 || weekday(e) === 6),
    share(instalment),
    recent.length === 0 || older.length === 0 ? 0 : share(instalment, recent) - share(instalment, older),
    share((e) => e.paymentMethod === 'CASH_ON_DELIVERY'),
    share((e) => e.paymentMethod === 'CREDIT_CARD'),
    share((e) => e.paymentMethod === 'DEBIT_CARD'),
    share((e) => VIRTUAL.has(e.category)),
    share((e) => HIGH_TICKET.has(e.category)),
    share((e) => ESSENTIALS.has(e.category)),
    new Set(orders.map((e) => e.merchantId)).size / n,
    Math.log1p(new Set(orders.map((e) => e.deviceId).filter((d) => d !== null)).size),
    (asOf - orders[0].eventTime) / (periodDays * DAY_MS),
    (asOf - orders[n - 1].eventTime) / (periodDays * DAY_MS),
    Math.log1p(Math.max(...perDay.values())),
    share((e) => e.channel === 'WEB'),
    0,
  ];
}
