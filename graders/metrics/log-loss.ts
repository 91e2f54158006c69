// Log losses with Kaggle's clipping rule: probabilities are clipped to
// [eps, 1 - eps] (eps = 1e-15) so a confident wrong answer costs ~34.54
// instead of Infinity.
import { assertFiniteAnswers, assertSameLength, describeValue } from './input-checks.js';
import { InvalidPredictionError, MetricUndefinedError } from './metric-errors.js';

export interface LogLossOptions {
  /** Clipping bound; default 1e-15 (Kaggle). Must lie in (0, 0.5). */
  eps?: number;
}

const DEFAULT_EPS = 1e-15;

function resolveEps(opts: LogLossOptions | undefined): number {
  const eps = opts?.eps ?? DEFAULT_EPS;
  if (!(eps > 0 && eps < 0.5)) throw new Error(`log loss eps must be in (0, 0.5), got ${eps}`);
  return eps;
}

/**
 * p limited to [eps, 1 - eps] (p is never NaN here). Math.min/max rather than a conditional: a
 * conditional that picks either p or the argument eps makes V8 box p as a heap number, a million
 * allocations per call of a metric.
 */
function clip(p: number, eps: number): number {
  return Math.min(Math.max(p, eps), 1 - eps);
}

/** Mean of -[y log p + (1 - y) log(1 - p)]; yTrue must be 0/1, p in [0, 1]. */
export function binaryLogLoss(yTrue: ArrayLike<number>, p: ArrayLike<number>, opts?: LogLossOptions): number {
  const n = assertSameLength(yTrue, p);
  const eps = resolveEps(opts);
  assertFiniteAnswers(yTrue);
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) {
      throw new MetricUndefinedError(
        `answer at row ${i} is ${describeValue(y)}; binary log loss needs answers that are 0 or 1`,
      );
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const raw = p[i] as number;
    // `!(raw >= 0 && raw <= 1)` also catches NaN, which fails every comparison.
    if (!(raw >= 0 && raw <= 1)) {
      const why = Number.isFinite(raw)
        ? 'log loss needs probabilities in [0, 1]'
        : 'predictions must be finite numbers';
      throw new InvalidPredictionError(`prediction at row ${i} is ${describeValue(raw)}; ${why}`, { row: i });
    }
    // Clip the true class's probability (1 - p for a negative) rather than p
    // itself: 1 - (1 - 1e-15) is not 1e-15 in float64, and this keeps a
    // confident miss costing exactly -ln(eps) on either side.
    sum -= Math.log(clip(yTrue[i] === 1 ? raw : 1 - raw, eps));
  }
  return sum / n;
}

/**
 * Multi-class log loss. `trueClass[i]` is the column index of row i's true
 * class; `probs[k][i]` is the probability of class k for row i (one array per
 * class). Each row is divided by its sum first (Kaggle does not require rows
 * to sum to 1), then clipped to [eps, 1 - eps]; loss = mean of -log(p_true).
 */
export function multiClassLogLoss(
  trueClass: ArrayLike<number>,
  probs: readonly ArrayLike<number>[],
  opts?: LogLossOptions,
): number {
  const k = probs.length;
  if (k === 0) throw new Error('multi-class log loss needs at least one class column');
  let n = 0;
  for (const column of probs) n = assertSameLength(trueClass, column);
  const eps = resolveEps(opts);
  assertClassIndexes(trueClass, k);
  return sumNegativeLogTrue(trueClass, probs, n, eps) / n;
}

// The two loops below are separate functions on purpose: in one function, V8 optimises the first
// loop on the fly, throws that code away on reaching the second (no type feedback yet) and runs a
// million rows unoptimised, boxing every double, before it optimises again.

function assertClassIndexes(trueClass: ArrayLike<number>, k: number): void {
  for (let i = 0; i < trueClass.length; i++) {
    const t = trueClass[i] as number;
    if (!(Number.isInteger(t) && t >= 0 && t < k)) {
      throw new MetricUndefinedError(
        `answer at row ${i} is ${describeValue(t)}; the true class must be an integer column index in [0, ${k - 1}]`,
      );
    }
  }
}

function sumNegativeLogTrue(
  trueClass: ArrayLike<number>,
  probs: readonly ArrayLike<number>[],
  n: number,
  eps: number,
): number {
  const k = probs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let c = 0; c < k; c++) {
      const v = (probs[c] as ArrayLike<number>)[i] as number;
      if (!(v >= 0 && v <= 1)) {
        const why = Number.isFinite(v) ? 'probabilities must be in [0, 1]' : 'probabilities must be finite numbers';
        throw new InvalidPredictionError(`probability for class ${c} at row ${i} is ${describeValue(v)}; ${why}`, {
          row: i,
        });
      }
      rowSum += v;
    }
    if (rowSum === 0) throw new InvalidPredictionError(`probabilities in row ${i} sum to 0`, { row: i });
    // an integer (checked above); `| 0` says so to V8, which would otherwise index with a boxed double
    const t = (trueClass[i] as number) | 0;
    const q = clip(((probs[t] as ArrayLike<number>)[i] as number) / rowSum, eps);
    sum -= Math.log(q);
  }
  return sum;
}
