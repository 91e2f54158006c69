/**
 * Reads a submission CSV against the answers' ids: checks the header, aligns every row to its answers
 * row by id (never by position), and parses the scored columns into typed arrays.
 *
 * The first problem found ends the read and becomes the reason the submission is invalid.
 */
import type { TableGrading, ValueKind } from '../../harness/registry/competition-config.js';
import type { Answers } from '../answers/read-answers.js';
import { idColumnsOf, idLabelOf, keyWriter } from '../row-key.js';
import type { CsvRow } from '../csv/csv-row.js';
import { CsvFormatError, forEachCsvRow, StopReading } from '../csv/read-csv-records.js';
import { KeyBytes } from '../key-bytes.js';
import type { Column } from '../metric-table.js';
import { describeNonNumber, isNumericKind, numberProblem, textProblem } from './parse-value.js';
import { RowScatter } from './row-scatter.js';
import { problems } from './submission-problem.js';

/** How far (in rows) from the last row a row still counts as near: one 64-byte line of doubles. */
const NEAR_ROWS = 8;

export type SubmissionRead = { ok: true; predictions: Column[] } | { ok: false; reason: string };

export function expectedColumns(grading: TableGrading): string[] {
  return [...idColumnsOf(grading), ...grading.target_columns, ...grading.passthrough_columns];
}

/**
 * A first column with an empty name is the index pandas writes by default (`to_csv` without
 * `index=False`); it carries nothing and is ignored rather than rejected.
 */
function namedColumns(header: readonly string[]): string[] {
  return header[0] === '' ? header.slice(1) : [...header];
}

function checkHeader(record: readonly string[], expected: string[], optional: readonly string[]): string | undefined {
  const header = namedColumns(record);
  const duplicated = header.filter((name, i) => header.indexOf(name) !== i);
  if (duplicated.length > 0) return problems.duplicateHeader([...new Set(duplicated)]);
  const missing = expected.filter((name) => !header.includes(name));
  if (missing.length > 0) return problems.missingColumns(missing, header);
  const extra = header.filter((name) => !expected.includes(name) && !optional.includes(name));
  if (extra.length > 0) return problems.unexpectedColumns(extra, expected);
  return undefined;
}

/**
 * The answers row a new submission row with this id fills: the first one with the id, or with
 * duplicate ids allowed the next one not yet filled; -1 when none is left (a duplicate).
 */
function unseenRowWithId(answers: Answers, filled: Uint8Array, first: number): number {
  let row = first;
  while (row !== -1 && filled[row] !== 0) row = answers.nextWithSameId?.[row] ?? -1;
  return row;
}

/**
 * The first data row of the submission whose key is `key` (for the message about a repeated id: a
 * second read of the file on that rare path is cheaper than keeping every row's number while reading).
 */
async function firstRowWithKey(file: string, grading: TableGrading, key: KeyBytes): Promise<number> {
  const wanted = Buffer.from(key.bytes.subarray(0, key.length));
  const candidate = new KeyBytes();
  let writeKey: (row: CsvRow, key: KeyBytes) => void = () => {};
  let found = -1;
  await forEachCsvRow(file, (record, index) => {
    if (index === 0) {
      writeKey = keyWriter(
        Array.from({ length: record.length }, (_, k) => record.text(k)),
        grading,
      );
      return;
    }
    writeKey(record, candidate);
    if (wanted.equals(candidate.bytes.subarray(0, candidate.length))) {
      found = index;
      throw new StopReading();
    }
  });
  return found;
}

/** The bounds a parsed number of this kind must lie in (NaN fails both), and whether it must be whole. */
function boundsOf(kind: ValueKind): { min: number; max: number; whole: boolean } {
  switch (kind) {
    case 'probability':
      return { min: 0, max: 1, whole: false };
    case 'non-negative':
      return { min: 0, max: Number.POSITIVE_INFINITY, whole: false };
    default:
      return { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, whole: kind === 'integer' };
  }
}

export async function readSubmission(file: string, grading: TableGrading, answers: Answers): Promise<SubmissionRead> {
  const expected = answers.ids.size;
  const numeric = isNumericKind(grading.values);
  const targets = grading.target_columns;
  const numbers = numeric ? targets.map(() => new Float64Array(expected)) : [];
  const texts = numeric ? [] : targets.map(() => new Array<string>(expected));
  // 1 once a submission row has filled the answers row (a byte, not the row's number: see firstRowWithKey)
  const filled = new Uint8Array(expected);
  const scatter = numeric ? new RowScatter(numbers) : undefined;
  const { min, max, whole } = boundsOf(grading.values);
  let duplicate: { key: KeyBytes; index: number } | undefined;
  const key = new KeyBytes();
  let positions: number[] = [];
  let writeKey: (row: CsvRow, key: KeyBytes) => void = () => {};
  const idLabel = idLabelOf(grading);
  const guessable = answers.nextWithSameId === undefined;
  let lastRow = -1;
  let width = 0;
  let rows = 0;
  let reason: string | undefined;
  const stop = (why: string): never => {
    reason = why;
    throw new StopReading();
  };

  try {
    await forEachCsvRow(file, (record, index) => {
      if (index === 0) {
        const header = Array.from({ length: record.length }, (_, k) => record.text(k));
        const headerProblem = checkHeader(header, expectedColumns(grading), grading.optional_columns);
        if (headerProblem !== undefined) stop(headerProblem);
        width = header.length;
        writeKey = keyWriter(header, grading);
        positions = targets.map((c) => header.indexOf(c));
        return;
      }
      if (record.length !== width) stop(problems.fieldCount(index, record.length, width));
      writeKey(record, key);
      // Submissions mostly list rows in answers order: try the row after the last one first.
      const first = guessable ? answers.ids.findNear(key, lastRow + 1) : answers.ids.find(key);
      if (first === -1) {
        if (grading.extra_ids === 'ignore') return;
        return stop(problems.unknownId(idLabel, key.text(), index));
      }
      const row = unseenRowWithId(answers, filled, first);
      if (row === -1) {
        duplicate = { key, index };
        throw new StopReading();
      }
      filled[row] = 1;
      // A row near the last one (answers order, or a small stride through it) is written in place:
      // its writes land in the cache lines just used. Any other is held and placed a block at a time.
      const inPlace = Math.abs(row - lastRow) <= NEAR_ROWS || scatter === undefined;
      const heldAt = inPlace ? 0 : (scatter as RowScatter).hold(row);
      lastRow = row;
      rows++;
      for (let k = 0; k < positions.length; k++) {
        const position = positions[k] as number;
        if (numeric) {
          const into = inPlace ? (numbers[k] as Float64Array) : (scatter as RowScatter).values;
          const at = inPlace ? row : heldAt + k;
          record.numberInto(position, into, at);
          const value = into[at] as number;
          // one range check for the common case; the exact message only on the rare bad value
          if (!(value >= min && value <= max) || (whole && !Number.isInteger(value))) {
            const problem = Number.isNaN(value)
              ? describeNonNumber(record.text(position))
              : numberProblem(grading.values, value);
            if (problem !== undefined) stop(problems.badValue(targets[k] as string, index, problem));
          }
        } else {
          const raw = record.text(position);
          const problem = textProblem(grading.values, raw);
          if (problem !== undefined) stop(problems.badValue(targets[k] as string, index, problem));
          (texts[k] as string[])[row] = raw;
        }
      }
    });
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, reason: problems.notCsv(error.message) };
    throw error;
  }

  scatter?.flush();
  if (duplicate !== undefined) {
    const firstIndex = await firstRowWithKey(file, grading, duplicate.key);
    return { ok: false, reason: problems.duplicateId(idLabel, duplicate.key.text(), firstIndex, duplicate.index) };
  }
  if (reason !== undefined) return { ok: false, reason };
  if (width === 0) return { ok: false, reason: problems.empty() };
  if (rows === 0) return { ok: false, reason: problems.noRows(expected) };
  if (rows < expected) {
    const missing: string[] = [];
    for (let row = 0; row < expected && missing.length < 5; row++)
      if (filled[row] === 0) missing.push(answers.ids.idAt(row));
    return { ok: false, reason: problems.missingIds(idLabel, rows, expected, missing) };
  }
  return { ok: true, predictions: numeric ? numbers : texts };
}
