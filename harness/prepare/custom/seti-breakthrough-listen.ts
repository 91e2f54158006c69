/**
 * seti-breakthrough-listen: custom because each cadence lies in a folder named by the first character
 * of its id (`train/a/a1b2c3.npy`), which prepare.yaml's path templates cannot say, and a whole raw
 * folder (`old_leaky_data/`) is copied.
 *
 * As MLE-bench: `train_test_split(train_labels.csv, test_size=0.1, random_state=0)`, rows in split order;
 * public `train_labels.csv` (id, target), private `test.csv` (the same columns); the sample submission
 * gives every test id 0.5; each `.npy` goes to the same `<first character>/` folder under `train/` or
 * `test/`; `old_leaky_data/` (the competition's first, withdrawn release) is copied as it is. Kaggle's
 * own test cadences are not used.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, RawFileMissingError, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { applySplit, splitTableRows } from '../split-strategies.js';

export async function prepareSetiBreakthroughListen(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const source = join(ctx.raw, 'train_labels.csv');
  const table = await readRawCsv(source, id);
  const idCol = columnIndex(table, 'id', source);
  columnIndex(table, 'target', source);
  if (table.rows.some((row) => (row[idCol] ?? '') === '')) throw new CsvFormatError(`${source}: an id is empty`);
  const split = applySplit(table, splitTableRows(table.rows.length, { testSize: 0.1, randomState: 0 }));
  await writeCsvTable(join(ctx.public, 'train_labels.csv'), split.train);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), split.test);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['id', 'target'],
    rows: split.test.rows.map((row) => [row[idCol] ?? '', '0.5']),
  });
  for (const side of ['train', 'test'] as const) {
    for (const row of split[side].rows) {
      const cadence = row[idCol] ?? '';
      const path = [cadence.charAt(0), `${cadence}.npy`];
      await copyInto(join(ctx.raw, 'train', ...path), join(ctx.public, side, ...path), id);
    }
  }
  const leaky = join(ctx.raw, 'old_leaky_data');
  if (!(await fileExists(leaky))) throw new RawFileMissingError(id, leaky);
  await cp(leaky, join(ctx.public, 'old_leaky_data'), { recursive: true });
}
