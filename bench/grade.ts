/**
 * Grading throughput at 1M rows (run by hand: `npm run bench`; BENCH_ROWS, BENCH_REPEAT to change).
 * For each metric it writes synthetic answers and a submission (ids in another order, so alignment
 * by id is exercised: a stride through the answers by default; one case keeps answers order, as most
 * real submissions do, and one shuffles the rows at random, the worst case for the CPU cache), then
 * times in fresh child processes (a) csv-parse alone reading both files — the old floor — and (b) a
 * full grade: read both files, validate, align by id, score.
 *
 * The machine this runs on is shared, so besides wall time it reports CPU time (user + system) of
 * the child, which load from other processes barely moves; the best of BENCH_REPEAT runs is kept.
 * Peak RSS is the grading child's own maximum (process.resourceUsage), next to the submission size.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { forEachCsvRecord } from '../graders/csv/read-csv-records.js';
import { gradeTable } from '../graders/grade-table.js';
import { MetricTable } from '../graders/metric-table.js';
import { CompetitionConfig } from '../harness/registry/competition-config.js';
import { mulberry32, shuffled } from '../harness/seeded-random.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

interface Case {
  name: string;
  metric: string;
  direction: 'lower' | 'higher';
  targets: string[];
  values: 'probability' | 'number';
  answerRow: (i: number) => string[];
  predRow: (i: number) => string[];
  /**
   * The submission's row order: every 7th answers row in turn (the default), answers order (what
   * pandas usually writes), or a seeded random shuffle.
   */
  order?: 'stride' | 'answers' | 'random';
}

const CLASSES = Array.from({ length: 10 }, (_, k) => `class_${k}`);
type Workload = Omit<Case, 'name' | 'order'>;
const logLoss: Workload = {
  metric: 'multi-class-log-loss',
  direction: 'lower',
  targets: CLASSES,
  values: 'probability',
  answerRow: (i) => CLASSES.map((_, k) => (k === i % 10 ? '1' : '0')),
  predRow: (i) => CLASSES.map((_, k) => (k === i % 10 ? '0.91' : '0.01')),
};
const mae: Workload = {
  metric: 'mae',
  direction: 'lower',
  targets: ['value'],
  values: 'number',
  answerRow: (i) => [String(i % 100)],
  predRow: (i) => [String((i % 100) + 0.5)],
};
const cases: Case[] = [
  {
    name: 'binary ROC AUC',
    metric: 'roc-auc',
    direction: 'higher',
    targets: ['target'],
    values: 'probability',
    answerRow: (i) => [String(i % 3 === 0 ? 1 : 0)],
    predRow: (i) => [(((i * 7919) % 1000) / 1000).toFixed(3)],
  },
  { name: 'multi-class log loss (10 classes)', ...logLoss },
  { name: 'MAE', ...mae },
  { name: 'MAE, submission in answers order', ...mae, order: 'answers' },
  { name: 'multi-class log loss, rows shuffled', ...logLoss, order: 'random' },
];

/** Submission row i → the answers row it holds. */
function submissionOrder(c: Case): (i: number) => number {
  if (c.order === 'answers') return (i) => i;
  if (c.order !== 'random') return (i) => (i * 7 + 3) % ROWS;
  const order = shuffled(
    Array.from({ length: ROWS }, (_, i) => i),
    mulberry32(1),
  );
  return (i) => order[i] as number;
}

/** What one child run measured. */
interface Measurement {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  score: number;
}

async function writeCsv(
  file: string,
  header: string[],
  row: (i: number) => string[],
  order: (i: number) => number,
): Promise<void> {
  const out = createWriteStream(file);
  const lines: string[] = [header.join(',')];
  const flush = async (): Promise<void> => {
    if (!out.write(`${lines.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    lines.length = 0;
  };
  for (let i = 0; i < ROWS; i++) {
    const j = order(i);
    lines.push(`id_${j},${row(j).join(',')}`);
    if (lines.length === 10_000) await flush();
  }
  if (lines.length > 0) await flush();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function competitionFor(c: Case): CompetitionConfig {
  return CompetitionConfig.parse({
    schema_version: 1,
    id: 'bench',
    name: 'bench',
    competition_type: 'simple',
    category: 'tabular',
    split: 'dev',
    dataset_size_gb: 0,
    sample_submission: 'public/sample_submission.csv',
    grading: {
      metric: c.metric,
      mlebench_metric: c.metric,
      direction: c.direction,
      answers: 'answers.csv',
      id_column: 'id',
      target_columns: c.targets,
      values: c.values,
    },
  });
}

/** In a child: one timed step, printed as JSON on stdout. */
async function measureInChild(step: string, caseIndex: number, answersFile: string, submissionFile: string) {
  const c = cases[caseIndex] as Case;
  const startCpu = process.cpuUsage();
  const start = performance.now();
  let score = Number.NaN;
  if (step === 'parse') {
    await forEachCsvRecord(answersFile, () => {});
    await forEachCsvRecord(submissionFile, () => {});
  } else if (step === 'grade') {
    const outcome = await gradeTable({
      competition: competitionFor(c),
      metrics: new MetricTable(),
      submissionFile,
      answersFile,
    });
    if (!outcome.valid) throw new Error(outcome.reason);
    score = outcome.score;
  }
  const cpu = process.cpuUsage(startCpu);
  const measurement: Measurement = {
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    score,
  };
  process.stdout.write(JSON.stringify(measurement));
}

function bestOf(step: string, caseIndex: number, answersFile: string, submissionFile: string): Measurement {
  const runs = Array.from({ length: REPEAT }, () => {
    const out = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), step, String(caseIndex), answersFile, submissionFile],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    return JSON.parse(out) as Measurement;
  });
  return runs.reduce((best, run) => (run.cpuSeconds < best.cpuSeconds ? run : best));
}

const rate = (seconds: number): string => `${(ROWS / seconds / 1e6).toFixed(2)}M`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'podium-bench-'));
  try {
    console.log(
      `rows: ${ROWS.toLocaleString('en-US')}, best of ${REPEAT} | node ${process.version} | ${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
    );
    const idle = bestOf('idle', 0, '-', '-');
    console.log(`idle child (modules loaded, nothing read): peak RSS ${idle.maxRssMiB.toFixed(0)} MiB`);
    console.log(
      'metric                              | grade wall  rows/s | grade CPU  rows/s | csv-parse alone CPU | grade/parse | peak RSS | submission | RSS/file',
    );
    for (const [index, c] of cases.entries()) {
      const answersFile = join(dir, 'answers.csv');
      const submissionFile = join(dir, 'submission.csv');
      await writeCsv(answersFile, ['id', ...c.targets], c.answerRow, (i) => i);
      await writeCsv(submissionFile, ['id', ...c.targets], c.predRow, submissionOrder(c));
      const fileMiB = statSync(submissionFile).size / 2 ** 20;
      const parse = bestOf('parse', index, answersFile, submissionFile);
      const grade = bestOf('grade', index, answersFile, submissionFile);
      console.log(
        [
          c.name.padEnd(35),
          `${grade.wallSeconds.toFixed(2)} s ${rate(grade.wallSeconds).padStart(6)}`,
          `${grade.cpuSeconds.toFixed(2)} s ${rate(grade.cpuSeconds).padStart(6)}`,
          `${parse.cpuSeconds.toFixed(2)} s ${rate(parse.cpuSeconds).padStart(6)}`.padEnd(19),
          `${(grade.cpuSeconds / parse.cpuSeconds).toFixed(2)}x`.padEnd(11),
          `${grade.maxRssMiB.toFixed(0)} MiB`.padEnd(8),
          `${fileMiB.toFixed(1)} MiB`.padEnd(10),
          `${(grade.maxRssMiB / fileMiB).toFixed(1)}x  score ${grade.score.toFixed(5)}`,
        ].join(' | '),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [step, caseIndex, answersFile, submissionFile] = process.argv.slice(2);
if (step === undefined) await main();
else await measureInChild(step, Number(caseIndex), answersFile as string, submissionFile as string);
