// Binary ROC AUC via the Mann–Whitney U statistic: the probability that a
// random positive scores above a random negative, ties counting 1/2.
// This equals the trapezoidal area sklearn's roc_auc_score computes.
import { meanColumnwise } from './columnwise.js';
import {
  assertFinitePredictions,
  assertSameLength,
  countBinaryPositives,
  sortedScoresOfClass,
} from './input-checks.js';
import { MetricUndefinedError } from './metric-errors.js';

export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const n = assertSameLength(yTrue, yScore);

  const nPos = countBinaryPositives(yTrue, 'ROC AUC');
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new MetricUndefinedError('ROC AUC is undefined when the answers contain only one class');
  }
  // Answers are checked first: a broken answer key is not the submitter's fault.
  assertFinitePredictions(yScore);

  // Only the smaller class is copied and sorted (at most n/2 doubles: grading a million rows holds
  // the scores once more by half, not in full); each score of the other class is placed in it by
  // binary search. Typed-array sort is numeric and native: far faster than a JS comparator.
  const positivesFewer = nPos <= nNeg;
  const sorted = positivesFewer
    ? sortedScoresOfClass(yTrue, yScore, 1, nPos)
    : sortedScoresOfClass(yTrue, yScore, 0, nNeg);
  const m = sorted.length;
  // wins = Σ over (positive, negative) pairs of [pos > neg] + ½[pos = neg]. For a score s of the
  // other class, `below` sorted scores are < s and `atOrBelow` are <= s. Counts stay integers or
  // halves far below 2^53, so the sum is exact.
  let wins = 0;
  for (let i = 0; i < n; i++) {
    if ((yTrue[i] === 1) === positivesFewer) continue;
    const s = yScore[i] as number;
    const below = countBelow(sorted, s);
    const atOrBelow = countAtOrBelow(sorted, s, below);
    // s a negative's score: the sorted positives above it win; s a positive's: it wins over the negatives below
    wins += positivesFewer ? m - atOrBelow + 0.5 * (atOrBelow - below) : below + 0.5 * (atOrBelow - below);
  }
  return wins / (nPos * nNeg);
}

/** The number of values in ascending `sorted` that are < s. */
function countBelow(sorted: Float64Array, s: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < s) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The number of values in ascending `sorted` that are <= s, knowing `below` of them are < s. */
function countAtOrBelow(sorted: Float64Array, s: number, below: number): number {
  let low = below;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= s) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Mean of per-column ROC AUC; arrays are columns (one per target). */
export function meanColumnwiseRocAuc(
  yTrue: readonly ArrayLike<number>[],
  yScore: readonly ArrayLike<number>[],
): number {
  return meanColumnwise(rocAuc, yTrue, yScore);
}
