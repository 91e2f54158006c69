/**
 * Targeted checks of the custom preparers' own logic, beyond what prepare-all.test.ts checks for
 * every competition: exact bytes where pandas' output could be reproduced on the authoring machine.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import type { GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import { md5File } from '../../harness/prepare/checksums.js';
import { cellOrder, prepareAi4Code, splitByAncestor } from '../../harness/prepare/custom/AI4Code.js';
import { pythonSplit, pythonStrip } from '../../harness/prepare/custom/billion-word-imputation.js';
import {
  prepareHandM,
  testPeriodStart,
} from '../../harness/prepare/custom/h-and-m-personalized-fashion-recommendations.js';
import { pandasSampleRows, pythonRound } from '../../harness/prepare/custom/mlsp-2013-birds.js';
import { pythonJson } from '../../harness/prepare/custom/random-acts-of-pizza.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { exampleBytesFeature, readTfRecords } from '../../harness/prepare/tfrecord.js';
import { csvText } from '../support/csv-text.js';
import { useTempDir } from '../support/temp-dir.js';
import { RAW_FIXTURES } from './raw-fixtures.js';

const layout = projectLayout();

describe('text normalization (split by sentence, QUOTE_NONNUMERIC)', () => {
  const dataDir = useTempDir();
  const id = 'text-normalization-challenge-english-language';
  let ctx: GradingContext;

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir });
    // 30 sentences of 1..4 tokens; the same rows as the pandas run below
    const rows: string[][] = [];
    for (let s = 0; s < 30; s++) {
      for (let t = 0; t <= s % 4; t++) {
        const before = t === 1 ? `${s * 10}` : t === 2 ? 'Mr.' : `word "${s}",${t}`;
        rows.push([String(s), String(t), t === 1 ? 'CARDINAL' : 'PLAIN', before, t === 1 ? `number ${s}` : before]);
      }
    }
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    writeFileSync(
      join(raw, 'en_train.csv'),
      csvText([['sentence_id', 'token_id', 'class', 'before', 'after'], ...rows]),
    );
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it("writes the bytes MLE-bench's pandas preparation writes", async () => {
    // md5s of MLE-bench's steps run with pandas 3.0.6 + scikit-learn 1.9.1 on the same en_train.csv:
    // train_test_split(unique sentence ids, test_size=0.1, random_state=0), ids renumbered per side,
    // to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).
    const prepared = preparedDir(dataDir, id);
    expect(await md5File(join(prepared, 'private', 'answers.csv'))).toBe('4b273134b9fa1a8cedde2fd68bad594c');
    expect(await md5File(join(prepared, 'private', 'sample_submission.csv'))).toBe('c2825b7e6f8f47b2cd60bd784e7b70c6');
    expect(await md5File(join(prepared, 'public', 'en_sample_submission_2.csv'))).toBe(
      'c2825b7e6f8f47b2cd60bd784e7b70c6',
    );
    expect(await md5File(join(prepared, 'public', 'en_train.csv'))).toBe('9c274fef35b916b3bd2a8f9b7f6e6e1f');
    expect(await md5File(join(prepared, 'public', 'en_test_2.csv'))).toBe('6076a0789a70fe270b6a532125d4d2e8');
    // test sentences 2, 13, 28 (sklearn), renumbered 0, 1, 2 in order of appearance
    expect(
      readFileSync(join(prepared, 'public', 'en_test_2.csv'), 'utf8')
        .split('\n')
        .slice(0, 4),
    ).toEqual(['"sentence_id","token_id","before"', '0,0,"word ""2"",0"', '0,1,"20"', '0,2,"Mr."']);
  });
});

describe('random-acts-of-pizza JSON', () => {
  it("writes JSON as Python's json.dump(indent=4) with ensure_ascii", () => {
    // json.dumps([{"a": "café ☕", "b": [1, "x"], "c": {}}], indent=4)
    expect(pythonJson([{ a: 'café ☕', b: [1, 'x'], c: {} }])).toBe(
      '[\n    {\n        "a": "caf\\u00e9 \\u2615",\n        "b": [\n            1,\n            "x"\n        ],\n        "c": {}\n    }\n]',
    );
  });
});

describe('file-name competitions', () => {
  const dataDir = useTempDir();
  let ctx: GradingContext;
  const blob = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `bytes of ${path}`);
  };
  const prepare = (id: string) =>
    prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir });
  });

  it('dogs-vs-cats: splits the sorted file names and renames both sides as MLE-bench does', async () => {
    const id = 'dogs-vs-cats-redux-kernels-edition';
    for (const kind of ['cat', 'dog'])
      for (let i = 0; i < 25; i++) blob(join(rawDir(dataDir, id), 'train', `${kind}.${i}.jpg`));
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    // sklearn on the 50 sorted names: test = dog.11, cat.19, cat.18, dog.23, cat.10; train starts dog.10, dog.20, …
    expect(readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')).toBe('id,label\n1,1\n2,0\n3,0\n4,1\n5,0\n');
    expect(readFileSync(join(prepared, 'public', 'test', '1.jpg'), 'utf8')).toContain('dog.11.jpg');
    expect(readFileSync(join(prepared, 'public', 'train', 'dog.0.jpg'), 'utf8')).toContain('dog.10.jpg');
    expect(readFileSync(join(prepared, 'public', 'train', 'cat.1.jpg'), 'utf8')).toContain('cat.12.jpg');
  });

  it('right whale: the first two days are train, the last two test, renamed in time order', async () => {
    const id = 'the-icml-2013-whale-challenge-right-whale-redux';
    for (let n = 0; n < 40; n++) {
      const day = 8 - Math.floor(n / 10);
      blob(join(rawDir(dataDir, id), 'train2', `2009032${day}_0${n % 10}0000_${n * 7}s0ms_TRAIN${n}_${n % 2}.aif`));
    }
    await prepare(id);
    const prepared = preparedDir(dataDir, id);
    const answers = readFileSync(join(prepared, 'private', 'test.csv'), 'utf8').split('\n');
    expect(answers.slice(0, 4)).toEqual([
      'clip,probability',
      '20090327_000000_70s0ms_Test0.aif,0',
      '20090327_010000_77s0ms_Test1.aif,1',
      '20090327_020000_84s0ms_Test2.aif,0',
    ]);
    expect(readFileSync(join(prepared, 'public', 'train2', '20090325_010000_217s0ms_TRAIN1_1.aif'), 'utf8')).toContain(
      'TRAIN31_1.aif',
    );
  });
});

describe('siim-isic-melanoma-classification (test set = two TFRecord files)', () => {
  const dataDir = useTempDir();
  const id = 'siim-isic-melanoma-classification';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    const competition = ctx.registry.get(id);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition, keepRaw: true });
  });

  it("holds out train00's and train06's images, in train.csv's order, and renames the TFRecords per side", () => {
    const prepared = preparedDir(dataDir, id);
    // train00 holds rows 0, 16, 32 and train06 rows 6, 22, 38 (ISIC_<15719 + 37·row>)
    const names = [0, 6, 16, 22, 32, 38].map((i) => `ISIC_${String(15719 + i * 37).padStart(7, '0')}`);
    expect(readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')).toBe(
      `image_name,target\n${names.map((n, k) => `${n},${[1, 0, 1, 0, 1, 0][k]}`).join('\n')}\n`,
    );
    expect(readFileSync(join(prepared, 'public', 'test.csv'), 'utf8').split('\n')[0]).toBe(
      'image_name,patient_id,sex,age_approx,anatom_site_general_challenge',
    );
    expect(readdirSync(join(prepared, 'public', 'jpeg', 'test')).sort()).toEqual(names.map((n) => `${n}.jpg`));
    expect(readdirSync(join(prepared, 'public', 'train'))).toHaveLength(42);
    const tfrecords = readdirSync(join(prepared, 'public', 'tfrecords')).sort();
    expect(tfrecords).toEqual([
      'test00-2071.tfrec',
      'test01-2071.tfrec',
      ...Array.from({ length: 14 }, (_, k) => `train${String(k).padStart(2, '0')}-2071.tfrec`),
    ]);
    // train01 became train00; train07 became train05
    expect(readFileSync(join(prepared, 'public', 'tfrecords', 'train05-2071.tfrec'))).toEqual(
      readFileSync(join(rawDir(dataDir, id), 'tfrecords', 'train07-2071.tfrec')),
    );
  });

  it('strips the label features from the public test records, keeping the images and names', async () => {
    const records = [];
    for await (const record of readTfRecords(
      join(preparedDir(dataDir, id), 'public', 'tfrecords', 'test00-2071.tfrec'),
    ))
      records.push(record);
    expect(records.map((r) => exampleBytesFeature(r, 'image_name'))).toEqual(
      [0, 16, 32].map((i) => `ISIC_${String(15719 + i * 37).padStart(7, '0')}`),
    );
    expect(records.map((r) => exampleBytesFeature(r, 'image'))).toEqual(['jpeg 0', 'jpeg 16', 'jpeg 32']);
    for (const record of records) {
      for (const label of ['target', 'diagnosis']) expect(record.includes(Buffer.from(label))).toBe(false);
      expect(record.includes(Buffer.from('melanoma'))).toBe(false);
    }
    // a training record keeps them
    const train = readTfRecords(join(preparedDir(dataDir, id), 'public', 'tfrecords', 'train00-2071.tfrec'));
    const first = (await train.next()).value as Buffer;
    await train.return(undefined); // closes the file the generator holds open
    expect(first.includes(Buffer.from('diagnosis'))).toBe(true);
  });
});

describe('denoising-dirty-documents (answers from the cleaned PNGs)', () => {
  const dataDir = useTempDir();
  const id = 'denoising-dirty-documents';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it("holds out sklearn's scans and writes each cleaned pixel / 255 as Python prints it", () => {
    const prepared = preparedDir(dataDir, id);
    // numpy: sorted names, RandomState(0).permutation(20)[:4] → 60, 15, 9, 33; answers in name order
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual(['15.png', '33.png', '60.png', '9.png']);
    expect(readdirSync(join(prepared, 'public', 'train_cleaned'))).not.toContain('15.png');
    const answers = readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8').split('\n');
    // np.array(cleaned 15.png) / 255.0, row 1 (values (5·37 + x·53 + 128) % 256), printed by pandas
    expect(answers.slice(0, 6)).toEqual([
      'id,value',
      '15_1_1,0.2235294117647059',
      '15_1_2,0.43137254901960786',
      '15_1_3,0.6392156862745098',
      '15_1_4,0.8470588235294118',
      '15_1_5,0.050980392156862744',
    ]);
    expect(answers[16]).toMatch(/^33_1_1,/);
    const sample = readFileSync(join(prepared, 'public', 'sampleSubmission.csv'), 'utf8').split('\n');
    expect(sample.slice(0, 3)).toEqual(['id,value', '15_1_1,1', '15_1_2,1']);
    expect(sample).toHaveLength(answers.length);
  });
});

describe('mlsp-2013-birds (renumbered text files, pandas sample)', () => {
  const dataDir = useTempDir();
  const id = 'mlsp-2013-birds';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it('keeps fold 0 renumbered, and holds out the recordings pandas samples', () => {
    const pub = join(preparedDir(dataDir, id), 'public');
    // fold 0 = old ids r % 3 != 2 → new 0..19; numpy: RandomState(0).permutation(20)[:4] = 18, 1, 19, 8
    const folds = readFileSync(join(pub, 'essential_data', 'CVfolds_2.txt'), 'utf8').split('\n');
    expect(folds.slice(0, 4)).toEqual(['rec_id,fold', '0,0', '1,1', '2,0']);
    expect(folds.filter((line) => line.endsWith(',1')).map((line) => line.split(',')[0])).toEqual([
      '1',
      '8',
      '18',
      '19',
    ]);
    const labels = readFileSync(join(pub, 'essential_data', 'rec_labels_test_hidden.txt'), 'utf8').split('\n');
    // old 0 has no labels (no comma), old 1 is now test, old 3 (new 2) keeps 3,2
    expect(labels.slice(0, 4)).toEqual(['rec_id,[labels]', '0', '1,?', '2,3,2']);
    expect(readFileSync(join(pub, 'essential_data', 'rec_id2filename.txt'), 'utf8').split('\n')[3]).toBe(
      '2,PC4_20090603_050003_0010',
    );
    expect(readFileSync(join(pub, 'supplemental_data', 'histogram_of_segments.txt'), 'utf8').split('\n')[3]).toBe(
      '2,0.0,0.03,0.5',
    );
    expect(readFileSync(join(pub, 'supplemental_data', 'segment_rectangles.txt'), 'utf8').split('\n')[0]).toBe(
      'rec_id,segment_id,min_x,max_x,min_y,max_y,',
    );
    expect(readdirSync(join(pub, 'essential_data', 'src_wavs'))).toHaveLength(20);
    expect(readdirSync(join(pub, 'supplemental_data', 'segmentation_examples'))).toHaveLength(4);
  });

  it('answers one row per (test recording, species), 1 where labelled', () => {
    const answers = readFileSync(join(preparedDir(dataDir, id), 'private', 'answers.csv'), 'utf8').split('\n');
    expect(answers[0]).toBe('Id,Probability');
    // new 1 = old 1, labelled 1,7
    expect(answers.slice(1, 20).flatMap((line, s) => (line === `${100 + s},1` ? [s] : []))).toEqual([1, 7]);
    expect(answers.slice(1, -1).map((line) => Math.floor(Number(line.split(',')[0]) / 100))).toEqual(
      [1, 8, 18, 19].flatMap((rec) => Array<number>(19).fill(rec)),
    );
  });
});

describe("pandas' sample(frac) sizes", () => {
  it.each([
    [2.5, 2],
    [3.5, 4],
    [64.4, 64],
    [51.6, 52],
    [0.5, 0],
    [1.5, 2],
  ])('Python rounds %d to %d', (x, expected) => expect(pythonRound(x)).toBe(expected));

  it('draws the first round(frac·n) of the permutation (numpy: RandomState(0).permutation(20)[:4])', () => {
    expect(pandasSampleRows(20, 0.2, 0)).toEqual([18, 1, 19, 8]);
  });
});

describe('ventilator-pressure-prediction (split by breath, streamed, %.10g floats)', () => {
  const dataDir = useTempDir();
  const id = 'ventilator-pressure-prediction';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it('writes the rows pandas and sklearn give: breaths in split order, ids renumbered, floats as %.10g', () => {
    const prepared = preparedDir(dataDir, id);
    // computed with numpy on the same rows: sorted breath_ids, RandomState(0).permutation(30)[:3] → 3, 30, 14
    const answers = readFileSync(join(prepared, 'private', 'test.csv'), 'utf8').split('\n');
    expect(answers.slice(0, 6)).toEqual([
      'id,breath_id,R,C,time_step,u_in,u_out,pressure',
      '1,3,5,10,0,1.500012101,0,7.637491705',
      '2,3,5,10,0.03318715096,1.583346107,0,8.637491705',
      '3,3,5,10,0.06637430191,1.666680113,1,9.637491705',
      '4,3,5,10,0.09956145287,1.750014118,1,10.63749171',
      '5,30,20,20,0,1.083342073,0,7.137491705',
    ]);
    expect(answers.slice(1, -1).map((line) => line.split(',')[1])).toEqual(
      [3, 30, 14].flatMap((b) => Array<string>(4).fill(String(b))),
    );
    const train = readFileSync(join(prepared, 'public', 'train.csv'), 'utf8').split('\n');
    expect(train.slice(1, 6).map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      '1,11',
      '2,11',
      '3,11',
      '4,11',
      '5,28',
    ]);
    expect(readFileSync(join(prepared, 'public', 'test.csv'), 'utf8').split('\n')[1]).toBe('1,3,5,10,0,1.500012101,0');
  });
});

describe('champs-scalar-coupling (split by molecule, per-molecule files filtered)', () => {
  const dataDir = useTempDir();
  const id = 'champs-scalar-coupling';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  const lines = (...path: string[]) => readFileSync(join(preparedDir(dataDir, id), ...path), 'utf8').split('\n');
  const column = (rows: string[], k: number) => rows.slice(1, -1).map((line) => line.split(',')[k]);

  it('holds out the molecules sklearn picks from the sorted names, in split order', () => {
    // numpy: sorted names, RandomState(0).permutation(20)[:2] → dsgdb9nsd_000022, dsgdb9nsd_000002
    expect(column(lines('private', 'answers.csv'), 0)).toEqual(['9', '10', '11', '30', '31', '32']);
    expect(column(lines('public', 'test.csv'), 1).slice(0, 4)).toEqual([
      'dsgdb9nsd_000022',
      'dsgdb9nsd_000022',
      'dsgdb9nsd_000022',
      'dsgdb9nsd_000002',
    ]);
    expect(column(lines('public', 'train.csv'), 1).slice(0, 4)).toEqual([
      'dsgdb9nsd_000023',
      'dsgdb9nsd_000023',
      'dsgdb9nsd_000023',
      'dsgdb9nsd_000011',
    ]);
  });

  it('keeps structures of both sides but the computed properties of train molecules only', () => {
    const structures = column(lines('public', 'structures.csv'), 0);
    expect(structures).toHaveLength(20);
    expect(structures).toContain('dsgdb9nsd_000002');
    expect(structures).not.toContain('dsgdb9nsd_000900');
    expect(readdirSync(join(preparedDir(dataDir, id), 'public', 'structures'))).toHaveLength(20);
    for (const file of ['dipole_moments.csv', 'mulliken_charges.csv', 'scalar_coupling_contributions.csv']) {
      const molecules = column(lines('public', file), 0);
      expect(molecules, file).toHaveLength(18);
      expect(molecules, file).not.toContain('dsgdb9nsd_000022');
    }
  });
});

describe('billion-word-imputation (one random stream picks test lines and removed words)', () => {
  const dataDir = useTempDir();
  const id = 'billion-word-imputation';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it("writes the bytes MLE-bench's loop writes", async () => {
    // md5s of MLE-bench's loop (numpy RandomState(0), uniform() then randint(1, n − 1)) run with
    // Python on the same 2000 lines
    const prepared = preparedDir(dataDir, id);
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('9669569b3ef8ceb5ffa0b283bb01ebbf');
    expect(await md5File(join(prepared, 'public', 'test_v2.txt'))).toBe('2944325073e61ca3cbf63df36f618076');
    expect(await md5File(join(prepared, 'public', 'train_v2.txt'))).toBe('98415305059fa752c8d9e6f2f41741dc');
    expect(readFileSync(join(prepared, 'public', 'test_v2.txt'), 'utf8').split('\n')[1]).toBe(
      '0,"The ""company"" said Tuesday that 99 jobs would go , officials said ."',
    );
  });

  it.each([
    ['a\u00a0b\u2003c\u0085d\u001ce', ['a', 'b', 'c', 'd', 'e']],
    ['a\ufeffb  c', ['a\ufeffb', 'c']],
  ])("splits %j on Python's whitespace", (text, words) => {
    expect(pythonSplit(text)).toEqual(words);
    expect(pythonStrip(`\u0085 ${text}\u3000`)).toBe(text);
  });
});

describe('stanford-covid-vaccine (SN-filtered sample, exploded answers)', () => {
  const dataDir = useTempDir();
  const id = 'stanford-covid-vaccine';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it("writes the answers and sample bytes MLE-bench's pandas steps write", async () => {
    // md5s of MLE-bench's steps run with pandas 3.0.6 on the same 40 records (test rows 2, 13, 17, 37)
    const prepared = preparedDir(dataDir, id);
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('562d0e3e60dfeb82c7e139158c8cbf75');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('328318729aef30c2321d35ff01eea844');
    const test = readFileSync(join(prepared, 'public', 'test.json'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(test.map((line) => JSON.parse(line) as Record<string, unknown>).map((r) => [r.index, r.id])).toEqual([
      [0, 'id_0007418c4'],
      [1, 'id_00074c8e5'],
      [2, 'id_0007508f1'],
      [3, 'id_00076492d'],
    ]);
    expect(Object.keys(JSON.parse(test[0]!) as object)).toEqual([
      'index',
      'id',
      'sequence',
      'structure',
      'predicted_loop_type',
      'seq_length',
      'seq_scored',
    ]);
    const train = readFileSync(join(prepared, 'public', 'train.json'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(train).toHaveLength(36);
    expect((JSON.parse(train[35]!) as { index: number }).index).toBe(35);
  });
});

describe('tensorflow2-question-answering (JSON lines with 64-bit ids)', () => {
  const dataDir = useTempDir();
  const id = 'tensorflow2-question-answering';

  beforeAll(async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, id);
    mkdirSync(raw, { recursive: true });
    RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []);
    await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  });

  it('holds out the records sklearn picks, keeping every 64-bit id digit and quoting example_id', () => {
    const prepared = preparedDir(dataDir, id);
    // numpy: RandomState(0).permutation(25)[:3] → records 5, 2, 19
    const answers = readFileSync(join(prepared, 'private', 'test.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(answers.map((line) => /"example_id":("[^"]*")/.exec(line)?.[1])).toEqual([
      '"5655493461695543996"',
      '"-5655493461695520239"',
      '"5655493461695654862"',
    ]);
    expect(answers[0]).toContain('"annotation_id": 593378640894123400005');
    expect(
      readFileSync(join(prepared, 'private', 'gold_submission.csv'), 'utf8')
        .split('\n')
        .slice(0, 5),
    ).toEqual([
      'example_id,PredictionString',
      '5655493461695543996_short,8:10',
      '5655493461695543996_long,1:20',
      '-5655493461695520239_short,5:7',
      '-5655493461695520239_long,1:20',
    ]);
    const test = JSON.parse(
      readFileSync(join(prepared, 'public', 'simplified-nq-test.jsonl'), 'utf8').split('\n')[0]!,
    ) as object;
    expect(Object.keys(test)).toEqual(['example_id', 'question_text', 'document_text', 'long_answer_candidates']);
    expect(
      readFileSync(join(prepared, 'public', 'simplified-nq-train.jsonl'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(22);
  });
});

describe('AI4Code (split by notebook ancestry, cell order read from the JSON)', () => {
  const dataDir = useTempDir();

  it('fills the test side with whole ancestry groups in order of first appearance', () => {
    const rows = [
      { id: 'n1', ancestor: 'a' },
      { id: 'n2', ancestor: 'b' },
      { id: 'n3', ancestor: 'a' },
      { id: 'n4', ancestor: 'c' },
      { id: 'n5', ancestor: 'b' },
      { id: 'n6', ancestor: 'a' },
    ];
    // a (3 notebooks) fits in 4, b (2) would make 5 and goes to train, c (1) fits
    expect(splitByAncestor(rows, 4)).toEqual({ train: ['n2', 'n5'], test: ['n1', 'n3', 'n6', 'n4'] });
    // with 2: a is too big, b fills the test side, c no longer fits
    expect(splitByAncestor(rows, 2)).toEqual({ train: ['n1', 'n3', 'n6', 'n4'], test: ['n2', 'n5'] });
  });

  it('keeps the JSON order of cell ids, integer-like ones included, past keys quoted inside sources', () => {
    const json = `{"cell_type": {"f00d": "code", "12345678": "code", "0042": "markdown", "9": "markdown"}, "source": {"f00d": "d = {\\"7\\": 1}", "12345678": "x"}}`;
    expect(cellOrder(json, 'nb.json')).toEqual(['f00d', '12345678', '0042', '9']);
    expect(() => cellOrder('{"source": {}}', 'nb.json')).toThrow(/nb\.json: expected a "cell_type" object/);
    expect(() => cellOrder('{"cell_type": ', 'nb.json')).toThrow(/nb\.json is not valid JSON/);
  });

  it('splits as MLE-bench does (pandas: sample(frac=1, random_state=0) gives rows 2 8 4 9 1 6 7 3 0 5)', async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = rawDir(dataDir, 'AI4Code');
    const ancestor = ['a', 'a', 'a', 'b', 'b'];
    mkdirSync(join(raw, 'train'), { recursive: true });
    const ids = Array.from({ length: 10 }, (_, i) => `n${i}`);
    writeFileSync(
      join(raw, 'train_ancestors.csv'),
      csvText([['id', 'ancestor_id', 'parent_id'], ...ids.map((id, i) => [id, ancestor[i] ?? `s${i}`, ''])]),
    );
    writeFileSync(join(raw, 'train_orders.csv'), csvText([['id', 'cell_order'], ...ids.map((id) => [id, 'c2 c1'])]));
    for (const id of ids)
      writeFileSync(join(raw, 'train', `${id}.json`), `{"cell_type": {"c1": "code", "2": "markdown"}}`);
    const out = join(dataDir, 'out');
    const target = { raw, public: join(out, 'public'), private: join(out, 'private') };
    await prepareAi4Code({ ...target, competition: ctx.registry.get('AI4Code') }, 4);
    // numpy/pandas: test = n2 n1 n0 (family a, 3) then n8; family b (n4 n3) would overflow
    expect(readdirSync(join(out, 'public', 'test')).sort()).toEqual(['n0.json', 'n1.json', 'n2.json', 'n8.json']);
    expect(readFileSync(join(out, 'private', 'test_orders.csv'), 'utf8')).toBe(
      'id,cell_order\nn0,c2 c1\nn1,c2 c1\nn2,c2 c1\nn8,c2 c1\n',
    );
    expect(readFileSync(join(out, 'public', 'sample_submission.csv'), 'utf8')).toBe(
      'id,cell_order\nn0,c1 2\nn1,c1 2\nn2,c1 2\nn8,c1 2\n',
    );
    expect(readFileSync(join(out, 'public', 'train_ancestors.csv'), 'utf8')).toBe(
      'id,ancestor_id,parent_id\nn4,b,\nn9,s9,\nn6,s6,\nn7,s7,\nn3,b,\nn5,s5,\n',
    );
    expect(readdirSync(join(out, 'public', 'train'))).toHaveLength(6);
    await expect(prepareAi4Code({ ...target, competition: ctx.registry.get('AI4Code') }, 20)).rejects.toThrow(
      /ancestry groups fill only 10 of the 20 test notebooks/,
    );
  });
});

describe('h-and-m-personalized-fashion-recommendations (split by date, answers per customer)', () => {
  const dataDir = useTempDir();

  it('starts the test period 7 days before the last day, across months and leap days', () => {
    expect(testPeriodStart('2020-09-22')).toBe('2020-09-15');
    expect(testPeriodStart('2020-03-05')).toBe('2020-02-27');
    expect(testPeriodStart('2021-01-03')).toBe('2020-12-27');
  });

  it('holds out the last 8 days, one answers row per buyer, articles in file order with repeats', async () => {
    const ctx = await buildGradingContext({ dataDir });
    const raw = join(dataDir, 'raw');
    mkdirSync(join(raw, 'images', '010'), { recursive: true });
    const header = ['t_dat', 'customer_id', 'article_id', 'price', 'sales_channel_id'];
    const rows = [
      ['2020-09-14', 'ccc', '0108775015', '0.0508', '2'], // one day before the test period: train
      ['2020-09-22', 'bbb', '0108775044', '0.0169', '1'],
      ['2020-09-15', 'ccc', '0108775015', '0.0508', '2'], // first day of the test period
      ['2020-09-01', 'aaa', '0108775015', '0.0508', '2'], // aaa buys nothing in the test week
      ['2020-09-20', 'bbb', '0108775015', '0.0508', '1'],
      ['2020-09-21', 'bbb', '0108775044', '0.0169', '1'],
    ];
    writeFileSync(join(raw, 'transactions_train.csv'), csvText([header, ...rows]));
    writeFileSync(join(raw, 'articles.csv'), 'article_id,prod_name\n0108775015,Strap top\n');
    writeFileSync(join(raw, 'customers.csv'), 'customer_id,age\naaa,20\nbbb,30\nccc,40\n');
    writeFileSync(join(raw, 'sample_submission.csv'), 'customer_id,prediction\naaa,0108775015\n');
    writeFileSync(join(raw, 'images', '010', '0108775015.jpg'), 'jpeg');
    const out = join(dataDir, 'out');
    const competition = ctx.registry.get('h-and-m-personalized-fashion-recommendations');
    await prepareHandM({ raw, public: join(out, 'public'), private: join(out, 'private'), competition });
    expect(readFileSync(join(out, 'private', 'answers.csv'), 'utf8')).toBe(
      'customer_id,prediction\nbbb,0108775044 0108775015 0108775044\nccc,0108775015\n',
    );
    expect(readFileSync(join(out, 'public', 'transactions_train.csv'), 'utf8')).toBe(
      csvText([header, rows[0]!, rows[3]!]),
    );
    expect(readFileSync(join(out, 'public', 'images', '010', '0108775015.jpg'), 'utf8')).toBe('jpeg');
    expect(readFileSync(join(out, 'public', 'sample_submission.csv'), 'utf8')).toContain('aaa,0108775015');

    writeFileSync(
      join(raw, 'transactions_train.csv'),
      csvText([header, ['22/09/2020', 'aaa', '0108775015', '1', '1']]),
    );
    await expect(
      prepareHandM({ raw, public: join(out, 'public2'), private: join(out, 'private2'), competition }),
    ).rejects.toThrow(/line 2: t_dat '22\/09\/2020' is not a YYYY-MM-DD date/);
  });
});
