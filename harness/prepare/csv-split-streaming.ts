/**
 * The CSV split of csv-split-preparer.ts for sources too large to hold as a table (new-york-city-taxi's
 * 55M rows, ~5 GB): the same files, byte for byte, in two streaming passes.
 *
 * Pass 1 counts the rows. The split (our exact train_test_split) then gives every source row its side
 * and its position on that side: a permutation as Int32Arrays, 8 bytes a row. Pass 2 streams the rows
 * again and hands each output line, with its position, to an ordered writer that buckets lines by
 * position range on disk and writes each bucket back in order: sklearn's permuted (iloc) order with at
 * most one bucket in memory. `row_order: original` needs no reordering and is written directly.
 *
 * Not streamable: `swap_for_variety` (it looks at the test side's values before assigning rows),
 * `filter_by_train_ids` (it needs the train ids as a set), `drop_rows` (the row count changes before
 * the split); such specs use the in-memory path.
 */
import { rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileExists } from '../file-exists.js';
import { openCsvWriter, streamCsvRows, type CsvWriter } from './csv-stream.js';
import {
  drawnSampleColumn,
  fillTemplate,
  oneHot,
  publicSampleSubmission,
  rowColumns,
  sampleValues,
  testSize,
} from './csv-split-preparer.js';
import { columnIndex, CsvFormatError, csvField, type CsvTable } from './csv-table.js';
import { openOrderedLineWriter } from './ordered-line-writer.js';
import { copyTree } from './copy-tree.js';
import { copyInto, rawPath, RawFileMissingError, type PrepareContext } from './prepare-context.js';
import type { CsvSplitSpec } from './prepare-spec.js';
import { linspace01, pythonFloat } from './python-float.js';
import { NEW_ID } from './split-strategies.js';
import { trainTestSplitIndices } from './train-test-split.js';

/** Sources from this size on are split by streaming (the in-memory table takes ~10× the file's size). */
export const STREAMING_THRESHOLD_BYTES = 256 * 1024 ** 2;
/** Lines per reordering bucket: ~100 MB of a taxi row's text in memory at a time. */
export const BUCKET_LINES = 1_000_000;

/** The option that keeps a spec off the streaming path, or null when it can stream. */
export function streamingBlocker(spec: CsvSplitSpec): string | null {
  if (spec.swap_for_variety !== undefined) return 'swap_for_variety';
  if (spec.filter_by_train_ids.length > 0) return 'filter_by_train_ids';
  if (spec.drop_rows !== undefined) return 'drop_rows';
  return null;
}

/** Whether this source is split by streaming: large enough, and a spec that allows it. */
export async function shouldStream(ctx: PrepareContext, spec: CsvSplitSpec): Promise<boolean> {
  if (streamingBlocker(spec) !== null) return false;
  // a missing source is reported by the preparer that runs
  const size = await stat(rawPath(ctx, spec.source)).then(
    (s) => s.size,
    () => 0,
  );
  return size >= STREAMING_THRESHOLD_BYTES;
}

type Side = 'train' | 'test';

/** One output CSV: its side, header and the fields of the k-th row of that side. */
interface Output {
  side: Side;
  file: string;
  header: string[];
  fields: (row: readonly string[], k: number) => string[];
}

async function* csvRows(file: string): AsyncGenerator<string[]> {
  try {
    yield* streamCsvRows(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw error;
    throw new CsvFormatError(`${file} is not a well-formed CSV: ${(error as Error).message}`, { cause: error });
  }
}

async function readHeaderAndCount(file: string): Promise<{ header: string[]; rows: number }> {
  let header: string[] | undefined;
  let rows = 0;
  for await (const row of csvRows(file)) {
    if (header === undefined) header = row;
    else rows++;
  }
  if (header === undefined) throw new CsvFormatError(`${file} is empty: expected a CSV header`);
  return { header, rows };
}

/** Each source row's side (1 = test) and position on its side, in the spec's row order. */
function assignRows(n: number, size: number, spec: CsvSplitSpec): { isTest: Uint8Array; position: Int32Array } {
  const { train, test } = trainTestSplitIndices(n, { testSize: size, randomState: spec.random_state });
  const isTest = new Uint8Array(n);
  const position = new Int32Array(n);
  test.forEach((i, k) => ((isTest[i] = 1), (position[i] = k)));
  train.forEach((i, k) => (position[i] = k));
  if (spec.row_order === 'original') {
    const next = [0, 0];
    for (let i = 0; i < n; i++) position[i] = next[isTest[i]!]!++;
  }
  return { isTest, position };
}

function indicesOf(header: readonly string[], columns: readonly string[], file: string): number[] {
  const table: CsvTable = { header: [...header], rows: [] };
  return columns.map((c) => columnIndex(table, c, file));
}

/** The outputs of the in-memory path, as per-row functions of the renumbered source row. */
function outputs(ctx: PrepareContext, spec: CsvSplitSpec, header: string[], sourceFile: string, nTest: number) {
  const list: Output[] = [
    { side: 'train', file: join(ctx.public, spec.public_train), header, fields: (row) => [...row] },
  ];
  if (spec.public_test !== null) {
    const hidden = [...spec.answer_columns, ...spec.drop_from_public_test];
    indicesOf(header, hidden, sourceFile);
    const keep = header.flatMap((name, i) => (hidden.includes(name) ? [] : [i]));
    list.push({
      side: 'test',
      file: join(ctx.public, spec.public_test),
      header: keep.map((i) => header[i] ?? ''),
      fields: (row) => keep.map((i) => row[i] ?? ''),
    });
  }
  const classes = ctx.competition.grading.target_columns;
  let answers: Pick<Output, 'header' | 'fields'>;
  const oneHotSpec = spec.one_hot;
  if (oneHotSpec !== undefined) {
    indicesOf(header, [spec.id_column, oneHotSpec.label_column], 'the test split');
    answers = {
      header: [spec.id_column, ...classes],
      fields: (row) => oneHot({ header, rows: [[...row]] }, spec.id_column, oneHotSpec.label_column, classes).rows[0]!,
    };
  } else {
    const columns = spec.private_columns ?? header;
    const picked = indicesOf(header, columns, sourceFile);
    answers = {
      header: columns.map((c) => spec.private_rename[c] ?? c),
      fields: (row) => picked.map((i) => row[i] ?? ''),
    };
  }
  list.push({ side: 'test', file: join(ctx.private, ctx.competition.grading.answers), ...answers });
  const goldIndices = indicesOf(answers.header, [spec.id_column, ...classes], 'the private answers');
  if (spec.gold_submission !== undefined) {
    list.push({
      side: 'test',
      file: join(ctx.private, spec.gold_submission),
      header: [spec.id_column, ...classes],
      fields: (row, k) => {
        const fields = answers.fields(row, k);
        return goldIndices.map((i) => fields[i] ?? '');
      },
    });
  }
  const constants = sampleValues(spec, classes);
  const ramp = spec.sample_linspace ? linspace01(nTest).map(pythonFloat) : undefined;
  const draws = drawnSampleColumn(spec, nTest);
  const idIndex = header.indexOf(spec.id_column);
  list.push({
    side: 'test',
    file: join(ctx.public, publicSampleSubmission(ctx.competition, spec.sample_submission)),
    header: [spec.id_column, ...classes],
    fields: (row, k) => {
      const values = ramp !== undefined ? constants.map(() => ramp[k] ?? '') : [...constants];
      if (draws !== undefined) values[0] = draws[k] ?? '';
      return [row[idIndex] ?? '', ...values];
    },
  });
  return list;
}

interface PositionedWriter {
  put(k: number, line: string): Promise<void>;
  finish(): Promise<void>;
}

async function openPositioned(
  output: Output,
  count: number,
  bucketDir: string,
  options: { ordered: boolean; bucketLines: number },
): Promise<PositionedWriter> {
  const writer: CsvWriter = await openCsvWriter(output.file);
  await writer.write(output.header);
  const close = async () => writer.close();
  if (!options.ordered) {
    // positions arrive ascending: write straight through
    return { put: (_k, line) => writer.writeLine(line), finish: close };
  }
  const ordered = await openOrderedLineWriter(bucketDir, count, options.bucketLines);
  return {
    put: (k, line) => ordered.put(k, line),
    finish: async () => {
      await ordered.finish(writer);
      await close();
    },
  };
}

export interface StreamingOptions {
  /** Lines per reordering bucket (tests use a few to exercise many buckets). */
  bucketLines?: number;
}

export async function prepareCsvSplitStreaming(
  ctx: PrepareContext,
  spec: CsvSplitSpec,
  options: StreamingOptions = {},
): Promise<void> {
  const blocker = streamingBlocker(spec);
  if (blocker !== null) throw new Error(`${ctx.competition.id}: prepare.yaml's ${blocker} cannot be streamed`);
  const sourceFile = rawPath(ctx, spec.source);
  if (!(await fileExists(sourceFile))) throw new RawFileMissingError(ctx.competition.id, sourceFile);
  const { header, rows: n } = await readHeaderAndCount(sourceFile);
  const idIndex = columnIndex({ header, rows: [] }, spec.id_column, sourceFile);
  for (const column of spec.answer_columns) columnIndex({ header, rows: [] }, column, sourceFile);
  const { isTest, position } = assignRows(n, await testSize(ctx, spec, n), spec);
  const nTest = isTest.reduce((sum, t) => sum + t, 0);
  const counts: Record<Side, number> = { train: n - nTest, test: nTest };

  const bucketRoot = join(dirname(ctx.public), '.split-buckets');
  const list = outputs(ctx, spec, header, sourceFile, nTest);
  const writers: PositionedWriter[] = [];
  for (const [o, output] of list.entries()) {
    writers.push(
      await openPositioned(output, counts[output.side], join(bucketRoot, String(o)), {
        ordered: spec.row_order === 'split',
        bucketLines: options.bucketLines ?? BUCKET_LINES,
      }),
    );
  }

  let i = -1; // the header
  for await (const source of csvRows(sourceFile)) {
    if (i++ < 0) continue;
    if (i > n) throw new CsvFormatError(`${sourceFile} changed while it was split: more than ${n} rows`);
    const side: Side = isTest[i - 1] === 1 ? 'test' : 'train';
    const k = position[i - 1]!;
    const oldId = source[idIndex] ?? '';
    const newId = NEW_ID[spec.renumber_ids](side, k, counts.train, oldId);
    const row = source.map((value, c) => (c === idIndex ? newId : value));
    for (const [o, output] of list.entries()) {
      if (output.side === side) await writers[o]!.put(k, output.fields(row, k).map(csvField).join(','));
    }
    const column = rowColumns(header, source, sourceFile);
    for (const files of spec.files) {
      await copyInto(
        rawPath(ctx, fillTemplate(files.source, oldId, newId, column)),
        join(ctx.public, ...fillTemplate(files[side], oldId, newId, column).split('/')),
        ctx.competition.id,
      );
    }
    for (const folders of spec.folders ?? []) {
      await copyTree(
        rawPath(ctx, fillTemplate(folders.source, oldId, newId)),
        join(ctx.public, ...fillTemplate(folders[side], oldId, newId).split('/')),
        ctx.competition.id,
      );
    }
  }
  if (i !== n) throw new CsvFormatError(`${sourceFile} changed while it was split: ${i} rows, then ${n}`);
  for (const writer of writers) await writer.finish();
  await rm(bucketRoot, { recursive: true, force: true });
}
