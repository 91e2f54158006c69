/**
 * What a metric-table row is, and small builders for rows. A row says how answers and submission
 * columns become a metric's inputs; the metric itself is a pure function in graders/metrics.
 */
import { z } from 'zod';
import type { Direction, ValueKind } from '../harness/registry/competition-config.js';

/**
 * A parsed column: numbers for numeric kinds, strings for label/text kinds, and one byte a row for
 * binary answers (0/1: an eighth of the memory of doubles, for the biggest answer keys of all).
 */
export type Column = Float64Array | Uint8Array | readonly string[];
/** A column of numbers, as metrics read them. */
export type NumericColumn = Float64Array | Uint8Array;

/**
 * How the answers' scored columns are parsed:
 * - binary: 0/1, also True/False (pandas writes booleans that way)
 * - number: any finite number
 * - like-values: the same kind the submission declares (labels stay strings, integers numbers)
 * - class-index: one index per row into target_columns (from a label column or a one-hot row)
 */
export type TruthKind = 'binary' | 'number' | 'like-values' | 'class-index';

/** How many target columns the metric takes: exactly one, one or more (column-wise), or one per class. */
export type Arity = 'one' | 'columnwise' | 'classes';

export interface MetricInput<P> {
  truth: Column[];
  predictions: Column[];
  params: P;
  /** The config's `context_columns` of the answers, scored rows only, in the same row order. */
  context: Readonly<Record<string, readonly string[]>>;
}

export interface MetricDefinition<P = unknown> {
  direction: Direction;
  /** The score of a perfect submission (the end-to-end tests grade one for every competition). */
  best: number;
  truth: TruthKind;
  arity: Arity;
  /** Value kinds a config may declare for the submission's scored columns. */
  values: readonly ValueKind[];
  params: z.ZodType<P>;
  score(input: MetricInput<P>): number;
}

export const NUMERIC: readonly ValueKind[] = ['probability', 'number', 'non-negative'];
export const noParams = z.strictObject({});

export function numbers(column: Column | undefined): Float64Array {
  if (!(column instanceof Float64Array)) throw new TypeError('metric expected a numeric column');
  return column;
}

/** Answers as numbers: parsed numbers, or the bytes of binary answers (see TruthKind 'binary'). */
export function truthNumbers(column: Column | undefined): NumericColumn {
  if (column instanceof Uint8Array) return column;
  return numbers(column);
}

export function define<P>(definition: MetricDefinition<P>): MetricDefinition {
  return definition as MetricDefinition;
}

export const one =
  (f: (t: NumericColumn, p: Float64Array) => number) =>
  ({ truth, predictions }: MetricInput<unknown>) =>
    f(truthNumbers(truth[0]), numbers(predictions[0]));
export const columnwise =
  (f: (t: NumericColumn[], p: Float64Array[]) => number) =>
  ({ truth, predictions }: MetricInput<unknown>) =>
    f(truth.map(truthNumbers), predictions.map(numbers));

/** A text column (label/text value kinds). */
export function texts(column: Column | undefined): readonly string[] {
  if (column === undefined || !Array.isArray(column)) throw new TypeError('metric expected a text column');
  return column as readonly string[];
}

/** A regression error over numeric columns: 0 is perfect. */
export function regressionError(arity: 'one' | 'columnwise', score: MetricDefinition['score']): MetricDefinition {
  return define({ best: 0, direction: 'lower', truth: 'number', arity, values: NUMERIC, params: noParams, score });
}
