/**
 * multi-modal-gesture-recognition: custom because the split is fixed, not drawn: Kaggle's fourth
 * training archive becomes the test set, whose sample ids are the names of the zips inside it.
 *
 * As MLE-bench: the test ids are the last four characters of the `SampleNNNNN.zip` names at the top of
 * training4.tar.gz, sorted; training.csv (ids read as text) loses those rows, which become private
 * test.csv (file order); public test.csv lists the ids; randomPredictions.csv (the sample submission)
 * gives each id a random order of the gestures 1..20 drawn as `random.seed(0)` then one
 * `random.sample(range(1, 21), 20)` per id. The other archives (training1-3, validation1-3,
 * devel01-40.7z, valid_all_files_combined.7z, sample_code_mmrgc.zip) are copied as they are.
 *
 * Better than MLE-bench, which copies training4.tar.gz as test.tar.gz with the answers inside (each
 * sample's `_data.mat` holds `Video.Labels`, the gesture sequence: openai/mle-bench#77): test.tar.gz is
 * training4.tar.gz streamed through gesture-test-archive.ts, which removes that field from every `.mat`
 * of every sample zip and keeps everything else. The archive is never unpacked to disk.
 */
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, readCsvTable, writeCsvTable } from '../csv-table.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { PythonRandom } from '../python-random.js';
import { tarGzFileNames } from '../tar-listing.js';
import { writeTestArchiveWithoutLabels } from './gesture-test-archive.js';

/** Raw files copied to public as they are (the fixture writes them too). */
export const COPIED_AS_IS = [
  'training1.tar.gz',
  'training2.tar.gz',
  'training3.tar.gz',
  'validation1.tar.gz',
  'validation2.tar.gz',
  'validation3.tar.gz',
  'devel01-40.7z',
  'valid_all_files_combined.7z',
  'sample_code_mmrgc.zip',
];

/** The sample ids of the zips at the archive's top level: `Sample00300.zip` → `0300`, sorted. */
export function testIdsOf(names: readonly string[]): string[] {
  return names
    .map((name) => name.replace(/^(\.\/)+/, ''))
    .filter((name) => !name.includes('/') && name.endsWith('.zip'))
    .map((name) => name.slice(0, -'.zip'.length).slice(-4))
    .sort();
}

export async function prepareGestures(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const archive = join(ctx.raw, 'training4.tar.gz');
  const trainingCsv = join(ctx.raw, 'training.csv');
  for (const file of [archive, trainingCsv]) if (!(await fileExists(file))) throw new RawFileMissingError(id, file);
  const testIds = testIdsOf(await tarGzFileNames(archive));
  const table = await readCsvTable(trainingCsv);
  const idCol = columnIndex(table, 'Id', trainingCsv);
  columnIndex(table, 'Sequence', trainingCsv);
  const isTest = new Set(testIds);
  const answers = table.rows.filter((row) => isTest.has(row[idCol] ?? ''));
  if (answers.length !== testIds.length) {
    throw new CsvFormatError(
      `${trainingCsv} has ${answers.length} rows for the ${testIds.length} samples of training4`,
    );
  }
  await writeCsvTable(join(ctx.public, 'training.csv'), {
    header: table.header,
    rows: table.rows.filter((row) => !isTest.has(row[idCol] ?? '')),
  });
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), { header: table.header, rows: answers });
  await writeCsvTable(join(ctx.public, 'test.csv'), { header: ['Id'], rows: testIds.map((t) => [t]) });
  const rng = new PythonRandom(0);
  const gestures = Array.from({ length: 20 }, (_, g) => g + 1);
  await writeCsvTable(join(ctx.public, 'randomPredictions.csv'), {
    header: ['Id', 'Sequence'],
    rows: testIds.map((t) => [t, rng.sample(gestures, 20).join(' ')]),
  });

  await writeTestArchiveWithoutLabels(archive, join(ctx.public, 'test.tar.gz'));
  for (const file of COPIED_AS_IS) await copyInto(join(ctx.raw, file), join(ctx.public, file), id);
}
