/**
 * Reads a competition's private answers file into an id index plus typed truth columns.
 *
 * Any problem here is the harness's (or the prepared data's), never the submission's: it throws
 * AnswersError, which graders report as a harness error.
 */
import type { TableGrading } from '../../harness/registry/competition-config.js';
import { type CsvRow, StringCsvRow } from '../csv/csv-row.js';
import { type CsvLayout, inspectCsv } from '../csv/plain-csv.js';
import { forEachCsvRow } from '../csv/read-csv-records.js';
import { KeyBytes } from '../key-bytes.js';
import { type KeyIndex, KeyIndexBuilder } from '../key-index.js';
import { ANSWERS_TRANSFORMS } from './transforms/index.js';
import { displayKey, idColumnsOf, idLabelOf, keyWriter } from '../row-key.js';
import type { Column, TruthKind } from '../metric-table.js';
import { describeNonNumber, isNumericKind, truncate } from '../submission/parse-value.js';
import { BinaryColumnBuilder, FloatColumnBuilder } from './column-builders.js';

export class AnswersError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`answers file ${file}: ${detail}`, options);
    this.name = 'AnswersError';
  }
}

export interface Answers {
  /** The rows' keys in answers-file order, indexed: key → its first answers row. */
  ids: KeyIndex;
  /** With `duplicate_ids: match-in-order`: row → the next answers row with the same id, or -1. */
  nextWithSameId?: Int32Array;
  /** With `unscored_when`: 1 for rows that are scored; absent when every row is. */
  scored?: Uint8Array;
  /** Truth of the scored rows only, in answers order. */
  truth: Column[];
  /** The context columns, scored rows only, in answers order. */
  context: Record<string, string[]>;
}

const BINARY_TRUTH: Readonly<Record<string, number>> = {
  '0': 0,
  '1': 1,
  '0.0': 0,
  '1.0': 1,
  True: 1,
  False: 0,
  true: 1,
  false: 0,
};

/** Which answers columns hold the truth for `grading`. */
export function answerColumnsOf(grading: TableGrading): string[] {
  return grading.answer_columns ?? grading.target_columns;
}

/** CSV rows, or the records of the config's answers transform as rows. */
async function forEachAnswersRow(
  file: string,
  grading: TableGrading,
  onRow: (row: CsvRow, index: number) => void,
  layout: CsvLayout | undefined,
): Promise<void> {
  if (grading.answers_transform === undefined) return forEachCsvRow(file, onRow, layout);
  const transform = ANSWERS_TRANSFORMS[grading.answers_transform];
  if (transform === undefined) throw new AnswersError(file, `unknown answers transform '${grading.answers_transform}'`);
  const row = new StringCsvRow();
  let index = 0;
  for await (const record of transform(file)) {
    row.record = record;
    onRow(row, index++);
  }
}

/**
 * How truth cells are kept while reading: parsed and checked as 0/1 or as numbers, turned from a
 * one-hot row into one class index, or kept as text (labels, words, class names).
 */
type CellMode = 'binary' | 'number' | 'one-hot' | 'text';

function cellModeOf(grading: TableGrading, kind: TruthKind): CellMode {
  switch (kind) {
    case 'binary':
      return 'binary';
    case 'number':
      return 'number';
    case 'like-values':
      return isNumericKind(grading.values) ? 'number' : 'text';
    case 'class-index':
      return grading.answer_format === 'class-label' ? 'text' : 'one-hot';
  }
}

export async function readAnswers(file: string, grading: TableGrading, truthKind: TruthKind): Promise<Answers> {
  const columns = answerColumnsOf(grading);
  const unscored = grading.unscored_when;
  const contextColumns = grading.context_columns;
  const required = [
    ...idColumnsOf(grading),
    ...columns,
    ...contextColumns,
    ...(unscored === undefined ? [] : [unscored.column]),
  ];
  const mode = cellModeOf(grading, truthKind);
  const layout =
    grading.answers_transform === undefined
      ? await inspectCsv(file, { start: true }).catch(() => undefined)
      : undefined;
  const expectedRows = layout?.estimatedRecords ?? 0;
  const idsBuilder = new KeyIndexBuilder(expectedRows);
  const key = new KeyBytes();
  const scored: number[] = [];
  const numbers =
    mode === 'text' || mode === 'binary'
      ? []
      : (mode === 'one-hot' ? [0] : columns).map(() => new FloatColumnBuilder(expectedRows));
  const binaries = mode === 'binary' ? columns.map(() => new BinaryColumnBuilder(expectedRows)) : [];
  const texts: string[][] = mode === 'text' ? columns.map(() => []) : [];
  const context: string[][] = contextColumns.map(() => []);
  let scoredRows = 0;
  let positions: number[] = [];
  let contextPositions: number[] = [];
  let writeKey: (row: CsvRow, key: KeyBytes) => void = () => {};
  let unscoredPosition = -1;
  let width = 0;
  const badCell = (k: number, row: CsvRow, position: number): never => {
    throw new AnswersError(
      file,
      `column '${columns[k]}' data row ${scoredRows + 1} ${describeNonNumber(row.text(position))}`,
    );
  };

  await forEachAnswersRow(
    file,
    grading,
    (row, index) => {
      if (index === 0) {
        const header = Array.from({ length: row.length }, (_, k) => row.text(k));
        const missing = required.filter((c) => !header.includes(c));
        if (missing.length > 0)
          throw new AnswersError(
            file,
            `missing column(s) ${missing.map((c) => `'${c}'`).join(', ')} (found: ${header.join(', ')})`,
          );
        width = header.length;
        writeKey = keyWriter(header, grading);
        contextPositions = contextColumns.map((c) => header.indexOf(c));
        unscoredPosition = unscored === undefined ? -1 : header.indexOf(unscored.column);
        positions = columns.map((c) => header.indexOf(c));
        return;
      }
      if (row.length !== width)
        throw new AnswersError(file, `data row ${index} has ${row.length} fields, expected ${width}`);
      writeKey(row, key);
      idsBuilder.add(key);
      const isScored = unscoredPosition === -1 || row.text(unscoredPosition) !== unscored?.equals;
      if (unscoredPosition !== -1) scored.push(isScored ? 1 : 0);
      if (!isScored) return;
      if (mode === 'one-hot')
        (numbers[0] as FloatColumnBuilder).push(classOfOneHot(file, grading, row, positions, scoredRows));
      else
        for (let k = 0; k < positions.length; k++) {
          const position = positions[k] as number;
          if (mode === 'text') (texts[k] as string[]).push(row.text(position));
          else if (mode === 'number') {
            if (!(numbers[k] as FloatColumnBuilder).pushNumberOf(row, position)) badCell(k, row, position);
          } else {
            const value = BINARY_TRUTH[row.text(position).trim()];
            if (value === undefined) badCell(k, row, position);
            (binaries[k] as BinaryColumnBuilder).push(value as number);
          }
        }
      for (let k = 0; k < contextPositions.length; k++)
        (context[k] as string[]).push(row.text(contextPositions[k] as number));
      scoredRows++;
    },
    layout,
  ).catch((error: unknown) => {
    if (error instanceof AnswersError) throw error;
    throw new AnswersError(file, error instanceof Error ? error.message : String(error), { cause: error });
  });

  const ids = idsBuilder.finish();
  if (ids.size === 0) throw new AnswersError(file, 'has no rows');
  const duplicate = ids.duplicateRow();
  if (duplicate !== -1 && grading.duplicate_ids === 'reject')
    throw new AnswersError(file, `${idLabelOf(grading)} '${displayKey(ids.idAt(duplicate))}' appears more than once`);
  if (scoredRows === 0) throw new AnswersError(file, 'has no scored rows');
  const values = mode === 'binary' ? binaries.map((c) => c.finish()) : numbers.map((c) => c.finish());
  return {
    ids,
    ...(grading.duplicate_ids === 'match-in-order' ? { nextWithSameId: ids.nextWithSameId() } : {}),
    ...(unscored === undefined ? {} : { scored: Uint8Array.from(scored) }),
    truth: truthOf(file, grading, truthKind, values, texts),
    context: Object.fromEntries(contextColumns.map((c, k) => [c, context[k] as string[]])),
  };
}

function truthOf(
  file: string,
  grading: TableGrading,
  kind: TruthKind,
  numbers: (Float64Array | Uint8Array)[],
  texts: string[][],
): Column[] {
  if (kind !== 'class-index') return texts.length > 0 ? texts : numbers;
  return [
    grading.answer_format === 'class-label'
      ? classIndexFromLabels(file, grading, texts[0] ?? [])
      : (numbers[0] as Float64Array),
  ];
}

function classIndexFromLabels(file: string, grading: TableGrading, labels: string[]): Float64Array {
  const classOf = new Map(grading.target_columns.map((c, k) => [c, k]));
  return Float64Array.from(labels, (label, row) => {
    const k = classOf.get(label);
    if (k === undefined)
      throw new AnswersError(
        file,
        `data row ${row + 1}: label '${truncate(label)}' is not one of the submission's class columns`,
      );
    return k;
  });
}

/** The class a one-hot answers row marks (a cell that is no number is not one-hot either). */
function classOfOneHot(
  file: string,
  grading: TableGrading,
  row: CsvRow,
  positions: readonly number[],
  scoredRow: number,
): number {
  let marked = -1;
  for (let k = 0; k < positions.length; k++) {
    const x = row.number(positions[k] as number);
    if (x === 0) continue;
    if (x !== 1 || marked !== -1)
      throw new AnswersError(
        file,
        `data row ${scoredRow + 1} is not one-hot over ${grading.target_columns.length} class columns`,
      );
    marked = k;
  }
  if (marked === -1) throw new AnswersError(file, `data row ${scoredRow + 1} has no class marked 1`);
  return marked;
}
