/**
 * uw-madison-gi-tract-image-segmentation: custom because the split is by case, then by day within the
 * train cases, the images are folders per case and day, and the answers need each slice's size, which
 * only the scan's file name gives (`slice_0001_266_266_1.50_1.50.png`: width 266, height 266).
 *
 * As MLE-bench: ids are `<case>_<day>_slice_<n>`; `train_test_split(unique cases in order of first
 * appearance, test_size=0.1, random_state=42)`; test cases go to test whole; of each train case's days,
 * those after the first four (by day number) go to test too. Rows keep train.csv's order. Public
 * `train.csv` (id, class, segmentation) and `test.csv` (id, class); private `test.csv` is id, class,
 * predicted (the segmentation), image_width, image_height (written as floats, `266.0`, as pandas did);
 * the sample submission is id, class, predicted = `1 1 5 2`. Each `train/<case>/<case>_<day>/` folder
 * goes to `train/` or `test/` with its rows (a day no row names follows its case).
 */
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { listFileNames, RawFileMissingError, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { uniqueInOrder } from '../split-strategies.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const TRAIN_DAYS_KEPT = 4;

interface SliceId {
  caseId: string;
  day: string;
  slice: string;
}

/** `case123_day20_slice_0001` → case123, day20, 0001 (MLE-bench: split on `_`, first, second and last). */
function parseId(id: string, file: string): SliceId {
  const parts = id.split('_');
  if (parts.length < 3) throw new CsvFormatError(`${file}: id '${id}' is not <case>_<day>_slice_<n>`);
  return { caseId: parts[0] ?? '', day: parts[1] ?? '', slice: parts.at(-1) ?? '' };
}

const dayNumber = (day: string) => Number.parseInt(day.slice('day'.length), 10);

/** The test case-days: every day of the held-out cases, and each train case's days after its fourth. */
export function testCaseDays(ids: readonly SliceId[], testCases: ReadonlySet<string>): Set<string> {
  const daysOf = new Map<string, Set<string>>();
  for (const { caseId, day } of ids) {
    if (!daysOf.has(caseId)) daysOf.set(caseId, new Set());
    daysOf.get(caseId)?.add(day);
  }
  const test = new Set<string>();
  for (const [caseId, days] of daysOf) {
    const sorted = [...days].sort((a, b) => dayNumber(a) - dayNumber(b));
    const held = testCases.has(caseId) ? sorted : sorted.slice(TRAIN_DAYS_KEPT);
    for (const day of held) test.add(`${caseId}_${day}`);
  }
  return test;
}

export async function prepareUwMadison(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const source = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(source, id);
  const [idCol, classCol, segCol] = ['id', 'class', 'segmentation'].map((c) => columnIndex(table, c, source)) as [
    number,
    number,
    number,
  ];
  const slices = table.rows.map((row) => ({ row, ...parseId(row[idCol] ?? '', source) }));
  const cases = uniqueInOrder(slices.map((s) => s.caseId));
  const split = trainTestSplitIndices(cases.length, { testSize: 0.1, randomState: 42 });
  const testCases = new Set(Array.from(split.test, (i) => cases[i] ?? ''));
  const testDays = testCaseDays(slices, testCases);
  const isTest = (s: SliceId) => testDays.has(`${s.caseId}_${s.day}`);

  await writeCsvTable(join(ctx.public, 'train.csv'), {
    header: ['id', 'class', 'segmentation'],
    rows: slices.filter((s) => !isTest(s)).map(({ row }) => [row[idCol] ?? '', row[classCol] ?? '', row[segCol] ?? '']),
  });

  const answers: string[][] = [];
  const scanNames = new Map<string, string[]>();
  for (const s of slices.filter(isTest)) {
    const row = s.row;
    const dayDir = join(ctx.raw, 'train', s.caseId, `${s.caseId}_${s.day}`, 'scans');
    if (!scanNames.has(dayDir)) scanNames.set(dayDir, await listFileNames(dayDir, id));
    const scans = (scanNames.get(dayDir) ?? []).filter((n) => n.startsWith(`slice_${s.slice}_`) && n.endsWith('.png'));
    const [width, height] = scans[0]?.split('_').slice(2, 4).map(Number) ?? [];
    if (scans.length !== 1 || !Number.isInteger(width) || !Number.isInteger(height)) {
      throw new CsvFormatError(
        `${dayDir}: expected one slice_${s.slice}_<width>_<height>_….png for ${row[idCol]}, found ${scans.length}`,
      );
    }
    answers.push([row[idCol] ?? '', row[classCol] ?? '', row[segCol] ?? '', `${width}.0`, `${height}.0`]);
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['id', 'class', 'predicted', 'image_width', 'image_height'],
    rows: answers,
  });
  await writeCsvTable(join(ctx.public, 'test.csv'), {
    header: ['id', 'class'],
    rows: answers.map(([sliceId = '', organ = '']) => [sliceId, organ]),
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['id', 'class', 'predicted'],
    rows: answers.map(([sliceId = '', organ = '']) => [sliceId, organ, '1 1 5 2']),
  });

  for (const caseId of cases) {
    const caseDir = join(ctx.raw, 'train', caseId);
    if (!(await fileExists(caseDir))) throw new RawFileMissingError(id, caseDir);
    for (const entry of await readdir(caseDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const side = testCases.has(caseId) || testDays.has(entry.name) ? 'test' : 'train';
      await cp(join(caseDir, entry.name), join(ctx.public, side, caseId, entry.name), { recursive: true });
    }
  }
}
