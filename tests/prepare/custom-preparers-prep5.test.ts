/**
 * Targeted checks of the custom preparers of branch prep5, beyond prepare-all.test.ts: the rows land on
 * the side MLE-bench's pandas/sklearn code puts them (expected values computed with sklearn 1.9.1 on the
 * same input, quoted in each test).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import type { GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { exampleBytesFeature, readTfRecords, TfRecordFormatError } from '../../harness/prepare/tfrecord.js';
import { useTempDir } from '../support/temp-dir.js';
import { RAW_FIXTURES } from './raw-fixtures.js';
import { inaturalistTrain, whaleImage, whaleOf } from './raw-fixtures-prep5.js';
import { whaleTestRows } from '../../harness/prepare/custom/whale-categorization-playground.js';

const layout = projectLayout();

describe('prep5 custom preparers', () => {
  const dataDir = useTempDir();
  let ctx: GradingContext;
  const write = (path: string, text: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  };
  const prepare = (id: string) =>
    prepareCompetition({
      dataDir,
      competitionsDir: layout.competitionsDir,
      competition: ctx.registry.get(id),
      skipVerification: true,
      keepRaw: true,
    });

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir });
  });

  it('plant-seedlings: splits (file, species) of the sorted folders; train keeps folders, test is flat', async () => {
    const id = 'plant-seedlings-classification';
    for (const species of ['Sugar beet', 'Black-grass', 'Charlock']) {
      for (const k of [3, 1, 0, 2])
        write(join(rawDir(dataDir, id), 'train', species, `${species[0]}${k}.png`), species);
    }
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // sklearn: train_test_split(12 sorted rows, test_size=0.14, random_state=0) → test C2, S3
    expect(readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')).toBe(
      'file,species\nC2.png,Charlock\nS3.png,Sugar beet\n',
    );
    expect(readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8')).toBe(
      'file,species\nC2.png,Sugar beet\nS3.png,Sugar beet\n',
    );
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual(['C2.png', 'S3.png']);
    expect(readdirSync(join(prepared, 'public', 'train', 'Sugar beet')).sort()).toEqual(['S0.png', 'S1.png', 'S2.png']);
    expect(readFileSync(join(prepared, 'public', 'test', 'S3.png'), 'utf8')).toBe('Sugar beet');
  });

  it('cassava: holds out the TFRecord files sklearn picks, renamed per side, test records without target', async () => {
    const id = 'cassava-leaf-disease-classification';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // sklearn: train_test_split(16 sorted names, test_size=0.1, random_state=0) → test ld_train01, ld_train06;
    // train starts ld_train08, ld_train09
    expect(readdirSync(join(prepared, 'public', 'test_tfrecords'))).toEqual([
      'ld_test00-1301.tfrec',
      'ld_test01-1306.tfrec',
    ]);
    expect(readdirSync(join(prepared, 'public', 'train_tfrecords'))).toHaveLength(14);
    expect(readFileSync(join(prepared, 'public', 'train_tfrecords', 'ld_train01-1309.tfrec'))).toEqual(
      readFileSync(join(rawDir(dataDir, id), 'train_tfrecords', 'ld_train09-1309.tfrec')),
    );
    // images 3-5 (file 01) and 18-20 (file 06), in train.csv's order
    expect(readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')).toBe(
      'image_id,label\n1003.jpg,3\n1004.jpg,4\n1005.jpg,0\n1018.jpg,3\n1019.jpg,4\n1020.jpg,0\n',
    );
    const names: string[] = [];
    for await (const record of readTfRecords(join(prepared, 'public', 'test_tfrecords', 'ld_test01-1306.tfrec'))) {
      names.push(exampleBytesFeature(record, 'image_name'));
      expect(exampleBytesFeature(record, 'image')).toMatch(/^jpeg /);
      expect(() => exampleBytesFeature(record, 'target')).toThrow(
        new TfRecordFormatError("the example has no feature 'target'"),
      );
    }
    expect(names).toEqual(['1018.jpg', '1019.jpg', '1020.jpg']);
  });

  it('whale-categorization: one image of each whale per side, singles by default_rng(0), the rest by sklearn', async () => {
    // MLE-bench's steps in pandas 2 / numpy 2.4.6 / sklearn 1.9.1 on the fixture's 60 rows give these test rows
    const whales = Array.from({ length: 60 }, (_, i) => whaleOf(i));
    const test = whaleTestRows(whales).flatMap((t, i) => (t ? [i] : []));
    expect(test).toEqual([1, 5, 10, 21, 24, 38, 39, 44, 47, 49, 53, 55, 58]);

    const id = 'whale-categorization-playground';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const answers = readFileSync(join(preparedDir(dataDir, id), 'private', 'test.csv'), 'utf8');
    // the singles 21 and 39 have no train image: answered new_whale
    expect(answers).toBe(
      ['Image,Id', ...test.map((i) => `${whaleImage(i)},${[21, 39].includes(i) ? 'new_whale' : whaleOf(i)}`), ''].join(
        '\n',
      ),
    );
    expect(answers).toContain('1a2b8c72.jpg,new_whale\n1a2b97e5.jpg,new_whale\n1a2bcd53.jpg,w_3\n');
  });

  it("petfinder: draws the sample's Pawpularity as default_rng(0).uniform(1, 100, n).round(2)", async () => {
    const id = 'petfinder-pawpularity-score';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const sample = readFileSync(join(preparedDir(dataDir, id), 'public', 'sample_submission.csv'), 'utf8');
    // NumPy 2.4.6: np.random.default_rng(0).uniform(1, 100, 5).round(2)
    expect(
      sample
        .trimEnd()
        .split('\n')
        .map((line) => line.split(',')[1]),
    ).toEqual(['Pawpularity', '64.06', '27.71', '5.06', '2.64', '81.51']);
  });

  it('statoil: splits the JSON records as sklearn; the public test records carry no label', async () => {
    const id = 'statoil-iceberg-classifier-challenge';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    const raw = JSON.parse(readFileSync(join(rawDir(dataDir, id), 'data', 'processed', 'train.json'), 'utf8')) as {
      id: string;
    }[];
    // sklearn: train_test_split(range(20), test_size=0.2, random_state=0) → test [18, 1, 19, 8]
    const testIds = [18, 1, 19, 8].map((i) => raw[i]!.id);
    expect(readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')).toBe(
      `id,is_iceberg\n${testIds.map((t, k) => `${t},${[0, 1, 1, 0][k]}`).join('\n')}\n`,
    );
    const test = JSON.parse(readFileSync(join(prepared, 'public', 'test.json'), 'utf8')) as Record<string, unknown>[];
    expect(test.map((r) => Object.keys(r))).toEqual(testIds.map(() => ['id', 'band_1', 'band_2', 'inc_angle']));
    expect(test.map((r) => r['id'])).toEqual(testIds);
    expect(test[1]).toEqual({ ...raw[1], is_iceberg: undefined });
    const train = JSON.parse(readFileSync(join(prepared, 'public', 'train.json'), 'utf8')) as unknown[];
    expect(train).toHaveLength(16);
    expect(train[0]).toEqual(raw[10]); // train starts [10, 17, 6]
  });

  it("alaska2: renumbers sklearn's train covers, builds Test/ with Python's random.seed(0)", async () => {
    const id = 'alaska2-image-steganalysis';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const pub = join(preparedDir(dataDir, id), 'public');
    // CPython 3 + sklearn 1.9.1 on the same 5,004 names: train = 00467, 03093, 03773, 00861; after
    // random.seed(0) and shuffle, test 0001 is 03661 from JUNIWARD, 0004 is 02391's cover, 5000 is 01274
    // from JMiPOD; 2,489 of the 5,000 are edited
    expect(readFileSync(join(pub, 'UERD', '00002.jpg'), 'utf8')).toBe('UERD 03093.jpg');
    expect(readFileSync(join(pub, 'Cover', '00004.jpg'), 'utf8')).toBe('Cover 00861.jpg');
    expect(readFileSync(join(pub, 'Test', '0001.jpg'), 'utf8')).toBe('JUNIWARD 03661.jpg');
    expect(readFileSync(join(pub, 'Test', '0004.jpg'), 'utf8')).toBe('Cover 02391.jpg');
    expect(readFileSync(join(pub, 'Test', '5000.jpg'), 'utf8')).toBe('JMiPOD 01274.jpg');
    const answers = readFileSync(join(preparedDir(dataDir, id), 'private', 'test.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(answers.slice(0, 5)).toEqual(['Id,Label', '0001.jpg,1', '0002.jpg,1', '0003.jpg,1', '0004.jpg,0']);
    expect(answers.filter((line) => line.endsWith(',1'))).toHaveLength(2489);
  });

  it('herbarium-2020: splits per category, shuffles the test side with random.Random(0), reads latin-1', async () => {
    const id = 'herbarium-2020-fgvc7';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    const pub = (...parts: string[]) => join(prepared, 'public', 'nybg2020', ...parts);
    // CPython 3 + sklearn 1.9.1, MLE-bench's steps on the same metadata
    expect(readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')).toBe(
      'Id,Predicted\n0,27\n1,27\n2,15504\n3,1001\n4,1001\n',
    );
    expect(readFileSync(pub('test', 'images', '000', '2.jpg'), 'utf8')).toBe('bytes of images/155/04/1007.jpg');
    const train = JSON.parse(readFileSync(pub('train', 'metadata.json'), 'utf8')) as {
      images: { file_name: string }[];
    };
    expect(train.images.map((image) => image.file_name.slice(-8))).toEqual(
      [1000, 1001, 1004, 1005, 1010, 1002, 1012, 1006, 1013, 1018, 1016, 1011, 1003, 1015].map((n) => `${n}.jpg`),
    );
    // MLE-bench reads the metadata as latin-1, so UTF-8 'é' becomes 'Ã©', written with ensure_ascii
    expect(readFileSync(pub('train', 'metadata.json'), 'utf8')).toContain('"name": "Plantae 3 Montr\\u00c3\\u00a9al"');
    const test = JSON.parse(readFileSync(pub('test', 'metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(test)).toEqual(['images', 'info', 'licenses']);
    expect((test['images'] as unknown[])[0]).toEqual({
      file_name: 'images/000/0.jpg',
      height: 1008,
      id: '0',
      license: 0,
      width: 682,
    });
  });

  it('herbarium-2022: splits every category, renames train images per category, test metadata is a list', async () => {
    const id = 'herbarium-2022-fgvc9';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    expect(readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')).toBe(
      'Id,Predicted\n0,1001\n1,27\n2,15504\n3,3\n4,1001\n5,27\n',
    );
    expect(readFileSync(join(prepared, 'public', 'train_images', '155', '04', '15504__002.jpg'), 'utf8')).toBe(
      'bytes of 155/04/1001.jpg',
    );
    expect(readFileSync(join(prepared, 'public', 'test_images', '000', 'test-000003.jpg'), 'utf8')).toBe(
      'bytes of 000/03/1004.jpg',
    );
    const test = JSON.parse(readFileSync(join(prepared, 'public', 'test_metadata.json'), 'utf8')) as unknown[];
    expect(test[3]).toEqual({ file_name: '000/test-000003.jpg', height: 1004, image_id: '3', license: 0, width: 682 });
    const train = JSON.parse(readFileSync(join(prepared, 'public', 'train_metadata.json'), 'utf8')) as {
      annotations: { image_id: string }[];
    };
    expect(train.annotations.slice(0, 3).map((a) => a.image_id)).toEqual(['00003__001', '15504__001', '15504__002']);
  });

  it('hotel-id: drops the duplicated image, splits as sklearn, keeps train images in chain folders', async () => {
    const id = 'hotel-id-2021-fgvc8';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // pandas + sklearn 1.9.1: drop ce27d36c9147cc19.jpg, then train_test_split(test_size=0.1, random_state=0)
    const test = readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1);
    expect(test.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      '000ff4a3fcca24cd.jpg,0',
      '000ff4a3fcc816ee.jpg,3',
      '000ff4a3fcc7f7ff.jpg,2',
      '000ff4a3fccbb6f0.jpg,1',
      '000ff4a3fcc70087.jpg,2',
    ]);
    expect(readFileSync(join(prepared, 'public', 'train.csv'), 'utf8')).not.toContain('ce27d36c9147cc19.jpg');
    expect(readdirSync(join(prepared, 'public', 'train_images')).sort()).toEqual(['0', '1', '2', '3']);
    expect(readdirSync(join(prepared, 'public', 'test_images'))).toContain('000ff4a3fcc816ee.jpg');
  });

  it("iwildcam-2019: holds out whole locations (sklearn, random_state=8), sample keeps pandas' index", async () => {
    const id = 'iwildcam-2019-fgvc6';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // pandas + sklearn 1.9.1: train_test_split(location.unique(), test_size=0.1, random_state=8) → 13, 33
    const rows = [7, 9, 19, 21, 31, 33, 43, 45, 55, 57];
    const image = (i: number) => `5998cfa4-23d2-11e8-a6a3-ec086b02${String(i).padStart(4, '0')}`;
    const sample = readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8');
    expect(sample).toBe(`,Id,Category\n${rows.map((i) => `${i},${image(i)},0\n`).join('')}`);
    const publicTest = readFileSync(join(prepared, 'public', 'test.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(publicTest[0]).toBe('date,file_name,frame_num,id,location,rights_holder,seq_id,seq_num_frames,width,height');
    expect(publicTest.slice(1).map((line) => line.split(',')[3])).toEqual(rows.map(image));
    expect(new Set(publicTest.slice(1).map((line) => line.split(',')[4]))).toEqual(new Set(['13', '33']));
    const answers = readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8').split('\n');
    expect(answers.slice(0, 3)).toEqual(['Id,Category', `${image(7)},3`, `${image(9)},10`]);
  });

  it('iwildcam-2020: splits locations, rebalances as MLE-bench, draws the sample with RandomState(0)', async () => {
    const id = 'iwildcam-2020-fgvc7';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // pandas + numpy + sklearn 1.9.1: test locations 52, 12, 50 → these images; randint(0, 676) starts 559 629 192
    const rows = [3, 9, 13, 19, 23, 29, 33, 39, 43, 49, 53, 59, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78];
    const image = (i: number) => `896c1198-21bc-11ea-a13a-137349${String(i).padStart(6, '0')}`;
    const answers = readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(answers.slice(1).map((line) => line.split(',')[0])).toEqual(rows.map(image));
    const sample = readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8').split('\n');
    expect(sample.slice(1, 4)).toEqual([`${image(3)},559`, `${image(9)},629`, `${image(13)},192`]);
    const test = JSON.parse(readFileSync(join(prepared, 'public', 'iwildcam2020_test_information.json'), 'utf8')) as {
      images: { id: string }[];
      info: unknown;
    };
    expect(test.images.map((i) => i.id)).toEqual(rows.map(image));
    expect(test.info).toEqual({ version: 'test' });
    const train = readFileSync(join(prepared, 'public', 'iwildcam2020_train_annotations.json'), 'utf8');
    for (const i of rows) expect(train).not.toContain(image(i));
  });

  it('inaturalist-2019: unpacks the images, splits per category, shuffles with random.Random(0)', async () => {
    const id = 'inaturalist-2019-fgvc6';
    RAW_FIXTURES.find((f) => f.id === id)!.write(rawDir(dataDir, id), []);
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // CPython 3 + sklearn 1.9.1, MLE-bench's steps on the same metadata; Random(42).randint(0, 1009) = 654
    expect(readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')).toBe(
      'id,predicted\n265230,33\n265220,7\n265227,1009\n265222,33\n',
    );
    expect(readFileSync(join(prepared, 'public', 'kaggle_sample_submission.csv'), 'utf8')).toContain('265220,654\n');
    const test = JSON.parse(readFileSync(join(prepared, 'public', 'test2019.json'), 'utf8')) as {
      images: { id: number; file_name: string }[];
    };
    const original = inaturalistTrain().images.find((image) => image.id === 265230)!;
    const renamed = `test2019/${original.file_name.split('/').at(-1)}`;
    expect(test.images[0]).toEqual({ ...original, file_name: renamed });
    expect(readFileSync(join(prepared, 'public', renamed), 'utf8')).toBe(`bytes of ${original.file_name}`);
    const train = JSON.parse(readFileSync(join(prepared, 'public', 'train2019.json'), 'utf8')) as {
      images: { id: number }[];
    };
    expect(train.images.slice(0, 6).map((image) => image.id)).toEqual([265213, 265214, 265217, 265221, 265218, 265223]);
    // the unpacked folder stays in raw/ for the next preparation, as MLE-bench leaves it
    expect(readdirSync(join(rawDir(dataDir, id), 'train_val2019')).sort()).toEqual(['Birds', 'Plants']);
  });
});
