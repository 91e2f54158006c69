import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import { gradeSubmission, type GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import {
  ChecksumMismatchError,
  type ChecksumsFile,
  loadChecksums,
  sha256File,
} from '../../harness/prepare/checksums.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { checkPublicLeaks } from '../../harness/prepare/leak-check.js';
import { MARKER_FILE, prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { trainTestSplitIndices } from '../../harness/prepare/train-test-split.js';
import { csvText } from '../support/csv-text.js';
import { useTempDir } from '../support/temp-dir.js';

const layout = projectLayout();

interface Case {
  id: string;
  header: string[];
  row: (i: number) => string[];
  rows: number;
  idColumn: string;
  answers: string[];
  testRows: number;
  /** Whether ids are renumbered (train 0.., test after them) as MLE-bench does for this competition. */
  renumbered: boolean;
}

const spaceship: Case = {
  id: 'spaceship-titanic',
  // Kaggle's train.csv header
  header: [
    'PassengerId',
    'HomePlanet',
    'CryoSleep',
    'Cabin',
    'Destination',
    'Age',
    'VIP',
    'RoomService',
    'FoodCourt',
    'ShoppingMall',
    'Spa',
    'VRDeck',
    'Name',
    'Transported',
  ],
  row: (i) => [
    `${String(i + 1).padStart(4, '0')}_01`,
    i % 3 === 0 ? 'Earth' : 'Europa',
    i % 2 === 0 ? 'False' : 'True',
    `B/${i}/P`,
    i % 5 === 0 ? '' : 'TRAPPIST-1e',
    `${20 + (i % 40)}.0`,
    'False',
    `${i}.0`,
    '0.0',
    '0.0',
    '0.0',
    '0.0',
    i % 7 === 0 ? `Smith, "Jo" ${i}` : `Name ${i}`,
    i % 4 === 0 ? 'True' : 'False',
  ],
  rows: 237,
  idColumn: 'PassengerId',
  answers: ['Transported'],
  testRows: 24, // ceil(0.1 * 237)
  renumbered: false,
};

function readCsv(file: string): string[][] {
  return parse(readFileSync(file, 'utf8')) as string[][];
}

function writeRaw(dataDir: string, c: Case): void {
  const dir = rawDir(dataDir, c.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'train.csv'), csvText([c.header, ...Array.from({ length: c.rows }, (_, i) => c.row(i))]));
}

// every other competition, with fewer checks each, is in prepare-all.test.ts
describe.each([spaceship])('prepare $id', (c) => {
  const dataDir = useTempDir();
  let ctx: GradingContext;

  beforeAll(async () => {
    writeRaw(dataDir, c);
    ctx = await buildGradingContext({ dataDir });
  });

  const prepare = () =>
    prepareCompetition({
      dataDir,
      competitionsDir: layout.competitionsDir,
      competition: ctx.registry.get(c.id),
      keepRaw: true,
    });

  it('writes public and private files without leaking the answers', { timeout: 60_000 }, async () => {
    expect((await prepare()).status).toBe('prepared');
    const prepared = preparedDir(dataDir, c.id);
    expect(readdirSync(join(prepared, 'public')).sort()).toEqual([
      'description.md',
      'sample_submission.csv',
      'test.csv',
      'train.csv',
    ]);
    const publicTest = readCsv(join(prepared, 'public', 'test.csv'));
    const privateTest = readCsv(join(prepared, 'private', 'test.csv'));
    const train = readCsv(join(prepared, 'public', 'train.csv'));
    expect(publicTest[0]).toEqual(c.header.filter((h) => !c.answers.includes(h)));
    expect(privateTest[0]).toEqual(c.header);
    expect(train[0]).toEqual(c.header);
    expect(publicTest.length - 1).toBe(c.testRows);
    expect(train.length - 1).toBe(c.rows - c.testRows);
    const idAt = (rows: string[][], header: string[]) => rows.slice(1).map((r) => r[header.indexOf(c.idColumn)]);
    expect(idAt(privateTest, c.header)).toEqual(idAt(publicTest, publicTest[0] ?? []));
    const sample = readCsv(join(prepared, 'public', 'sample_submission.csv'));
    expect(sample[0]).toEqual([c.idColumn, ...c.answers]);
    expect(idAt(sample, sample[0] ?? [])).toEqual(idAt(publicTest, publicTest[0] ?? []));

    // the same rows as sklearn's train_test_split(random_state=0), in iloc order
    const { train: trainIdx, test: testIdx } = trainTestSplitIndices(c.rows, {
      testSize: c.testRows === 100_000 ? 100_000 : 0.1,
      randomState: 0,
    });
    const expectRows = (rows: string[][], idx: Int32Array, firstId: number) =>
      rows.slice(1).forEach((row, k) => {
        const source = c.row(idx[k] ?? -1);
        if (c.renumbered) source[0] = String(firstId + k);
        expect(row).toEqual(source);
      });
    expectRows(privateTest, testIdx, c.rows - c.testRows);
    expectRows(train, trainIdx, 0);
  });

  it('generates a sample submission that grades as valid', async () => {
    const report = await gradeSubmission(
      ctx,
      c.id,
      join(preparedDir(dataDir, c.id), 'public', 'sample_submission.csv'),
    );
    expect(report.invalid_reason).toBeNull();
    expect(report.valid_submission).toBe(true);
  });

  it('skips a finished competition and redoes one without its marker', { timeout: 60_000 }, async () => {
    const prepared = preparedDir(dataDir, c.id);
    const before = await sha256File(join(prepared, 'private', 'test.csv'));
    expect((await prepare()).status).toBe('skipped');
    rmSync(join(prepared, MARKER_FILE));
    expect((await prepare()).status).toBe('prepared');
    expect(existsSync(join(prepared, MARKER_FILE))).toBe(true);
    expect(await sha256File(join(prepared, 'private', 'test.csv'))).toBe(before); // deterministic
    expect(readdirSync(join(dataDir, c.id)).sort()).toEqual(['prepared', 'raw']); // no temp folder left
  });
});

describe('prepare checks', () => {
  const dataDir = useTempDir();
  const competitionsDir = useTempDir();
  let ctx: GradingContext;

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir });
    mkdirSync(join(competitionsDir, spaceship.id));
    cpSync(
      join(layout.competitionsDir, spaceship.id, 'prepare.yaml'),
      join(competitionsDir, spaceship.id, 'prepare.yaml'),
    );
  });

  it('refuses raw files whose checksum differs, naming the file and both hashes', async () => {
    writeRaw(dataDir, spaceship);
    const actual = await sha256File(join(rawDir(dataDir, spaceship.id), 'train.csv'));
    const expected = 'a'.repeat(64);
    writeFileSync(join(competitionsDir, spaceship.id, 'checksums.yaml'), `raw:\n  train.csv: ${expected}\n`);
    const run = (skipVerification: boolean) =>
      prepareCompetition({
        dataDir,
        competitionsDir,
        competition: ctx.registry.get(spaceship.id),
        skipVerification,
        keepRaw: true,
      });
    const error = await run(false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as Error).message).toBe(
      `checksum mismatch for raw/train.csv: expected sha256 ${expected}, got ${actual} (pass --skip-verification to bypass)`,
    );
    expect(existsSync(preparedDir(dataDir, spaceship.id))).toBe(false);
    expect((await run(true)).status).toBe('prepared');
  });

  it('removes the raw folder unless asked to keep it', async () => {
    rmSync(join(competitionsDir, spaceship.id, 'checksums.yaml'));
    rmSync(join(preparedDir(dataDir, spaceship.id), MARKER_FILE));
    await prepareCompetition({ dataDir, competitionsDir, competition: ctx.registry.get(spaceship.id) });
    expect(existsSync(rawDir(dataDir, spaceship.id))).toBe(false);
  });

  it('records raw and prepared sha256s, keeping the rest of checksums.yaml, then verifies against them', async () => {
    const file = join(competitionsDir, spaceship.id, 'checksums.yaml');
    const md5 = 'b'.repeat(32);
    writeFileSync(file, `# MLE-bench's archive md5\nzip: ${md5}\npublic:\n  test.csv: ${'c'.repeat(32)}\n`);
    writeRaw(dataDir, spaceship);
    const prepare = (options: { recordChecksums?: boolean } = {}) =>
      prepareCompetition({ dataDir, competitionsDir, competition: ctx.registry.get(spaceship.id), ...options });
    // recording prepares again even though the competition is already prepared
    expect((await prepare({ recordChecksums: true })).status).toBe('prepared');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("# MLE-bench's archive md5");
    const recorded = (await loadChecksums(competitionsDir, spaceship.id)) as ChecksumsFile;
    expect(recorded.zip).toBe(md5);
    expect(recorded.public).toEqual({ 'test.csv': 'c'.repeat(32) });
    expect(Object.keys(recorded.raw)).toEqual(['train.csv']);
    const prepared = preparedDir(dataDir, spaceship.id);
    // every prepared file but the replaceable description and the marker, each with its own hash
    const files = readdirSync(prepared, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== MARKER_FILE)
      .map((e) => relative(prepared, join(e.parentPath, e.name)))
      .filter((f) => f !== 'public/description.md')
      .sort();
    expect(Object.keys(recorded.prepared).sort()).toEqual(files);
    expect(files).toContain('private/test.csv');
    for (const f of files) expect(recorded.prepared[f], f).toBe(await sha256File(join(prepared, f)));

    // the same raw data prepares and verifies; a changed recorded hash is reported with both hashes
    rmSync(join(prepared, MARKER_FILE));
    writeRaw(dataDir, spaceship);
    expect((await prepare()).status).toBe('prepared');
    const answers = recorded.prepared['private/test.csv'] as string;
    writeFileSync(file, readFileSync(file, 'utf8').replace(answers, 'd'.repeat(64)));
    rmSync(join(prepared, MARKER_FILE));
    writeRaw(dataDir, spaceship);
    await expect(prepare()).rejects.toThrow(
      `checksum mismatch for prepared/private/test.csv: expected sha256 ${'d'.repeat(64)}, got ${answers}`,
    );
  });

  it('refuses a public CSV that holds an answers column', async () => {
    const dir = join(dataDir, 'leaky-public');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'train.csv'), 'PassengerId,Transported\n1,True\n');
    writeFileSync(join(dir, 'test.csv'), 'PassengerId,Age,Transported\n2,3,False\n');
    await expect(checkPublicLeaks(dir, ['Transported'], ['train.csv'])).rejects.toThrow(
      "answers leak: public/test.csv contains the answers column 'Transported'",
    );
    await expect(checkPublicLeaks(dir, ['Transported'], ['train.csv', 'test.csv'])).resolves.toBeUndefined();
  });

  it('refuses a public parquet file that holds an answers column, and reads past a .parquet that is none', async () => {
    const dir = join(dataDir, 'leaky-parquet');
    mkdirSync(dir, { recursive: true });
    const table = (names: string[]) =>
      Buffer.from(
        parquetWriteBuffer({ columnData: names.map((name) => ({ name, data: [1.5, 2.5], type: 'DOUBLE' as const })) }),
      );
    writeFileSync(join(dir, 'test_meta.parquet'), table(['event_id', 'first_pulse_index']));
    await expect(checkPublicLeaks(dir, ['azimuth', 'zenith'], [])).resolves.toBeUndefined();
    writeFileSync(join(dir, 'test_meta.parquet'), table(['event_id', 'zenith']));
    await expect(checkPublicLeaks(dir, ['azimuth', 'zenith'], [])).rejects.toThrow(
      "answers leak: public/test_meta.parquet contains the answers column 'zenith'",
    );
    await expect(checkPublicLeaks(dir, ['azimuth', 'zenith'], ['test_meta.parquet'])).resolves.toBeUndefined();
    // raw data copied as is under a .parquet name has no parquet columns to leak
    writeFileSync(join(dir, 'test_meta.parquet'), 'event_id,zenith\n1,2\n');
    await expect(checkPublicLeaks(dir, ['azimuth', 'zenith'], [])).resolves.toBeUndefined();
  });
});
