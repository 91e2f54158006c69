/**
 * inaturalist-2019-fgvc6: custom because the data is COCO-style metadata (train2019.json) split per
 * category, and the images come in `train_val2019.tar.gz`, which is unpacked into raw/ first
 * (untar-raw-archive.ts), as MLE-bench does.
 *
 * As MLE-bench: (annotation, image) pairs grouped by category_id in order of first appearance; a
 * category of 1 image stays on train, one of 2–4 gives its last image to test, others are split by
 * `train_test_split(pairs, test_size=0.12, random_state=0)` (herbarium.ts's splitCategory). Train keeps
 * the category order; public train2019.json is the raw metadata with train's annotations and images
 * (json.dump(indent=4, sort_keys=True)); val2019.json is copied. The test pairs, flattened, are shuffled
 * by `random.Random(0)`; each image keeps its id and is renamed `test2019/<file's base name>`; public
 * test2019.json is {images, info, licenses}. Private answers.csv is id,predicted (the category);
 * kaggle_sample_submission.csv predicts 654 everywhere (MLE-bench draws `random.Random(42).randint(0,
 * 1009)` with a fresh generator per row, so every row gets that first draw). Images go to
 * train_val2019/... (their file_name) and test2019/; MLE-bench tars both folders, Podium leaves them.
 * Kaggle's own test images are not used.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { writePythonJson } from '../python-json-writer.js';
import { PythonRandom } from '../python-random.js';
import { ensureUntarred } from '../untar-raw-archive.js';
import { splitCategory } from './herbarium.js';

type JsonObject = Record<string, unknown>;
interface Pair {
  annotation: JsonObject;
  image: JsonObject;
}

/** `random.Random(42).randint(0, 1009)`: randbelow(1010) of a fresh generator. */
export function inaturalistSamplePrediction(): string {
  return String(new PythonRandom(42).randbelow(1010));
}

function relativeFile(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '' || value.startsWith('/') || value.split(/[\\/]/).includes('..')) {
    throw new CsvFormatError(`${where}: file_name ${JSON.stringify(value)} is not a relative path inside raw/`);
  }
  return value;
}

export async function prepareInaturalist2019(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const file = join(ctx.raw, 'train2019.json');
  if (!(await fileExists(file))) throw new RawFileMissingError(id, file);
  let raw: JsonObject;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as JsonObject;
  } catch (error) {
    throw new CsvFormatError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const images = raw['images'];
  const annotations = raw['annotations'];
  if (!Array.isArray(images) || !Array.isArray(annotations) || images.length !== annotations.length) {
    throw new CsvFormatError(`${file}: expected 'images' and 'annotations' lists of the same length`);
  }
  await ensureUntarred(id, ctx.raw, 'train_val2019.tar.gz', 'train_val2019');

  const byCategory = new Map<unknown, Pair[]>();
  (annotations as JsonObject[]).forEach((annotation, i) => {
    const image = (images as JsonObject[])[i]!;
    if (annotation['image_id'] !== image['id']) {
      throw new CsvFormatError(
        `${file}: annotation ${i} is of image ${String(annotation['image_id'])}, not ${String(image['id'])}`,
      );
    }
    const pairs = byCategory.get(annotation['category_id']);
    if (pairs === undefined) byCategory.set(annotation['category_id'], [{ annotation, image }]);
    else pairs.push({ annotation, image });
  });
  const train: Pair[] = [];
  const test: Pair[] = [];
  for (const pairs of byCategory.values()) {
    const [trainPairs, testPairs] = splitCategory(pairs, false, 0.12);
    train.push(...trainPairs);
    test.push(...testPairs);
  }
  new PythonRandom(0).shuffle(test);

  await writePythonJson(join(ctx.public, 'train2019.json'), {
    ...raw,
    annotations: train.map((p) => p.annotation),
    images: train.map((p) => p.image),
  });
  for (const { image } of train) {
    const name = relativeFile(image['file_name'], file);
    await copyInto(join(ctx.raw, name), join(ctx.public, name), id);
  }
  const testImages: JsonObject[] = [];
  for (const { image } of test) {
    const name = relativeFile(image['file_name'], file);
    const renamed = `test2019/${name.split('/').at(-1)!}`;
    await copyInto(join(ctx.raw, name), join(ctx.public, renamed), id);
    testImages.push({ ...image, file_name: renamed });
  }
  await writePythonJson(join(ctx.public, 'test2019.json'), {
    images: testImages,
    info: raw['info'],
    licenses: raw['licenses'],
  });
  const answers = test.map(({ annotation }) => [String(annotation['image_id']), String(annotation['category_id'])]);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['id', 'predicted'],
    rows: answers,
  });
  const prediction = inaturalistSamplePrediction();
  await writeCsvTable(join(ctx.public, 'kaggle_sample_submission.csv'), {
    header: ['id', 'predicted'],
    rows: answers.map(([imageId]) => [imageId!, prediction]),
  });
}
