/**
 * Metric-table rows of the grouped family (see graders/metric-definition.ts for what a row is):
 * metrics that need more than aligned truth/prediction columns, i.e. a group or type column of the
 * answers (`context_columns`), per-row weights, repeated ids or composite keys.
 *
 * A perfect submission's `best` is written as the score rounded to 5 decimals, as reported.
 */
import { z } from 'zod';
import {
  columnwise,
  define,
  type MetricDefinition,
  type MetricInput,
  noParams,
  numbers,
  NUMERIC,
  regressionError,
  truthNumbers,
} from '../metric-definition.js';
import { meanColumnwise } from '../metrics/columnwise.js';
import { HAVERSINE_RADIUS_M, meanTripHaversineQuantiles } from '../metrics/haversine-percentiles.js';
import { jigsawBiasAuc } from '../metrics/jigsaw-bias-auc.js';
import { klDivergence } from '../metrics/kl-divergence.js';
import { modifiedLaplaceLogLikelihood } from '../metrics/laplace-log-likelihood.js';
import { logMaeByGroup } from '../metrics/log-mae-by-group.js';
import { rmse } from '../metrics/regression.js';
import { weightedMultilabelLogLoss } from '../metrics/weighted-multilabel-log-loss.js';

const ColumnName = z.string().min(1);

/** An answers column the metric reads by role; the config must list it in `context_columns`. */
function contextColumn(input: MetricInput<unknown>, name: string, metric: string): readonly string[] {
  const column = Object.hasOwn(input.context, name) ? input.context[name] : undefined;
  if (column === undefined) {
    throw new Error(`metric '${metric}' needs the answers column '${name}': list it in grading.context_columns`);
  }
  return column;
}

/** Kaggle's CHAMPS floor: log(1e-9) ≈ -20.7232658, the best possible score. */
const CHAMPS_MAE_FLOOR = 1e-9;
/** OSIC: Confidence is floored at 70 and |FVC error| capped at 1000 (Kaggle's rule). */
const OSIC = { sigmaMin: 70, deltaMax: 1000 };

const groupParams = z.strictObject({ group_column: ColumnName });

const klParams = z.strictObject({
  epsilon: z.number().positive().max(0.5).default(1e-15),
  normalize_answers: z.boolean().default(false),
});

const weightedLogLossParams = z
  .strictObject({
    labels: z.array(ColumnName).min(1),
    negative_weights: z.array(z.number().positive()),
    positive_weights: z.array(z.number().positive()),
    epsilon: z.number().positive().max(0.5).default(1e-15),
    study_column: ColumnName,
    label_column: ColumnName,
  })
  .refine((p) => p.negative_weights.length === p.labels.length && p.positive_weights.length === p.labels.length, {
    message: 'negative_weights and positive_weights need one weight per label',
  });

const jigsawParams = z.strictObject({
  identity_columns: z.array(ColumnName).min(1),
  power: z
    .number()
    .refine((p) => p !== 0, 'power must not be 0')
    .default(-5),
  threshold: z.number().default(0.5),
});

const haversineParams = z.strictObject({
  group_column: ColumnName,
  quantiles: z.array(z.number().min(0).max(1)).min(1).default([0.5, 0.95]),
  radius_m: z.number().positive().default(HAVERSINE_RADIUS_M),
});

export const GROUPED_METRICS: Readonly<Record<string, MetricDefinition>> = {
  // Mean over the answers' groups (CHAMPS coupling types) of log(max(MAE, 1e-9)).
  'log-mae-by-group': define({
    best: -20.72327, // log(1e-9) rounded
    direction: 'lower',
    truth: 'number',
    arity: 'one',
    values: NUMERIC,
    params: groupParams,
    score: (input) =>
      logMaeByGroup(
        truthNumbers(input.truth[0]),
        numbers(input.predictions[0]),
        contextColumn(input, input.params.group_column, 'log-mae-by-group'),
        { floor: CHAMPS_MAE_FLOOR },
      ),
  }),
  // Row-wise KL(truth || prediction) over class columns; the answers may hold vote counts.
  'kl-divergence': define({
    best: 0,
    direction: 'lower',
    truth: 'number',
    arity: 'classes',
    values: ['probability'],
    params: klParams,
    score: ({ truth, predictions, params }) =>
      klDivergence(truth.map(truthNumbers), predictions.map(numbers), {
        epsilon: params.epsilon,
        normalizeAnswers: params.normalize_answers,
      }),
  }),
  // OSIC: target columns are [FVC, Confidence]; the answers pair FVC with their own (unused)
  // Confidence column only because the engine pairs every target column with an answers column.
  'modified-laplace-log-likelihood': define({
    best: -4.59507, // -ln(sqrt(2) * 70) = -4.5950688 rounded: exact FVC with the smallest useful Confidence
    direction: 'higher',
    truth: 'number',
    arity: 'columnwise',
    values: NUMERIC,
    params: noParams,
    score: ({ truth, predictions }) => {
      if (predictions.length !== 2) {
        throw new Error(
          `metric 'modified-laplace-log-likelihood' takes 2 target columns (value, confidence), got ${predictions.length}`,
        );
      }
      return modifiedLaplaceLogLikelihood(
        truthNumbers(truth[0]),
        numbers(predictions[0]),
        numbers(predictions[1]),
        OSIC,
      );
    },
  }),
  // Mean column-wise RMSE (OpenVaccine); the rows scored are chosen by the config's unscored_when.
  mcrmse: regressionError(
    'columnwise',
    columnwise((t, p) => meanColumnwise(rmse, t, p)),
  ),
  // RSNA cervical spine: one row per (study, label); weights by label and true value.
  'weighted-multilabel-log-loss': define({
    best: 0,
    direction: 'lower',
    truth: 'binary',
    arity: 'one',
    values: ['probability'],
    params: weightedLogLossParams,
    score: (input) => {
      const { params } = input;
      return weightedMultilabelLogLoss(
        truthNumbers(input.truth[0]),
        numbers(input.predictions[0]),
        contextColumn(input, params.study_column, 'weighted-multilabel-log-loss'),
        contextColumn(input, params.label_column, 'weighted-multilabel-log-loss'),
        {
          labels: params.labels,
          negativeWeights: params.negative_weights,
          positiveWeights: params.positive_weights,
          epsilon: params.epsilon,
        },
      );
    },
  }),
  // Jigsaw unintended bias: overall AUC and power means of subgroup/BPSN/BNSP AUCs, 1/4 each.
  'jigsaw-bias-auc': define({
    best: 1,
    direction: 'higher',
    truth: 'number',
    arity: 'one',
    values: NUMERIC,
    params: jigsawParams,
    score: (input) => {
      const { params } = input;
      const identities = params.identity_columns.map((name) => ({
        name,
        values: contextColumn(input, name, 'jigsaw-bias-auc'),
      }));
      return jigsawBiasAuc(truthNumbers(input.truth[0]), numbers(input.predictions[0]), identities, {
        power: params.power,
        threshold: params.threshold,
      });
    },
  }),
  // Smartphone decimeter: target columns [latitude, longitude] in degrees; per trip the mean of
  // the quantiles of the haversine errors, averaged over trips.
  'haversine-quantiles-by-group': define({
    best: 0,
    direction: 'lower',
    truth: 'number',
    arity: 'columnwise',
    values: ['number'],
    params: haversineParams,
    score: (input) => {
      const { truth, predictions, params } = input;
      if (predictions.length !== 2) {
        throw new Error(
          `metric 'haversine-quantiles-by-group' takes 2 target columns (latitude, longitude), got ${predictions.length}`,
        );
      }
      return meanTripHaversineQuantiles(
        truthNumbers(truth[0]),
        truthNumbers(truth[1]),
        numbers(predictions[0]),
        numbers(predictions[1]),
        contextColumn(input, params.group_column, 'haversine-quantiles-by-group'),
        { quantiles: params.quantiles, radius: params.radius_m },
      );
    },
  }),
};
