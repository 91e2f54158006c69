/**
 * iwildcam-2019-fgvc6: custom because the split is of camera locations, not rows, and the answers are
 * written twice under other column names.
 *
 * As MLE-bench: `train_test_split(train.csv's location.unique(), test_size=0.1, random_state=8)`; a row
 * is on the test side when its location is; both sides keep train.csv's order. Public train.csv keeps
 * every column, public test.csv drops category_id; private test.csv is the test rows, private
 * answers.csv is Id,Category (id, category_id); the sample submission is Id,Category=0 with pandas'
 * index (the row's position in train.csv) as an unnamed first column, as MLE-bench writes it (Podium's
 * grading ignores that column). Images go to train_images/ and test_images/ (MLE-bench zips them).
 * Kaggle's train_images.zip holds the images without a folder: Podium's unzip puts them in raw/ itself,
 * MLE-bench's in raw/train_images/; both places are read. Kaggle's own test images are not used.
 */
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, dropColumns, writeCsvTable, type CsvTable } from '../csv-table.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { splitByGroup } from '../split-strategies.js';

export async function prepareIwildcam2019(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const [idIndex, location, category] = ['id', 'location', 'category_id'].map((c) => columnIndex(table, c, trainCsv));
  const split = splitByGroup(
    table.rows.map((row) => row[location!] ?? ''),
    { testSize: 0.1, randomState: 8 },
  );
  if (split.test.length === 0) throw new CsvFormatError(`${trainCsv}: the held-out locations have no rows`);
  const pick = (indices: number[]): CsvTable => ({ header: table.header, rows: indices.map((i) => table.rows[i]!) });
  const [train, test] = [pick(split.train), pick(split.test)];

  await writeCsvTable(join(ctx.public, 'train.csv'), train);
  await writeCsvTable(join(ctx.public, 'test.csv'), dropColumns(test, ['category_id'], trainCsv));
  await writeCsvTable(join(ctx.private, 'test.csv'), test);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['Id', 'Category'],
    rows: test.rows.map((row) => [row[idIndex!] ?? '', row[category!] ?? '']),
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['', 'Id', 'Category'],
    rows: split.test.map((i) => [String(i), table.rows[i]![idIndex!] ?? '', '0']),
  });

  const flat = !(await fileExists(join(ctx.raw, 'train_images')));
  const source = (image: string) => (flat ? join(ctx.raw, image) : join(ctx.raw, 'train_images', image));
  for (const [folder, side] of [
    ['train_images', train],
    ['test_images', test],
  ] as const) {
    for (const row of side.rows) {
      const image = `${row[idIndex!] ?? ''}.jpg`;
      await copyInto(source(image), join(ctx.public, folder, image), id);
    }
  }
}
