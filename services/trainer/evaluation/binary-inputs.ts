// Shared input checks and ordering for the binary-classification metrics. Scores are any real
// numbers where higher means "more likely positive" (probabilities, logits, points of risk);
// labels are 0/1 (1 = default). Wrong input fails loudly: a silently wrong AUC is worse than none.

export type Scores = ArrayLike<number>;
export type Labels = ArrayLike<number>;

export function checkBinaryInputs(scores: Scores, labels: Labels): { positives: number; negatives: number } {
  if (scores.length !== labels.length) {
    throw new RangeError(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`label ${i} is ${y}, expected 0 or 1`);
    if (Number.isNaN(scores[i])) throw new RangeError(`score ${i} is NaN`);
    positives += y;
  }
  return { positives, negatives: labels.length - positives };
}

/**
 * Row indices ordered by score, descending (highest risk first); equal scores keep row order so
 * the result is deterministic. Consumers must treat equal scores as one group (see forEachTieGroup).
 */
export function orderByScoreDescending(scores: Scores): Uint32Array {
  const n = scores.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const s = Float64Array.from(scores);
  return idx.sort((a, b) => s[b] - s[a] || a - b);
}

/**
 * Walks rows from the highest score down, one group of equal scores at a time, reporting the
 * group's score and how many positives and negatives it holds. Ties must never be split: a
 * threshold cannot separate rows with the same score.
 */
export function forEachTieGroup(
  scores: Scores,
  labels: Labels,
  visit: (score: number, positives: number, negatives: number) => void,
): void {
  const order = orderByScoreDescending(scores);
  let i = 0;
  while (i < order.length) {
    const score = scores[order[i]];
    let pos = 0;
    let neg = 0;
    while (i < order.length && scores[order[i]] === score) {
      if (labels[order[i]] === 1) pos++;
      else neg++;
      i++;
    }
    visit(score, pos, neg);
  }
}
