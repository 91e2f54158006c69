/**
 * smartphone-decimeter-2022: custom because the split is over drive dates, not rows: each drive is a
 * folder `train/<date>-<place>/<phone>/` and the answers are the test phones' ground_truth.csv files.
 *
 * As MLE-bench: the drive folders' dates (`YYYY-MM-DD` from the name's first three `-` parts, month and
 * day zero-padded) are sorted and split with train_test_split(test_size=0.1, random_state=0); every
 * drive of a train date is copied to `train/`, of a test date to `test/`, with `metadata/` as is.
 * Private test.csv concatenates the test phones' ground truth (drives, then phones, in sorted order)
 * as tripId (`<drive>-<phone>`), UnixTimeMillis, LatitudeDegrees, LongitudeDegrees; the sample
 * submission gives every row MLE-bench's constant position. Unlike MLE-bench, which leaves
 * `supplemental/span_log.nmea` (the reference receiver's positions, openai/mle-bench#93) in the public
 * test drives, Podium drops it there with ground_truth.csv. Kaggle's own test drives are not used.
 */
import { join } from 'node:path';
import { columnIndex, writeCsvTable, type CsvTable } from '../csv-table.js';
import { copyTree } from '../copy-tree.js';
import { listFolderNames } from '../prepare-context.js';
import { PrepareError } from '../prepare-error.js';
import { splitList } from '../list-split.js';
import { type PrepareContext, readRawCsv } from '../prepare-context.js';

const ANSWER_FILES = new Set(['ground_truth.csv', 'span_log.nmea']);
const SAMPLE_POSITION = ['37.904611315634504', '-86.48107806249548'];
const ANSWER_COLUMNS = ['UnixTimeMillis', 'LatitudeDegrees', 'LongitudeDegrees'];

/** `2020-5-15-US-MTV-1` → `2020-05-15`; a name without a numeric date is a PrepareError. */
export function driveDate(drive: string): string {
  const [year = '', month = '', day = ''] = drive.split('-');
  if (![year, month, day].every((part) => /^\d+$/.test(part))) {
    throw new PrepareError(`drive folder '${drive}' does not start with a YYYY-MM-DD date`);
  }
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export async function prepareSmartphoneDecimeter(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const drives = await listFolderNames(join(ctx.raw, 'train'), id);
  const dates = [...new Set(drives.map(driveDate))].sort();
  if (dates.length < 2) throw new PrepareError(`${join(ctx.raw, 'train')}: fewer than 2 drive dates to split`);
  const testDates = new Set(splitList(dates, { testSize: 0.1, randomState: 0 }).test);

  const answers: CsvTable = { header: ['tripId', ...ANSWER_COLUMNS], rows: [] };
  for (const drive of drives) {
    const source = join(ctx.raw, 'train', drive);
    if (!testDates.has(driveDate(drive))) {
      await copyTree(source, join(ctx.public, 'train', drive), id);
      continue;
    }
    const isAnswer = (file: string) => ANSWER_FILES.has(file.split('/').at(-1) ?? '');
    await copyTree(source, join(ctx.public, 'test', drive), id, isAnswer);
    for (const phone of await listFolderNames(source, id)) {
      const truthFile = join(source, phone, 'ground_truth.csv');
      const truth = await readRawCsv(truthFile, id);
      const columns = ANSWER_COLUMNS.map((c) => columnIndex(truth, c, truthFile));
      for (const row of truth.rows) answers.rows.push([`${drive}-${phone}`, ...columns.map((c) => row[c] ?? '')]);
    }
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), answers);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: answers.header,
    rows: answers.rows.map(([trip = '', time = '']) => [trip, time, ...SAMPLE_POSITION]),
  });
  await copyTree(join(ctx.raw, 'metadata'), join(ctx.public, 'metadata'), id);
}
