/**
 * The synthetic raw dataset of icecube-neutrinos-in-deep-ice (branch icecube): Kaggle's file names and
 * columns, a tiny `train_meta.parquet` written by hyparquet-writer in several row groups that straddle
 * batches (int64 ids, float64 angles, optional columns as pyarrow writes them), a few-byte
 * `train/batch_<n>.parquet` per batch (the preparation copies them, never decodes them) and
 * `sensor_geometry.csv`. Self-contained (no import from raw-fixtures.ts): tests import it directly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { RawFixture } from './raw-fixtures.js';

export interface IcecubeRaw {
  /** Batch ids in the order their rows appear in train_meta (not sorted: pandas' unique() keeps this order). */
  batches: number[];
  eventsPerBatch: number;
  rowGroupSize: number;
}

/** 12 batches of 3 events in row groups of 5 rows: ceil(0.1 · 12) = 2 test batches, 6 test events. */
export const ICECUBE_RAW: IcecubeRaw = {
  batches: [3, 1, 2, 12, 4, 5, 11, 6, 7, 10, 8, 9],
  eventsPerBatch: 3,
  rowGroupSize: 5,
};

/** Event ids above 2^53, so a lossy number conversion anywhere would show. */
export const eventId = (batch: number, k: number) => 2n ** 53n + BigInt(batch * 1000 + k);
export const azimuthOf = (batch: number, k: number) => (batch * 0.731 + k * 0.1) % (2 * Math.PI);
export const zenithOf = (batch: number, k: number) => (batch * 0.377 + k * 0.05) % Math.PI;

/** The columns of train_meta.parquet, one row per (batch, event) in file order. */
export function icecubeMetaColumns(raw: IcecubeRaw) {
  const rows = raw.batches.flatMap((batch) => Array.from({ length: raw.eventsPerBatch }, (_, k) => ({ batch, k })));
  return [
    { name: 'batch_id', data: BigInt64Array.from(rows, (r) => BigInt(r.batch)), type: 'INT64' as const },
    { name: 'event_id', data: BigInt64Array.from(rows, (r) => eventId(r.batch, r.k)), type: 'INT64' as const },
    { name: 'first_pulse_index', data: BigInt64Array.from(rows, (r) => BigInt(r.k * 40)), type: 'INT64' as const },
    { name: 'last_pulse_index', data: BigInt64Array.from(rows, (r) => BigInt(r.k * 40 + 39)), type: 'INT64' as const },
    { name: 'azimuth', data: Float64Array.from(rows, (r) => azimuthOf(r.batch, r.k)), type: 'DOUBLE' as const },
    { name: 'zenith', data: Float64Array.from(rows, (r) => zenithOf(r.batch, r.k)), type: 'DOUBLE' as const },
  ];
}

export function writeIcecubeRaw(dir: string, raw: IcecubeRaw = ICECUBE_RAW): void {
  mkdirSync(join(dir, 'train'), { recursive: true });
  const meta = parquetWriteBuffer({ columnData: icecubeMetaColumns(raw), rowGroupSize: raw.rowGroupSize });
  writeFileSync(join(dir, 'train_meta.parquet'), new Uint8Array(meta));
  for (const batch of raw.batches)
    writeFileSync(join(dir, 'train', `batch_${batch}.parquet`), `pulses of batch ${batch}\n`);
  writeFileSync(
    join(dir, 'sensor_geometry.csv'),
    'sensor_id,x,y,z\n0,-256.14,-521.08,496.03\n1,-256.14,-521.08,479.01\n',
  );
}

export const ICECUBE_FIXTURES: RawFixture[] = [
  {
    id: 'icecube-neutrinos-in-deep-ice',
    write: (raw) => writeIcecubeRaw(raw),
    testRows: 6,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'sensor_geometry.csv',
      'test',
      'test_meta.parquet',
      'train',
      'train_meta.parquet',
    ],
  },
];
