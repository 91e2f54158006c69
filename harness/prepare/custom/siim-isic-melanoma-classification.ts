/**
 * siim-isic-melanoma-classification: custom because the test set is not a random split: it is the
 * images of two of Kaggle's 16 training TFRecord files, whose ids are only inside the records.
 *
 * As MLE-bench: the `image_name`s of `tfrecords/train00-2071.tfrec` and `train06-2071.tfrec` are the
 * test set; train.csv's rows keep their order on either side; public `train.csv` keeps every column,
 * `test.csv` only image_name, patient_id, sex, age_approx and anatom_site_general_challenge; private
 * `test.csv` is image_name,target; the sample submission gives 0. Each row's DICOM (`train/<name>.dcm`)
 * and JPEG (`jpeg/train/<name>.jpg`) go to `train/`, `jpeg/train/` or `test/`, `jpeg/test/`; the training
 * TFRecords are renumbered per side in name order (`train00-2071.tfrec` → `test00-2071.tfrec`, …).
 * Kaggle's own test images and test TFRecords are not used.
 * Unlike MLE-bench, the test TFRecords lose their label features (LABEL_FEATURES): MLE-bench copies
 * the training records whole, so its public test records carry every answer.
 */
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, selectColumns, writeCsvTable } from '../csv-table.js';
import { copyInto, listFileNames, RawFileMissingError, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { copyTfRecordsWithoutFeatures, tfRecordIds } from '../tfrecord.js';

const TEST_TFRECORDS = ['train00-2071.tfrec', 'train06-2071.tfrec'];
/** What Kaggle's training records say about the diagnosis: any of them gives the answer away. */
const LABEL_FEATURES = ['target', 'diagnosis', 'benign_malignant'];
const PUBLIC_TEST_COLUMNS = ['image_name', 'patient_id', 'sex', 'age_approx', 'anatom_site_general_challenge'];

export async function prepareSiimIsic(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const name = columnIndex(table, 'image_name', trainCsv);
  columnIndex(table, 'target', trainCsv);

  const testIds = new Set<string>();
  for (const file of TEST_TFRECORDS) {
    const path = join(ctx.raw, 'tfrecords', file);
    if (!(await fileExists(path))) throw new RawFileMissingError(id, path);
    for (const imageName of await tfRecordIds(path, 'image_name')) testIds.add(imageName);
  }
  const isTest = (row: readonly string[]) => testIds.has(row[name] ?? '');
  const train = { header: table.header, rows: table.rows.filter((row) => !isTest(row)) };
  const test = { header: table.header, rows: table.rows.filter(isTest) };
  if (test.rows.length === 0) {
    throw new CsvFormatError(`${trainCsv}: no image_name of ${TEST_TFRECORDS.join(' or ')} is in train.csv`);
  }

  await writeCsvTable(join(ctx.public, 'train.csv'), train);
  await writeCsvTable(join(ctx.public, 'test.csv'), selectColumns(test, PUBLIC_TEST_COLUMNS, trainCsv));
  const answers = selectColumns(test, ['image_name', 'target'], trainCsv);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), answers);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: answers.header,
    rows: answers.rows.map(([imageName = '']) => [imageName, '0']),
  });

  for (const [side, rows] of [
    ['train', train.rows],
    ['test', test.rows],
  ] as const) {
    for (const row of rows) {
      const image = row[name] ?? '';
      await copyInto(join(ctx.raw, 'train', `${image}.dcm`), join(ctx.public, side, `${image}.dcm`), id);
      await copyInto(
        join(ctx.raw, 'jpeg', 'train', `${image}.jpg`),
        join(ctx.public, 'jpeg', side, `${image}.jpg`),
        id,
      );
    }
  }
  const counters = { train: 0, test: 0 };
  const tfrecords = await listFileNames(join(ctx.raw, 'tfrecords'), id);
  for (const file of tfrecords.filter((f) => f.startsWith('train') && f.endsWith('.tfrec'))) {
    const side = TEST_TFRECORDS.includes(file) ? 'test' : 'train';
    // the record count after the dash stays: train03-2071.tfrec → train02-2071.tfrec
    const count = file.slice(0, -'.tfrec'.length).split('-')[1] ?? '';
    const renamed = `${side}${String(counters[side]++).padStart(2, '0')}-${count}.tfrec`;
    const [source, target] = [join(ctx.raw, 'tfrecords', file), join(ctx.public, 'tfrecords', renamed)];
    if (side === 'test') await copyTfRecordsWithoutFeatures(source, target, LABEL_FEATURES);
    else await copyInto(source, target, id);
  }
}
