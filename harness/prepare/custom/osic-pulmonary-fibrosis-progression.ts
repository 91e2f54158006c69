/**
 * osic-pulmonary-fibrosis-progression: custom because the split is over patients and the answers are
 * a grid of every (patient, week) pair, not rows of the source.
 *
 * As MLE-bench: train.csv's rows grouped by Patient (patients sorted) are split with
 * train_test_split(test_size=0.1, random_state=0); public train.csv is the train patients' rows, each
 * patient's rows together in split order. Public test.csv has each test patient's earliest visit
 * (patients sorted; per column the first non-empty value in week order, as pandas' groupby().first()).
 * Private test.csv has every test patient (split order) × every week from the test side's lowest to
 * highest week, with the visit's columns where one was measured and empty ones elsewhere, then
 * Patient_Week and Confidence=100; the sample submission gives every Patient_Week FVC=2000,
 * Confidence=100. Each patient's CT folder `train/<Patient>/` goes to `train/` or `test/`.
 * Differences: fields keep the raw text (pandas writes 2315.0 for an FVC once NaNs join the column);
 * visits on the same lowest week are taken in file order (pandas' sort_values is not stable); a test
 * patient with two visits on one week is refused (MLE-bench's assert on equal group sizes catches it).
 */
import { join } from 'node:path';
import { columnIndex, CsvFormatError, writeCsvTable, type CsvTable } from '../csv-table.js';
import { copyTree } from '../copy-tree.js';
import { splitList } from '../list-split.js';
import { type PrepareContext, readRawCsv } from '../prepare-context.js';

/** Rows grouped by patient, patients sorted (pandas' groupby), each patient's rows in file order. */
function groupByPatient(rows: readonly string[][], patient: number): Map<string, string[][]> {
  const groups = new Map<string, string[][]>();
  for (const row of rows) {
    const key = row[patient] ?? '';
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The earliest visit: per column the first non-empty value in week order (pandas' first() skips NaN). */
export function firstVisit(rows: readonly string[][], weeks: number): string[] {
  const ordered = [...rows].sort((a, b) => Number(a[weeks]) - Number(b[weeks]));
  const width = ordered[0]?.length ?? 0;
  return Array.from({ length: width }, (_, c) => ordered.find((row) => (row[c] ?? '') !== '')?.[c] ?? '');
}

export async function prepareOsic(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const [patient, weeks] = [columnIndex(table, 'Patient', trainCsv), columnIndex(table, 'Weeks', trainCsv)];
  for (const row of table.rows) {
    if (!/^-?\d+$/.test(row[weeks] ?? ''))
      throw new CsvFormatError(`${trainCsv}: Weeks '${row[weeks]}' is not a whole number`);
  }
  const groups = groupByPatient(table.rows, patient);
  const split = splitList([...groups.keys()], { testSize: 0.1, randomState: 0 });
  const rowsOf = (patients: readonly string[]) => patients.flatMap((p) => groups.get(p) ?? []);

  await writeCsvTable(join(ctx.public, 'train.csv'), { header: table.header, rows: rowsOf(split.train) });
  const sortedTest = [...split.test].sort();
  await writeCsvTable(join(ctx.public, 'test.csv'), {
    header: table.header,
    rows: sortedTest.map((p) => firstVisit(groups.get(p) ?? [], weeks)),
  });

  const testWeeks = rowsOf(split.test).map((row) => Number(row[weeks]));
  const [low, high] = [Math.min(...testWeeks), Math.max(...testWeeks)];
  const answers: CsvTable = { header: [...table.header, 'Patient_Week', 'Confidence'], rows: [] };
  for (const p of split.test) {
    const visits = new Map<number, string[]>();
    for (const row of groups.get(p) ?? []) {
      const week = Number(row[weeks]);
      if (visits.has(week)) throw new CsvFormatError(`${trainCsv}: test patient ${p} has two visits in week ${week}`);
      visits.set(week, row);
    }
    for (let week = low; week <= high; week++) {
      const visit = visits.get(week) ?? table.header.map(() => '');
      const row = visit.map((value, c) => (c === patient ? p : c === weeks ? String(week) : value));
      answers.rows.push([...row, `${p}_${week}`, '100']);
    }
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), answers);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Patient_Week', 'FVC', 'Confidence'],
    rows: answers.rows.map((row) => [row[table.header.length] ?? '', '2000', '100']),
  });

  for (const [side, patients] of [
    ['train', split.train],
    ['test', split.test],
  ] as const) {
    for (const p of patients) await copyTree(join(ctx.raw, 'train', p), join(ctx.public, side, p), id);
  }
}
