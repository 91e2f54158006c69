/**
 * hubmap-kidney-segmentation: custom because sklearn is asked for both sizes (train_size=12,
 * test_size=3), the private answers gain each image's size from the dataset information file, and
 * three files follow each image.
 *
 * As MLE-bench: `train_test_split(train.csv, train_size=12, test_size=3, random_state=0)`, i.e. test =
 * permutation[:3], train = permutation[3:15] of `RandomState(0).permutation(15)` (MLE-bench asserts
 * that the 15 rows are all used, so fewer or more rows are refused). Public train.csv is the train rows
 * (split order); HuBMAP-20-dataset_information.csv keeps the rows of every Kaggle training image;
 * private test.csv is id, encoding, width_pixels, height_pixels (split order), gold_submission.csv is
 * id, predicted = encoding; the sample submission (also copied into test/, as MLE-bench does) has an
 * empty `predicted`. `train/<id>.tiff` and `<id>-anatomical-structure.json` go to `train/` or `test/`;
 * `<id>.json` (the glomerulus polygons) goes to `train/` only. Unlike MLE-bench, which also copies it
 * into `test/` and so hands out the test labels (openai/mle-bench#98).
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { RandomState } from '../random-state.js';

const [TRAIN_SIZE, TEST_SIZE] = [12, 3];
const INFO = 'HuBMAP-20-dataset_information.csv';

export async function prepareHubmapKidney(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const table = await readRawCsv(join(ctx.raw, 'train.csv'), ctx.competition.id);
  const [idCol, encoding] = [columnIndex(table, 'id', 'train.csv'), columnIndex(table, 'encoding', 'train.csv')];
  if (table.rows.length !== TRAIN_SIZE + TEST_SIZE) {
    throw new CsvFormatError(
      `train.csv has ${table.rows.length} images; MLE-bench's split takes ${TRAIN_SIZE} + ${TEST_SIZE} and uses them all`,
    );
  }
  const permutation = Array.from(new RandomState(0).permutation(table.rows.length));
  const train = permutation.slice(TEST_SIZE).map((i) => table.rows[i] ?? []);
  const test = permutation.slice(0, TEST_SIZE).map((i) => table.rows[i] ?? []);

  const info = await readRawCsv(join(ctx.raw, INFO), ctx.competition.id);
  const imageFile = columnIndex(info, 'image_file', INFO);
  const [width, height] = [columnIndex(info, 'width_pixels', INFO), columnIndex(info, 'height_pixels', INFO)];
  const trainIds = new Set(table.rows.map((row) => row[idCol]));
  const infoRows = info.rows.filter((row) => trainIds.has((row[imageFile] ?? '').replaceAll('.tiff', '')));
  const size = new Map(infoRows.map((row) => [(row[imageFile] ?? '').replaceAll('.tiff', ''), row]));
  await writeCsvTable(join(ctx.public, INFO), { header: info.header, rows: infoRows });
  await writeCsvTable(join(ctx.public, 'train.csv'), { header: table.header, rows: train });

  const answers = test.map((row) => {
    const key = row[idCol] ?? '';
    const sized = size.get(key);
    if (sized === undefined) throw new CsvFormatError(`${INFO} has no image_file ${key}.tiff`);
    return [key, row[encoding] ?? '', sized[width] ?? '', sized[height] ?? ''];
  });
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['id', 'encoding', 'width_pixels', 'height_pixels'],
    rows: answers,
  });
  await writeCsvTable(join(ctx.private, 'gold_submission.csv'), {
    header: ['id', 'predicted'],
    rows: answers.map(([key = '', rle = '']) => [key, rle]),
  });
  const sample = { header: ['id', 'predicted'], rows: answers.map(([key = '']) => [key, '']) };
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), sample);
  await writeCsvTable(join(ctx.public, 'test', 'sample_submission.csv'), sample);

  for (const [side, rows] of [
    ['train', train],
    ['test', test],
  ] as const) {
    for (const row of rows) {
      const key = row[idCol] ?? '';
      const files = [`${key}.tiff`, `${key}-anatomical-structure.json`, ...(side === 'train' ? [`${key}.json`] : [])];
      for (const name of files) await copyInto(join(ctx.raw, 'train', name), join(ctx.public, side, name), id);
    }
  }
}
