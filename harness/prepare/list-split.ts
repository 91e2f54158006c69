/**
 * `train_test_split(list, test_size, random_state)` on a plain list of keys (drive dates, patient ids,
 * scan folders), as several MLE-bench preparations split something other than a CSV's rows: both
 * sides in sklearn's permuted order, which is the order MLE-bench then iterates them in.
 */
import { trainTestSplitIndices } from './train-test-split.js';

export interface ListSplit<T> {
  train: T[];
  test: T[];
}

export function splitList<T>(items: readonly T[], params: { testSize: number; randomState: number }): ListSplit<T> {
  const { train, test } = trainTestSplitIndices(items.length, params);
  const pick = (indices: Int32Array) => Array.from(indices, (i) => items[i] as T);
  return { train: pick(train), test: pick(test) };
}

/** The same split as indices into the list (train then test, each in sklearn's order). */
export function listSplitIndices(n: number, params: { testSize: number; randomState: number }): ListSplit<number> {
  const { train, test } = trainTestSplitIndices(n, params);
  return { train: Array.from(train), test: Array.from(test) };
}
