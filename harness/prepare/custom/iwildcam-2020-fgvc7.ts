/**
 * iwildcam-2020-fgvc7: custom because the data is COCO-style JSON (images with a camera location,
 * annotations with a category) split by location, then rebalanced by moving whole locations.
 *
 * As MLE-bench: `train_test_split(images' location.unique(), test_size=0.22, random_state=0)`; then,
 * while n_test / (n_images + n_test) < 0.22 the last train location moves to the end of the test
 * locations, and while it is > 0.22 the last test location moves back (MLE-bench's denominator counts
 * the test images twice; kept, since it decides the split). Images and annotations keep the raw order on
 * either side (annotations by their image). Public `iwildcam2020_train_annotations.json` is {annotations,
 * images, categories, info} of train; `iwildcam2020_test_information.json` is {images of test, Kaggle's
 * test categories and info}; the megadetector results are copied; images go to train/ and test/.
 * Private answers.csv is Id,Category from the test annotations; the sample submission's Category is
 * `np.random.seed(0); np.random.randint(0, 676, n)`. The JSON is written compactly by JSON.stringify
 * with the raw records as they are (MLE-bench's pandas round trip fills absent keys with NaN and puts a
 * space after separators): the same records, not the same bytes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { RandomState } from '../random-state.js';
import { uniqueInOrder } from '../split-strategies.js';
import { trainTestSplitIndices } from '../train-test-split.js';

type JsonObject = Record<string, unknown>;
const TEST_SIZE = 0.22;

async function readJson(ctx: PrepareContext, name: string): Promise<JsonObject> {
  const file = join(ctx.raw, name);
  if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JsonObject;
  } catch (error) {
    throw new CsvFormatError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

function list(json: JsonObject, key: string, name: string): JsonObject[] {
  const value = json[key];
  if (!Array.isArray(value)) throw new CsvFormatError(`${name}: '${key}' is not a list`);
  return value as JsonObject[];
}

/** The test locations after MLE-bench's split and rebalancing, for each image's location (as text). */
export function iwildcamTestLocations(locations: readonly string[]): Set<string> {
  const unique = uniqueInOrder(locations);
  const split = trainTestSplitIndices(unique.length, { testSize: TEST_SIZE, randomState: 0 });
  const train = Array.from(split.train, (i) => unique[i]!);
  const test = Array.from(split.test, (i) => unique[i]!);
  const perLocation = new Map<string, number>();
  for (const location of locations) perLocation.set(location, (perLocation.get(location) ?? 0) + 1);
  let nTest = test.reduce((sum, l) => sum + perLocation.get(l)!, 0);
  const fraction = () => nTest / (locations.length + nTest);
  while (fraction() < TEST_SIZE && train.length > 0) {
    const moved = train.pop()!;
    test.push(moved);
    nTest += perLocation.get(moved)!;
  }
  while (fraction() > TEST_SIZE && test.length > 0) {
    const moved = test.pop()!;
    train.push(moved);
    nTest -= perLocation.get(moved)!;
  }
  return new Set(test);
}

export async function prepareIwildcam2020(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainName = 'iwildcam2020_train_annotations.json';
  const testName = 'iwildcam2020_test_information.json';
  const rawTrain = await readJson(ctx, trainName);
  const rawTest = await readJson(ctx, testName);
  const images = list(rawTrain, 'images', trainName);
  const annotations = list(rawTrain, 'annotations', trainName);
  const testLocations = iwildcamTestLocations(images.map((image) => String(image['location'])));
  const isTest = (image: JsonObject) => testLocations.has(String(image['location']));
  const [trainImages, testImages] = [images.filter((i) => !isTest(i)), images.filter(isTest)];
  if (testImages.length === 0) throw new CsvFormatError(`${trainName}: the held-out locations have no images`);
  const testIds = new Set(testImages.map((image) => String(image['id'])));
  const onTest = (annotation: JsonObject) => testIds.has(String(annotation['image_id']));
  const testAnnotations = annotations.filter(onTest);

  await writeFile(
    join(ctx.public, trainName),
    JSON.stringify({
      annotations: annotations.filter((a) => !onTest(a)),
      images: trainImages,
      categories: rawTrain['categories'],
      info: rawTrain['info'],
    }),
  );
  await writeFile(
    join(ctx.public, testName),
    JSON.stringify({ images: testImages, categories: rawTest['categories'], info: rawTest['info'] }),
  );
  const answers = testAnnotations.map((a) => [String(a['image_id']), String(a['category_id'])]);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['Id', 'Category'],
    rows: answers,
  });
  const draws = new RandomState(0).randint(0, 676, answers.length);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Id', 'Category'],
    rows: answers.map(([imageId], k) => [imageId!, String(draws[k])]),
  });
  for (const [folder, side] of [
    ['train', trainImages],
    ['test', testImages],
  ] as const) {
    for (const imageId of uniqueInOrder(side.map((image) => String(image['id'])))) {
      await copyInto(join(ctx.raw, 'train', `${imageId}.jpg`), join(ctx.public, folder, `${imageId}.jpg`), id);
    }
  }
}
