/**
 * nfl-player-contact-detection: custom because the split is over plays (game_play) and five files
 * follow it; the CSVs are large (millions of tracking and label rows), so they are streamed.
 *
 * As MLE-bench: train_labels.csv's game_plays (in order of first appearance) are split with
 * train_test_split(test_size=0.1, random_state=0). Public train_labels.csv and private test.csv keep
 * their side's label rows (file order, every column); train_baseline_helmets.csv,
 * train_player_tracking.csv and train_video_metadata.csv are each filtered into a `train_` and a
 * `test_` file; the three videos of each play (`<game_play>_{All29,Endzone,Sideline}.mp4`) go to
 * `train/` or `test/`; the sample submission gives every test contact_id contact=0. Kaggle's own test
 * files are not used.
 */
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { filterCsvRows, openCsvWriter, streamCsvRows } from '../csv-stream.js';
import { CsvFormatError } from '../csv-table.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { splitList } from '../list-split.js';

const FOLLOWING = ['baseline_helmets', 'player_tracking', 'video_metadata'];
const VIEWS = ['All29', 'Endzone', 'Sideline'];

async function rawFile(ctx: PrepareContext, name: string): Promise<string> {
  const file = join(ctx.raw, name);
  if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
  return file;
}

/** The index of `column` in a streamed header, or a CsvFormatError naming the file. */
function headerIndex(header: readonly string[], column: string, file: string): number {
  const index = header.indexOf(column);
  if (index < 0) throw new CsvFormatError(`${file} has no column '${column}' (columns: ${header.join(', ')})`);
  return index;
}

/** Runs `visit` on each row of `file` (header first); a parse failure becomes a CsvFormatError naming it. */
async function eachRow(file: string, visit: (row: string[]) => Promise<void> | void): Promise<void> {
  try {
    for await (const row of streamCsvRows(file)) await visit(row);
  } catch (error) {
    if (error instanceof CsvFormatError) throw error;
    throw new CsvFormatError(`${file} is not a well-formed CSV: ${(error as Error).message}`, { cause: error });
  }
}

/** The game_plays of the labels in order of first appearance (pandas' unique()). */
async function gamePlays(file: string): Promise<string[]> {
  const seen = new Set<string>();
  let column = -1;
  await eachRow(file, (row) => {
    if (column < 0) column = headerIndex(row, 'game_play', file);
    else seen.add(row[column] ?? '');
  });
  return [...seen];
}

export async function prepareNflContact(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const labels = await rawFile(ctx, 'train_labels.csv');
  const plays = await gamePlays(labels);
  if (plays.length < 2) throw new CsvFormatError(`${labels}: fewer than 2 game_plays to split`);
  const split = splitList(plays, { testSize: 0.1, randomState: 0 });
  const isTest = new Set(split.test);
  const isTrain = new Set(split.train);

  const train = await openCsvWriter(join(ctx.public, 'train_labels.csv'));
  const test = await openCsvWriter(join(ctx.private, ctx.competition.grading.answers));
  const sample = await openCsvWriter(join(ctx.public, 'sample_submission.csv'));
  try {
    let [play, contactId] = [-1, -1];
    await eachRow(labels, async (row) => {
      if (play < 0) {
        [play, contactId] = [headerIndex(row, 'game_play', labels), headerIndex(row, 'contact_id', labels)];
        await train.write(row);
        await test.write(row);
        await sample.write(['contact_id', 'contact']);
      } else if (isTest.has(row[play] ?? '')) {
        await test.write(row);
        await sample.write([row[contactId] ?? '', '0']);
      } else {
        await train.write(row);
      }
    });
  } finally {
    await Promise.all([train.close(), test.close(), sample.close()]);
  }

  for (const name of FOLLOWING) {
    const source = await rawFile(ctx, `train_${name}.csv`);
    await filterCsvRows(source, join(ctx.public, `train_${name}.csv`), 'game_play', (v) => isTrain.has(v));
    await filterCsvRows(source, join(ctx.public, `test_${name}.csv`), 'game_play', (v) => isTest.has(v));
  }
  for (const view of VIEWS) {
    for (const [side, sidePlays] of [
      ['train', split.train],
      ['test', split.test],
    ] as const) {
      for (const p of sidePlays) {
        const video = `${p}_${view}.mp4`;
        await copyInto(join(ctx.raw, 'train', video), join(ctx.public, side, video), id);
      }
    }
  }
}
