/**
 * ml2021spring-hw2: custom because the data is NumPy arrays (`.npy`), not CSV: frames of 429 features
 * and their phoneme labels, split by row.
 *
 * As MLE-bench: `train_test_split(range(len(train_11)), test_size=len(test_11)/(len(train_11) +
 * len(test_11)), random_state=0)`; public `timit_11/timit_11/{train_11,train_label_11,test_11}.npy` hold
 * the chosen rows in split order (same dtype; the rows' bytes are copied, never decoded); private
 * `answers.csv` is `Id` (0.. in test order) and `ClassId` (the test label); `sampleSubmission.csv` gives
 * every Id the class 0. Kaggle's own test_11.npy is only read for its length.
 */
import { join } from 'node:path';
import { writeCsvTable } from '../csv-table.js';
import { NpyFormatError, NpyReader, npyElementsAsText } from '../npy.js';
import { RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const DIR = ['timit_11', 'timit_11'];

async function openNpy(ctx: PrepareContext, name: string): Promise<NpyReader> {
  const file = join(ctx.raw, ...DIR, name);
  try {
    return await NpyReader.open(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawFileMissingError(ctx.competition.id, file);
    throw error;
  }
}

export async function prepareMl2021SpringHw2(ctx: PrepareContext): Promise<void> {
  // every reader opened is closed, also when a later one is missing
  const opened: NpyReader[] = [];
  const openOne = async (name: string): Promise<NpyReader> => {
    const reader = await openNpy(ctx, name);
    opened.push(reader);
    return reader;
  };
  try {
    const features = await openOne('train_11.npy');
    const labels = await openOne('train_label_11.npy');
    const kaggleTest = await openOne('test_11.npy');
    if (labels.rows !== features.rows) {
      throw new NpyFormatError(`${labels.file}: ${labels.rows} labels for the ${features.rows} frames of train_11.npy`);
    }
    const split = trainTestSplitIndices(features.rows, {
      testSize: kaggleTest.rows / (features.rows + kaggleTest.rows),
      randomState: 0,
    });
    const pub = (name: string) => join(ctx.public, ...DIR, name);
    await features.writeRows(split.train, pub('train_11.npy'));
    await labels.writeRows(split.train, pub('train_label_11.npy'));
    await features.writeRows(split.test, pub('test_11.npy'));
    const testLabels = npyElementsAsText(labels.header, await labels.readRows(split.test), labels.file);
    await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
      header: ['Id', 'ClassId'],
      rows: testLabels.map((label, k) => [String(k), label]),
    });
    await writeCsvTable(join(ctx.public, 'sampleSubmission.csv'), {
      header: ['Id', 'ClassId'],
      rows: testLabels.map((_, k) => [String(k), '0']),
    });
  } finally {
    await Promise.all(opened.map((reader) => reader.close()));
  }
}
