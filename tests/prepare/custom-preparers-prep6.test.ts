/**
 * Targeted checks of the prep6 preparers beyond prepare-all.test.ts: exact bytes where MLE-bench's
 * pandas preparation was run on the same raw data on the authoring machine (pandas 3.0.6,
 * scikit-learn 1.9.1), and the choices where Podium differs on purpose.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import { projectLayout } from '../../harness/paths.js';
import { md5File } from '../../harness/prepare/checksums.js';
import { firstPerImageAndClass } from '../../harness/prepare/custom/vinbigdata-chest-xray-abnormalities-detection.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { useTempDir } from '../support/temp-dir.js';
import { RAW_FIXTURES } from './raw-fixtures.js';
import { buildZip } from './zip-fixture.js';

const layout = projectLayout();

async function prepareFrom(dataDir: string, id: string, write: (raw: string) => void): Promise<string> {
  const ctx = await buildGradingContext({ dataDir });
  const raw = rawDir(dataDir, id);
  mkdirSync(raw, { recursive: true });
  write(raw);
  await prepareCompetition({ dataDir, competitionsDir: layout.competitionsDir, competition: ctx.registry.get(id) });
  return preparedDir(dataDir, id);
}

describe('movie-review-sentiment-analysis-kernels-only (TSV)', () => {
  const dataDir = useTempDir();
  const id = 'movie-review-sentiment-analysis-kernels-only';
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFrom(dataDir, id, (raw) => {
      const rows = Array.from({ length: 20 }, (_, i) => {
        const phrase = i % 3 === 0 ? `a "so-so" film , ${i}` : `phrase ${i} , with a comma`;
        return `${i + 1}\t${Math.floor(i / 4) + 1}\t${phrase}\t${i % 5}\n`;
      });
      writeFileSync(join(raw, 'train.tsv'), `PhraseId\tSentenceId\tPhrase\tSentiment\n${rows.join('')}`);
    });
  });

  it("writes the bytes MLE-bench's pandas preparation writes (before zipping the TSVs)", async () => {
    // read_csv(sep="\t"); train_test_split(test_size=0.3, random_state=0); to_csv (TSVs with sep="\t")
    expect(await md5File(join(prepared, 'private', 'answers.csv'))).toBe('d6115ebac2501af78d68313cfb50d7ca');
    expect(await md5File(join(prepared, 'public', 'sampleSubmission.csv'))).toBe('4394c9c11fd171df1f72bfc4650c2f6c');
    expect(await md5File(join(prepared, 'public', 'test.tsv'))).toBe('f51e8deda80f07f2806dd299743317ec');
    expect(await md5File(join(prepared, 'public', 'train.tsv'))).toBe('cd688f605845ba1b7dd72c75eff14ea0');
    expect(
      readFileSync(join(prepared, 'public', 'test.tsv'), 'utf8')
        .split('\n')
        .slice(0, 2),
    ).toEqual(['PhraseId\tSentenceId\tPhrase', '19\t5\t"a ""so-so"" film , 18"']);
  });
});

describe('movie-review-sentiment-analysis-kernels-only (phrases pandas would blank)', () => {
  const dataDir = useTempDir();

  it('keeps a phrase such as NA as text', async () => {
    const prepared = await prepareFrom(dataDir, 'movie-review-sentiment-analysis-kernels-only', (raw) => {
      const rows = Array.from({ length: 10 }, (_, i) => `${i + 1}\t1\t${i % 2 === 0 ? 'NA' : 'null'}\t${i % 5}\n`);
      writeFileSync(join(raw, 'train.tsv'), `PhraseId\tSentenceId\tPhrase\tSentiment\n${rows.join('')}`);
    });
    const train = readFileSync(join(prepared, 'public', 'train.tsv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(train).toHaveLength(1 + 7);
    for (const line of train.slice(1)) expect(line).toMatch(/^\d+\t1\t(NA|null)\t\d$/);
  });
});

describe('ml2021spring-hw2 (.npy rows)', () => {
  const dataDir = useTempDir();
  const id = 'ml2021spring-hw2';
  let prepared: string;

  beforeAll(async () => {
    prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
  });

  it("writes the bytes MLE-bench's numpy/pandas preparation writes", async () => {
    // np.load; train_test_split(range(40), test_size=15/55, random_state=0); np.save(a[rows]); to_csv
    const dir = join(prepared, 'public', 'timit_11', 'timit_11');
    expect(await md5File(join(dir, 'train_11.npy'))).toBe('12ec3c10f38c6dcda43d2c2abbf4d4dd');
    expect(await md5File(join(dir, 'train_label_11.npy'))).toBe('36f6eeee15a335a416c7134732879a9d');
    expect(await md5File(join(dir, 'test_11.npy'))).toBe('6b14bce65ef0a4946c634204b3a40ac2');
    expect(await md5File(join(prepared, 'private', 'answers.csv'))).toBe('d2b052d472632fe6ddee4e0f58094a17');
    expect(await md5File(join(prepared, 'public', 'sampleSubmission.csv'))).toBe('ddc95e160dd6ebb526318fb8f442c805');
    expect(
      readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')
        .split('\n')
        .slice(0, 3),
    ).toEqual(['Id,ClassId', '0,37', '1,23']);
  });
});

describe('tensorflow-speech-recognition-challenge (labels from folders)', () => {
  const dataDir = useTempDir();
  const id = 'tensorflow-speech-recognition-challenge';

  it("holds out sklearn's clips of the label_name order and renames them clip_<8 digits>", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // the same steps in Python (rglob, sorted by f"{label}_{name}", train_test_split(0.1, 0)) on this raw
    expect(readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')).toBe(
      'fname,label\nclip_00000000.wav,no\nclip_00000001.wav,no\nclip_00000002.wav,up\nclip_00000003.wav,_background_noise_\n',
    );
    expect(readFileSync(join(prepared, 'public', 'test', 'audio', 'clip_00000003.wav'), 'utf8')).toBe(
      'RIFF of _background_noise_/noise_25.wav',
    );
    expect(readFileSync(join(prepared, 'public', 'train', 'audio', 'yes', 'a7c6a99_nohash_1.wav'), 'utf8')).toBe(
      'RIFF of yes/a7c6a99_nohash_1.wav',
    );
  });

  it('asks for train.7z to be extracted when only the archive is there', async () => {
    const other = join(dataDir, 'other');
    await expect(
      prepareFrom(other, id, (raw) => writeFileSync(join(raw, 'train.7z'), '7z\xbc\xaf\x27\x1c')),
    ).rejects.toThrow(/extract .*train\.7z into .* first \(7z x train\.7z\)/);
  });
});

describe('freesound-audio-tagging-2019 (post-competition labels)', () => {
  const dataDir = useTempDir();
  const id = 'freesound-audio-tagging-2019';
  const fixture = RAW_FIXTURES.find((f) => f.id === id)!;
  let classes: string[];

  beforeAll(async () => {
    classes = (await buildGradingContext({ dataDir })).registry.get(id).grading.target_columns;
  });

  it('writes the Private rows many-hot and puts each clip in the folder of the CSV that lists it', async () => {
    const prepared = await prepareFrom(join(dataDir, 'a'), id, (raw) => fixture.write(raw, classes));
    const answers = readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(answers[0]).toBe(['fname', ...classes].join(','));
    // row 3 (first Private) is tagged with classes 3 and 24; row 4 with class 4 only
    const ones = (line: string) => line.split(',').flatMap((v, c) => (v === '1' ? [c - 1] : []));
    expect(answers.slice(1).map(ones)).toEqual([[3, 24], [4], [5, 38], [6], [7, 52]]);
    expect(answers[1]).toMatch(/^t0006fe13\.wav,/);
    expect(readFileSync(join(prepared, 'public', 'train_curated', 'c0006f2a0.wav'), 'utf8')).toBe('RIFF c 0');
    expect(readFileSync(join(prepared, 'public', 'train_noisy', 'n0006f2a0.wav'), 'utf8')).toBe('RIFF n 0');
  });

  it('reads the labels from FSDKaggle2019.meta.zip, or says where to download it', async () => {
    const prepared = await prepareFrom(join(dataDir, 'b'), id, (raw) => fixture.write(raw, classes));
    const raw = rawDir(join(dataDir, 'c'), id);
    const zipped = async (r: string) => {
      fixture.write(r, classes);
      const csv = readFileSync(join(r, 'FSDKaggle2019.meta', 'test_post_competition.csv'));
      rmSync(join(r, 'FSDKaggle2019.meta'), { recursive: true });
      writeFileSync(
        join(r, 'FSDKaggle2019.meta.zip'),
        await buildZip([{ name: 'FSDKaggle2019.meta/test_post_competition.csv', content: csv }]),
      );
    };
    mkdirSync(raw, { recursive: true });
    await zipped(raw);
    const fromZip = await prepareFrom(join(dataDir, 'c'), id, () => undefined);
    expect(readFileSync(join(fromZip, 'private', 'test.csv'))).toEqual(
      readFileSync(join(prepared, 'private', 'test.csv')),
    );

    await expect(
      prepareFrom(join(dataDir, 'd'), id, (r) => {
        fixture.write(r, classes);
        rmSync(join(r, 'FSDKaggle2019.meta'), { recursive: true });
      }),
    ).rejects.toThrow('download https://zenodo.org/records/3612637/files/FSDKaggle2019.meta.zip?download=1 into');
  });

  it('refuses answers that are not the clips of the sample submission', async () => {
    await expect(
      prepareFrom(join(dataDir, 'e'), id, (r) => {
        fixture.write(r, classes);
        const csv = join(r, 'FSDKaggle2019.meta', 'test_post_competition.csv');
        renameSync(csv, `${csv}.old`);
        writeFileSync(csv, readFileSync(`${csv}.old`, 'utf8').replace(',Public,', ',Private,'));
      }),
    ).rejects.toThrow(/sample_submission\.csv lists 5 clips, the private rows of .* 6: they must be the same clips/);
  });
});

describe('tgs-salt-identification-challenge (sorted by id)', () => {
  const dataDir = useTempDir();
  const id = 'tgs-salt-identification-challenge';

  it("writes the bytes MLE-bench's pandas preparation writes, masks for train images only", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // read_csv().fillna(""); train_test_split(0.25, 0); sort_values("id"); depths filtered by train ids
    expect(await md5File(join(prepared, 'public', 'train.csv'))).toBe('c5acdef46c6a6f57f64d38c33952f498');
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('322274c8fa7e8f86b597c4e7759e35a1');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('6393ee28175ba7bbebf35204b7d10925');
    expect(await md5File(join(prepared, 'public', 'depths.csv'))).toBe('ba30374b3c424ecd8dc5c8f564e1602e');
    expect(readdirSync(join(prepared, 'public', 'test'))).toEqual(['images']);
    expect(readdirSync(join(prepared, 'public', 'train', 'masks'))).toHaveLength(30);
  });
});

describe('uw-madison-gi-tract-image-segmentation (split by case, then by day)', () => {
  const dataDir = useTempDir();
  const id = 'uw-madison-gi-tract-image-segmentation';

  it("writes the bytes MLE-bench's pandas preparation writes and moves the day folders with their rows", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // MLE-bench's steps on this raw: train_test_split(unique cases, 0.1, 42) → case19, case88 held out;
    // days after the fourth of each train case held out; widths/heights from the scan names as floats
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('5a2943219977feea34fec99649faa870');
    expect(await md5File(join(prepared, 'public', 'test.csv'))).toBe('3b8120ba52d9519545977b628e831702');
    expect(await md5File(join(prepared, 'public', 'train.csv'))).toBe('d54645ec25bff0df3d1c2f29858a8c2e');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('cfd17759038925ac6ada15f7ee841e67');
    // case9 (6 days): day0, day7, day13, day14 stay (by day number, not text); day20 and day25 are test
    expect(readdirSync(join(prepared, 'public', 'train', 'case9')).sort()).toEqual([
      'case9_day0',
      'case9_day13',
      'case9_day14',
      'case9_day7',
    ]);
    expect(readdirSync(join(prepared, 'public', 'test', 'case9')).sort()).toEqual(['case9_day20', 'case9_day25']);
    expect(readdirSync(join(prepared, 'public', 'test', 'case19', 'case19_day0', 'scans'))).toHaveLength(2);
  });
});

describe('siim-covid19-detection (split by study)', () => {
  const dataDir = useTempDir();
  const id = 'siim-covid19-detection';

  it("writes the bytes MLE-bench's pandas preparation writes and moves each study's folder", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // train_test_split(studies, 0.1, 0), sides sorted by id; images follow their study; argmax labels
    expect(await md5File(join(prepared, 'public', 'train_study_level.csv'))).toBe('aac3fc922900be0d598cde835b9eef99');
    expect(await md5File(join(prepared, 'public', 'train_image_level.csv'))).toBe('3284232b82b1c5482dc76340996f18a7');
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('0676959b462f1c1cc0ffedeeb5d9a0eb');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('26813195cd3d370b9ba9d8b98ceb8db6');
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual([
      '00086847f3c0',
      '00087dc0129d',
      '00089b06c856',
    ]);
    expect(readdirSync(join(prepared, 'public', 'train'))).toHaveLength(27);
  });
});

describe('vinbigdata-chest-xray-abnormalities-detection (one box per image and class)', () => {
  const dataDir = useTempDir();
  const id = 'vinbigdata-chest-xray-abnormalities-detection';

  it("writes the bytes MLE-bench's pandas preparation writes", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // unique image ids split (0.1, 0); groupby(["image_id", "class_id"]).first(); fillna(0); class 14 → 1.0
    expect(await md5File(join(prepared, 'public', 'train.csv'))).toBe('86307902bf2bd0b3fffcfff4cbf32ea5');
    expect(await md5File(join(prepared, 'private', 'answers.csv'))).toBe('c2eed57a0b1afb0f1c523ea8c5928f57');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('f8476fed848daabbb0e3e53764affcf4');
  });

  it("groups as pandas' first(): each column's first non-empty value, class ids sorted as numbers", () => {
    const header = ['image_id', 'class_name', 'class_id', 'rad_id', 'x_min'];
    const rows = [
      ['b', 'Cardiomegaly', '3', 'R8', ''],
      ['b', 'Pleural effusion', '10', 'R9', '5.0'],
      ['a', 'Cardiomegaly', '3', 'R10', '7.0'],
      ['b', 'Cardiomegaly', '3', 'R11', '9.0'],
    ];
    expect(firstPerImageAndClass(header, rows)).toEqual([
      ['a', '3', 'Cardiomegaly', 'R10', '7.0'],
      ['b', '3', 'Cardiomegaly', 'R8', '9.0'],
      ['b', '10', 'Pleural effusion', 'R9', '5.0'],
    ]);
  });
});

describe('bms-molecular-translation (nested image folders)', () => {
  const dataDir = useTempDir();
  const id = 'bms-molecular-translation';

  it("writes the bytes MLE-bench's pandas preparation writes and keeps the images' nested paths", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // train_test_split(train_labels.csv, 0.2, 0); sample InChI=1S/H2O/h1H2
    expect(await md5File(join(prepared, 'public', 'train_labels.csv'))).toBe('2187c5ab8760a4e1957cf2e1d013902d');
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('972591da929cf331bba4a5f97362e4b0');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('9a1ca0adf0dd3c38fd1fe14a599a8e4f');
    const firstTest =
      readFileSync(join(prepared, 'private', 'test.csv'), 'utf8')
        .split('\n')[1]
        ?.split(',')[0] ?? '';
    expect(readFileSync(join(prepared, 'public', 'test', ...firstTest.slice(0, 3), `${firstTest}.png`), 'utf8')).toBe(
      `PNG ${firstTest}`,
    );
  });
});

describe('seti-breakthrough-listen (folders by first character)', () => {
  const dataDir = useTempDir();
  const id = 'seti-breakthrough-listen';

  it("writes the bytes MLE-bench's pandas preparation writes, each cadence under its first character", async () => {
    const prepared = await prepareFrom(dataDir, id, (raw) => RAW_FIXTURES.find((f) => f.id === id)!.write(raw, []));
    // train_test_split(train_labels.csv, 0.1, 0); sample target 0.5
    expect(await md5File(join(prepared, 'public', 'train_labels.csv'))).toBe('792d12cb993d5f8b14089c33725da4b4');
    expect(await md5File(join(prepared, 'private', 'test.csv'))).toBe('2dcdc4328361ede7e8d3f61f5562f5ea');
    expect(await md5File(join(prepared, 'public', 'sample_submission.csv'))).toBe('adbbdbbd2dca08cc7c4069649b4ef1d1');
    expect(readdirSync(join(prepared, 'public', 'test')).sort()).toEqual(['4', '6', '9']);
    expect(readdirSync(join(prepared, 'public', 'test', '4')).sort()).toEqual([
      '40000013613205c.npy',
      '400000427f6f51c.npy',
    ]);
    expect(
      readFileSync(join(prepared, 'public', 'old_leaky_data', 'train_old', '0', '0000799a2b2c42d.npy'), 'utf8'),
    ).toBe('NUMPY old');
  });
});
