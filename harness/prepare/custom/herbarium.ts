/**
 * herbarium-2020-fgvc7, herbarium-2021-fgvc8, herbarium-2022-fgvc9: custom because the data is a COCO-
 * style metadata.json (parallel `images` and `annotations` lists), split per category, not a CSV. One
 * module for the three: MLE-bench's three preparations are the same steps with different paths, keys
 * and renamings (the table HERBARIUM below).
 *
 * As MLE-bench: pairs (annotation, image) are grouped by category_id in order of first appearance; each
 * category is split on its own: 2020/2021 keep a single image on train, give the last one of 2–4 images
 * to test and `train_test_split(pairs, test_size=0.2, random_state=0)` the rest; 2022 splits every
 * category that way (and refuses one that leaves a side empty). Train keeps the category order, each
 * category's pairs in split order; 2022 renames them `<category, 5 digits>__<k+1, 3 digits>` under
 * `<category/100, 3 digits>/<category%100, 2 digits>/`. The test pairs, flattened in category order, are
 * shuffled by `random.Random(0)` (python-random.ts) and the k-th gets id `k`: 2020/2021 file
 * `images/<k/1000, 3 digits>/<k>.jpg`, 2022 `<k/1000, 3 digits>/test-<k, 6 digits>.jpg`. The raw
 * metadata is parsed as it is read and the new one written in chunks (2021's ~2.26 M images may not fit
 * in one string: json-stream-reader.ts), as json.dump(indent=4, sort_keys=True) (python-json-writer.ts);
 * the public test metadata is 2020/2021's {images, info, licenses}, 2022's image list. Private
 * answers.csv is Id,Predicted (the category); the sample submission predicts 0 (2020/2021) or 42 (2022).
 * Kaggle's own test images are not used.
 */
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { CsvFormatError, writeCsvTable } from '../csv-table.js';
import { readJsonFile } from '../json-stream-reader.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { writePythonJson } from '../python-json-writer.js';
import { PythonRandom } from '../python-random.js';
import { trainTestSplitIndices } from '../train-test-split.js';

type JsonObject = Record<string, unknown>;
interface Pair {
  annotation: JsonObject;
  image: JsonObject;
}

interface HerbariumVariant {
  /** The raw train metadata, relative to raw/. */
  metadata: string;
  /** MLE-bench 2020 reads the metadata as latin-1 ("utf-8 fails"). */
  encoding: 'latin1' | 'utf8';
  /** The image entry's id key. */
  imageId: 'id' | 'image_id';
  /** Folder of the raw train images (file_name is relative to it) and of the public train images. */
  trainImages: string;
  /** Folder of the public test images (test file names are relative to it). */
  testImages: string;
  publicTrainMetadata: string;
  publicTestMetadata: string;
  /** 2022: every category is split by sklearn; 2020/2021: small categories keep their images as described. */
  splitEveryCategory: boolean;
  /** 2022 renames train images per category. */
  renameTrain: boolean;
  testFileName: (k: number) => string;
  /** The public test metadata from the raw metadata and the new test image entries. */
  publicTest: (raw: JsonObject, images: JsonObject[]) => unknown;
  samplePrediction: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const testFolder = (k: number) => pad(Math.floor(k / 1000), 3);
const imagesInfoLicenses = (raw: JsonObject, images: JsonObject[]) => ({
  images,
  info: raw['info'],
  licenses: raw['licenses'],
});

export const HERBARIUM: Readonly<Record<'2020' | '2021' | '2022', HerbariumVariant>> = {
  '2020': {
    metadata: 'nybg2020/train/metadata.json',
    encoding: 'latin1',
    imageId: 'id',
    trainImages: 'nybg2020/train',
    testImages: 'nybg2020/test',
    publicTrainMetadata: 'nybg2020/train/metadata.json',
    publicTestMetadata: 'nybg2020/test/metadata.json',
    splitEveryCategory: false,
    renameTrain: false,
    testFileName: (k) => `images/${testFolder(k)}/${k}.jpg`,
    publicTest: imagesInfoLicenses,
    samplePrediction: '0',
  },
  '2021': {
    metadata: 'train/metadata.json',
    encoding: 'utf8',
    imageId: 'id',
    trainImages: 'train',
    testImages: 'test',
    publicTrainMetadata: 'train/metadata.json',
    publicTestMetadata: 'test/metadata.json',
    splitEveryCategory: false,
    renameTrain: false,
    testFileName: (k) => `images/${testFolder(k)}/${k}.jpg`,
    publicTest: imagesInfoLicenses,
    samplePrediction: '0',
  },
  '2022': {
    metadata: 'train_metadata.json',
    encoding: 'utf8',
    imageId: 'image_id',
    trainImages: 'train_images',
    testImages: 'test_images',
    publicTrainMetadata: 'train_metadata.json',
    publicTestMetadata: 'test_metadata.json',
    splitEveryCategory: true,
    renameTrain: true,
    testFileName: (k) => `${testFolder(k)}/test-${pad(k, 6)}.jpg`,
    publicTest: (_raw, images) => images,
    samplePrediction: '42',
  },
};

/**
 * The pairs of one category split as MLE-bench does (herbarium and inaturalist-2019): [train, test],
 * each in its written order.
 */
export function splitCategory<T>(pairs: readonly T[], everyCategory: boolean, testSize = 0.2): [T[], T[]] {
  const n = pairs.length;
  if (!everyCategory && n === 1) return [[...pairs], []];
  if (!everyCategory && n < 5) {
    const testCount = Math.max(1, Math.trunc(n * testSize));
    return [pairs.slice(0, n - testCount), pairs.slice(n - testCount)];
  }
  const split = trainTestSplitIndices(n, { testSize, randomState: 0 });
  return [Array.from(split.train, (i) => pairs[i]!), Array.from(split.test, (i) => pairs[i]!)];
}

/** A file_name from the metadata, checked to stay inside its folder. */
function relativeFile(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '' || value.startsWith('/') || value.split(/[\\/]/).includes('..')) {
    throw new CsvFormatError(`${where}: file_name ${JSON.stringify(value)} is not a relative path inside the folder`);
  }
  return value;
}

/** Chunk sizes of the streamed metadata (tests make them tiny to see that no whole text is built). */
export interface HerbariumStreaming {
  readChunkBytes?: number;
  writeChunkChars?: number;
}

/**
 * The raw metadata, parsed as it is read (json-stream-reader.ts): the real 2021 file (~2.26 M images and
 * annotations) may be longer than the longest string V8 can hold, so it is never read as one text.
 */
export async function readHerbariumMetadata(
  file: string,
  encoding: 'latin1' | 'utf8',
  streaming: HerbariumStreaming = {},
): Promise<JsonObject> {
  let parsed: unknown;
  try {
    parsed = await readJsonFile(file, { encoding, highWaterMark: streaming.readChunkBytes });
  } catch (error) {
    throw new CsvFormatError(`${file}: cannot be read as JSON (${(error as Error).message})`);
  }
  const metadata = parsed as JsonObject;
  if (
    metadata === null ||
    typeof metadata !== 'object' ||
    !Array.isArray(metadata['annotations']) ||
    !Array.isArray(metadata['images'])
  ) {
    throw new CsvFormatError(`${file}: expected an object with 'annotations' and 'images' lists`);
  }
  if (metadata['annotations'].length !== metadata['images'].length) {
    throw new CsvFormatError(
      `${file}: ${metadata['annotations'].length} annotations but ${metadata['images'].length} images`,
    );
  }
  return metadata;
}

/** A train pair as written to public, with the raw image file it copies. */
type TrainPair = Pair & { rawFile: unknown };

/** The pairs split per category as MLE-bench does: train in category order, test shuffled by random.Random(0). */
export function splitHerbarium(
  raw: JsonObject,
  variant: HerbariumVariant,
  file: string,
): { train: TrainPair[]; test: Pair[] } {
  const images = raw['images'] as JsonObject[];
  const byCategory = new Map<number, Pair[]>();
  (raw['annotations'] as JsonObject[]).forEach((annotation, i) => {
    const image = images[i]!;
    if (annotation['image_id'] !== image[variant.imageId] || typeof annotation['category_id'] !== 'number') {
      throw new CsvFormatError(`${file}: annotation ${i} does not match image ${i} or has no numeric category_id`);
    }
    const category = annotation['category_id'];
    const pairs = byCategory.get(category);
    if (pairs === undefined) byCategory.set(category, [{ annotation, image }]);
    else pairs.push({ annotation, image });
  });

  const train: TrainPair[] = [];
  const test: Pair[] = [];
  for (const [category, pairs] of byCategory) {
    const [trainPairs, testPairs] = splitCategory(pairs, variant.splitEveryCategory);
    if (variant.splitEveryCategory && (trainPairs.length === 0 || testPairs.length === 0)) {
      throw new CsvFormatError(`${file}: category ${category} has too few images to be on both sides`);
    }
    for (const [k, { annotation, image }] of trainPairs.entries()) {
      if (!variant.renameTrain) {
        train.push({ annotation, image, rawFile: image['file_name'] });
        continue;
      }
      const newId = `${pad(category, 5)}__${pad(k + 1, 3)}`;
      const subdir = `${pad(Math.floor(category / 100), 3)}/${pad(category % 100, 2)}`;
      train.push({
        annotation: { ...annotation, image_id: newId },
        image: { ...image, [variant.imageId]: newId, file_name: `${subdir}/${newId}.jpg` },
        rawFile: image['file_name'],
      });
    }
    for (const pair of testPairs) test.push(pair);
  }
  new PythonRandom(0).shuffle(test);
  return { train, test };
}

/** The k-th test pair's new image entry (id `k`, its new file name) and answer row. */
export function herbariumTestEntries(
  test: readonly Pair[],
  variant: HerbariumVariant,
): { images: JsonObject[]; answers: string[][] } {
  const images = test.map(({ image }, k) => ({
    ...image,
    [variant.imageId]: String(k),
    file_name: variant.testFileName(k),
  }));
  const answers = test.map(({ annotation }, k) => [String(k), String(annotation['category_id'])]);
  return { images, answers };
}

/** Public train/test metadata, private answers and the sample submission. */
export async function writeHerbariumOutputs(
  ctx: PrepareContext,
  variant: HerbariumVariant,
  raw: JsonObject,
  train: readonly TrainPair[],
  testEntries: { images: JsonObject[]; answers: string[][] },
  streaming: HerbariumStreaming = {},
): Promise<void> {
  const write = { chunkChars: streaming.writeChunkChars };
  await writePythonJson(
    join(ctx.public, variant.publicTrainMetadata),
    { ...raw, annotations: train.map((pair) => pair.annotation), images: train.map((pair) => pair.image) },
    write,
  );
  await writePythonJson(
    join(ctx.public, variant.publicTestMetadata),
    variant.publicTest(raw, testEntries.images),
    write,
  );
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['Id', 'Predicted'],
    rows: testEntries.answers,
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Id', 'Predicted'],
    rows: testEntries.answers.map(([k]) => [k!, variant.samplePrediction]),
  });
}

export async function prepareHerbarium(
  ctx: PrepareContext,
  variant: HerbariumVariant,
  streaming: HerbariumStreaming = {},
): Promise<void> {
  const id = ctx.competition.id;
  const file = join(ctx.raw, ...variant.metadata.split('/'));
  if (!(await fileExists(file))) throw new RawFileMissingError(id, file);
  const raw = await readHerbariumMetadata(file, variant.encoding, streaming);
  const { train, test } = splitHerbarium(raw, variant, file);
  const testEntries = herbariumTestEntries(test, variant);

  const trainImages = join(ctx.raw, ...variant.trainImages.split('/'));
  for (const { image, rawFile } of train) {
    await copyInto(
      join(trainImages, relativeFile(rawFile, file)),
      join(ctx.public, variant.trainImages, relativeFile(image['file_name'], file)),
      id,
    );
  }
  for (const [k, { image }] of test.entries()) {
    await copyInto(
      join(trainImages, relativeFile(image['file_name'], file)),
      join(ctx.public, variant.testImages, testEntries.images[k]!['file_name'] as string),
      id,
    );
  }
  await writeHerbariumOutputs(ctx, variant, raw, train, testEntries, streaming);
}
