/**
 * bms-molecular-translation: custom because each image lies in a folder nested by the first three
 * characters of its id (`train/a/b/c/abc123.png`), which prepare.yaml's path templates cannot say.
 *
 * As MLE-bench: `train_test_split(train_labels.csv, test_size=0.2, random_state=0)`, rows in split order;
 * public `train_labels.csv` (image_id, InChI), private `test.csv` (the same columns), the sample submission
 * gives every test image `InChI=1S/H2O/h1H2`; each image goes to the same nested path under `train/` or
 * `test/`; `extra_approved_InChIs.csv` is copied. Kaggle's own test images are not used.
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { applySplit, splitTableRows } from '../split-strategies.js';

/** `abc123` → `a/b/c/abc123.png`, as Kaggle nests the images. */
export function nestedImagePath(imageId: string): string[] {
  return [imageId.charAt(0), imageId.charAt(1), imageId.charAt(2), `${imageId}.png`];
}

export async function prepareBmsMolecularTranslation(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const source = join(ctx.raw, 'train_labels.csv');
  const table = await readRawCsv(source, id);
  const imageCol = columnIndex(table, 'image_id', source);
  columnIndex(table, 'InChI', source);
  if (table.rows.some((row) => (row[imageCol] ?? '').length < 3)) {
    throw new CsvFormatError(`${source}: every image_id must have at least 3 characters (its folder path)`);
  }
  const split = applySplit(table, splitTableRows(table.rows.length, { testSize: 0.2, randomState: 0 }));
  await writeCsvTable(join(ctx.public, 'train_labels.csv'), split.train);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), split.test);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['image_id', 'InChI'],
    rows: split.test.rows.map((row) => [row[imageCol] ?? '', 'InChI=1S/H2O/h1H2']),
  });
  for (const side of ['train', 'test'] as const) {
    for (const row of split[side].rows) {
      const path = nestedImagePath(row[imageCol] ?? '');
      await copyInto(join(ctx.raw, 'train', ...path), join(ctx.public, side, ...path), id);
    }
  }
  await copyInto(join(ctx.raw, 'extra_approved_InChIs.csv'), join(ctx.public, 'extra_approved_InChIs.csv'), id);
}
