/**
 * hms-harmful-brain-activity-classification: custom because the split is over spectrograms (coarser
 * than EEGs, so no recording straddles it) and the per-recording parquet files follow their ids.
 *
 * As MLE-bench: train.csv's spectrogram_ids (in order of first appearance) are split with
 * train_test_split(test_size=0.1, random_state=0); each side keeps its rows in file order. Public
 * train.csv and private test.csv have every column; public test.csv has spectrogram_id, eeg_id and
 * patient_id; private gold_submission.csv has eeg_id and the six votes divided by their row sum, the
 * sample submission 1/6 each (floats as Python prints them). `train_eegs/<eeg_id>.parquet` and
 * `train_spectrograms/<spectrogram_id>.parquet` go to `train_*` or `test_*` (copied, never read);
 * `example_figures/` is copied as is. Kaggle's own test files are not used.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, selectColumns, writeCsvTable } from '../csv-table.js';
import { copyTree } from '../copy-tree.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { pythonFloat } from '../python-float.js';
import { splitByGroup, uniqueInOrder } from '../split-strategies.js';

export async function prepareHms(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const spectrogram = columnIndex(table, 'spectrogram_id', trainCsv);
  const eeg = columnIndex(table, 'eeg_id', trainCsv);
  const votes = ctx.competition.grading.target_columns;
  const voteColumns = votes.map((c) => columnIndex(table, c, trainCsv));
  const split = splitByGroup(
    table.rows.map((row) => row[spectrogram] ?? ''),
    { testSize: 0.1, randomState: 0 },
  );
  const train = { header: table.header, rows: split.train.map((i) => table.rows[i] ?? []) };
  const test = { header: table.header, rows: split.test.map((i) => table.rows[i] ?? []) };
  const trainEegs = new Set(train.rows.map((row) => row[eeg]));
  const shared = test.rows.find((row) => trainEegs.has(row[eeg]));
  if (shared !== undefined) {
    throw new CsvFormatError(`${trainCsv}: eeg_id ${shared[eeg]} has spectrograms on both sides of the split`);
  }

  await writeCsvTable(join(ctx.public, 'train.csv'), train);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), test);
  await writeCsvTable(
    join(ctx.public, 'test.csv'),
    selectColumns(test, ['spectrogram_id', 'eeg_id', 'patient_id'], trainCsv),
  );
  const header = ['eeg_id', ...votes];
  await writeCsvTable(join(ctx.private, 'gold_submission.csv'), {
    header,
    rows: test.rows.map((row) => {
      const counts = voteColumns.map((c) => Number(row[c]));
      const total = counts.reduce((sum, v) => sum + v, 0);
      return [row[eeg] ?? '', ...counts.map((v) => pythonFloat(v / total))];
    }),
  });
  const uniform = pythonFloat(1 / votes.length);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header,
    rows: test.rows.map((row) => [row[eeg] ?? '', ...votes.map(() => uniform)]),
  });

  await copyTree(join(ctx.raw, 'example_figures'), join(ctx.public, 'example_figures'), id);
  for (const [side, rows] of [
    ['train', train.rows],
    ['test', test.rows],
  ] as const) {
    for (const [kind, column] of [
      ['eegs', eeg],
      ['spectrograms', spectrogram],
    ] as const) {
      for (const key of uniqueInOrder(rows.map((row) => row[column] ?? ''))) {
        const name = `${key}.parquet`;
        await copyInto(join(ctx.raw, `train_${kind}`, name), join(ctx.public, `${side}_${kind}`, name), id);
      }
    }
  }
}
