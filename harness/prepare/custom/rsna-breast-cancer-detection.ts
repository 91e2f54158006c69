/**
 * rsna-breast-cancer-detection: custom because the split is over patients and the answers are one row
 * per breast (`<patient_id>_<laterality>`), merged from the rows of its images.
 *
 * As MLE-bench: train.csv's patients (in order of first appearance) are split with
 * train_test_split(test_size=0.1, random_state=42); public train.csv keeps the train patients' rows
 * (file order, every column); public test.csv has the test rows' site_id, patient_id, image_id,
 * laterality, view, age, implant, machine_id and prediction_id. Private answers.csv has one row per
 * prediction_id (sorted), with the cancer label of its first image; the sample submission gives every
 * breast the train set's mean cancer rate (as Python prints the float). Each image
 * `train_images/<patient_id>/<image_id>.dcm` goes to `train_images/` or `test_images/`. Kaggle's own
 * test images are not used.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, selectColumns, writeCsvTable } from '../csv-table.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { pythonFloat } from '../python-float.js';
import { splitByGroup } from '../split-strategies.js';

const PUBLIC_TEST_COLUMNS = ['site_id', 'patient_id', 'image_id', 'laterality', 'view', 'age', 'implant', 'machine_id'];

export async function prepareBreastCancer(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const [patient, image, laterality, cancer] = ['patient_id', 'image_id', 'laterality', 'cancer'].map((c) =>
    columnIndex(table, c, trainCsv),
  ) as [number, number, number, number];
  const split = splitByGroup(
    table.rows.map((row) => row[patient] ?? ''),
    { testSize: 0.1, randomState: 42 },
  );
  const train = { header: table.header, rows: split.train.map((i) => table.rows[i] ?? []) };
  const test = { header: table.header, rows: split.test.map((i) => table.rows[i] ?? []) };
  await writeCsvTable(join(ctx.public, 'train.csv'), train);

  const predictionId = (row: readonly string[]) => `${row[patient]}_${row[laterality]}`;
  const publicTest = selectColumns(test, PUBLIC_TEST_COLUMNS, trainCsv);
  await writeCsvTable(join(ctx.public, 'test.csv'), {
    header: [...PUBLIC_TEST_COLUMNS, 'prediction_id'],
    rows: publicTest.rows.map((row, k) => [...row, predictionId(test.rows[k] ?? [])]),
  });

  // pandas' groupby(prediction_id).first(): sorted ids, the first non-empty label of each
  const labels = new Map<string, string>();
  for (const row of test.rows) {
    const key = predictionId(row);
    if (!labels.get(key)) labels.set(key, row[cancer] ?? '');
  }
  const answers = [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['prediction_id', 'cancer'],
    rows: answers.map(([key, label]) => [key, label]),
  });
  const trainLabels = train.rows.map((row) => Number(row[cancer]));
  if (trainLabels.some((v) => v !== 0 && v !== 1)) throw new CsvFormatError(`${trainCsv}: cancer must be 0 or 1`);
  const rate = pythonFloat(trainLabels.reduce((sum, v) => sum + v, 0) / trainLabels.length);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['prediction_id', 'cancer'],
    rows: answers.map(([key]) => [key, rate]),
  });

  for (const [dir, rows] of [
    ['train_images', train.rows],
    ['test_images', test.rows],
  ] as const) {
    for (const row of rows) {
      const [p, i] = [row[patient] ?? '', row[image] ?? ''];
      await copyInto(join(ctx.raw, 'train_images', p, `${i}.dcm`), join(ctx.public, dir, p, `${i}.dcm`), id);
    }
  }
}
