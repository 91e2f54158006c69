/**
 * rsna-2022-cervical-spine-fracture-detection: custom because the new train set is drawn with Python's
 * `random.Random(0).sample` so that it keeps the share of studies with bounding boxes, segmentations
 * and both, and the answers are train.csv's label columns melted into rows.
 *
 * As MLE-bench (TRAIN_RATIO = 0.1: the new *train* set is 10% of Kaggle's training studies and the
 * other 90% are the test set): with one Random(0), sample round(10%) of the studies having both boxes
 * and a segmentation, then of those having only a segmentation, then only boxes (each list sorted), then
 * fill up to round(10%) of train.csv from its other studies in file order. Public train.csv and
 * train_bounding_boxes.csv keep the rows of the chosen studies (file order); segmentations/<id>.nii
 * follows the chosen segmentation studies; train_images/<id>/ and test_images/<id>/ follow their
 * study. Private answers.csv is the test studies melted (all patient_overall rows, then C1, …, C7, each
 * in file order): StudyInstanceUID, prediction_type, fractured, row_id = `<study>_<label>`; public
 * test.csv drops fractured; the sample gives 0.5. Kaggle's own test images are not used.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyTree } from '../copy-tree.js';
import { copyInto, listFileNames, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { PythonRandom } from '../python-random.js';
import { pythonRound } from './mlsp-2013-birds.js';

const TRAIN_RATIO = 0.1;
const LABELS = ['patient_overall', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];

export interface CervicalTrainPick {
  train: string[];
  boxes: string[];
  segmentations: string[];
}

/** MLE-bench's draw of the new train studies, in its order (overlap, segmentation-only, box-only, rest). */
export function pickTrainStudies(
  studies: readonly string[],
  boxIds: readonly string[],
  segIds: readonly string[],
): CervicalTrainPick {
  const rng = new PythonRandom(0);
  const segSet = new Set(segIds);
  const overlap = boxIds.filter((id) => segSet.has(id));
  const inOverlap = new Set(overlap);
  const newOverlap = rng.sample(overlap, pythonRound(overlap.length * TRAIN_RATIO));
  const extraSegs = rng.sample(
    segIds.filter((id) => !inOverlap.has(id)),
    pythonRound(segIds.length * TRAIN_RATIO) - newOverlap.length,
  );
  const extraBoxes = rng.sample(
    boxIds.filter((id) => !inOverlap.has(id)),
    pythonRound(boxIds.length * TRAIN_RATIO) - newOverlap.length,
  );
  const train = [...newOverlap, ...extraSegs, ...extraBoxes];
  const chosen = new Set(train);
  const rest = rng.sample(
    studies.filter((id) => !chosen.has(id)),
    pythonRound(studies.length * TRAIN_RATIO) - train.length,
  );
  return {
    train: [...train, ...rest],
    boxes: [...newOverlap, ...extraBoxes],
    segmentations: [...newOverlap, ...extraSegs],
  };
}

export async function prepareCervicalSpine(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const table = await readRawCsv(join(ctx.raw, 'train.csv'), ctx.competition.id);
  const study = columnIndex(table, 'StudyInstanceUID', 'train.csv');
  const labels = LABELS.map((label) => columnIndex(table, label, 'train.csv'));
  const boxes = await readRawCsv(join(ctx.raw, 'train_bounding_boxes.csv'), ctx.competition.id);
  const boxStudy = columnIndex(boxes, 'StudyInstanceUID', 'train_bounding_boxes.csv');
  const boxIds = [...new Set(boxes.rows.map((row) => row[boxStudy] ?? ''))].sort();
  const segIds = (await listFileNames(join(ctx.raw, 'segmentations'), id))
    .filter((name) => name.endsWith('.nii'))
    .map((name) => name.slice(0, -'.nii'.length))
    .sort();
  const studies = table.rows.map((row) => row[study] ?? '');
  if (new Set(studies).size !== studies.length) throw new CsvFormatError('train.csv lists a StudyInstanceUID twice');
  const pick = pickTrainStudies(studies, boxIds, segIds);

  const isTrain = new Set(pick.train);
  const train = table.rows.filter((row) => isTrain.has(row[study] ?? ''));
  const test = table.rows.filter((row) => !isTrain.has(row[study] ?? ''));
  await writeCsvTable(join(ctx.public, 'train.csv'), { header: table.header, rows: train });
  const boxSet = new Set(pick.boxes);
  await writeCsvTable(join(ctx.public, 'train_bounding_boxes.csv'), {
    header: boxes.header,
    rows: boxes.rows.filter((row) => boxSet.has(row[boxStudy] ?? '')),
  });

  // pandas' melt: one block of rows per label, each in file order
  const melted = LABELS.flatMap((label, l) =>
    test.map((row) => {
      const uid = row[study] ?? '';
      return [uid, label, row[labels[l]!] ?? '', `${uid}_${label}`];
    }),
  );
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['StudyInstanceUID', 'prediction_type', 'fractured', 'row_id'],
    rows: melted,
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['row_id', 'fractured'],
    rows: melted.map((row) => [row[3] ?? '', '0.5']),
  });
  await writeCsvTable(join(ctx.public, 'test.csv'), {
    header: ['StudyInstanceUID', 'prediction_type', 'row_id'],
    rows: melted.map(([uid = '', label = '', , rowId = '']) => [uid, label, rowId]),
  });

  for (const seg of pick.segmentations) {
    await copyInto(join(ctx.raw, 'segmentations', `${seg}.nii`), join(ctx.public, 'segmentations', `${seg}.nii`), id);
  }
  for (const [dir, rows] of [
    ['train_images', train],
    ['test_images', test],
  ] as const) {
    for (const row of rows) {
      const uid = row[study] ?? '';
      await copyTree(join(ctx.raw, 'train_images', uid), join(ctx.public, dir, uid), id);
    }
  }
}
