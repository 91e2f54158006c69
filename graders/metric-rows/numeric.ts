/**
 * Metric-table rows of the numeric family (see graders/metric-definition.ts for what a row is):
 * scores on plain numeric columns that the core rows do not cover — banded and ranking AUCs,
 * correlations, soft F1, angles and MLE-bench's rounded MAE.
 */
import { z } from 'zod';
import {
  columnwise,
  define,
  type MetricDefinition,
  noParams,
  numbers,
  NUMERIC,
  one,
  regressionError,
  truthNumbers,
} from '../metric-definition.js';
import { meanAngularError } from '../metrics/angular-error.js';
import { meanColumnwiseSpearman, pearson } from '../metrics/correlation.js';
import { lwlrap } from '../metrics/lwlrap.js';
import { matthewsCorrelation } from '../metrics/mcc.js';
import { probabilisticFBeta } from '../metrics/probabilistic-f1.js';
import { roundedMae } from '../metrics/rounded-mae.js';
import { weightedAuc } from '../metrics/weighted-auc.js';

const weightedAucParams = z
  .strictObject({
    tpr_thresholds: z.array(z.number().min(0).max(1)).min(2),
    weights: z.array(z.number().nonnegative()).min(1),
  })
  .refine((p) => p.weights.length === p.tpr_thresholds.length - 1, {
    message: 'needs one weight per band (one fewer than tpr_thresholds)',
    path: ['weights'],
  })
  .refine((p) => p.tpr_thresholds.every((t, k) => k === 0 || t > (p.tpr_thresholds[k - 1] as number)), {
    message: 'must increase strictly',
    path: ['tpr_thresholds'],
  })
  .refine((p) => p.weights.some((w) => w > 0), { message: 'must not all be 0', path: ['weights'] });

export const NUMERIC_METRICS: Readonly<Record<string, MetricDefinition>> = {
  // Answers 0/1, any real score; AUC over horizontal TPR bands (ALASKA2).
  'weighted-auc': define({
    best: 1,
    direction: 'higher',
    truth: 'binary',
    arity: 'one',
    values: NUMERIC,
    params: weightedAucParams,
    score: ({ truth, predictions, params }) =>
      weightedAuc(truthNumbers(truth[0]), numbers(predictions[0]), {
        tprThresholds: params.tpr_thresholds,
        weights: params.weights,
      }),
  }),
  // One 0/1 answers column and one score column per class (Freesound 2019).
  lwlrap: define({
    best: 1,
    direction: 'higher',
    truth: 'binary',
    arity: 'classes',
    values: NUMERIC,
    params: noParams,
    score: columnwise(lwlrap),
  }),
  'mean-columnwise-spearman': define({
    best: 1,
    direction: 'higher',
    truth: 'number',
    arity: 'columnwise',
    values: NUMERIC,
    params: noParams,
    score: columnwise(meanColumnwiseSpearman),
  }),
  pearson: define({
    best: 1,
    direction: 'higher',
    truth: 'number',
    arity: 'one',
    values: NUMERIC,
    params: noParams,
    score: one(pearson),
  }),
  // Hard 0/1 predictions (sklearn would crash on scores); answers 0/1.
  mcc: define({
    best: 1,
    direction: 'higher',
    truth: 'binary',
    arity: 'one',
    values: ['integer'],
    params: noParams,
    score: one(matthewsCorrelation),
  }),
  // Predictions are clipped to [0, 1] by the metric (Kaggle's rule), so any number is accepted.
  'probabilistic-f1': define({
    best: 1,
    direction: 'higher',
    truth: 'binary',
    arity: 'one',
    values: NUMERIC,
    params: z.strictObject({ beta: z.number().positive().default(1) }),
    score: ({ truth, predictions, params }) =>
      probabilisticFBeta(truthNumbers(truth[0]), numbers(predictions[0]), params.beta),
  }),
  // Target columns are exactly [azimuth, zenith], in radians (IceCube).
  'mean-angular-error': regressionError('columnwise', ({ truth, predictions }) => {
    if (truth.length !== 2 || predictions.length !== 2) {
      throw new Error(`mean-angular-error takes two columns (azimuth, zenith), got ${truth.length}`);
    }
    return meanAngularError(
      truthNumbers(truth[0]),
      truthNumbers(truth[1]),
      numbers(predictions[0]),
      numbers(predictions[1]),
    );
  }),
  // MLE-bench's INGV grader returns int(round(MAE)).
  'mae-rounded': regressionError('one', one(roundedMae)),
};
