/**
 * alaska2-image-steganalysis: custom because there is no CSV: the training set is folders of the same
 * images (Cover/ unedited, JMiPOD/ JUNIWARD/ UERD/ with a hidden message), and the test images are
 * built by picking, per held-out image, the cover or one of its three edited versions with Python's
 * `random` (python-random.ts).
 *
 * As MLE-bench: `train_test_split(sorted Cover/*.jpg, test_size=5000, random_state=42)`. The k-th train
 * image (split order) is copied from each of the four folders as `<folder>/<k+1, 5 digits>.jpg`. Then
 * `random.seed(0)`, `random.shuffle(test)`; the k-th test image becomes `Test/<k+1, 4 digits>.jpg`:
 * `choice([True, False])` True → the cover (Label 0), else `choice([JMiPOD, JUNIWARD, UERD])`'s
 * version (Label 1). Private test.csv is Id,Label; the sample submission gives Label 0. Kaggle's own
 * Test/ images are not used.
 */
import { join } from 'node:path';
import { CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, listFileNames, type PrepareContext } from '../prepare-context.js';
import { PythonRandom } from '../python-random.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const TEST_COUNT = 5000;
const ALGORITHMS = ['JMiPOD', 'JUNIWARD', 'UERD'];

export async function prepareAlaska2(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const covers = (await listFileNames(join(ctx.raw, 'Cover'), id)).filter((name) => name.endsWith('.jpg'));
  if (covers.length <= TEST_COUNT) {
    throw new CsvFormatError(`${join(ctx.raw, 'Cover')}: ${covers.length} images, MLE-bench holds out ${TEST_COUNT}`);
  }
  const split = trainTestSplitIndices(covers.length, { testSize: TEST_COUNT, randomState: 42 });

  for (const [k, i] of split.train.entries()) {
    const name = covers[i]!;
    const renamed = `${String(k + 1).padStart(5, '0')}.jpg`;
    for (const folder of ['Cover', ...ALGORITHMS]) {
      await copyInto(join(ctx.raw, folder, name), join(ctx.public, folder, renamed), id);
    }
  }
  const test = Array.from(split.test, (i) => covers[i]!);
  const rng = new PythonRandom(0);
  rng.shuffle(test);
  const answers: string[][] = [];
  for (const [k, name] of test.entries()) {
    const testId = `${String(k + 1).padStart(4, '0')}.jpg`;
    const cover = rng.choice([true, false]);
    const folder = cover ? 'Cover' : rng.choice(ALGORITHMS);
    await copyInto(join(ctx.raw, folder, name), join(ctx.public, 'Test', testId), id);
    answers.push([testId, cover ? '0' : '1']);
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), { header: ['Id', 'Label'], rows: answers });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Id', 'Label'],
    rows: answers.map(([testId]) => [testId!, '0']),
  });
}
