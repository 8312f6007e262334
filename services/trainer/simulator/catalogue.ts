// What each category looks like on the platform: typical basket value, spread, basket size, how
// often it is returned, how many stores sell it, and whether spending on it is discretionary (the
// first thing a shopper under financial stress cuts). Numbers are plausible for a large Chinese
// marketplace, not measured; they only need to make the behaviour-to-risk signal realistic.
import { CATEGORIES, type Category } from '../../common/events/purchase-event';

export interface CategoryProfile {
  category: Category;
  /** Median basket value in CNY for a shopper with the reference income (8,000 CNY/month). */
  medianCny: number;
  /** Log-scale spread of basket values. */
  sigma: number;
  /** Mean number of extra items beyond the first (Poisson). */
  extraItems: number;
  /** Share of baskets returned by an average (impulsiveness 0.5) shopper. */
  returnRate: number;
  /** Number of stores selling the category (popularity is Zipf-like over them). */
  merchants: number;
  /** Cut first when money is tight. */
  discretionary: boolean;
  /** Base log-weight of the category in an average shopper's mix. */
  baseLogWeight: number;
}

const P = (
  category: Category,
  medianCny: number,
  sigma: number,
  extraItems: number,
  returnRate: number,
  merchants: number,
  discretionary: boolean,
  baseShare: number,
): CategoryProfile => ({
  category,
  medianCny,
  sigma,
  extraItems,
  returnRate,
  merchants,
  discretionary,
  baseLogWeight: Math.log(baseShare),
});

/** Indexed like CATEGORIES. */
export const CATEGORY_PROFILES: readonly CategoryProfile[] = [
  P('GROCERY', 85, 0.6, 2.5, 0.01, 600, false, 0.22),
  P('HOUSEHOLD', 70, 0.6, 1.5, 0.03, 900, false, 0.14),
  P('BABY', 150, 0.6, 1.2, 0.04, 400, false, 0.03),
  P('HEALTH', 90, 0.7, 0.8, 0.02, 500, false, 0.05),
  P('APPAREL', 160, 0.7, 0.6, 0.18, 5000, true, 0.16),
  P('BEAUTY', 180, 0.7, 0.8, 0.04, 1500, true, 0.08),
  P('ELECTRONICS', 700, 1.0, 0.2, 0.06, 1200, true, 0.06),
  P('HOME_APPLIANCE', 900, 0.9, 0.1, 0.05, 600, true, 0.03),
  P('BOOKS', 60, 0.5, 0.8, 0.02, 300, false, 0.04),
  P('SPORTS', 220, 0.7, 0.4, 0.08, 800, true, 0.04),
  P('JEWELRY_LUXURY', 1500, 1.0, 0.1, 0.06, 300, true, 0.01),
  P('VIRTUAL_GOODS', 80, 0.8, 0.3, 0.0, 150, true, 0.04),
  P('GAMING', 120, 0.8, 0.3, 0.01, 200, true, 0.03),
  P('TRAVEL', 900, 0.8, 0.5, 0.03, 250, true, 0.03),
  P('OTHER', 80, 0.8, 0.5, 0.04, 2000, false, 0.03),
];

export const CATEGORY_INDEX: Readonly<Record<Category, number>> = Object.fromEntries(
  CATEGORIES.map((c, i) => [c, i]),
) as Record<Category, number>;

// Sanity: the table must follow CATEGORIES exactly, or category indices would be silently wrong.
CATEGORY_PROFILES.forEach((p, i) => {
  if (p.category !== CATEGORIES[i]) throw new Error(`catalogue out of order at ${i}: ${p.category}`);
});
