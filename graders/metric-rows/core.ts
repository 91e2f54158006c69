/** The metrics of the 22 lite competitions: classification, probability and regression scores. */
import { z } from 'zod';
import type { ValueKind } from '../../harness/registry/competition-config.js';
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
import * as m from '../metrics/index.js';

/** Agreement between predicted and true labels of one column: 1 is perfect. */
function labelAgreement(
  values: readonly ValueKind[],
  f: (t: ArrayLike<number | string>, p: ArrayLike<number | string>) => number,
): MetricDefinition {
  return define({
    best: 1,
    direction: 'higher',
    truth: 'like-values',
    arity: 'one',
    values,
    params: noParams,
    score: ({ truth, predictions }) => f(truth[0] ?? [], predictions[0] ?? []),
  });
}

export const CORE_METRICS: Readonly<Record<string, MetricDefinition>> = {
  'roc-auc': define({
    best: 1,
    direction: 'higher',
    truth: 'binary',
    arity: 'one',
    values: NUMERIC,
    params: noParams,
    score: one(m.rocAuc),
  }),
  'mean-columnwise-roc-auc': define({
    best: 1,
    direction: 'higher',
    truth: 'binary',
    arity: 'columnwise',
    values: NUMERIC,
    params: noParams,
    score: columnwise(m.meanColumnwiseRocAuc),
  }),
  'log-loss': define({
    best: 0,
    direction: 'lower',
    truth: 'binary',
    arity: 'one',
    values: ['probability'],
    params: noParams,
    score: one((t, p) => m.binaryLogLoss(t, p)),
  }),
  'multi-class-log-loss': define({
    best: 0,
    direction: 'lower',
    truth: 'class-index',
    arity: 'classes',
    values: ['probability'],
    params: noParams,
    score: ({ truth, predictions }) => m.multiClassLogLoss(truthNumbers(truth[0]), predictions.map(numbers)),
  }),
  rmse: regressionError('one', one(m.rmse)),
  mae: regressionError('one', one(m.mae)),
  rmsle: regressionError('one', one(m.rmsle)),
  'mean-columnwise-rmsle': regressionError('columnwise', columnwise(m.meanColumnwiseRmsle)),
  'quadratic-weighted-kappa': define({
    best: 1,
    direction: 'higher',
    truth: 'like-values',
    arity: 'one',
    values: ['integer'],
    params: z.strictObject({ min_rating: z.number().int().optional(), max_rating: z.number().int().optional() }),
    score: ({ truth, predictions, params }) =>
      m.quadraticWeightedKappa(truthNumbers(truth[0]), numbers(predictions[0]), {
        minRating: params.min_rating,
        maxRating: params.max_rating,
      }),
  }),
  // Accuracy also compares free text exactly (text normalization); F1 needs class labels.
  accuracy: labelAgreement(['integer', 'label', 'text'], m.accuracy),
  'f1-micro': labelAgreement(['integer', 'label'], m.f1Micro),
  'f1-macro': labelAgreement(['integer', 'label'], m.f1Macro),
};
