/**
 * icecube preparation throughput (run by hand: `npm run bench:parquet`): a synthetic train_meta.parquet
 * of BENCH_ROWS rows (default 5,000,000) shaped like Kaggle's (int64 batch_id, event_id,
 * first/last_pulse_index, float64 azimuth/zenith, optional columns as pyarrow writes them, row groups of
 * 2^20 rows, 50 batches of consecutive rows), prepared by the custom preparer (a batch_id pass and a
 * full pass: two parquet files and two CSVs written). Prints rows/s, input MB/s, peak RSS (sampled during
 * the preparation and the process maximum) and the ratio to the floor of the same I/O: reading the file
 * twice in 8 MiB chunks and writing one copy.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SchemaElement } from 'hyparquet';
import { prepareIcecube } from '../harness/prepare/custom/icecube-neutrinos-in-deep-ice.js';
import { MAX_ROW_GROUP_ROWS, openParquetFileWriter } from '../harness/prepare/parquet-file-writer.js';
import { CompetitionConfig } from '../harness/registry/competition-config.js';
import { ioFloor, secondsOf } from './io-floor.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000);
const BATCHES = 50;
const perBatch = Math.ceil(ROWS / BATCHES);
const dir = mkdtempSync(join(tmpdir(), 'podium-bench-parquet-'));
const raw = join(dir, 'raw');
mkdirSync(join(raw, 'train'), { recursive: true });
const source = join(raw, 'train_meta.parquet');

const int64 = (name: string): SchemaElement => ({ name, type: 'INT64', repetition_type: 'OPTIONAL' });
const double = (name: string): SchemaElement => ({ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' });
const schema: SchemaElement[] = [
  { name: 'schema', num_children: 6 },
  ...['batch_id', 'event_id', 'first_pulse_index', 'last_pulse_index'].map(int64),
  double('azimuth'),
  double('zenith'),
];
const writer = await openParquetFileWriter(source, schema);
let pulse = 0n;
for (let start = 0; start < ROWS; start += MAX_ROW_GROUP_ROWS) {
  const n = Math.min(MAX_ROW_GROUP_ROWS, ROWS - start);
  const first = new BigInt64Array(n);
  const last = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    first[i] = pulse;
    pulse += BigInt(20 + ((start + i) % 60));
    last[i] = pulse - 1n;
  }
  await writer.write([
    {
      name: 'batch_id',
      data: BigInt64Array.from({ length: n }, (_, i) => BigInt(1 + Math.floor((start + i) / perBatch))),
    },
    { name: 'event_id', data: BigInt64Array.from({ length: n }, (_, i) => BigInt(24 + 3 * (start + i))) },
    { name: 'first_pulse_index', data: first },
    { name: 'last_pulse_index', data: last },
    { name: 'azimuth', data: Float64Array.from({ length: n }, () => Math.random() * 2 * Math.PI) },
    { name: 'zenith', data: Float64Array.from({ length: n }, () => Math.random() * Math.PI) },
  ]);
}
await writer.close();
for (let b = 1; b <= BATCHES; b++) writeFileSync(join(raw, 'train', `batch_${b}.parquet`), `pulses of batch ${b}\n`);
writeFileSync(join(raw, 'sensor_geometry.csv'), 'sensor_id,x,y,z\n0,-256.14,-521.08,496.03\n');
const megabytes = statSync(source).size / 1e6;

const competition = CompetitionConfig.parse({
  schema_version: 1,
  id: 'icecube-neutrinos-in-deep-ice',
  name: 'bench',
  competition_type: 'code',
  category: 'signal-processing',
  split: 'dev',
  dataset_size_gb: 0.1,
  sample_submission: 'public/sample_submission.csv',
  grading: {
    metric: 'mean-angular-error',
    mlebench_metric: 'mean-angular-error',
    direction: 'lower',
    answers: 'test.csv',
    id_column: 'event_id',
    target_columns: ['azimuth', 'zenith'],
    values: 'number',
  },
});

const floor = await secondsOf(() => ioFloor(source, join(dir, 'copy.parquet')));
const rssBefore = process.memoryUsage().rss;
let sampledPeak = rssBefore;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 20);
const prepared = await secondsOf(async () => {
  for (const side of ['public', 'private']) mkdirSync(join(dir, side), { recursive: true });
  await prepareIcecube({ raw, public: join(dir, 'public'), private: join(dir, 'private'), competition });
});
clearInterval(sampler);
const peak = process.resourceUsage().maxRSS * 1024;
console.log(`train_meta.parquet: ${ROWS} rows, ${BATCHES} batches, ${megabytes.toFixed(0)} MB`);
console.log(`I/O floor (2 reads + 1 write): ${floor.toFixed(2)} s, ${(megabytes / floor).toFixed(0)} MB/s of input`);
console.log(
  `prepareIcecube: ${prepared.toFixed(2)} s, ${(ROWS / prepared).toFixed(0)} rows/s, ${(megabytes / prepared).toFixed(0)} MB/s of input`,
);
console.log(`ratio prepare / floor: ${(prepared / floor).toFixed(2)}`);
console.log(
  `RSS during prepare: peak ${(sampledPeak / 1e6).toFixed(0)} MB (${((sampledPeak - rssBefore) / 1e6).toFixed(0)} MB above its start); process max ${(peak / 1e6).toFixed(0)} MB`,
);
rmSync(dir, { recursive: true, force: true });
