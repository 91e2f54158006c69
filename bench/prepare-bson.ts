/**
 * cdiscount preparation throughput (run by hand: `npm run bench:bson`): a
 * synthetic train.bson of BENCH_DOCS products (default 30,000) shaped like Kaggle's (int32 `_id`, 1–4
 * pictures of ~3.3 KB, int32 `category_id`: ~8 KB a product, as 58 GB / 7.07M), prepared by the custom
 * preparer (two streaming passes and three outputs). Prints documents/s, input MB/s, peak RSS and the ratio
 * to the floor of the same I/O: reading the file twice in 8 MiB chunks and writing one copy.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareCdiscount } from '../harness/prepare/custom/cdiscount-image-classification-challenge.js';
import { CompetitionConfig } from '../harness/registry/competition-config.js';
import { arrayElement, binaryElement, bsonDocument, int32Element } from '../tests/prepare/raw-fixtures-cdisc.js';
import { ioFloor, secondsOf } from './io-floor.js';

const DOCS = Number(process.env.BENCH_DOCS ?? 30_000);
const dir = mkdtempSync(join(tmpdir(), 'podium-bench-bson-'));
const raw = join(dir, 'raw');
mkdirSync(raw);
const source = join(raw, 'train.bson');

const picture = Buffer.alloc(3300, 0xab);
const out = await open(source, 'w');
for (let i = 0; i < DOCS; i++) {
  const doc = bsonDocument([
    int32Element('_id', i),
    arrayElement(
      'imgs',
      Array.from({ length: 1 + (i % 4) }, () => [binaryElement('picture', picture)]),
    ),
    int32Element('category_id', 1000010653 + (i % 5000)),
  ]);
  await out.write(doc);
}
await out.close();
const megabytes = statSync(source).size / 1e6;

const competition = CompetitionConfig.parse({
  schema_version: 1,
  id: 'cdiscount-image-classification-challenge',
  name: 'bench',
  competition_type: 'simple',
  category: 'image-classification',
  split: 'dev',
  dataset_size_gb: 0.1,
  sample_submission: 'public/sample_submission.csv',
  grading: {
    metric: 'accuracy',
    mlebench_metric: 'accuracy',
    direction: 'higher',
    answers: 'answers.csv',
    id_column: '_id',
    target_columns: ['category_id'],
    values: 'integer',
  },
});

const rssBefore = process.memoryUsage().rss;
const floor = await secondsOf(() => ioFloor(source, join(dir, 'copy.bson')));
const prepared = await secondsOf(async () => {
  for (const side of ['public', 'private']) mkdirSync(join(dir, side), { recursive: true });
  await prepareCdiscount({ raw, public: join(dir, 'public'), private: join(dir, 'private'), competition });
});
const peak = process.resourceUsage().maxRSS * 1024;
console.log(`train.bson: ${DOCS} documents, ${megabytes.toFixed(0)} MB`);
console.log(`I/O floor (2 reads + 1 write): ${floor.toFixed(2)} s, ${(megabytes / floor).toFixed(0)} MB/s of input`);
console.log(
  `prepareCdiscount: ${prepared.toFixed(2)} s, ${(DOCS / prepared).toFixed(0)} documents/s, ${(megabytes / prepared).toFixed(0)} MB/s of input`,
);
console.log(`ratio prepare / floor: ${(prepared / floor).toFixed(2)}`);
console.log(`peak RSS ${(peak / 1e6).toFixed(0)} MB (${((peak - rssBefore) / 1e6).toFixed(0)} MB above the start)`);
rmSync(dir, { recursive: true, force: true });
