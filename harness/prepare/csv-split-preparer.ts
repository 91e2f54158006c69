/**
 * The parameter-only preparation: one labelled raw CSV split into a public train CSV, a public test
 * CSV without the answers, private answers and a generated sample submission, with the files that
 * belong to each row (images, audio, geometry) copied to the side its row landed on.
 */
import { join } from 'node:path';
import { fileExists } from '../file-exists.js';
import type { CompetitionConfig } from '../registry/competition-config.js';
import {
  columnIndex,
  CsvFormatError,
  dropColumns,
  readCsvTable,
  selectColumns,
  writeCsvTable,
  type CsvTable,
} from './csv-table.js';
import { copyTree } from './copy-tree.js';
import { copyInto, listFileNames, rawPath, RawFileMissingError, type PrepareContext } from './prepare-context.js';
import type { CsvSplitSpec } from './prepare-spec.js';
import { linspace01, pythonFloat } from './python-float.js';
import { NumpyGenerator } from './numpy-generator.js';
import { RandomState } from './random-state.js';
import { applySplit, renumberIds, splitTableRows, type RowSplit, type TableSplit } from './split-strategies.js';

/** The name of the public sample submission: the spec's, else config.yaml's (which must be under public/). */
export function publicSampleSubmission(competition: CompetitionConfig, override: string | undefined): string {
  if (override !== undefined) return override;
  const path = competition.sample_submission;
  if (!path.startsWith('public/')) {
    // Some MLE-bench competitions keep the sample submission only in private/: copying it to agents leaks the split.
    throw new Error(
      `${competition.id}: the sample submission must live under public/, config.yaml says '${path}'; name the public one in prepare.yaml (sample_submission)`,
    );
  }
  return path.slice('public/'.length);
}

export async function testSize(ctx: PrepareContext, spec: CsvSplitSpec, rows: number): Promise<number> {
  switch (spec.strategy) {
    case 'split-csv-by-fraction':
      return spec.test_fraction;
    case 'split-csv-by-count':
      return spec.test_count;
    case 'split-csv-by-test-files': {
      const files = (await listFileNames(rawPath(ctx, spec.test_files_dir), ctx.competition.id)).length;
      // the same float division Python does: n_test / (n_train + n_test)
      return files / (rows + files);
    }
  }
}

/** MLE-bench's df_to_one_hot: the id, then 1 in the column named by the label and 0 elsewhere. */
export function oneHot(table: CsvTable, idColumn: string, labelColumn: string, classes: readonly string[]): CsvTable {
  const id = columnIndex(table, idColumn, 'the test split');
  const label = columnIndex(table, labelColumn, 'the test split');
  return {
    header: [idColumn, ...classes],
    rows: table.rows.map((row) => {
      const value = row[label] ?? '';
      if (!classes.includes(value)) {
        throw new CsvFormatError(
          `label '${value}' of ${idColumn} ${row[id]} is not one of the ${classes.length} classes`,
        );
      }
      return [row[id] ?? '', ...classes.map((c) => (c === value ? '1' : '0'))];
    }),
  };
}

/** The constant of each submission column (a drawn column gets a placeholder, replaced after). */
export function sampleValues(spec: CsvSplitSpec, columns: readonly string[]): string[] {
  const drawn = spec.sample_random_integers !== undefined || spec.sample_uniform !== undefined || spec.sample_linspace;
  return columns.map((c) => {
    const value = spec.sample_values[c] ?? spec.sample_default ?? (drawn ? '' : undefined);
    // loadPrepareSpec checks this against config.yaml; reaching it means the spec was loaded without that check
    if (value === undefined) throw new Error(`prepare.yaml gives no sample value for the submission column '${c}'`);
    return value;
  });
}

/** NumPy's `np.round(x, decimals)`: scale, round half to even (`rint`), scale back. */
export function numpyRound(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  const y = x * scale;
  const floor = Math.floor(y);
  const diff = y - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return rounded / scale;
}

/** The sample's one drawn answers column as CSV text, or undefined when the spec draws none. */
export function drawnSampleColumn(spec: CsvSplitSpec, n: number): string[] | undefined {
  const integers = spec.sample_random_integers;
  if (integers !== undefined) {
    return new RandomState(integers.random_state).randint(integers.low, integers.high, n).map(String);
  }
  const uniform = spec.sample_uniform;
  if (uniform === undefined) return undefined;
  const rng = new NumpyGenerator(uniform.random_state);
  // Generator.uniform: low + (high - low) · random()
  return Array.from({ length: n }, () =>
    pythonFloat(numpyRound(uniform.low + (uniform.high - uniform.low) * rng.random(), uniform.decimals)),
  );
}

/** The table without the rows whose value in a named column is one of the listed values. */
export function dropRows(table: CsvTable, drop: Record<string, readonly string[]>, file: string): CsvTable {
  const tests = Object.entries(drop).map(([column, values]) => {
    const index = columnIndex(table, column, file);
    const set = new Set(values);
    return (row: readonly string[]) => set.has(row[index] ?? '');
  });
  if (tests.length === 0) return table;
  return { header: table.header, rows: table.rows.filter((row) => !tests.some((test) => test(row))) };
}

/** MLE-bench's google-quest fix-up: a constant test column gets one non-zero row from train. */
export function swapForVariety(table: CsvTable, rows: RowSplit, column: number): void {
  const value = (i: number) => Number(table.rows[i]?.[column]);
  if (new Set(rows.test.map(value)).size > 1) return;
  const k = rows.train.findIndex((i) => value(i) !== 0);
  const first = rows.test[0];
  const other = rows.train[k];
  if (k < 0 || first === undefined || other === undefined) return;
  rows.test[0] = other;
  rows.train[k] = first;
}

function renameColumns(table: CsvTable, renames: Record<string, string>): CsvTable {
  return { header: table.header.map((name) => renames[name] ?? name), rows: table.rows };
}

const COLUMN_PLACEHOLDER = /\{column:([^}]+)\}/g;

/** A row's value of a named column, for `{column:<name>}` in a file template. */
export type ColumnLookup = (name: string) => string;

/** The row lookup of `header`/`row`: a missing column is a CsvFormatError naming `source`. */
export function rowColumns(header: readonly string[], row: readonly string[], source: string): ColumnLookup {
  return (name) => row[columnIndex({ header: [...header], rows: [] }, name, source)] ?? '';
}

const noColumns: ColumnLookup = (name) => {
  throw new Error(`a file template names {column:${name}} but no row was given`);
};

export function fillTemplate(template: string, id: string, newId: string, column: ColumnLookup = noColumns): string {
  return template
    .replaceAll('{id}', id)
    .replaceAll('{new_id}', newId)
    .replace(COLUMN_PLACEHOLDER, (_, name: string) => {
      const value = column(name);
      // a value becomes one path segment: never a separator or a step out of the folder
      if (value === '' || value === '.' || value === '..' || /[\\/]/.test(value)) {
        throw new CsvFormatError(`column '${name}' holds '${value}', which cannot name a folder`);
      }
      return value;
    });
}

export async function prepareCsvSplit(ctx: PrepareContext, spec: CsvSplitSpec): Promise<void> {
  const sourceFile = rawPath(ctx, spec.source);
  if (!(await fileExists(sourceFile))) throw new RawFileMissingError(ctx.competition.id, sourceFile);
  const table = dropRows(await readCsvTable(sourceFile), spec.drop_rows ?? {}, sourceFile);
  const idIndex = columnIndex(table, spec.id_column, sourceFile);
  for (const column of spec.answer_columns) columnIndex(table, column, sourceFile);
  const rows = splitTableRows(table.rows.length, {
    testSize: await testSize(ctx, spec, table.rows.length),
    randomState: spec.random_state,
    rowOrder: spec.row_order,
  });
  if (spec.swap_for_variety !== undefined) {
    swapForVariety(table, rows, columnIndex(table, spec.swap_for_variety, sourceFile));
  }
  const original: TableSplit = applySplit(table, rows);
  const split = renumberIds(original, idIndex, spec.renumber_ids);

  await writeCsvTable(join(ctx.public, spec.public_train), split.train);
  if (spec.public_test !== null) {
    const hidden = [...spec.answer_columns, ...spec.drop_from_public_test];
    await writeCsvTable(join(ctx.public, spec.public_test), dropColumns(split.test, hidden, sourceFile));
  }
  const classes = ctx.competition.grading.target_columns;
  const answers =
    spec.one_hot !== undefined
      ? oneHot(split.test, spec.id_column, spec.one_hot.label_column, classes)
      : renameColumns(
          spec.private_columns !== undefined ? selectColumns(split.test, spec.private_columns, sourceFile) : split.test,
          spec.private_rename,
        );
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), answers);
  // the sample submission has the submission's columns, as config.yaml's target_columns names them
  const sampled = ctx.competition.grading.target_columns;
  const gold = selectColumns(answers, [spec.id_column, ...sampled], 'the private answers');
  if (spec.gold_submission !== undefined) await writeCsvTable(join(ctx.private, spec.gold_submission), gold);
  const constants = sampleValues(spec, sampled);
  const sample: CsvTable = {
    header: [spec.id_column, ...sampled],
    rows: split.test.rows.map((row) => [row[idIndex] ?? '', ...constants]),
  };
  if (spec.sample_linspace) {
    const ramp = linspace01(sample.rows.length).map(pythonFloat);
    sample.rows.forEach((row, k) => row.fill(ramp[k] ?? '', 1));
  }
  const draws = drawnSampleColumn(spec, sample.rows.length);
  if (draws !== undefined) sample.rows.forEach((row, k) => (row[1] = draws[k] ?? ''));
  await writeCsvTable(join(ctx.public, publicSampleSubmission(ctx.competition, spec.sample_submission)), sample);

  for (const side of ['train', 'test'] as const) {
    const oldRows = original[side].rows;
    const newRows = split[side].rows;
    for (const files of spec.files) {
      for (let k = 0; k < oldRows.length; k++) {
        const id = oldRows[k]?.[idIndex] ?? '';
        const newId = newRows[k]?.[idIndex] ?? '';
        const column = rowColumns(table.header, oldRows[k] ?? [], sourceFile);
        await copyInto(
          rawPath(ctx, fillTemplate(files.source, id, newId, column)),
          join(ctx.public, ...fillTemplate(files[side], id, newId, column).split('/')),
          ctx.competition.id,
        );
      }
    }
    for (const folders of spec.folders ?? []) {
      for (let k = 0; k < oldRows.length; k++) {
        const id = oldRows[k]?.[idIndex] ?? '';
        const newId = newRows[k]?.[idIndex] ?? '';
        await copyTree(
          rawPath(ctx, fillTemplate(folders.source, id, newId)),
          join(ctx.public, ...fillTemplate(folders[side], id, newId).split('/')),
          ctx.competition.id,
        );
      }
    }
  }
  for (const filter of spec.filter_by_train_ids) {
    const file = rawPath(ctx, filter.file);
    if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
    const other = await readCsvTable(file);
    const column = columnIndex(other, filter.column, filter.file);
    const trainIds = new Set(original.train.rows.map((row) => row[idIndex]));
    const kept = { header: other.header, rows: other.rows.filter((row) => trainIds.has(row[column])) };
    await writeCsvTable(join(ctx.public, filter.to ?? filter.file), kept);
  }
}
