/**
 * google-research-identify-contrails-reduce-global-warming: custom because the records are folders of
 * NumPy arrays listed in a JSON file, and the answers are run-length encodings of the test masks.
 *
 * As MLE-bench: train_metadata.json's records are split with train_test_split(test_size = the number
 * of validation records, random_state=0). Each answer is the record's human_pixel_masks.npy run-length
 * encoded (1-based start/length pairs over the pixels in column-major order, `-` when empty) with the
 * height and width of its band_08.npy; the sample submission draws `1 3 10 5` or `-` per record with
 * `random.seed(0); random.choice(...)`. Train records keep band_08..band_16 and both masks, test records
 * only the bands; `validation/` and validation_metadata.json are copied as they are; the public
 * train_metadata.json is the train records as Python's `json.dumps` writes them.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { writeCsvTable } from '../csv-table.js';
import { copyTree } from '../copy-tree.js';
import { listSplitIndices } from '../list-split.js';
import { NpyFormatError, readNpy, readNpyHeader } from '../npy.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { dumpPyJson, JsonFormatError, parsePyJson, pyField, type PyJson } from '../python-json.js';
import { PythonRandom } from '../python-random.js';

const BANDS = Array.from({ length: 9 }, (_, b) => `band_${String(b + 8).padStart(2, '0')}.npy`);
const MASKS = ['human_individual_masks.npy', 'human_pixel_masks.npy'];

/** MLE-bench's rle_encode: runs of pixels equal to 1, pixels numbered down each column, then across. */
export function encodeMaskRle(values: readonly number[], height: number, width: number, fortranOrder: boolean): string {
  const runs: number[] = [];
  let previous = -2;
  for (let w = 0; w < width; w++) {
    for (let h = 0; h < height; h++) {
      const index = w * height + h;
      if (values[fortranOrder ? index : h * width + w] !== 1) continue;
      if (index > previous + 1) runs.push(index + 1, 0);
      runs[runs.length - 1]! += 1;
      previous = index;
    }
  }
  return runs.length === 0 ? '-' : runs.join(' ');
}

async function readJsonList(ctx: PrepareContext, name: string): Promise<PyJson[]> {
  const file = join(ctx.raw, name);
  if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
  const parsed = parsePyJson(await readFile(file, 'utf8'), file);
  if (!Array.isArray(parsed)) throw new JsonFormatError(`${file}: expected a JSON list of records`);
  return parsed;
}

function recordId(record: PyJson, source: string): string {
  const id = pyField(record, 'record_id');
  if (typeof id !== 'string') throw new JsonFormatError(`${source}: a record without a string record_id`);
  return id;
}

async function answerRow(ctx: PrepareContext, id: string): Promise<string[]> {
  const dir = join(ctx.raw, 'train', id);
  const maskFile = join(dir, 'human_pixel_masks.npy');
  const bandFile = join(dir, 'band_08.npy');
  for (const file of [maskFile, bandFile])
    if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
  const [height = 0, width = 0] = (await readNpyHeader(bandFile)).shape;
  const mask = await readNpy(maskFile);
  const [maskHeight = 0, maskWidth = 0, ...rest] = mask.header.shape;
  if (rest.some((d) => d !== 1)) throw new NpyFormatError(`${maskFile}: expected a (height, width[, 1]) mask`);
  const rle = encodeMaskRle(mask.values, maskHeight, maskWidth, mask.header.fortranOrder);
  return [id, rle, String(height), String(width)];
}

export async function prepareContrails(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const train = await readJsonList(ctx, 'train_metadata.json');
  const validation = await readJsonList(ctx, 'validation_metadata.json');
  const split = listSplitIndices(train.length, { testSize: validation.length, randomState: 0 });
  const newTrain = split.train.map((i) => train[i]!);
  const trainIds = newTrain.map((r) => recordId(r, 'train_metadata.json'));
  const testIds = split.test.map((i) => recordId(train[i]!, 'train_metadata.json'));

  const answers = [];
  for (const record of testIds) answers.push(await answerRow(ctx, record));
  const header = ['record_id', 'encoded_pixels', 'height', 'width'];
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), { header, rows: answers });
  const rng = new PythonRandom(0);
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header,
    rows: answers.map(([record = '', , height = '', width = '']) => [
      record,
      rng.choice(['1 3 10 5', '-']),
      height,
      width,
    ]),
  });

  for (const [side, ids, files] of [
    ['train', trainIds, [...BANDS, ...MASKS]],
    ['test', testIds, BANDS],
  ] as const) {
    for (const record of ids) {
      for (const name of files) {
        await copyInto(join(ctx.raw, 'train', record, name), join(ctx.public, side, record, name), id);
      }
    }
  }
  // MLE-bench creates an empty raw/validation when the download has none
  if (await fileExists(join(ctx.raw, 'validation'))) {
    await copyTree(join(ctx.raw, 'validation'), join(ctx.public, 'validation'), id);
  } else {
    await mkdir(join(ctx.public, 'validation'), { recursive: true });
  }
  await copyInto(join(ctx.raw, 'validation_metadata.json'), join(ctx.public, 'validation_metadata.json'), id);
  await writeFile(join(ctx.public, 'train_metadata.json'), dumpPyJson(newTrain));
}
