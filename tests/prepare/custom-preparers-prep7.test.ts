/**
 * Targeted checks of the prep7 preparers' own logic (signal, medical-image and sensor competitions),
 * beyond what prepare-all.test.ts checks for every competition. Expected splits were computed with
 * scikit-learn 1.9.1 / numpy 2.4.6 on the same keys.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import type { GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import { listFiles, md5File } from '../../harness/prepare/checksums.js';
import { firstVisit } from '../../harness/prepare/custom/osic-pulmonary-fibrosis-progression.js';
import { pickTrainStudies } from '../../harness/prepare/custom/rsna-2022-cervical-spine-fracture-detection.js';
import { pngSize } from '../../harness/prepare/custom/vesuvius-challenge-ink-detection.js';
import { testIdsOf } from '../../harness/prepare/custom/multi-modal-gesture-recognition.js';
import { encodeMaskRle } from '../../harness/prepare/custom/google-research-identify-contrails-reduce-global-warming.js';
import { withConfidence } from '../../harness/prepare/custom/3d-object-detection-for-autonomous-vehicles.js';
import { driveDate } from '../../harness/prepare/custom/smartphone-decimeter-2022.js';
import { PythonRandom } from '../../harness/prepare/python-random.js';
import { isAllowedPublic } from '../../harness/prepare/leak-check.js';
import { tarGzFileNames } from '../../harness/prepare/tar-listing.js';
import { readMatStruct, readMatVariables } from '../../harness/prepare/mat-v5.js';
import { readTarGz, readZip } from './archive-reader.js';
import { parseNpyHeader } from '../../harness/prepare/npy.js';
import { dumpPyJson, parsePyJson } from '../../harness/prepare/python-json.js';
import { splitList } from '../../harness/prepare/list-split.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { useTempDir } from '../support/temp-dir.js';
// through RAW_FIXTURES: raw-fixtures-prep7.ts imports its helpers from raw-fixtures.ts (a cycle that
// resolves only when raw-fixtures.ts is loaded first)
import { RAW_FIXTURES } from './raw-fixtures.js';

const layout = projectLayout();

/** Prepares `id` from its prep7 fixture into `dataDir`; returns the prepared folder. */
async function prepareFixture(ctx: GradingContext, dataDir: string, id: string): Promise<string> {
  const fixture = RAW_FIXTURES.find((f) => f.id === id);
  if (fixture === undefined) throw new Error(`no raw fixture for ${id}`);
  const raw = rawDir(dataDir, id);
  mkdirSync(raw, { recursive: true });
  fixture.write(raw, ctx.registry.get(id).grading.target_columns);
  await prepareCompetition({
    dataDir,
    competitionsDir: layout.competitionsDir,
    competition: ctx.registry.get(id),
    keepRaw: true,
  });
  return preparedDir(dataDir, id);
}

describe('splitList (train_test_split on a plain list)', () => {
  it('gives both sides in sklearn order: train_test_split(list("abcdefghij"), test_size=0.3, random_state=0)', () => {
    expect(splitList([...'abcdefghij'], { testSize: 0.3, randomState: 0 })).toEqual({
      train: ['j', 'b', 'g', 'h', 'd', 'a', 'f'],
      test: ['c', 'i', 'e'],
    });
  });
});

describe('isAllowedPublic (labelled public files, * matches one name)', () => {
  it.each([
    ['train.csv', ['train.csv'], true],
    ['train/a/GooglePixel4/ground_truth.csv', ['train/*/*/ground_truth.csv'], true],
    ['test/a/GooglePixel4/ground_truth.csv', ['train/*/*/ground_truth.csv'], false],
    ['train/a/ground_truth.csv', ['train/*/*/ground_truth.csv'], false],
    ['train/a/b/c/ground_truth.csv', ['train/*/*/ground_truth.csv'], false],
    ['train/a/b/device_gnss.csv', ['train/*/*/ground_truth.csv'], false],
  ])('%s with %j → %s', (file, allowed, expected) => {
    expect(isAllowedPublic(file, allowed)).toBe(expected);
  });
});

describe('smartphone-decimeter-2022 (split by drive date)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, 'smartphone-decimeter-2022');
  });

  it.each([
    ['2021-4-28-US-MTV-1', '2021-04-28'],
    ['2021-04-28-US-SJC-2', '2021-04-28'],
    ['2020-12-1-US-LAX-5', '2020-12-01'],
  ])('reads the date of %s as %s', (drive, date) => {
    expect(driveDate(drive)).toBe(date);
  });

  it('rejects a drive folder without a date', () => {
    expect(() => driveDate('US-MTV-1')).toThrow("drive folder 'US-MTV-1' does not start with a YYYY-MM-DD date");
  });

  it("holds out sklearn's dates (2021-01-13, 2021-11-11), both spellings of a date on the same side", () => {
    const drives = (side: string) => readdirSync(join(prepared, 'public', side)).sort();
    expect(drives('test')).toEqual(['2021-01-13-US-SJC-2', '2021-1-13-US-MTV-1', '2021-11-11-US-MTV-1']);
    expect(drives('train')).toHaveLength(20 + 7 - 3); // 20 days, 7 with a second drive
  });

  it('keeps no ground truth and no reference-receiver log in the public test drives', async () => {
    const files = await listFiles(join(prepared, 'public', 'test'));
    expect(files.filter((f) => f.endsWith('ground_truth.csv') || f.endsWith('span_log.nmea'))).toEqual([]);
    expect(files).toContain('2021-1-13-US-MTV-1/GooglePixel4/device_gnss.csv');
    expect(files).toContain('2021-1-13-US-MTV-1/GooglePixel4/supplemental/gnss_log.txt');
    const train = await listFiles(join(prepared, 'public', 'train'));
    expect(train).toContain('2021-1-1-US-MTV-1/GooglePixel4/supplemental/span_log.nmea');
  });

  it('answers every epoch as <drive>-<phone>, drives then phones in sorted order', () => {
    const lines = readFileSync(join(prepared, 'private', 'test.csv'), 'utf8').split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'tripId,UnixTimeMillis,LatitudeDegrees,LongitudeDegrees',
      '2021-01-13-US-SJC-2-XiaomiMi8,1620000000000,37.400,-122.100',
      '2021-01-13-US-SJC-2-XiaomiMi8,1620000001000,37.401,-122.101',
      '2021-01-13-US-SJC-2-XiaomiMi8,1620000002000,37.402,-122.102',
      '2021-1-13-US-MTV-1-GooglePixel4,1620000000000,37.400,-122.100',
    ]);
    const sample = readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8').split('\n');
    expect(sample[1]).toBe('2021-01-13-US-SJC-2-XiaomiMi8,1620000000000,37.904611315634504,-86.48107806249548');
  });
});

describe('osic-pulmonary-fibrosis-progression (split by patient, answers on a week grid)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFixture(
      await buildGradingContext({ dataDir }),
      dataDir,
      'osic-pulmonary-fibrosis-progression',
    );
  });

  it("takes per column the first non-empty value in week order (pandas' groupby().first())", () => {
    const visits = [
      ['P', '12', '2100', 'Ex-smoker'],
      ['P', '-3', '', 'Never smoked'],
      ['P', '5', '2300', ''],
    ];
    expect(firstVisit(visits, 1)).toEqual(['P', '-3', '2300', 'Never smoked']);
  });

  it('writes the rows pandas writes: test patients in split order × weeks -2..42, empty where unmeasured', () => {
    // pandas 3.0.6 + sklearn 1.9.1 on the fixture's train.csv (row values equal; pandas writes 2311.0
    // for FVC once NaNs join the column, Podium keeps the raw 2311)
    const answers = readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(answers).toHaveLength(1 + 2 * 45);
    expect(answers[0]).toBe('Patient,Weeks,FVC,Percent,Age,Sex,SmokingStatus,Patient_Week,Confidence');
    expect(answers[1]).toBe('ID00009995202177411956430,-2,,,,,,ID00009995202177411956430_-2,100');
    expect(answers[3]).toBe(
      'ID00009995202177411956430,0,2498,78.0,78,Male,Never smoked,ID00009995202177411956430_0,100',
    );
    expect(answers[46]).toBe(
      'ID00007768202177411956430,-2,2311,61.0,61,Male,Ex-smoker,ID00007768202177411956430_-2,100',
    );
  });

  it("shows each test patient's earliest visit, patients sorted, even when listed last", () => {
    expect(readFileSync(join(prepared, 'public', 'test.csv'), 'utf8')).toBe(
      'Patient,Weeks,FVC,Percent,Age,Sex,SmokingStatus\n' +
        'ID00007768202177411956430,-2,2311,61.0,61,Male,Ex-smoker\n' +
        'ID00009995202177411956430,0,2498,78.0,78,Male,Never smoked\n',
    );
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual([
      'ID00007768202177411956430',
      'ID00009995202177411956430',
    ]);
  });
});

describe('rsna-miccai-brain-tumor-radiogenomic-classification (a folder per row)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = 'rsna-miccai-brain-tumor-radiogenomic-classification';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it("holds out sklearn's cases with their zero-padded ids and copies each case's whole folder", async () => {
    // pandas + sklearn: train_test_split(train_labels.csv read with BraTS21ID as str, 0.1, 0)
    expect(readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')).toBe(
      'BraTS21ID,MGMT_value\n00006,0\n00084,0\n00039,1\n',
    );
    const files = await listFiles(join(prepared, 'public', 'test'));
    expect(files).toHaveLength(3 * 4 * 2);
    expect(files.slice(0, 3)).toEqual(['00006/FLAIR/Image-1.dcm', '00006/FLAIR/Image-2.dcm', '00006/T1w/Image-1.dcm']);
    expect(readFileSync(join(prepared, 'public', 'test', '00084', 'T2w', 'Image-2.dcm'), 'utf8')).toBe(
      'bytes of 00084\n',
    );
    expect(readdirSync(join(prepared, 'public', 'train'))).toHaveLength(27);
  });
});

describe("PythonRandom (Python's random.Random)", () => {
  it('seeds with init_by_array: random.Random(0).getrandbits(32) × 3', () => {
    const rng = new PythonRandom(0);
    expect([rng.getrandbits(32), rng.getrandbits(32), rng.getrandbits(32)]).toEqual([
      3626764237, 1654615998, 3255389356,
    ]);
  });

  it('samples as Lib/random.py: a pool for small populations, rejection for large ones', () => {
    const rng = new PythonRandom(0);
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(rng.sample(range(10), 4)).toEqual([6, 9, 0, 2]);
    expect(rng.sample(range(100), 30)).toEqual([
      65, 62, 51, 38, 61, 45, 74, 27, 64, 17, 36, 90, 12, 79, 32, 68, 77, 18, 39, 87, 9, 42, 60, 71, 80, 94, 55, 40, 26,
      70,
    ]);
    expect(rng.sample([...'abcdefghijklmnopqrstuvwxyz'], 0)).toEqual([]);
    expect(new PythonRandom(12345678901).sample(range(1000), 5)).toEqual([968, 610, 335, 888, 393]);
  });

  it('seeds with every 32-bit word of a large seed: random.Random(2**32 + 5)', () => {
    const rng = new PythonRandom(2 ** 32 + 5);
    expect([rng.getrandbits(7), rng.getrandbits(32)]).toEqual([20, 2085189291]);
  });

  it('refuses a sample larger than the population', () => {
    expect(() => new PythonRandom(0).sample([1, 2], 3)).toThrow('Sample larger than population or is negative');
  });
});

describe('rsna-2022-cervical-spine-fracture-detection (random.Random(0) draws a 10% train set)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = 'rsna-2022-cervical-spine-fracture-detection';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it('draws overlap, segmentation-only, box-only, then the rest, with Python round (0.5 → 0)', () => {
    const uid = (n: number) => `1.2.826.0.1.3680043.${n}`;
    // 40 studies, 12 boxed, 8 segmented, 5 both: round(0.5) = 0 overlap, 1 segmentation, 1 box, 2 more
    expect(readdirSync(join(prepared, 'public', 'train_images'))).toHaveLength(4);
    expect(readdirSync(join(prepared, 'public', 'segmentations'))).toEqual([`${uid(25433)}.nii`]);
    const studies = Array.from({ length: 20 }, (_, i) => uid(i));
    // Python: the same steps on 20 studies, boxes on 0..9, segmentations on 5..9 and 15..19 (sorted)
    const segmented = [...studies.slice(5, 10), ...studies.slice(15)].sort();
    expect(pickTrainStudies(studies, studies.slice(0, 10), segmented)).toEqual({
      train: [uid(18), uid(3)],
      boxes: [uid(3)],
      segmentations: [uid(18)],
    });
  });

  it("writes the bytes MLE-bench's pandas steps write on the same raw files", async () => {
    // pandas 3.0.6: train/boxes filtered with isin, test studies melted by label, row_id appended
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('private', 'answers.csv')).toBe('e89b3fe3c132abbd3815b2b4e7eccb25');
    expect(await md5('public', 'train.csv')).toBe('7de98708d345f0eb94e97dfef8b56ac1');
    expect(await md5('public', 'train_bounding_boxes.csv')).toBe('ef42752bd3ebe2703935ed6ae757ac0c');
    expect(await md5('public', 'test.csv')).toBe('8c586a9a8e137c7c837c678c910c4c88');
  });
});

describe('rsna-breast-cancer-detection (split by patient, one answer per breast)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, 'rsna-breast-cancer-detection');
  });

  it("writes the bytes MLE-bench's pandas steps write (patients 36385, 24661, 32477 held out)", async () => {
    // pandas 3.0.6 + sklearn 1.9.1 on the fixture's train.csv; public train.csv differs only where
    // pandas writes BIRADS 0 as 0.0 (a column with NaNs), so it is compared by rows elsewhere
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('private', 'answers.csv')).toBe('6ceaf1ae3169cf48312ef8119b51eb4e');
    expect(await md5('public', 'sample_submission.csv')).toBe('ab958632ee985df96435e3655af7d831');
    expect(await md5('public', 'test.csv')).toBe('a0537dd10dac3195a7230140399098fb');
    expect(readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8').split('\n')[1]).toBe(
      '24661_L,0.1590909090909091',
    );
    expect(readdirSync(join(prepared, 'public', 'test_images')).sort()).toEqual(['24661', '32477', '36385']);
  });
});

describe('hms-harmful-brain-activity-classification (split by spectrogram)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = 'hms-harmful-brain-activity-classification';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it("writes the bytes MLE-bench's pandas steps write (spectrograms 789577459, 789577340 held out)", async () => {
    // pandas 3.0.6 + sklearn 1.9.1 on the fixture's train.csv, votes divided by their row sum
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('public', 'train.csv')).toBe('a8b89994dab7cc150908cab748609f3e');
    expect(await md5('private', 'test.csv')).toBe('bc026fb27efaac522893b51c2b888a48');
    expect(await md5('public', 'test.csv')).toBe('a2603fc1b1843361091fc62877b4d969');
    expect(await md5('private', 'gold_submission.csv')).toBe('f9df771532af699f9fb4a816330c0c84');
    expect(await md5('public', 'sample_submission.csv')).toBe('6939ba836bd538482391efb26c809b70');
    expect(readdirSync(join(prepared, 'public', 'test_spectrograms')).sort()).toEqual([
      '789577340.parquet',
      '789577459.parquet',
    ]);
    expect(readdirSync(join(prepared, 'public', 'test_eegs')).sort()).toEqual(['569670.parquet', '586891.parquet']);
  });
});

describe('hubmap-kidney-segmentation (train_size=12, test_size=3; no test labels)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, 'hubmap-kidney-segmentation');
  });

  it("writes the bytes MLE-bench's pandas steps write (test images 2f6eef086, 2f6f8b2c9, 2f6fc9a17)", async () => {
    // pandas 3.0.6 + sklearn 1.9.1: train_test_split(train.csv, train_size=12, test_size=3, random_state=0)
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('public', 'train.csv')).toBe('d1e52e22e4b036506d2e3303cc213ab3');
    expect(await md5('public', 'HuBMAP-20-dataset_information.csv')).toBe('b80ed2fe7527ef6784b6e638393ca8de');
    expect(await md5('private', 'test.csv')).toBe('4425b01a134b73b767af10275a585317');
    expect(await md5('private', 'gold_submission.csv')).toBe('caf5bbf40b9dcad07fc85789ae3fd1e7');
    expect(await md5('public', 'sample_submission.csv')).toBe('16ee9da0d4281b49f279b3ec9e0fe901');
  });

  it('leaves the glomerulus polygons (<id>.json) out of the public test images', () => {
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual([
      '2f6eef086-anatomical-structure.json',
      '2f6eef086.tiff',
      '2f6f8b2c9-anatomical-structure.json',
      '2f6f8b2c9.tiff',
      '2f6fc9a17-anatomical-structure.json',
      '2f6fc9a17.tiff',
      'sample_submission.csv',
    ]);
    expect(readdirSync(join(prepared, 'public', 'train')).filter((f) => /^[0-9a-f]+\.json$/.test(f))).toHaveLength(12);
  });
});

describe('vesuvius-challenge-ink-detection (fragment 3 becomes test fragment a)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = 'vesuvius-challenge-ink-detection';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it("answers fragment 3's RLE as Id a with ir.png's size, read from the PNG header", async () => {
    expect(readFileSync(join(prepared, 'private', 'inklabels_rle.csv'), 'utf8')).toBe(
      'Id,Predicted,width,height\na,3 2 9 3,7,2\n',
    );
    expect(readFileSync(join(prepared, 'private', 'gold_submission.csv'), 'utf8')).toBe('Id,Predicted\na,3 2 9 3\n');
    expect(await pngSize(join(rawDir(dataDir, 'vesuvius-challenge-ink-detection'), 'train', '1', 'ir.png'))).toEqual({
      width: 7,
      height: 2,
    });
  });

  it("keeps fragment 3's labels and infrared photo out of public test/a, and the other fragments whole", async () => {
    expect(await listFiles(join(prepared, 'public', 'test'))).toEqual([
      'a/mask.png',
      'a/surface_volume/00.tif',
      'a/surface_volume/01.tif',
      'a/surface_volume/02.tif',
    ]);
    expect(await listFiles(join(prepared, 'public', 'train', '2'))).toEqual([
      'inklabels.png',
      'inklabels_rle.csv',
      'ir.png',
      'mask.png',
      'surface_volume/00.tif',
      'surface_volume/01.tif',
      'surface_volume/02.tif',
    ]);
    expect(readdirSync(join(prepared, 'public', 'train')).sort()).toEqual(['1', '2']);
  });

  it('refuses a file that is not a PNG', async () => {
    const file = join(dataDir, 'not.png');
    writeFileSync(file, 'GIF89a, not a png at all');
    await expect(pngSize(file)).rejects.toThrow(`${file} is not a PNG (no signature and IHDR chunk)`);
  });
});

describe('nfl-player-contact-detection (split by play, streamed)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, 'nfl-player-contact-detection');
  });

  it("writes the bytes MLE-bench's pandas steps write (plays 58294_003590 and 58175_003403 held out)", async () => {
    // pandas 3.0.6 + sklearn 1.9.1 on the fixture; a tracked play without labels is on neither side
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('private', 'test.csv')).toBe('d9db75a28cb7acdfdf56f5b346f43661');
    expect(await md5('public', 'sample_submission.csv')).toBe('311d1b56c1137f50aae4482a4af5ebbb');
    expect(await md5('public', 'train_labels.csv')).toBe('abc9da97edbc96e3f329250fa4c2aa3f');
    expect(await md5('public', 'train_player_tracking.csv')).toBe('7b847523308d80179edcdd6d3a499e98');
    expect(await md5('public', 'test_player_tracking.csv')).toBe('fc26a98d18dff03c02f04f8d114c7a7e');
    expect(await md5('public', 'train_baseline_helmets.csv')).toBe('3fba6bf8a2a378e9a531d94e594782ac');
    expect(await md5('public', 'test_baseline_helmets.csv')).toBe('b2b4588b79c2e1c1cd5b006db55a7aaa');
    expect(await md5('public', 'train_video_metadata.csv')).toBe('816f9b97aa3e8fb06009ad2226c6436e');
    expect(await md5('public', 'test_video_metadata.csv')).toBe('cd2aa7af9832a74252cf89ae9f3dcf2e');
    expect(readdirSync(join(prepared, 'public', 'test'))).toHaveLength(2 * 3);
    expect(readdirSync(join(prepared, 'public', 'train'))).toHaveLength(18 * 3);
  });
});

describe('multi-modal-gesture-recognition (training4.tar.gz becomes the test set)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = 'multi-modal-gesture-recognition';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it("writes the bytes MLE-bench's steps write (random.seed(0); random.sample(range(1, 21), 20) per id)", async () => {
    // pandas 3.0.6 and CPython's random on the fixture, after shutil.unpack_archive(training4.tar.gz)
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('public', 'training.csv')).toBe('a2ae7d6f294e75e3a2334af81549b5ca');
    expect(await md5('private', 'test.csv')).toBe('d92af35727ce6609f5fd17dea44b1d33');
    expect(await md5('public', 'test.csv')).toBe('0f4f36cd6183e071da83a0f73db489d6');
    expect(await md5('public', 'randomPredictions.csv')).toBe('317f98e52ca0b7e1b6d3ae2d7d588fc8');
  });

  it('publishes training4.tar.gz as test.tar.gz with no Video.Labels in any .mat, everything else kept', async () => {
    const raw = await readTarGz(join(rawDir(dataDir, 'multi-modal-gesture-recognition'), 'training4.tar.gz'));
    const published = await readTarGz(join(prepared, 'public', 'test.tar.gz'));
    expect(published.map((m) => [m.name, m.type])).toEqual(raw.map((m) => [m.name, m.type]));
    let mats = 0;
    for (const [k, member] of published.entries()) {
      if (member.type !== 'file') continue;
      const [before, after] = [await readZip(raw[k]!.data), await readZip(member.data)];
      expect(after.map((m) => [m.name, m.method])).toEqual(before.map((m) => [m.name, m.method]));
      for (const [j, { name, data }] of after.entries()) {
        if (!name.endsWith('.mat')) {
          expect(data).toEqual(before[j]!.data);
          continue;
        }
        mats++;
        for (const variable of readMatVariables(data)) expect(variable.matrix.includes('Labels')).toBe(false);
        const [old, now] = [readMatStruct(before[j]!.data, 'Video'), readMatStruct(data, 'Video')];
        expect(old.fieldNames).toContain('Labels');
        expect(now.fieldNames).toEqual(old.fieldNames.filter((f) => f !== 'Labels'));
        const kept = (row: Buffer[]) => row.filter((_, f) => old.fieldNames[f] !== 'Labels');
        expect(now.values).toEqual(old.values.map(kept));
      }
    }
    expect(mats).toBe(5);
  });

  it('takes the top-level zips of the archive, sorted, by their last four characters', () => {
    expect(testIdsOf(['./', './Sample00302.zip', 'Sample00300.zip', './deep/Sample00999.zip', './notes.txt'])).toEqual([
      '0300',
      '0302',
    ]);
  });

  it('names an archive that is not gzipped tar', async () => {
    const file = join(dataDir, 'broken.tar.gz');
    writeFileSync(file, 'plain text, not gzip');
    await expect(tarGzFileNames(file)).rejects.toThrow(`${file} is not a readable .tar.gz archive:`);
  });
});

describe('google-research-identify-contrails-reduce-global-warming (.npy masks, Python JSON)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = 'google-research-identify-contrails-reduce-global-warming';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it("writes the bytes MLE-bench's steps write (numpy masks, json.dumps, random.choice)", async () => {
    // numpy 2.4.6 + pandas 3.0.6 + sklearn 1.9.1 and CPython's json/random on the fixture
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('private', 'answers.csv')).toBe('63639a840191133323882e2e900761ba');
    expect(await md5('public', 'sample_submission.csv')).toBe('1fb95caa04b6f60632fa6350c72a6e20');
    expect(await md5('public', 'train_metadata.json')).toBe('8c0504ee4cd28093658eb895537d89df');
    const testFiles = await listFiles(join(prepared, 'public', 'test'));
    expect(testFiles).toHaveLength(3 * 9);
    expect(testFiles.filter((f) => f.includes('mask'))).toEqual([]);
  });

  it('run-length encodes down each column, then across, 1-based (MLE-bench rle_encode)', () => {
    // 3 × 3, C order: rows [1 1 0] [1 0 0] [0 0 1] → column-major indices 0, 1, 3, 8
    expect(encodeMaskRle([1, 1, 0, 1, 0, 0, 0, 0, 1], 3, 3, false)).toBe('1 2 4 1 9 1');
    // the same bytes read as C order (rows [1 0 0] [1 1 0] [0 0 0]) and as Fortran order (columns)
    expect(encodeMaskRle([1, 0, 0, 1, 1, 0, 0, 0, 0], 3, 3, false)).toBe('1 2 5 1');
    expect(encodeMaskRle([1, 0, 0, 1, 1, 0, 0, 0, 0], 3, 3, true)).toBe('1 1 4 2');
    expect(encodeMaskRle([0, 0, 0, 0], 2, 2, false)).toBe('-');
  });

  it("re-serialises JSON as Python's json.dumps(json.loads(text))", () => {
    // CPython 3: json.dumps(json.loads(text)) of the same text
    const text =
      '[{"a": 1.50, "b":1e5,"c":-0.0,"d":12345678901234567890, "e":"caf\\u00e9 \\"q\\" \\\\ / \\u007f ☕","f":[true,null,{}]}]';
    expect(dumpPyJson(parsePyJson(text, 'x.json'))).toBe(
      '[{"a": 1.5, "b": 100000.0, "c": -0.0, "d": 12345678901234567890, "e": "caf\\u00e9 \\"q\\" \\\\ / \\u007f \\u2615", "f": [true, null, {}]}]',
    );
    expect(() => parsePyJson('[1, 2', 'x.json')).toThrow('x.json: invalid JSON at character 5');
  });

  it('reads .npy headers of every version and refuses other files', () => {
    const dict = "{'descr': '<i4', 'fortran_order': True, 'shape': (256, 256, 1), }";
    const v1 = Buffer.concat([
      Buffer.from('\x93NUMPY\x01\x00', 'latin1'),
      Buffer.from([dict.length, 0]),
      Buffer.from(dict),
    ]);
    expect(parseNpyHeader(v1, 'a.npy')).toMatchObject({
      descr: '<i4',
      fortranOrder: true,
      shape: [256, 256, 1],
      dataOffset: 10 + dict.length,
    });
    expect(() => parseNpyHeader(Buffer.from('PK\x03\x04 not numpy'), 'b.npy')).toThrow('b.npy is not a .npy file');
  });
});

describe('3d-object-detection-for-autonomous-vehicles (nuScenes tables split by log)', () => {
  const dataDir = useTempDir();
  let prepared: string;

  beforeAll(async () => {
    const id = '3d-object-detection-for-autonomous-vehicles';
    prepared = await prepareFixture(await buildGradingContext({ dataDir }), dataDir, id);
  });

  it("writes the bytes MLE-bench's steps write (pandas, json.dump) on the fixture", async () => {
    // MLE-bench's prepare.py steps with pandas 3.0.6 + sklearn 1.9.1 and CPython's json
    const md5 = (side: string, file: string) => md5File(join(prepared, side, file));
    expect(await md5('private', 'test.csv')).toBe('90059737ac4a6dea2ab230992650c37a');
    expect(await md5('public', 'train.csv')).toBe('795cee70952d1dcc5b63e4331fac2ffd');
    expect(await md5('public', 'train_data/sample_annotation.json')).toBe('ea826c8be04b1bc31765ed4b869e1aad');
    expect(await md5('public', 'train_data/calibrated_sensor.json')).toBe('a2753a2bb26de43b664eac30395055e0');
    expect(await md5('public', 'test_data/ego_pose.json')).toBe('a573726131fd9bfadf99a69193767f5a');
    expect(await md5('public', 'test_data/sample_data.json')).toBe('49c17373396a5a6653087b02b1ff458e');
    expect(readdirSync(join(prepared, 'public', 'test_data'))).not.toContain('sample_annotation.json');
    expect(readdirSync(join(prepared, 'public', 'test_lidar'))).toHaveLength(6);
  });

  it("lists each side's own logs in map.json (MLE-bench's shallow copy lists the test logs twice)", () => {
    const tokens = (side: string) =>
      (
        JSON.parse(readFileSync(join(prepared, 'public', `${side}_data`, 'map.json'), 'utf8')) as {
          log_tokens: string[];
        }[]
      )[0]?.log_tokens;
    expect(tokens('test')).toEqual(['71a617b8e2bc3c0fd1a95d3b1cc0a25', '71a677cae2bc3c0fd1a95d3b1cc0a25']);
    expect(tokens('train')).toHaveLength(8);
  });

  it('puts a confidence of 1.0 before each 8-token box', () => {
    expect(withConfidence('1 2 3 4 5 6 7 car 8 9 10 11 12 13 14 bus', 'x')).toBe(
      '1.0 1 2 3 4 5 6 7 car 1.0 8 9 10 11 12 13 14 bus',
    );
    expect(() => withConfidence('1 2 3 car', 'abc')).toThrow(
      'train.csv: PredictionString of abc has 4 tokens, not a multiple of 8',
    );
  });
});
