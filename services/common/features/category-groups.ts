// Risk-relevant groups of the 15 event categories and the payment methods the features single out.
// Groups, not single categories: a shopper's share of spend in each group is what carries signal
// (essentials = steady living costs; electronics and luxury = resellable goods; virtual goods and
// gaming = instantly deliverable, the classic cash-out route for stolen or borrowed credit).
import type { Category } from '../events/purchase-event';

export const CATEGORY_GROUPS = ['essentials', 'electronics', 'luxury', 'virtual_gaming', 'other'] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];

export const CATEGORY_GROUP_OF: Readonly<Record<Category, CategoryGroup>> = {
  GROCERY: 'essentials',
  HOUSEHOLD: 'essentials',
  BABY: 'essentials',
  HEALTH: 'essentials',
  APPAREL: 'other',
  BEAUTY: 'other',
  ELECTRONICS: 'electronics',
  HOME_APPLIANCE: 'electronics',
  BOOKS: 'other',
  SPORTS: 'other',
  JEWELRY_LUXURY: 'luxury',
  VIRTUAL_GOODS: 'virtual_gaming',
  GAMING: 'virtual_gaming',
  TRAVEL: 'other',
  OTHER: 'other',
};

/** Group index (position in CATEGORY_GROUPS) by category name; a Map because it is looked up per event. */
const GROUP_INDEX = new Map<string, number>(
  Object.entries(CATEGORY_GROUP_OF).map(([category, group]) => [category, CATEGORY_GROUPS.indexOf(group)]),
);
const OTHER_GROUP_INDEX = CATEGORY_GROUPS.indexOf('other');

/** Index in CATEGORY_GROUPS of a category; an unknown symbol (a newer schema) counts as other. */
export function categoryGroupIndex(category: string): number {
  return GROUP_INDEX.get(category) ?? OTHER_GROUP_INDEX;
}

export const INSTALMENT_CREDIT = 'INSTALMENT_CREDIT';
export const CASH_ON_DELIVERY = 'CASH_ON_DELIVERY';
export const CREDIT_CARD = 'CREDIT_CARD';
