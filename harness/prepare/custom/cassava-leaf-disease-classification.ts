/**
 * cassava-leaf-disease-classification: custom because the split is of Kaggle's training TFRecord files,
 * not of train.csv's rows: the test set is the images of the files sklearn holds out, whose ids are only
 * inside the records.
 *
 * As MLE-bench: `train_test_split(sorted train_tfrecords/*.tfrec, test_size=0.1, random_state=0)`; the
 * `image_name`s of the test files are the test set; train.csv's rows keep their order on either side;
 * public `train.csv` and private `test.csv` are image_id,label; the sample submission gives label 4
 * (healthy). Each side's TFRecords are renamed in split order, keeping the record count
 * (`ld_train07-1338.tfrec` → `test_tfrecords/ld_test00-1338.tfrec`); each row's image goes to
 * `train_images/` or `test_images/`; prepare.yaml copies `label_num_to_disease_map.json`. Kaggle's own
 * test images and TFRecords are not used.
 *
 * Unlike MLE-bench, the public test records lose their `target` feature: MLE-bench copies them whole,
 * so its agents can read every test label there.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, listFileNames, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { copyTfRecordsWithoutFeatures, tfRecordIds } from '../tfrecord.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const SAMPLE_LABEL = '4';

/** `ld_train07-1338.tfrec` as the k-th file of `side`: `ld_<side><k, 2 digits>-1338.tfrec`. */
export function cassavaTfRecordName(original: string, side: 'train' | 'test', k: number): string {
  // MLE-bench: path.stem.split("-")[1], the record count
  const count = original.slice(0, -'.tfrec'.length).split('-')[1] ?? '';
  return `ld_${side}${String(k).padStart(2, '0')}-${count}.tfrec`;
}

export async function prepareCassava(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const imageId = columnIndex(table, 'image_id', trainCsv);
  columnIndex(table, 'label', trainCsv);

  const recordsDir = join(ctx.raw, 'train_tfrecords');
  const records = (await listFileNames(recordsDir, id)).filter((name) => name.endsWith('.tfrec'));
  if (records.length < 2) throw new CsvFormatError(`${recordsDir}: needs at least two .tfrec files to split`);
  const split = trainTestSplitIndices(records.length, { testSize: 0.1, randomState: 0 });
  const sides = {
    train: Array.from(split.train, (i) => records[i]!),
    test: Array.from(split.test, (i) => records[i]!),
  };

  const testIds = new Set<string>();
  for (const file of sides.test)
    for (const name of await tfRecordIds(join(recordsDir, file), 'image_name')) testIds.add(name);
  const isTest = (row: readonly string[]) => testIds.has(row[imageId] ?? '');
  const train = { header: table.header, rows: table.rows.filter((row) => !isTest(row)) };
  const test = { header: table.header, rows: table.rows.filter(isTest) };
  if (test.rows.length === 0)
    throw new CsvFormatError(`${trainCsv}: no image_name of ${sides.test.join(' or ')} is in it`);

  await writeCsvTable(join(ctx.public, 'train.csv'), train);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), test);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['image_id', 'label'],
    rows: test.rows.map((row) => [row[imageId] ?? '', SAMPLE_LABEL]),
  });
  for (const side of ['train', 'test'] as const) {
    for (const [k, file] of sides[side].entries()) {
      const renamed = cassavaTfRecordName(file, side, k);
      const target = join(ctx.public, `${side}_tfrecords`, renamed);
      // MLE-bench copies the test records whole, labels included: Podium drops their `target`
      if (side === 'test') await copyTfRecordsWithoutFeatures(join(recordsDir, file), target, ['target']);
      else await copyInto(join(recordsDir, file), target, id);
    }
    for (const row of side === 'train' ? train.rows : test.rows) {
      const image = row[imageId] ?? '';
      await copyInto(join(ctx.raw, 'train_images', image), join(ctx.public, `${side}_images`, image), id);
    }
  }
}
