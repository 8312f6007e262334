// Principal adverse reasons: the features whose path contributions push this applicant's probability
// of bad up the most, stated as stable codes with texts a shopper can read (up to four, as US
// Regulation B guidance suggests for adverse-action notices).
//
// The reason table belongs to whoever owns the feature names (features engineer / risk team) and is
// an input of the model artifact. Several features may share one code (e.g. spend over 7 and 30 days
// -> "recent spending high"): contributions are summed per code before ranking, so a code is listed
// once and its weight is that of the whole concept. Features missing from the table fall under one
// generic fallback code.

export interface ReasonEntry {
  /** Stable identifier, never reused for another meaning (clients and audits key on it). */
  readonly code: string;
  /** Human-readable statement of the reason. */
  readonly text: string;
}

/** Feature name -> reason. */
export type ReasonTable = Readonly<Record<string, ReasonEntry>>;

export const FALLBACK_REASON: ReasonEntry = {
  code: 'RC99',
  text: 'Other aspects of recent purchase and payment history',
};

export const MAX_REASONS = 4;

/** Smallest contribution (probability units) that counts as a reason; below it is rounding noise. */
export const MIN_REASON_CONTRIBUTION = 1e-9;

export interface AdverseReason {
  readonly code: string;
  readonly text: string;
  /** Summed path contribution to the raw probability of bad (> 0). */
  readonly contribution: number;
  /** Features behind this code, largest contribution first. */
  readonly features: readonly string[];
}

/** Reason-table lookups prepared once per model, so scoring only adds numbers into slots. */
export interface CompiledReasons {
  readonly codes: readonly ReasonEntry[];
  /** Slot in `codes` of each feature (model feature order). */
  readonly slotOfFeature: Int32Array;
  readonly featureNames: readonly string[];
}

export function compileReasons(
  featureNames: readonly string[],
  table: ReasonTable,
  fallback: ReasonEntry = FALLBACK_REASON,
): CompiledReasons {
  const codes: ReasonEntry[] = [];
  const slotByCode = new Map<string, number>();
  const slotOfFeature = new Int32Array(featureNames.length);
  featureNames.forEach((name, f) => {
    const entry = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : fallback;
    let slot = slotByCode.get(entry.code);
    if (slot === undefined) {
      slot = codes.length;
      codes.push(entry);
      slotByCode.set(entry.code, slot);
    } else if (codes[slot].text !== entry.text) {
      throw new RangeError(
        `reason code ${entry.code} has two texts: "${codes[slot].text}" and "${entry.text}"`,
      );
    }
    slotOfFeature[f] = slot;
  });
  return { codes, slotOfFeature, featureNames };
}

/**
 * Up to `max` codes whose summed contribution exceeds MIN_REASON_CONTRIBUTION, largest first; ties
 * keep table order so the result is deterministic. An applicant with no adverse contribution gets none.
 * @param contributions - per-feature path contributions (model feature order).
 */
export function adverseReasons(
  reasons: CompiledReasons,
  contributions: ArrayLike<number>,
  max = MAX_REASONS,
): AdverseReason[] {
  const totals = new Float64Array(reasons.codes.length);
  for (let f = 0; f < reasons.slotOfFeature.length; f++) totals[reasons.slotOfFeature[f]] += contributions[f];

  const ranked: number[] = [];
  for (let slot = 0; slot < totals.length; slot++)
    if (totals[slot] > MIN_REASON_CONTRIBUTION) ranked.push(slot);
  ranked.sort((a, b) => totals[b] - totals[a] || a - b);

  return ranked.slice(0, max).map((slot) => {
    const features: number[] = [];
    for (let f = 0; f < reasons.slotOfFeature.length; f++) {
      if (reasons.slotOfFeature[f] === slot && contributions[f] > 0) features.push(f);
    }
    features.sort((a, b) => contributions[b] - contributions[a] || a - b);
    return {
      code: reasons.codes[slot].code,
      text: reasons.codes[slot].text,
      contribution: totals[slot],
      features: features.map((f) => reasons.featureNames[f]),
    };
  });
}
