/**
 * Targeted checks of icecube-neutrinos-in-deep-ice's preparation and of the parquet reader/writer it
 * uses, beyond prepare-all.test.ts: the batch split is sklearn's (expected batches and the private CSV's
 * text computed with scikit-learn 1.9.1 / pandas 3.0.6 on the fixture's values), test_meta.parquet has no
 * answers, both output tables round-trip with their types and exact int64 values, the batch files land
 * on their side, input row groups straddling batches are handled, and broken inputs are named.
 */
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import type { GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import { flatSchemaOf, openParquetFileWriter } from '../../harness/prepare/parquet-file-writer.js';
import {
  openParquetSource,
  ParquetFormatError,
  readRowGroups,
  type ParquetSource,
} from '../../harness/prepare/parquet-row-groups.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { PrepareError } from '../../harness/prepare/prepare-error.js';
import { trainTestSplitIndices } from '../../harness/prepare/train-test-split.js';
import { useTempDir } from '../support/temp-dir.js';
import { ICECUBE_RAW, icecubeMetaColumns, writeIcecubeRaw } from './raw-fixtures-icecube.js';

const ID = 'icecube-neutrinos-in-deep-ice';
const layout = projectLayout();
const META_COLUMNS = ['batch_id', 'event_id', 'first_pulse_index', 'last_pulse_index', 'azimuth', 'zenith'];

const fileBuffer = (file: string): AsyncBuffer => {
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
};
const readRows = (file: string) => parquetReadObjects({ file: fileBuffer(file) });

/** The fixture's rows of train_meta, in file order, as hyparquet returns them. */
function fixtureRows(): Record<string, unknown>[] {
  const columns = icecubeMetaColumns(ICECUBE_RAW);
  const n = columns[0]?.data.length ?? 0;
  return Array.from({ length: n }, (_, r) => Object.fromEntries(columns.map((c) => [c.name, c.data[r]])));
}

describe('icecube-neutrinos-in-deep-ice preparation', () => {
  const dataDir = useTempDir();
  const brokenDataDir = useTempDir();
  let ctx: GradingContext;
  let prepared: string;

  const prepare = (dir: string) =>
    prepareCompetition({
      dataDir: dir,
      competitionsDir: layout.competitionsDir,
      competition: ctx.registry.get(ID),
      keepRaw: true,
    });

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir });
    writeIcecubeRaw(rawDir(dataDir, ID));
    expect((await prepare(dataDir)).status).toBe('prepared');
    prepared = preparedDir(dataDir, ID);
  });

  it("splits the batch ids in first-appearance order as sklearn's train_test_split(test_size=0.1, random_state=0)", async () => {
    // sklearn 1.9.1: train_test_split(np.array([3,1,2,12,4,5,11,6,7,10,8,9]), test_size=0.1, random_state=0)
    const expectedTest = [11, 9];
    const split = trainTestSplitIndices(ICECUBE_RAW.batches.length, { testSize: 0.1, randomState: 0 });
    expect(Array.from(split.test, (i) => ICECUBE_RAW.batches[i])).toEqual(expectedTest);
    const testBatches = new Set((await readRows(join(prepared, 'public', 'test_meta.parquet'))).map((r) => r.batch_id));
    expect([...testBatches]).toEqual([11n, 9n]); // file order: batch 11's rows come before batch 9's
  });

  it('writes test_meta.parquet without azimuth/zenith, int64 columns kept, rows in file order', async () => {
    const file = join(prepared, 'public', 'test_meta.parquet');
    const metadata = await parquetMetadataAsync(fileBuffer(file));
    expect(metadata.schema.slice(1).map((e) => [e.name, e.type])).toEqual([
      ['batch_id', 'INT64'],
      ['event_id', 'INT64'],
      ['first_pulse_index', 'INT64'],
      ['last_pulse_index', 'INT64'],
    ]);
    const expected = fixtureRows()
      .filter((r) => r.batch_id === 11n || r.batch_id === 9n)
      .map(({ azimuth: _a, zenith: _z, ...rest }) => rest);
    expect(await readRows(file)).toEqual(expected);
  });

  it('writes train_meta.parquet with every column and type, exact values, in several row groups', async () => {
    const file = join(prepared, 'public', 'train_meta.parquet');
    const metadata = await parquetMetadataAsync(fileBuffer(file));
    expect(metadata.schema.slice(1).map((e) => [e.name, e.type, e.repetition_type])).toEqual(
      META_COLUMNS.map((name) => [name, name.endsWith('th') ? 'DOUBLE' : 'INT64', 'OPTIONAL']),
    );
    // one output row group per input row group that holds train rows (7 of the fixture's 8)
    expect(metadata.row_groups.length).toBeGreaterThan(1);
    const expected = fixtureRows().filter((r) => r.batch_id !== 11n && r.batch_id !== 9n);
    const rows = await readRows(file);
    expect(rows).toEqual(expected);
    expect(rows.some((r) => typeof r.event_id === 'bigint' && r.event_id > 2n ** 53n)).toBe(true);
  });

  it('writes the private answers as pandas does and a sample with 1,1 for the same events', () => {
    // pandas 3.0.6: DataFrame of the fixture's test rows (batches 11 then 9).to_csv(index=False)
    expect(readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')).toBe(
      [
        'event_id,azimuth,zenith',
        '9007199254751992,1.7578146928204141,1.0054073464102071',
        '9007199254751993,1.8578146928204138,1.055407346410207',
        '9007199254751994,1.9578146928204134,1.1054073464102068',
        '9007199254749992,0.2958146928204135,0.2514073464102067',
        '9007199254749993,0.39581469282041315,0.3014073464102065',
        '9007199254749994,0.4958146928204137,0.35140734641020677',
        '',
      ].join('\n'),
    );
    const sample = readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(sample[0]).toBe('event_id,azimuth,zenith');
    expect(sample.slice(1)).toEqual(
      [
        '9007199254751992',
        '9007199254751993',
        '9007199254751994',
        '9007199254749992',
        '9007199254749993',
        '9007199254749994',
      ].map((id) => `${id},1,1`),
    );
  });

  it('copies each batch file, byte for byte, to the side of its batch and nowhere else', () => {
    const names = (batches: number[]) => batches.map((b) => `batch_${b}.parquet`).sort();
    const testBatches = [11, 9];
    const trainBatches = ICECUBE_RAW.batches.filter((b) => !testBatches.includes(b));
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual(names(testBatches));
    expect(readdirSync(join(prepared, 'public', 'train')).sort()).toEqual(names(trainBatches));
    for (const batch of ICECUBE_RAW.batches) {
      const side = testBatches.includes(batch) ? 'test' : 'train';
      const name = `batch_${batch}.parquet`;
      expect(readFileSync(join(prepared, 'public', side, name), 'utf8')).toBe(`pulses of batch ${batch}\n`);
    }
  });

  it('names a batch without its pulse file, missing answer columns and a train_meta that is not parquet', async () => {
    const broken = brokenDataDir;
    writeIcecubeRaw(rawDir(broken, ID));
    rmSync(join(rawDir(broken, ID), 'train', 'batch_7.parquet'));
    await expect(prepare(broken)).rejects.toThrow(`${ID}: raw/train has no batch_<n>.parquet for batch 7`);
    const [batchId, eventIdColumn] = icecubeMetaColumns(ICECUBE_RAW);
    const noAnswers = parquetWriteBuffer({ columnData: [batchId!, eventIdColumn!] });
    writeFileSync(join(rawDir(broken, ID), 'train_meta.parquet'), new Uint8Array(noAnswers));
    await expect(prepare(broken)).rejects.toThrow(
      'train_meta.parquet has no column azimuth, zenith (columns: batch_id, event_id)',
    );
    writeFileSync(join(rawDir(broken, ID), 'train_meta.parquet'), 'batch_id,event_id\n1,2\n');
    const error = await prepare(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrepareError);
    expect((error as Error).message).toContain('train_meta.parquet is not a readable parquet file');
  });
});

describe('parquet row groups and incremental writing', () => {
  const dir = useTempDir();
  let source: ParquetSource;

  beforeAll(async () => {
    writeIcecubeRaw(dir);
    source = await openParquetSource(join(dir, 'train_meta.parquet'));
    return () => source.close();
  });

  it("reads one row group at a time, at the file's row offsets, only the columns asked for", async () => {
    const groups = [];
    for await (const group of readRowGroups(source, ['event_id', 'zenith'])) groups.push(group);
    // 36 rows in groups of 5
    expect(groups.map((g) => [g.rowStart, g.rows])).toEqual(
      [0, 5, 10, 15, 20, 25, 30, 35].map((s) => [s, s === 35 ? 1 : 5]),
    );
    expect([...(groups[1]?.columns.keys() ?? [])]).toEqual(['event_id', 'zenith']);
    const all = fixtureRows();
    expect(Array.from(groups[1]?.columns.get('event_id') ?? [])).toEqual(all.slice(5, 10).map((r) => r.event_id));
    await expect(readRowGroups(source, ['energy']).next()).rejects.toThrow(
      /train_meta\.parquet has no column 'energy' \(columns: batch_id, event_id/,
    );
  });

  it('appends one row group per write, none for zero rows, and round-trips a required int64 schema', async () => {
    const file = join(dir, 'out.parquet');
    const schema = flatSchemaOf(
      [
        { name: 'schema', num_children: 2 },
        { name: 'event_id', type: 'INT64', repetition_type: 'REQUIRED' },
        { name: 'zenith', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      ],
      ['event_id', 'zenith'],
    );
    const writer = await openParquetFileWriter(file, schema);
    await writer.write([
      { name: 'event_id', data: BigInt64Array.from([2n ** 62n, -1n]) },
      { name: 'zenith', data: Float64Array.from([0.1, Math.PI]) },
    ]);
    await writer.write([
      { name: 'event_id', data: BigInt64Array.from([]) },
      { name: 'zenith', data: Float64Array.from([]) },
    ]);
    await writer.write([
      { name: 'event_id', data: BigInt64Array.from([7n]) },
      { name: 'zenith', data: Float64Array.from([-0.5]) },
    ]);
    await expect(writer.write([{ name: 'zenith', data: [1] }])).rejects.toThrow(
      'columns zenith do not match the schema',
    );
    await writer.close();
    const metadata = await parquetMetadataAsync(fileBuffer(file));
    expect(metadata.row_groups.map((g) => g.num_rows)).toEqual([2n, 1n]);
    expect(metadata.schema.slice(1).map((e) => e.repetition_type)).toEqual(['REQUIRED', 'REQUIRED']);
    expect(await readRows(file)).toEqual([
      { event_id: 2n ** 62n, zenith: 0.1 },
      { event_id: -1n, zenith: Math.PI },
      { event_id: 7n, zenith: -0.5 },
    ]);
  });

  it('reads row groups compressed with gzip as well as snappy', async () => {
    const file = join(dir, 'gzip.parquet');
    const zenith = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i));
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'event_id', data: BigInt64Array.from({ length: 300 }, (_, i) => BigInt(i) * 3n) },
        { name: 'zenith', data: zenith },
      ],
      codec: 'GZIP',
      compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
      rowGroupSize: 128,
    });
    writeFileSync(file, new Uint8Array(bytes));
    const gzipped = await openParquetSource(file);
    try {
      expect(gzipped.metadata.row_groups[0]?.columns[0]?.meta_data?.codec).toBe('GZIP');
      const read: number[] = [];
      for await (const group of readRowGroups(gzipped, ['zenith'])) read.push(...(group.columns.get('zenith') ?? []));
      expect(read).toEqual(Array.from(zenith));
    } finally {
      await gzipped.close();
    }
  });

  it('names a file that is not parquet', async () => {
    const file = join(dir, 'not.parquet');
    writeFileSync(file, 'PAR1 but not really');
    await expect(openParquetSource(file)).rejects.toThrow(ParquetFormatError);
    await expect(openParquetSource(file)).rejects.toThrow(`${file} is not a readable parquet file`);
  });
});

describe('icecube-neutrinos-in-deep-ice from a train_meta.parquet written by pyarrow, as Kaggle ships it', () => {
  const ours = useTempDir();
  const kaggleLike = useTempDir();

  it('prepares the same rows, types and answers as from the fixture written by hyparquet-writer', async () => {
    const ctx = await buildGradingContext({ dataDir: ours });
    const prepare = (dataDir: string) =>
      prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(ID) });
    writeIcecubeRaw(rawDir(ours, ID));
    writeIcecubeRaw(rawDir(kaggleLike, ID));
    // pandas 3.0.6 / pyarrow 25.0.1: the fixture's values, DataFrame.to_parquet(row_group_size=5): snappy,
    // dictionary pages, pandas metadata, 8 row groups
    copyFileSync(
      join(import.meta.dirname, 'fixtures', 'icecube-train-meta-pyarrow.parquet'),
      join(rawDir(kaggleLike, ID), 'train_meta.parquet'),
    );
    await prepare(ours);
    await prepare(kaggleLike);
    for (const file of ['public/train_meta.parquet', 'public/test_meta.parquet']) {
      const [a, b] = [ours, kaggleLike].map((dir) => join(preparedDir(dir, ID), file));
      const rows = await readRows(b!);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(await readRows(a!));
      const types = async (f: string) =>
        (await parquetMetadataAsync(fileBuffer(f))).schema.slice(1).map((e) => [e.name, e.type]);
      expect(await types(b!)).toEqual(await types(a!));
    }
    for (const file of ['private/test.csv', 'public/sample_submission.csv']) {
      const [a, b] = [ours, kaggleLike].map((dir) => readFileSync(join(preparedDir(dir, ID), file), 'utf8'));
      expect(b).toBe(a);
    }
  });
});
