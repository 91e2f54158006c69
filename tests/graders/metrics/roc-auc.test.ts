import { describe, expect, it } from 'vitest';
import {
  InvalidPredictionError,
  MetricUndefinedError,
  meanColumnwiseRocAuc,
  rocAuc,
} from '../../../graders/metrics/index.js';
import { expectThrow, seededRandom } from './helpers.js';

describe('rocAuc', () => {
  it.each([
    // sklearn roc_auc_score docs: pos {0.35,0.8}, neg {0.1,0.4}: 0.35>0.1, 0.8>both → 3/4
    { name: 'sklearn example', y: [0, 0, 1, 1], s: [0.1, 0.4, 0.35, 0.8], want: 0.75 },
    // pos {0.8,0.4}, neg {0.4,0.1}: pairs > = 3, ties = 1 → (3+0.5)/4
    { name: 'one tie', y: [1, 1, 0, 0], s: [0.8, 0.4, 0.4, 0.1], want: 3.5 / 4 },
    // pos {1,2,3}, neg {1,1,2}: 1→ 2 ties (1); 2→ 2 wins + 1 tie (2.5); 3→ 3 wins → 6.5/9
    { name: 'many ties', y: [0, 0, 1, 1, 0, 1], s: [1, 1, 1, 2, 2, 3], want: 6.5 / 9 },
    // every pair tied → 1/2
    { name: 'constant scores', y: [0, 1, 0, 1, 1], s: [0.3, 0.3, 0.3, 0.3, 0.3], want: 0.5 },
    { name: 'perfect', y: [0, 0, 1, 1], s: [0.1, 0.2, 0.3, 0.4], want: 1 },
    { name: 'perfectly inverted', y: [1, 1, 0, 0], s: [0.1, 0.2, 0.3, 0.4], want: 0 },
    // scores are ranks only: pos {2.5,-1,7}, neg {-3,1}: 2 + 1 + 2 wins → 5/6
    { name: 'scores outside [0,1]', y: [0, 1, 0, 1, 1], s: [-3, 2.5, 1, -1, 7], want: 5 / 6 },
    // one positive 0.2 beats negatives 0.1 and 0.05, loses to 0.3 → 2/3
    { name: 'imbalanced', y: [1, 0, 0, 0], s: [0.2, 0.1, 0.3, 0.05], want: 2 / 3 },
    // -0 and 0 are the same score → tie → 1/2
    { name: 'signed zeros tie', y: [1, 0], s: [0, -0], want: 0.5 },
    // minimal two-row input, positive scored higher
    { name: 'two rows', y: [0, 1], s: [0, 1], want: 1 },
  ])('$name', ({ y, s, want }) => {
    expect(rocAuc(y, s)).toBeCloseTo(want, 12);
  });

  it('accepts typed arrays', () => {
    const y = Int32Array.from([0, 0, 1, 1]);
    const s = Float64Array.from([0.1, 0.4, 0.35, 0.8]);
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 12);
  });

  it('does not reorder its inputs', () => {
    const s = [0.8, 0.1, 0.4];
    rocAuc([1, 0, 0], s);
    expect(s).toEqual([0.8, 0.1, 0.4]);
  });

  it.each([
    { name: 'all positive', y: [1, 1, 1] },
    { name: 'all negative', y: [0, 0, 0] },
    { name: 'single row', y: [1] },
  ])('throws MetricUndefinedError for a single class ($name)', ({ y }) => {
    expectThrow(
      () =>
        rocAuc(
          y,
          y.map(() => 0.5),
        ),
      MetricUndefinedError,
      'ROC AUC is undefined when the answers contain only one class',
    );
  });

  it.each([
    { v: Number.NaN, text: 'NaN' },
    { v: Number.POSITIVE_INFINITY, text: 'Infinity' },
    { v: Number.NEGATIVE_INFINITY, text: '-Infinity' },
  ])('rejects a $text score with the row in the message', ({ v, text }) => {
    expectThrow(
      () => rocAuc([0, 1, 0, 1], [0.1, 0.2, v, 0.4]),
      InvalidPredictionError,
      `prediction at row 2 is ${text}; predictions must be finite numbers`,
    );
  });

  it.each([
    { v: 2, text: '2' },
    { v: 0.5, text: '0.5' },
    { v: Number.NaN, text: 'NaN' },
  ])('rejects answer $text (not 0/1) as MetricUndefinedError', ({ v, text }) => {
    expectThrow(
      () => rocAuc([0, v, 1], [0.1, 0.2, 0.3]),
      MetricUndefinedError,
      `answer at row 1 is ${text}; ROC AUC needs answers that are 0 or 1`,
    );
  });

  it('throws a plain Error on length mismatch and on empty input', () => {
    expectThrow(() => rocAuc([0, 1, 1], [0.1, 0.2]), Error, 'metric input lengths differ: 3 vs 2');
    expectThrow(() => rocAuc([], []), Error, 'metric needs at least one row');
  });

  // positives fewer, more, and as many as negatives: the smaller class is the one sorted
  it.each([
    [1, 0.3],
    [2, 0.3],
    [3, 0.7],
    [4, 0.7],
    [5, 0.5],
  ])('equals a naive O(n^2) pair count on 2,000 random points (seed %i, %d positive)', (seed, positiveRate) => {
    const rand = seededRandom(seed);
    const n = 2000;
    const y: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < n; i++) {
      y.push(rand() < positiveRate ? 1 : 0);
      // Small integer scores (some negative) so ties are plentiful.
      s.push(Math.floor(rand() * 40) - 20 + y[i]! * 6);
    }
    let wins = 0;
    let ties = 0;
    let nPos = 0;
    let nNeg = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] === 1) nPos++;
      else nNeg++;
      if (y[i] !== 1) continue;
      for (let j = 0; j < n; j++) {
        if (y[j] !== 0) continue;
        if (s[i]! > s[j]!) wins += 1;
        else if (s[i] === s[j]) {
          wins += 0.5;
          ties++;
        }
      }
    }
    expect(ties).toBeGreaterThan(0);
    expect(rocAuc(y, s)).toBeCloseTo(wins / (nPos * nNeg), 12);
  });

  it('handles 1M shuffled rows quickly', () => {
    // Score i with label i % 2: the positive scored 2k+1 beats k+1 negatives,
    // so wins = m(m+1)/2 with m = n/2 and AUC = (m+1)/(2m).
    const n = 1_000_000;
    const m = n / 2;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const rand = seededRandom(42);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = order[i]!;
      y[i] = order[i]! % 2;
    }
    // speed at this size is measured by bench/grade.ts, not asserted here
    expect(rocAuc(y, s)).toBeCloseTo((m + 1) / (2 * m), 12);
  });
});

describe('meanColumnwiseRocAuc', () => {
  it('averages per-column AUC', () => {
    // column 0: sklearn example 0.75; column 1: pos {0.9,0.8} > neg {0.1,0.2} → 1
    const got = meanColumnwiseRocAuc(
      [
        [0, 0, 1, 1],
        [1, 0, 1, 0],
      ],
      [
        [0.1, 0.4, 0.35, 0.8],
        [0.9, 0.1, 0.8, 0.2],
      ],
    );
    expect(got).toBeCloseTo((0.75 + 1) / 2, 12);
  });

  it('names the column of a single-class answer', () => {
    expectThrow(
      () =>
        meanColumnwiseRocAuc(
          [
            [0, 1],
            [1, 1],
          ],
          [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
        ),
      MetricUndefinedError,
      'column 1: ROC AUC is undefined when the answers contain only one class',
    );
  });

  it('names the column of a bad score', () => {
    expectThrow(
      () =>
        meanColumnwiseRocAuc(
          [
            [0, 1],
            [0, 1],
          ],
          [
            [0.1, 0.2],
            [0.3, Number.NaN],
          ],
        ),
      InvalidPredictionError,
      'column 1: prediction at row 1 is NaN; predictions must be finite numbers',
    );
  });

  it('throws a plain Error when column counts differ or are zero', () => {
    expectThrow(() => meanColumnwiseRocAuc([[0, 1]], []), Error, 'metric input column counts differ: 1 vs 0');
    expectThrow(() => meanColumnwiseRocAuc([], []), Error, 'metric needs at least one column');
  });
});
