/**
 * jigsaw-toxic-comment-classification-challenge: custom because nothing is split — Kaggle published
 * the test labels (`test_labels.csv`, with -1 for rows it never scored), which become the private
 * answers; the sample submission is Kaggle's with every class set to 0.5.
 */
import { join } from 'node:path';
import { columnIndex, writeCsvTable } from '../csv-table.js';
import { type PrepareContext, readRawCsv } from '../prepare-context.js';

async function read(ctx: PrepareContext, name: string) {
  const file = join(ctx.raw, name);
  return readRawCsv(file, ctx.competition.id);
}

export async function prepareJigsawToxic(ctx: PrepareContext): Promise<void> {
  await writeCsvTable(join(ctx.public, 'train.csv'), await read(ctx, 'train.csv'));
  await writeCsvTable(join(ctx.public, 'test.csv'), await read(ctx, 'test.csv'));
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), await read(ctx, 'test_labels.csv'));
  const sample = await read(ctx, 'sample_submission.csv');
  const classes = ctx.competition.grading.target_columns.map((c) => columnIndex(sample, c, 'sample_submission.csv'));
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: sample.header,
    rows: sample.rows.map((row) => row.map((value, i) => (classes.includes(i) ? '0.5' : value))),
  });
}
