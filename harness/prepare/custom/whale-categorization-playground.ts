/**
 * whale-categorization-playground: custom because the split is per whale before it is random: every
 * whale with two or more images gets one on each side, and a whale with one image goes to a side by a
 * draw from NumPy's `default_rng(0)` (PCG64, numpy-generator.ts).
 *
 * As MLE-bench, over train.csv's rows (Image, Id), whales in order of first appearance:
 * - a whale with ≥ 2 images: `whale_rows.sample(2, random_state=0)`, i.e. `RandomState(0).permutation(n)[:2]`
 *   of its rows, puts the first on train and the second on test;
 * - a whale with 1 image: `rng.choice(['train', 'test'], p=[0.9, 0.1])` from one `rng = default_rng(0)`
 *   shared by all whales: one `rng.random()`, test when it is ≥ 0.9;
 * - the rows left: `train_test_split(rows, test_size=0.1, random_state=0)`.
 * Both sides keep train.csv's order. A test row whose whale has no train image is answered `new_whale`.
 * Public train.csv and private test.csv are Image,Id; the sample submission predicts
 * `new_whale w_1287fbc w_98baff9 w_7554f44 w_1eafe46` for every image; images go to train/ and test/.
 * Kaggle's own test images are not used.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable, type CsvTable } from '../csv-table.js';
import { NumpyGenerator } from '../numpy-generator.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { RandomState } from '../random-state.js';
import { uniqueInOrder } from '../split-strategies.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const TEST_SIZE = 0.1;
const NEW_WHALE = 'new_whale';
const SAMPLE_PREDICTION = 'new_whale w_1287fbc w_98baff9 w_7554f44 w_1eafe46';

/** Whether each row (by index) is on the test side, for the rows' whale ids. */
export function whaleTestRows(whales: readonly string[]): boolean[] {
  const side: ('train' | 'test' | undefined)[] = whales.map(() => undefined);
  const rowsOf = new Map<string, number[]>();
  whales.forEach((whale, i) => rowsOf.set(whale, [...(rowsOf.get(whale) ?? []), i]));
  const rng = new NumpyGenerator(0);
  for (const whale of uniqueInOrder(whales)) {
    const rows = rowsOf.get(whale)!;
    if (rows.length >= 2) {
      const [first, second] = new RandomState(0).permutation(rows.length);
      side[rows[first!]!] = 'train';
      side[rows[second!]!] = 'test';
    } else {
      // choice(p=[0.9, 0.1]): cdf [0.9, 1.0], searchsorted(x, side='right')
      side[rows[0]!] = rng.random() >= 1 - TEST_SIZE ? 'test' : 'train';
    }
  }
  const undecided = side.flatMap((s, i) => (s === undefined ? [i] : []));
  if (undecided.length > 0) {
    const split = trainTestSplitIndices(undecided.length, { testSize: TEST_SIZE, randomState: 0 });
    for (const k of split.train) side[undecided[k]!] = 'train';
    for (const k of split.test) side[undecided[k]!] = 'test';
  }
  return side.map((s) => s === 'test');
}

export async function prepareWhaleCategorization(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const image = columnIndex(table, 'Image', trainCsv);
  const whale = columnIndex(table, 'Id', trainCsv);
  const isTest = whaleTestRows(table.rows.map((row) => row[whale] ?? ''));
  const train: CsvTable = { header: table.header, rows: table.rows.filter((_, i) => !isTest[i]) };
  const test: CsvTable = { header: table.header, rows: table.rows.filter((_, i) => isTest[i]) };
  if (test.rows.length === 0) throw new CsvFormatError(`${trainCsv}: the split left no test image`);
  const trainWhales = new Set(train.rows.map((row) => row[whale]));
  const answers: CsvTable = {
    header: table.header,
    rows: test.rows.map((row) => row.map((value, c) => (c === whale && !trainWhales.has(value) ? NEW_WHALE : value))),
  };

  await writeCsvTable(join(ctx.public, 'train.csv'), train);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), answers);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Image', 'Id'],
    rows: test.rows.map((row) => [row[image] ?? '', SAMPLE_PREDICTION]),
  });
  for (const [side, rows] of [
    ['train', train.rows],
    ['test', test.rows],
  ] as const) {
    for (const row of rows) {
      const name = row[image] ?? '';
      await copyInto(join(ctx.raw, 'train', name), join(ctx.public, side, name), id);
    }
  }
}
