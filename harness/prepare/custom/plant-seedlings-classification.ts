/**
 * plant-seedlings-classification: custom because there is no CSV to split: the labels are the folder
 * names of Kaggle's `train/<species>/<file>.png`.
 *
 * As MLE-bench: the rows are (file, species) for every `.png` in every species folder, folders and files
 * each in sorted order; `train_test_split(rows, test_size=0.14, random_state=0)`. Train images stay in
 * their species folder (`train/<species>/<file>`), test images go flat to `test/<file>`; private
 * answers.csv is file,species in split order; the sample submission says 'Sugar beet' for every file.
 * No public CSV besides the sample: the training labels are the folder names. Kaggle's own test images
 * are not used.
 */
import { join } from 'node:path';
import { CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, listFileNames, listFolderNames, type PrepareContext } from '../prepare-context.js';
import { splitTableRows } from '../split-strategies.js';

const SAMPLE_SPECIES = 'Sugar beet';

export async function preparePlantSeedlings(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const trainDir = join(ctx.raw, 'train');
  const rows: [file: string, species: string][] = [];
  for (const species of await listFolderNames(trainDir, id)) {
    for (const file of await listFileNames(join(trainDir, species), id)) {
      if (file.endsWith('.png')) rows.push([file, species]);
    }
  }
  if (rows.length === 0) throw new CsvFormatError(`${trainDir}: no species folder holds a .png image`);
  const split = splitTableRows(rows.length, { testSize: 0.14, randomState: 0 });
  const test = split.test.map((i) => rows[i]!);

  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), { header: ['file', 'species'], rows: test });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['file', 'species'],
    rows: test.map(([file]) => [file, SAMPLE_SPECIES]),
  });
  for (const i of split.train) {
    const [file, species] = rows[i]!;
    await copyInto(join(trainDir, species, file), join(ctx.public, 'train', species, file), id);
  }
  for (const [file, species] of test) {
    await copyInto(join(trainDir, species, file), join(ctx.public, 'test', file), id);
  }
}
