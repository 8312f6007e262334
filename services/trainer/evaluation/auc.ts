// Area under the ROC curve, computed from ranks (the Mann-Whitney U statistic): the probability
// that a random defaulter scores higher than a random non-defaulter, counting ties as one half.
// O(n log n), exact with ties (equal scores share their average rank).
import { checkBinaryInputs, forEachTieGroup, type Labels, type Scores } from './binary-inputs';

/** AUC in [0, 1]; NaN when labels hold only one class (AUC is undefined then). */
export function auc(scores: Scores, labels: Labels): number {
  const { positives, negatives } = checkBinaryInputs(scores, labels);
  if (positives === 0 || negatives === 0) return NaN;
  // Walking from the top: each positive beats every negative below it; a tie group's pairs count half.
  let negativesAbove = 0;
  let wins = 0;
  forEachTieGroup(scores, labels, (_score, pos, neg) => {
    wins += pos * (negatives - negativesAbove - neg) + 0.5 * pos * neg;
    negativesAbove += neg;
  });
  return wins / (positives * negatives);
}

/** Gini coefficient (accuracy ratio / Somers' D) = 2 * AUC - 1. */
export function gini(scores: Scores, labels: Labels): number {
  return 2 * auc(scores, labels) - 1;
}
