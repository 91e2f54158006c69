/**
 * Every competition with a prepare.yaml, prepared from a small synthetic raw dataset (tests/prepare/
 * raw-fixtures.ts): public holds no answers, the private answers' ids are the public test ids, the
 * split has the configured size, a second preparation from a fresh copy is byte-identical, and the
 * generated sample submission grades as valid with the grading code `podium grade-sample` uses.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import { gradeSubmission, type GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import { computeChecksums, listFiles } from '../../harness/prepare/checksums.js';
import { isAllowedPublic } from '../../harness/prepare/leak-check.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { loadPrepareSpec, prepareSpecPath, type PrepareSpec } from '../../harness/prepare/prepare-spec.js';
import { useTempDir } from '../support/temp-dir.js';
import { RAW_FIXTURES } from './raw-fixtures.js';

const layout = projectLayout();

function readCsv(file: string): string[][] {
  return parse(readFileSync(file, 'utf8')) as string[][];
}

function column(rows: string[][], name: string): string[] {
  const index = (rows[0] ?? []).indexOf(name);
  if (index < 0) throw new Error(`no column ${name} in ${(rows[0] ?? []).join(',')}`);
  return rows.slice(1).map((row) => row[index] ?? '');
}

/** Each row's key: one id column, or several joined (uw-madison's id and class). */
function keys(rows: string[][], idColumn: string | readonly string[]): string[] {
  const columns = (typeof idColumn === 'string' ? [idColumn] : idColumn).map((name) => column(rows, name));
  return (columns[0] ?? []).map((_, r) => columns.map((values) => values[r]).join(' / '));
}

it('has a fixture for every competition with a prepare.yaml, and no other', () => {
  const withSpec = readdirSync(layout.competitionsDir).filter((id) => {
    try {
      readFileSync(prepareSpecPath(layout.competitionsDir, id));
      return true;
    } catch {
      return false;
    }
  });
  expect(RAW_FIXTURES.map((f) => f.id).sort()).toEqual(withSpec.sort());
});

describe.each(RAW_FIXTURES)('prepare $id', (fixture) => {
  const dataDir = useTempDir();
  const secondDataDir = useTempDir();
  let ctx: GradingContext;
  let spec: PrepareSpec;

  const prepare = (dir: string) =>
    prepareCompetition({
      dataDir: dir,
      competitionsDir: layout.competitionsDir,
      competition: ctx.registry.get(fixture.id),
      keepRaw: true,
    });

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir });
    spec = (await loadPrepareSpec(layout.competitionsDir, fixture.id))!;
    const raw = rawDir(dataDir, fixture.id);
    mkdirSync(raw, { recursive: true });
    fixture.write(raw, ctx.registry.get(fixture.id).grading.target_columns);
    expect((await prepare(dataDir)).status).toBe('prepared');
  }, 180_000); // AI4Code writes 20,040 notebooks: MLE-bench holds out exactly 20,000

  it('writes the expected public files, none with an answers column', async () => {
    const pub = join(preparedDir(dataDir, fixture.id), 'public');
    expect(readdirSync(pub).sort()).toEqual(fixture.publicEntries);
    const labelled = spec.labelled_public ?? (spec.strategy === 'custom' ? [] : [spec.public_train]);
    const sample = ctx.registry.get(fixture.id).sample_submission.replace(/^public\//, '');
    for (const file of await listFiles(pub)) {
      if (!file.endsWith('.csv') || isAllowedPublic(file, labelled) || file === (spec.sample_submission ?? sample))
        continue;
      const header = readCsv(join(pub, file))[0] ?? [];
      for (const answer of spec.answer_columns) expect(header, `${file} leaks ${answer}`).not.toContain(answer);
    }
  });

  it("names every public file and folder in the description's Files section", async () => {
    const pub = join(preparedDir(dataDir, fixture.id), 'public');
    const description = readFileSync(join(pub, 'description.md'), 'utf8');
    const files = description.split(/^## /m).find((section) => section.startsWith('Files')) ?? '';
    for (const entry of readdirSync(pub, { withFileTypes: true })) {
      if (entry.name === 'description.md') continue;
      expect(files, `description.md does not mention ${entry.name}`).toContain(
        `\`${entry.name}${entry.isDirectory() ? '/' : ''}`,
      );
    }
  });

  it('writes answers for exactly the public test ids, of the configured size', async () => {
    const competition = ctx.registry.get(fixture.id);
    const prepared = preparedDir(dataDir, fixture.id);
    const idColumn = competition.grading.id_column;
    const answersFile = join(prepared, 'private', competition.grading.answers);
    const answers = answersFile.endsWith('.jsonl')
      ? // tensorflow2-question-answering: one record per example, graded as its _short and _long rows
        readFileSync(answersFile, 'utf8')
          .trimEnd()
          .split('\n')
          .flatMap((line) => {
            const id = (JSON.parse(line) as { example_id: string }).example_id;
            return [`${id}_short`, `${id}_long`];
          })
      : keys(readCsv(answersFile), idColumn);
    // long answers (vinbigdata: one row per box, sorted) are graded grouped by id: compare the id sets
    const grouped = competition.grading.answers_transform === 'boxes-per-image';
    const inOrder = (ids: string[]) => (grouped ? [...new Set(ids)].sort() : ids);
    expect(inOrder(answers)).toHaveLength(fixture.testRows);
    const sampleName = spec.sample_submission ?? competition.sample_submission.slice('public/'.length);
    const samplePath = join(prepared, 'public', sampleName);
    expect(inOrder(keys(readCsv(samplePath), idColumn))).toEqual(inOrder(answers));
    if (fixture.publicTest !== undefined) {
      const publicTest = readCsv(join(prepared, 'public', fixture.publicTest));
      const publicIds = [idColumn].flat().every((name) => (publicTest[0] ?? []).includes(name))
        ? keys(publicTest, idColumn)
        : // text normalization: the test rows are keyed by sentence and token
          publicTest.slice(1).map((row) => `${row[0]}_${row[1]}`);
      expect(publicIds).toEqual(answers);
    }
    if (fixture.testFilesDir !== undefined) {
      const files = await listFiles(join(prepared, 'public', fixture.testFilesDir));
      expect(files).toHaveLength(fixture.testRows);
    }
  });

  it('prepares byte-identical files from the same raw data', { timeout: 180_000 }, async () => {
    cpSync(rawDir(dataDir, fixture.id), rawDir(secondDataDir, fixture.id), { recursive: true });
    expect((await prepare(secondDataDir)).status).toBe('prepared');
    const skipMarker = (file: string) => file.startsWith('.');
    expect(await computeChecksums(preparedDir(secondDataDir, fixture.id), skipMarker)).toEqual(
      await computeChecksums(preparedDir(dataDir, fixture.id), skipMarker),
    );
  });

  it('generates a sample submission that grades as valid', async () => {
    const competition = ctx.registry.get(fixture.id);
    const sample = spec.sample_submission ?? competition.sample_submission.slice('public/'.length);
    const report = await gradeSubmission(ctx, fixture.id, join(preparedDir(dataDir, fixture.id), 'public', sample));
    expect(report.invalid_reason).toBeNull();
    expect(report.valid_submission).toBe(true);
    expect(report.score).not.toBeNull();
  });
});
