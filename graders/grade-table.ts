/**
 * Grades a submission for a competition whose config row (`grading` in config.yaml) fully describes
 * it: read answers, read and align the submission by id, score with the metric table.
 */
import { fileExists } from '../harness/file-exists.js';
import type { CompetitionConfig } from '../harness/registry/competition-config.js';
import { readAnswers, type Answers } from './answers/read-answers.js';
import { GraderError, GraderNotImplementedError, type GradeOutcome } from './grade-outcome.js';
import type { Column, MetricTable } from './metric-table.js';
import { InvalidPredictionError } from './metrics/index.js';
import { readSubmission } from './submission/read-submission.js';
import { displayKey, idLabelOf } from './row-key.js';
import { problems } from './submission/submission-problem.js';

export interface TableGradeRequest {
  competition: CompetitionConfig;
  metrics: MetricTable;
  submissionFile: string;
  answersFile: string;
}

/** The values of the scored rows only; the submission had to contain every row all the same. */
function scoredOnly(column: Column, scored: Uint8Array): Column {
  if (column instanceof Float64Array) return column.filter((_, row) => scored[row] === 1);
  if (column instanceof Uint8Array) return column.filter((_, row) => scored[row] === 1);
  return column.filter((_, row) => scored[row] === 1);
}

/**
 * A metric names rows by their index in its input (answers order, scored rows only), which means
 * nothing to the submitter: add the row's id.
 */
function withId(error: InvalidPredictionError, answers: Answers, idColumn: string): string {
  if (error.row === undefined) return error.message;
  let row = error.row;
  if (answers.scored !== undefined) {
    for (let i = 0, seen = -1; i < answers.scored.length; i++) {
      if (answers.scored[i] === 1 && ++seen === error.row) {
        row = i;
        break;
      }
    }
  }
  if (row < 0 || row >= answers.ids.size) return error.message;
  return `${error.message} (${idColumn} '${displayKey(answers.ids.idAt(row))}')`;
}

export async function gradeTable({
  competition,
  metrics,
  submissionFile,
  answersFile,
}: TableGradeRequest): Promise<GradeOutcome> {
  const { grading } = competition;
  const metric = metrics.get(grading.metric);
  if (metric === undefined) throw new GraderNotImplementedError(competition.id, grading.metric);
  if (!(await fileExists(submissionFile))) return { valid: false, reason: problems.fileMissing(submissionFile) };

  let answers;
  try {
    answers = await readAnswers(answersFile, grading, metric.truth);
  } catch (error) {
    throw new GraderError(competition.id, error instanceof Error ? error.message : String(error), { cause: error });
  }
  const read = await readSubmission(submissionFile, grading, answers);
  if (!read.ok) return { valid: false, reason: read.reason };

  const params = metric.params.parse(grading.params);
  let score: number;
  try {
    const predictions =
      answers.scored === undefined
        ? read.predictions
        : read.predictions.map((c) => scoredOnly(c, answers.scored as Uint8Array));
    score = metric.score({ truth: answers.truth, predictions, params, context: answers.context });
  } catch (error) {
    if (error instanceof InvalidPredictionError)
      return { valid: false, reason: withId(error, answers, idLabelOf(grading)) };
    throw new GraderError(competition.id, error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!Number.isFinite(score)) throw new GraderError(competition.id, `metric '${grading.metric}' returned ${score}`);
  return { valid: true, score };
}
