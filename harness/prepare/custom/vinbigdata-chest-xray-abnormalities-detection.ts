/**
 * vinbigdata-chest-xray-abnormalities-detection: custom because the rows are boxes (several per image,
 * several radiologists per finding) and the split is by image, and the answers keep one box per image
 * and class.
 *
 * As MLE-bench: `train_test_split(unique image_ids in order of first appearance, test_size=0.1,
 * random_state=0)`; public `train.csv` is the train images' rows in file order; private `answers.csv`
 * is pandas' `groupby(["image_id", "class_id"]).first()` of the test rows: sorted by image_id, then
 * class_id as a number, columns image_id, class_id, then the others, each the group's first non-empty
 * value; empty values become `0.0` and "No finding" (class 14) gets x_max = y_max = `1.0`. The sample
 * submission lists the test images in split order with `14 1 0 0 1 1`; each image's DICOM
 * (`train/<image_id>.dicom`) goes to `train/` or `test/`. Unlike MLE-bench, no private
 * gold_submission.csv is written.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { uniqueInOrder } from '../split-strategies.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const NO_FINDING = '14';

/** One row per (image, class): each column's first non-empty value in the group, as pandas' `first()`. */
export function firstPerImageAndClass(header: readonly string[], rows: readonly string[][]): string[][] {
  const image = header.indexOf('image_id');
  const cls = header.indexOf('class_id');
  const others = header.flatMap((_, c) => (c === image || c === cls ? [] : [c]));
  const groups = new Map<string, { image: string; cls: string; values: string[] }>();
  for (const row of rows) {
    const key = `${row[image]}\u0000${row[cls]}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { image: row[image] ?? '', cls: row[cls] ?? '', values: others.map(() => '') };
      groups.set(key, group);
    }
    others.forEach((c, k) => {
      if (group.values[k] === '') group.values[k] = row[c] ?? '';
    });
  }
  return [...groups.values()]
    .sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : Number(a.cls) - Number(b.cls)))
    .map((g) => [g.image, g.cls, ...g.values]);
}

export async function prepareVinBigData(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const source = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(source, id);
  const imageCol = columnIndex(table, 'image_id', source);
  const classCol = columnIndex(table, 'class_id', source);
  for (const column of ['x_min', 'y_min', 'x_max', 'y_max']) columnIndex(table, column, source);
  if (table.rows.some((row) => !/^\d+$/.test(row[classCol] ?? ''))) {
    throw new CsvFormatError(`${source}: every class_id must be a whole number`);
  }
  const images = uniqueInOrder(table.rows.map((row) => row[imageCol] ?? ''));
  const split = trainTestSplitIndices(images.length, { testSize: 0.1, randomState: 0 });
  const testImages = Array.from(split.test, (i) => images[i] ?? '');
  const isTest = new Set(testImages);

  await writeCsvTable(join(ctx.public, 'train.csv'), {
    header: table.header,
    rows: table.rows.filter((row) => !isTest.has(row[imageCol] ?? '')),
  });
  const header = ['image_id', 'class_id', ...table.header.filter((_, c) => c !== imageCol && c !== classCol)];
  const grouped = firstPerImageAndClass(
    table.header,
    table.rows.filter((row) => isTest.has(row[imageCol] ?? '')),
  );
  const [xMax, yMax] = [header.indexOf('x_max'), header.indexOf('y_max')];
  const answers = grouped.map((row) =>
    row.map((value, c) => {
      if (row[1] === NO_FINDING && (c === xMax || c === yMax)) return '1.0';
      return value === '' ? '0.0' : value;
    }),
  );
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), { header, rows: answers });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['image_id', 'PredictionString'],
    rows: testImages.map((image) => [image, '14 1 0 0 1 1']),
  });

  for (const [side, indices] of [
    ['train', split.train],
    ['test', split.test],
  ] as const) {
    for (const i of indices) {
      const name = `${images[i]}.dicom`;
      await copyInto(join(ctx.raw, 'train', name), join(ctx.public, side, name), id);
    }
  }
}
