/**
 * freesound-audio-tagging-2019: custom because nothing is split: the test labels were published after
 * the competition (Zenodo's FSDKaggle2019.meta), outside Kaggle's archive, as comma-joined label lists.
 *
 * As MLE-bench: the private answers `test.csv` are the `usage == Private` rows of
 * `FSDKaggle2019.meta/test_post_competition.csv`, in file order, many-hot over config.yaml's 80 classes
 * (fname + one 0/1 column per class); Kaggle's train_curated.csv, train_noisy.csv and
 * sample_submission.csv are public unchanged, with the clips. The answers must list exactly the sample
 * submission's clips. Unlike MLE-bench, which copies Kaggle's inner zips as they are, Podium puts each
 * clip in the folder of the CSV that lists it — `train_curated/`, `train_noisy/`, `test/` (the sample
 * submission's clips) — wherever raw/ has it (in that folder, or loose where the inner zips were
 * unpacked). MLE-bench downloads the metadata itself; Podium cannot reach the internet while preparing,
 * so raw/ must hold `FSDKaggle2019.meta.zip` or its extracted `FSDKaggle2019.meta/` folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, readCsvTable, writeCsvTable } from '../csv-table.js';
import { PrepareError } from '../prepare-error.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { unzipArchive } from '../unzip-archive.js';

const META = 'FSDKaggle2019.meta';
const META_URL = 'https://zenodo.org/records/3612637/files/FSDKaggle2019.meta.zip?download=1';
/** Each public CSV and the folder its clips go to. */
const CLIP_LISTS: [csv: string, dir: string][] = [
  ['train_curated.csv', 'train_curated'],
  ['train_noisy.csv', 'train_noisy'],
  ['sample_submission.csv', 'test'],
];

/** The post-competition test labels, from the extracted folder or the zip (unpacked to a temp folder). */
async function readTestLabels(ctx: PrepareContext) {
  const extracted = join(ctx.raw, META, 'test_post_competition.csv');
  if (await fileExists(extracted)) return readCsvTable(extracted);
  const zip = join(ctx.raw, `${META}.zip`);
  if (!(await fileExists(zip))) {
    throw new PrepareError(
      `${ctx.competition.id}: the test labels are not in Kaggle's archive: download ${META_URL} into ${ctx.raw}`,
    );
  }
  const temp = await mkdtemp(join(tmpdir(), 'podium-fsd-meta-'));
  try {
    await unzipArchive(zip, join(temp, 'meta'), { maxTotalBytes: 256 * 1024 * 1024 });
    const file = join(temp, 'meta', META, 'test_post_competition.csv');
    if (!(await fileExists(file)))
      throw new RawFileMissingError(ctx.competition.id, `${zip}!${META}/test_post_competition.csv`);
    return await readCsvTable(file);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

export async function prepareFreesound2019(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const classes = ctx.competition.grading.target_columns;
  const labels = await readTestLabels(ctx);
  const source = `${META}/test_post_competition.csv`;
  const fname = columnIndex(labels, 'fname', source);
  const labelList = columnIndex(labels, 'labels', source);
  const usage = columnIndex(labels, 'usage', source);
  const answers = labels.rows
    .filter((row) => row[usage] === 'Private')
    .map((row) => {
      const tags = new Set((row[labelList] ?? '').split(','));
      for (const tag of tags) {
        if (!classes.includes(tag)) throw new CsvFormatError(`${source}: '${tag}' is not one of the 80 classes`);
      }
      return [row[fname] ?? '', ...classes.map((c) => (tags.has(c) ? '1' : '0'))];
    });

  for (const [csv, dir] of CLIP_LISTS) {
    const file = join(ctx.raw, csv);
    if (!(await fileExists(file))) throw new RawFileMissingError(id, file);
    await copyInto(file, join(ctx.public, csv), id);
    const table = await readCsvTable(file);
    const names = table.rows.map((row) => row[columnIndex(table, 'fname', csv)] ?? '');
    if (csv === 'sample_submission.csv') {
      const expected = new Set(answers.map(([name]) => name));
      if (names.length !== expected.size || names.some((name) => !expected.has(name))) {
        throw new CsvFormatError(
          `${csv} lists ${names.length} clips, the private rows of ${source} ${expected.size}: they must be the same clips`,
        );
      }
    }
    for (const name of names) {
      const inFolder = join(ctx.raw, dir, name);
      await copyInto((await fileExists(inFolder)) ? inFolder : join(ctx.raw, name), join(ctx.public, dir, name), id);
    }
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['fname', ...classes],
    rows: answers,
  });
}
