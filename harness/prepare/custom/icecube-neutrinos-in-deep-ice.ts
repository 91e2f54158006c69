/**
 * icecube-neutrinos-in-deep-ice: custom because the table is parquet (train_meta.parquet, ~131 M rows
 * in 660 batches) and the split is by batch, with each batch's pulse file following its side.
 *
 * As MLE-bench: the batch ids in order of first appearance are split with `train_test_split(batch_ids,
 * test_size=0.1, random_state=0)`; public `train_meta.parquet` holds the train batches' rows and
 * `test_meta.parquet` the test batches' rows without azimuth/zenith (both in file order, same columns
 * and types); private `test.csv` is event_id,azimuth,zenith; `sample_submission.csv` gives 1 and 1;
 * `sensor_geometry.csv` is copied; `train/batch_<n>.parquet` is copied (bytes, not decoded) into
 * public `train/` or `test/` by its batch id.
 *
 * Differences: MLE-bench loads the whole table with pandas and writes with fastparquet; Podium streams
 * it (harness/prepare/parquet-row-groups.ts, parquet-file-writer.ts): one input row group at a time,
 * written as row groups of at most 2^20 rows with hyparquet-writer (snappy, statistics, no pandas
 * metadata). The parquet bytes differ from MLE-bench's; the rows, columns and column types are the same.
 * Memory follows the raw file's row-group size (one row group held, as typed arrays), not its length;
 * a file written as a few giant row groups would need that much more.
 */
import { join } from 'node:path';
import type { DecodedArray } from 'hyparquet';
import { openCsvWriter } from '../csv-stream.js';
import { flatSchemaOf, openParquetFileWriter } from '../parquet-file-writer.js';
import { flatColumnNames, openParquetSource, readRowGroups, type ParquetSource } from '../parquet-row-groups.js';
import { copyInto, listFileNames, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { PrepareError } from '../prepare-error.js';
import { pythonFloat } from '../python-float.js';
import { trainTestSplitIndices } from '../train-test-split.js';
import { fileExists } from '../../file-exists.js';

const BATCH = 'batch_id';
const ID = 'event_id';
const ANSWERS = ['azimuth', 'zenith'];

type Side = 'train' | 'test';

/** The batch ids of train_meta in order of first appearance (pandas' `unique()`), from the batch_id column only. */
async function batchIdsInOrder(source: ParquetSource): Promise<unknown[]> {
  const seen = new Set<unknown>();
  for await (const group of readRowGroups(source, [BATCH])) {
    const column = group.columns.get(BATCH) ?? [];
    let last: unknown = undefined;
    for (let i = 0; i < column.length; i++) {
      const value: unknown = column[i];
      if (value === last) continue; // a batch's rows are contiguous in Kaggle's file: one Set lookup per run
      seen.add(value);
      last = value;
    }
  }
  return [...seen];
}

/** `column[rows]` as an array of the same kind (the reader's typed arrays stay typed: int64 stays BigInt64Array). */
function pick(column: DecodedArray, rows: readonly number[]): DecodedArray {
  if (ArrayBuffer.isView(column)) {
    const Typed = column.constructor as new (n: number) => DecodedArray;
    const out = new Typed(rows.length) as unknown as unknown[];
    for (const [k, r] of rows.entries()) out[k] = column[r];
    return out as unknown as DecodedArray;
  }
  return rows.map((r) => column[r] as unknown);
}

/** pandas' to_csv text of an id cell (int64: exact digits) and of an angle (float64: Python's repr); missing is empty. */
const idCell = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const angleCell = (value: unknown): string => (typeof value === 'number' ? pythonFloat(value) : idCell(value));

/** The raw `train/batch_<n>.parquet` file of each batch id (as text), checked one to one. */
async function batchFiles(ctx: PrepareContext, batchIds: readonly unknown[]): Promise<Map<string, string>> {
  const dir = join(ctx.raw, 'train');
  const files = new Map<string, string>();
  for (const name of (await listFileNames(dir, ctx.competition.id)).filter((n) => n.endsWith('.parquet'))) {
    const suffix = name.slice(0, -'.parquet'.length).split('_').at(-1) ?? '';
    if (!/^[0-9]+$/.test(suffix)) {
      throw new PrepareError(`${ctx.competition.id}: raw/train/${name} is not named batch_<number>.parquet`);
    }
    const id = String(BigInt(suffix));
    const other = files.get(id);
    if (other !== undefined) {
      throw new PrepareError(`${ctx.competition.id}: raw/train/${other} and ${name} are both batch ${id}`);
    }
    files.set(id, name);
  }
  const missing = batchIds.map(String).filter((id) => !files.has(id));
  if (missing.length > 0) {
    throw new PrepareError(
      `${ctx.competition.id}: raw/train has no batch_<n>.parquet for batch ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
    );
  }
  return files;
}

export async function prepareIcecube(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const metaFile = join(ctx.raw, 'train_meta.parquet');
  if (!(await fileExists(metaFile))) throw new RawFileMissingError(id, metaFile);
  const source = await openParquetSource(metaFile);
  try {
    const columns = flatColumnNames(source);
    const absent = [BATCH, ID, ...ANSWERS].filter((c) => !columns.includes(c));
    if (absent.length > 0) {
      throw new PrepareError(`${id}: ${metaFile} has no column ${absent.join(', ')} (columns: ${columns.join(', ')})`);
    }
    const batchIds = await batchIdsInOrder(source);
    let split: ReturnType<typeof trainTestSplitIndices>;
    try {
      split = trainTestSplitIndices(batchIds.length, { testSize: 0.1, randomState: 0 });
    } catch (error) {
      throw new PrepareError(
        `${id}: cannot split the ${batchIds.length} batches of ${metaFile}: ${(error as Error).message}`,
      );
    }
    const sideOf = new Map<unknown, Side>();
    for (const i of split.train) sideOf.set(batchIds[i], 'train');
    for (const i of split.test) sideOf.set(batchIds[i], 'test');
    const files = await batchFiles(ctx, batchIds);

    await writeTables(ctx, source, columns, sideOf);
    await copyInto(join(ctx.raw, 'sensor_geometry.csv'), join(ctx.public, 'sensor_geometry.csv'), id);
    for (const [batch, side] of sideOf) {
      const name = files.get(String(batch)) ?? '';
      await copyInto(join(ctx.raw, 'train', name), join(ctx.public, side, name), id);
    }
  } finally {
    await source.close();
  }
}

/** Streams train_meta's row groups into the two public parquet files, the private answers and the sample. */
async function writeTables(
  ctx: PrepareContext,
  source: ParquetSource,
  columns: readonly string[],
  sideOf: ReadonlyMap<unknown, Side>,
): Promise<void> {
  const testColumns = columns.filter((c) => !ANSWERS.includes(c));
  const schema = source.metadata.schema;
  const train = await openParquetFileWriter(join(ctx.public, 'train_meta.parquet'), flatSchemaOf(schema, columns));
  const test = await openParquetFileWriter(join(ctx.public, 'test_meta.parquet'), flatSchemaOf(schema, testColumns));
  const answers = await openCsvWriter(join(ctx.private, ctx.competition.grading.answers));
  const sample = await openCsvWriter(join(ctx.public, 'sample_submission.csv'));
  let done = false;
  try {
    await answers.write([ID, ...ANSWERS]);
    await sample.write([ID, ...ANSWERS]);
    for await (const group of readRowGroups(source, columns)) {
      const batch = group.columns.get(BATCH) ?? [];
      const rows: Record<Side, number[]> = { train: [], test: [] };
      for (let r = 0; r < group.rows; r++) {
        const side = sideOf.get(batch[r]);
        // unreachable: every batch id was read from this column
        if (side === undefined) throw new Error(`batch ${String(batch[r])} has no side`);
        rows[side].push(r);
      }
      const part = (names: readonly string[], side: Side) =>
        names.map((name) => ({ name, data: pick(group.columns.get(name) ?? [], rows[side]) }));
      await train.write(part(columns, 'train'));
      await test.write(part(testColumns, 'test'));
      const [ids = [], ...angles] = [ID, ...ANSWERS].map((name) => group.columns.get(name) ?? []);
      for (const r of rows.test) {
        const eventId = idCell(ids[r]);
        await answers.writeLine([eventId, ...angles.map((column) => angleCell(column[r]))].join(','));
        await sample.writeLine(`${eventId},1,1`);
      }
    }
    await train.close();
    await test.close();
    done = true;
  } finally {
    if (!done) await Promise.all([train.abort(), test.abort()]);
    await answers.close();
    await sample.close();
  }
}
