/**
 * tgs-salt-identification-challenge: custom because every CSV is written sorted by id (the CSV split
 * keeps split or source order) and only train images have their masks copied.
 *
 * As MLE-bench: `train_test_split(competition_data/train.csv, test_size=0.25, random_state=0)`; public
 * `train.csv` and private `test.csv` (id,rle_mask; an empty mask stays an empty field) sorted by id; each
 * train id's `train/images/<id>.png` and `train/masks/<id>.png` go to `train/images/` and `train/masks/`,
 * each test id's image to `test/images/`; public `depths.csv` keeps only the train ids' rows, sorted by
 * id; the sample submission gives every test id the mask `1 1`. Kaggle's own test images are not used.
 */
import { join } from 'node:path';
import { columnIndex, sortedByColumn, writeCsvTable } from '../csv-table.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { applySplit, splitTableRows } from '../split-strategies.js';

const DATA = 'competition_data';

export async function prepareTgsSalt(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const table = await readRawCsv(join(ctx.raw, DATA, 'train.csv'), ctx.competition.id);
  const idIndex = columnIndex(table, 'id', 'train.csv');
  columnIndex(table, 'rle_mask', 'train.csv');
  const split = applySplit(table, splitTableRows(table.rows.length, { testSize: 0.25, randomState: 0 }));
  const train = sortedByColumn(split.train, idIndex);
  const test = sortedByColumn(split.test, idIndex);
  await writeCsvTable(join(ctx.public, 'train.csv'), train);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), test);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['id', 'rle_mask'],
    rows: test.rows.map((row) => [row[idIndex] ?? '', '1 1']),
  });

  const images = join(ctx.raw, DATA, 'train');
  for (const row of train.rows) {
    const name = `${row[idIndex]}.png`;
    await copyInto(join(images, 'images', name), join(ctx.public, 'train', 'images', name), id);
    await copyInto(join(images, 'masks', name), join(ctx.public, 'train', 'masks', name), id);
  }
  for (const row of test.rows) {
    const name = `${row[idIndex]}.png`;
    await copyInto(join(images, 'images', name), join(ctx.public, 'test', 'images', name), id);
  }

  const depths = await readRawCsv(join(ctx.raw, 'depths.csv'), ctx.competition.id);
  const depthId = columnIndex(depths, 'id', 'depths.csv');
  const trainIds = new Set(train.rows.map((row) => row[idIndex]));
  const kept = { header: depths.header, rows: depths.rows.filter((row) => trainIds.has(row[depthId])) };
  await writeCsvTable(join(ctx.public, 'depths.csv'), sortedByColumn(kept, depthId));
}
