/**
 * statoil-iceberg-classifier-challenge: custom because the data is one JSON array of radar images
 * (Kaggle's `train.json`, inside the 7-Zip archive `train.json.7z`, which prepare.yaml has unpacked by
 * hand to `data/processed/train.json`), not a CSV.
 *
 * As MLE-bench: `train_test_split(records, test_size=0.2, random_state=0)`; public `train.json` is the
 * train records in split order, public `test.json` the test records with only Kaggle's test fields (id,
 * band_1, band_2, inc_angle); private `test.csv` is id,is_iceberg (as an integer); the sample submission
 * gives is_iceberg 0.5. Unlike MLE-bench, the JSON files and the sample stay plain (MLE-bench packs them
 * as .7z and keeps the plain sample only in private/), and the JSON is written compactly by
 * JSON.stringify (MLE-bench's json.dump puts a space after each separator and writes 1.0 where
 * JavaScript writes 1): the same values, not the same bytes. Kaggle's own test.json is not used.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileExists } from '../../file-exists.js';
import { CsvFormatError, writeCsvTable } from '../csv-table.js';
import { RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const SOURCE = 'data/processed/train.json';
/** The fields of Kaggle's test.json records, in its order. */
const TEST_FIELDS = ['id', 'band_1', 'band_2', 'inc_angle'];

type IcebergRecord = Record<string, unknown>;

async function readRecords(file: string): Promise<IcebergRecord[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CsvFormatError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length < 2)
    throw new CsvFormatError(`${file}: expected a JSON array of records`);
  parsed.forEach((record: unknown, i) => {
    const r = record as IcebergRecord | null;
    if (r === null || typeof r !== 'object' || typeof r['id'] !== 'string' || typeof r['is_iceberg'] !== 'number') {
      throw new CsvFormatError(`${file}: record ${i} has no string id and numeric is_iceberg`);
    }
  });
  return parsed as IcebergRecord[];
}

/** Writes a JSON array one record at a time (the train array is ~200 MB as text). */
async function writeJsonArray(file: string, records: readonly IcebergRecord[]): Promise<void> {
  const out = createWriteStream(file);
  for (const [k, record] of records.entries()) {
    const ok = out.write(`${k === 0 ? '[' : ','}${JSON.stringify(record)}`);
    if (!ok) await once(out, 'drain');
  }
  out.end(records.length === 0 ? '[]' : ']');
  await finished(out);
}

export async function prepareStatoilIceberg(ctx: PrepareContext): Promise<void> {
  const file = join(ctx.raw, ...SOURCE.split('/'));
  if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
  const records = await readRecords(file);
  const split = trainTestSplitIndices(records.length, { testSize: 0.2, randomState: 0 });
  const train = Array.from(split.train, (i) => records[i]!);
  const test = Array.from(split.test, (i) => records[i]!);

  await writeJsonArray(join(ctx.public, 'train.json'), train);
  await writeJsonArray(
    join(ctx.public, 'test.json'),
    test.map((r) => Object.fromEntries(TEST_FIELDS.map((f) => [f, r[f]]))),
  );
  const ids = test.map((r) => String(r['id']));
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['id', 'is_iceberg'],
    rows: test.map((r, k) => [ids[k]!, String(Math.trunc(Number(r['is_iceberg'])))]),
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['id', 'is_iceberg'],
    rows: ids.map((id) => [id, '0.5']),
  });
}
