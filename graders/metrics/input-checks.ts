// Input validation shared by the metrics. Kept separate so every metric
// reports problems with the same wording (messages reach submitters verbatim).
import { InvalidPredictionError, MetricUndefinedError } from './metric-errors.js';

/** Render a value for an error message: strings quoted so "" and " 1" stay visible. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Length mismatch or empty input is a caller bug, hence a plain Error. */
export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  if (a.length !== b.length) {
    throw new Error(`metric input lengths differ: ${a.length} vs ${b.length}`);
  }
  if (a.length === 0) throw new Error('metric needs at least one row');
  return a.length;
}

/** Every prediction must be a finite number (NaN/±Infinity would poison the mean). */
export function assertFinitePredictions(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new InvalidPredictionError(
        `prediction at row ${i} is ${describeValue(v)}; predictions must be finite numbers`,
        { row: i },
      );
    }
  }
}

/** Non-finite answers are a data problem, not the submitter's fault. */
export function assertFiniteAnswers(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new MetricUndefinedError(`answer at row ${i} is ${describeValue(v)}; answers must be finite numbers`);
    }
  }
}

/**
 * Labels may be strings or numbers; only numeric labels can be non-finite.
 * A NaN label would silently never match anything, so reject it loudly.
 */
export function assertFiniteLabels(values: ArrayLike<number | string>, role: 'answer' | 'prediction'): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') continue;
    if (!Number.isFinite(v)) {
      const message = `${role} at row ${i} is ${describeValue(v)}; ${role}s must be finite numbers or strings`;
      throw role === 'answer' ? new MetricUndefinedError(message) : new InvalidPredictionError(message, { row: i });
    }
  }
}

/** Finite inputs can still overflow (e.g. squaring 1e200); never return ±Infinity. */
export function requireFiniteResult(value: number, metricName: string): number {
  if (!Number.isFinite(value)) {
    throw new InvalidPredictionError(
      `${metricName} is ${value} for these predictions; the values are too large to score`,
    );
  }
  return value;
}

/**
 * Counts the positives of binary answers, refusing any answer that is not 0 or 1 (a data problem).
 * `metricName` goes into the message, e.g. 'ROC AUC'.
 */
export function countBinaryPositives(yTrue: ArrayLike<number>, metricName: string): number {
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y === 1) positives++;
    else if (y !== 0) {
      throw new MetricUndefinedError(
        `answer at row ${i} is ${describeValue(y)}; ${metricName} needs answers that are 0 or 1`,
      );
    }
  }
  return positives;
}

/** The scores of the rows whose answer is `label` (`count` of them), sorted ascending (native numeric sort). */
export function sortedScoresOfClass(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  label: 0 | 1,
  count: number,
): Float64Array {
  const scores = new Float64Array(count);
  for (let i = 0, k = 0; i < yTrue.length; i++) if (yTrue[i] === label) scores[k++] = yScore[i] as number;
  return scores.sort();
}

/** The scores of the positives and of the negatives, each sorted ascending. */
export function sortedScoresByClass(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  positives: number,
): { pos: Float64Array; neg: Float64Array } {
  return {
    pos: sortedScoresOfClass(yTrue, yScore, 1, positives),
    neg: sortedScoresOfClass(yTrue, yScore, 0, yTrue.length - positives),
  };
}
