/**
 * siim-covid19-detection: custom because the split is by study and the answers mix two tables: one
 * row per test study (its one-hot class turned into a label) and one per image of those studies.
 *
 * As MLE-bench: `train_test_split(train_study_level.csv, test_size=0.1, random_state=0)`, each side
 * sorted by id; `train_image_level.csv` rows follow their study (`StudyInstanceUID` + `_study`), sorted
 * by id; public gets the train sides of both CSVs and each study's folder `train/<study>/` (series and
 * DICOM images, copied unchanged) under `train/` or `test/`. Private `test.csv` is id,PredictionString:
 * the test studies first, `<label> 1 0 0 1 1` with the label of the first 1 of the four class columns
 * (numpy's argmax: `negative` when none), then the test images with their `label` column. The sample
 * submission says `negative 1 0 0 1 1` for studies and `none 1 0 0 1 1` for images.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, sortedByColumn, writeCsvTable, type CsvTable } from '../csv-table.js';
import { RawFileMissingError, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { applySplit, splitTableRows } from '../split-strategies.js';

/** The four study classes, in train_study_level.csv's column order, and their submission labels. */
const STUDY_CLASSES: [column: string, label: string][] = [
  ['Negative for Pneumonia', 'negative'],
  ['Typical Appearance', 'typical'],
  ['Indeterminate Appearance', 'indeterminate'],
  ['Atypical Appearance', 'atypical'],
];

/** numpy's argmax over the class columns: the first largest value. */
function studyLabel(row: readonly string[], columns: readonly number[], studyId: string): string {
  const values = columns.map((c) => Number(row[c]));
  if (values.some((v) => !Number.isFinite(v))) {
    throw new CsvFormatError(`train_study_level.csv: study ${studyId} has a non-numeric class column`);
  }
  const best = values.indexOf(Math.max(...values));
  return STUDY_CLASSES[best]?.[1] ?? 'negative';
}

export async function prepareSiimCovid(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const studies = await readRawCsv(join(ctx.raw, 'train_study_level.csv'), ctx.competition.id);
  const studyId = columnIndex(studies, 'id', 'train_study_level.csv');
  const classColumns = STUDY_CLASSES.map(([column]) => columnIndex(studies, column, 'train_study_level.csv'));
  const split = applySplit(studies, splitTableRows(studies.rows.length, { testSize: 0.1, randomState: 0 }));
  const trainStudies = sortedByColumn(split.train, studyId);
  const testStudies = sortedByColumn(split.test, studyId);
  await writeCsvTable(join(ctx.public, 'train_study_level.csv'), trainStudies);

  const images = await readRawCsv(join(ctx.raw, 'train_image_level.csv'), ctx.competition.id);
  const imageId = columnIndex(images, 'id', 'train_image_level.csv');
  const imageLabel = columnIndex(images, 'label', 'train_image_level.csv');
  const imageStudy = columnIndex(images, 'StudyInstanceUID', 'train_image_level.csv');
  const idsOf = (table: CsvTable) => new Set(table.rows.map((row) => row[studyId]));
  const [trainIds, testIds] = [idsOf(trainStudies), idsOf(testStudies)];
  const imagesOf = (ids: Set<string | undefined>) =>
    sortedByColumn(
      { header: images.header, rows: images.rows.filter((row) => ids.has(`${row[imageStudy]}_study`)) },
      imageId,
    );
  const [trainImages, testImages] = [imagesOf(trainIds), imagesOf(testIds)];
  if (trainImages.rows.length + testImages.rows.length !== images.rows.length) {
    throw new CsvFormatError('train_image_level.csv has images of studies that train_study_level.csv does not list');
  }
  await writeCsvTable(join(ctx.public, 'train_image_level.csv'), trainImages);

  const studyRows = testStudies.rows.map((row) => {
    const study = row[studyId] ?? '';
    return { id: study, answer: `${studyLabel(row, classColumns, study)} 1 0 0 1 1`, sample: 'negative 1 0 0 1 1' };
  });
  const imageRows = testImages.rows.map((row) => ({
    id: row[imageId] ?? '',
    answer: row[imageLabel] ?? '',
    sample: 'none 1 0 0 1 1',
  }));
  const rows = [...studyRows, ...imageRows];
  const header = ['id', 'PredictionString'];
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header,
    rows: rows.map((r) => [r.id, r.answer]),
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), { header, rows: rows.map((r) => [r.id, r.sample]) });

  for (const [side, table] of [
    ['train', trainStudies],
    ['test', testStudies],
  ] as const) {
    for (const row of table.rows) {
      const study = (row[studyId] ?? '').replaceAll('_study', '');
      const source = join(ctx.raw, 'train', study);
      if (!(await fileExists(source))) throw new RawFileMissingError(id, source);
      await cp(source, join(ctx.public, side, study), { recursive: true });
    }
  }
}
