/**
 * herbarium metadata throughput and memory (run by hand: `npm run bench:herbarium`): a synthetic
 * herbarium-2021 train/metadata.json of BENCH_HERBARIUM_MB (default 600 MiB, more than the longest
 * string V8 holds, ~512 Mi characters) shaped like Kaggle's (parallel images and annotations, 64,500
 * categories), then the preparation's metadata steps: streamed parse, per-category split and shuffle,
 * streamed public/private writes. Image copies are left out (millions of files; they do not touch the
 * metadata). Prints pairs/s, MB/s and peak RSS, then the earlier readFile + JSON.parse on the same file:
 * its time and the ratio when the file fits in one string, its error when it does not.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { buildGradingContext } from '../harness/cli/context.js';
import {
  HERBARIUM,
  herbariumTestEntries,
  readHerbariumMetadata,
  splitHerbarium,
  writeHerbariumOutputs,
} from '../harness/prepare/custom/herbarium.js';

const TARGET_BYTES = Number(process.env.BENCH_HERBARIUM_MB ?? 600) * 2 ** 20;
const CATEGORIES = 64_500;
const dir = mkdtempSync(join(tmpdir(), 'podium-bench-herbarium-'));
const raw = join(dir, 'raw');
const file = join(raw, 'train', 'metadata.json');
mkdirSync(join(raw, 'train'), { recursive: true });

/** Category of image i: a fixed scramble, so categories interleave and have different sizes. */
const categoryOf = (i: number) => (Math.imul(i, 2_654_435_761) >>> 0 < 2 ** 31 ? i % CATEGORIES : (i * 7) % 997);
const image = (i: number) =>
  `{"file_name": "images/${String(Math.floor(i / 1e4)).padStart(3, '0')}/${String(i % 100).padStart(2, '0')}/${i}.jpg", "height": 1000, "id": ${i}, "license": 0, "width": ${600 + (i % 400)}}`;
const annotation = (i: number) =>
  `{"category_id": ${categoryOf(i)}, "id": ${i}, "image_id": ${i}, "institution_id": ${i % 5}}`;

async function writeSynthetic(): Promise<number> {
  const perPair = image(1_234_567).length + annotation(1_234_567).length + 4;
  const pairs = Math.max(1, Math.floor(TARGET_BYTES / perPair));
  const out = createWriteStream(file);
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const list = async (key: string, entry: (i: number) => string) => {
    let batch = '';
    for (let i = 0; i < pairs; i++) {
      batch += `${i === 0 ? '' : ', '}${entry(i)}`;
      if (batch.length > 1 << 20) {
        await put(batch);
        batch = '';
      }
    }
    await put(`${batch}], "${key}": [`);
  };
  await put('{"annotations": [');
  await list('categories', annotation);
  const categories = Array.from(
    { length: CATEGORIES },
    (_, c) => `{"family": "Fam ${c % 600}", "id": ${c}, "name": "Plantae ${c} Montr\u00e9al", "order": "O"}`,
  );
  await put(`${categories.join(', ')}], "images": [`);
  await list('institutions', image);
  await put('{"id": 0, "name": "New York Botanical Garden"}], "info": {"year": 2021, "version": "1.0"}, ');
  await put('"licenses": [{"id": 0, "name": "Public Domain Dedication", "url": ""}]}');
  out.end();
  await finished(out);
  return pairs;
}

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, (performance.now() - start) / 1000];
}

const [pairs, written] = await timed(writeSynthetic);
const megabytes = statSync(file).size / 2 ** 20;
console.log(
  `metadata.json: ${pairs} images + annotations, ${megabytes.toFixed(0)} MiB (written in ${written.toFixed(1)} s)`,
);
console.log(`longest string V8 holds: ${(constants.MAX_STRING_LENGTH / 2 ** 20).toFixed(0)} Mi characters`);

const competition = (await buildGradingContext({ dataDir: dir })).registry.get('herbarium-2021-fgvc8');
const ctx = { raw, public: join(dir, 'public'), private: join(dir, 'private'), competition };
const variant = HERBARIUM['2021'];
const rssBefore = process.memoryUsage().rss;
const [metadata, parsing] = await timed(() => readHerbariumMetadata(file, variant.encoding));
const [split, splitting] = await timed(() => {
  const { train, test } = splitHerbarium(metadata, variant, file);
  return { train, testEntries: herbariumTestEntries(test, variant) };
});
const [, writing] = await timed(() => writeHerbariumOutputs(ctx, variant, metadata, split.train, split.testEntries));
const peak = process.resourceUsage().maxRSS * 1024;
const total = parsing + splitting + writing;
const outMegabytes =
  (statSync(join(ctx.public, 'train', 'metadata.json')).size +
    statSync(join(ctx.public, 'test', 'metadata.json')).size) /
  2 ** 20;
console.log(
  `streamed parse: ${parsing.toFixed(1)} s, ${(pairs / parsing).toFixed(0)} pairs/s, ${(megabytes / parsing).toFixed(1)} MiB/s`,
);
console.log(
  `split + shuffle: ${splitting.toFixed(1)} s (${split.train.length} train, ${split.testEntries.answers.length} test)`,
);
console.log(
  `streamed write: ${writing.toFixed(1)} s, ${(outMegabytes / writing).toFixed(1)} MiB/s (${outMegabytes.toFixed(0)} MiB written)`,
);
console.log(`metadata steps: ${total.toFixed(1)} s, ${(pairs / total).toFixed(0)} pairs/s`);
console.log(
  `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB above the start)`,
);

// the earlier path, after the streamed one so that its memory does not count in the peak above
rmSync(ctx.public, { recursive: true, force: true });
(globalThis as { gc?: () => void }).gc?.();
try {
  const [, whole] = await timed(async () => JSON.parse(await readFile(file, 'utf8')) as unknown);
  console.log(
    `readFile + JSON.parse: ${whole.toFixed(1)} s; ratio streamed / whole parse ${(parsing / whole).toFixed(2)}`,
  );
} catch (error) {
  console.log(`readFile + JSON.parse fails: ${(error as Error).message}`);
}
rmSync(dir, { recursive: true, force: true });
