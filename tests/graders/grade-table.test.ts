/**
 * The table grader on hand-made cases that the generated per-competition fixtures do not cover:
 * ids repeated in the answers, unscored rows, answers given as a class label, and broken answers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraderError } from '../../graders/grade-outcome.js';
import { gradeTable } from '../../graders/grade-table.js';
import { MetricTable } from '../../graders/metric-table.js';
import { readAnswers } from '../../graders/answers/read-answers.js';
import { CompetitionConfig, TableGrading } from '../../harness/registry/competition-config.js';
import { csvText } from '../support/csv-text.js';
import { useTempDir } from '../support/temp-dir.js';

const dir = useTempDir();
const metrics = new MetricTable();
let n = 0;
const file = (rows: string[][]): string => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, csvText(rows));
  return path;
};

function competition(grading: Record<string, unknown>): CompetitionConfig {
  return CompetitionConfig.parse({
    schema_version: 1,
    id: 'toy',
    name: 'Toy',
    competition_type: 'simple',
    category: 'tabular',
    split: 'dev',
    dataset_size_gb: 0,
    sample_submission: 'public/sample_submission.csv',
    grading: { mlebench_metric: 'x', answers: 'answers.csv', ...grading },
  });
}

const grade = (c: CompetitionConfig, answers: string[][], submission: string[][]) =>
  gradeTable({ competition: c, metrics, answersFile: file(answers), submissionFile: file(submission) });

describe('ids repeated in the answers (duplicate_ids: match-in-order)', () => {
  const insults = competition({
    metric: 'roc-auc',
    direction: 'higher',
    id_column: 'Comment',
    target_columns: ['Insult'],
    values: 'probability',
    duplicate_ids: 'match-in-order',
  });
  const answers = [
    ['Comment', 'Insult'],
    ['same', '1'],
    ['other', '0'],
    ['same', '0'],
    ['third', '0'],
  ];

  it('pairs the k-th submission row with the k-th answers row of the id', async () => {
    // in order: same→1 gets 0.9, same→0 gets 0.2; positives {0.9} vs negatives {0.3, 0.2, 0.1}: AUC 1
    expect(
      await grade(insults, answers, [
        ['Comment', 'Insult'],
        ['same', '0.9'],
        ['other', '0.3'],
        ['same', '0.2'],
        ['third', '0.1'],
      ]),
    ).toEqual({ valid: true, score: 1 });
    // swapped: positive {0.2} beats only 0.1 of {0.3, 0.9, 0.1}: AUC 1/3
    const swapped = await grade(insults, answers, [
      ['Comment', 'Insult'],
      ['same', '0.2'],
      ['other', '0.3'],
      ['same', '0.9'],
      ['third', '0.1'],
    ]);
    expect(swapped.valid && swapped.score).toBeCloseTo(1 / 3, 12);
  });

  it('still rejects an id repeated more often than in the answers', async () => {
    const rows = [
      ['Comment', 'Insult'],
      ['same', '0.9'],
      ['other', '0.3'],
      ['same', '0.2'],
      ['same', '0.5'],
      ['third', '0.1'],
    ];
    expect(await grade(insults, answers, rows)).toEqual({
      valid: false,
      reason: "Comment 'same' appears more than once (data rows 1 and 4)",
    });
  });

  it('rejects repeated answers ids when not allowed', async () => {
    const strict = competition({
      metric: 'roc-auc',
      direction: 'higher',
      id_column: 'Comment',
      target_columns: ['Insult'],
      values: 'probability',
    });
    await expect(grade(strict, answers, [['Comment', 'Insult']])).rejects.toThrow(
      "Comment 'same' appears more than once",
    );
  });
});

describe('a composite key (id_column as a list)', () => {
  const trips = competition({
    metric: 'mae',
    direction: 'lower',
    id_column: ['tripId', 'ts'],
    target_columns: ['lat'],
    values: 'number',
  });
  const answers = [
    ['tripId', 'ts', 'lat'],
    ['a', '1', '10'],
    ['a', '2', '20'],
    ['b', '1', '30'],
  ];

  it('aligns rows by all key columns together', async () => {
    // |10-11| + |20-20| + |30-27| = 4 over 3 rows
    const rows = [
      ['ts', 'tripId', 'lat'],
      ['1', 'b', '27'],
      ['2', 'a', '20'],
      ['1', 'a', '11'],
    ];
    const outcome = await grade(trips, answers, rows);
    expect(outcome.valid && outcome.score).toBeCloseTo(4 / 3, 12);
  });

  it.each([
    [
      'an unknown key',
      [
        ['tripId', 'ts', 'lat'],
        ['a', '1', '10'],
        ['a', '3', '20'],
        ['b', '1', '30'],
      ],
      "tripId+ts 'a, 3' in data row 2 is not in the test set",
    ],
    [
      'a repeated key',
      [
        ['tripId', 'ts', 'lat'],
        ['a', '1', '10'],
        ['a', '1', '20'],
        ['b', '1', '30'],
      ],
      "tripId+ts 'a, 1' appears more than once (data rows 1 and 2)",
    ],
    [
      'a missing key',
      [
        ['tripId', 'ts', 'lat'],
        ['a', '1', '10'],
        ['b', '1', '30'],
      ],
      "submission has 2 rows, expected 3; missing tripId+ts 'a, 2'",
    ],
    [
      'a missing key column',
      [
        ['tripId', 'lat'],
        ['a', '10'],
      ],
      "missing column(s) 'ts'; found columns: 'tripId', 'lat'",
    ],
  ])('judges %s invalid', async (_name, rows, reason) => {
    expect(await grade(trips, answers, rows)).toEqual({ valid: false, reason });
  });
});

describe('ids compared as whole numbers (id_kind: integer)', () => {
  const brats = competition({
    metric: 'roc-auc',
    direction: 'higher',
    id_column: 'BraTS21ID',
    id_kind: 'integer',
    target_columns: ['MGMT_value'],
    values: 'probability',
  });
  const answers = [
    ['BraTS21ID', 'MGMT_value'],
    ['00012', '1'],
    ['00110', '0'],
  ];

  it('matches zero-padded answers ids with unpadded submission ids', async () => {
    const rows = [
      ['BraTS21ID', 'MGMT_value'],
      ['110', '0.2'],
      ['12', '0.9'],
    ];
    expect(await grade(brats, answers, rows)).toEqual({ valid: true, score: 1 });
  });

  it('still tells 12 and 120 apart, and names the id as normalised', async () => {
    const rows = [
      ['BraTS21ID', 'MGMT_value'],
      ['120', '0.2'],
      ['12', '0.9'],
    ];
    expect(await grade(brats, answers, rows)).toEqual({
      valid: false,
      reason: "BraTS21ID '120' in data row 1 is not in the test set",
    });
  });

  it('compares text ids exactly by default', async () => {
    const text = competition({ ...brats.grading, id_kind: 'text' });
    const rows = [
      ['BraTS21ID', 'MGMT_value'],
      ['110', '0.2'],
      ['12', '0.9'],
    ];
    expect(await grade(text, answers, rows)).toEqual({
      valid: false,
      reason: "BraTS21ID '110' in data row 1 is not in the test set",
    });
  });
});

describe('a pandas index column (empty first header cell)', () => {
  const toy = competition({
    metric: 'mae',
    direction: 'lower',
    id_column: 'id',
    target_columns: ['y'],
    values: 'number',
  });
  const answers = [
    ['id', 'y'],
    ['a', '1'],
    ['b', '2'],
  ];

  it('is ignored', async () => {
    const rows = [
      ['', 'id', 'y'],
      ['0', 'b', '2'],
      ['1', 'a', '1.5'],
    ];
    expect(await grade(toy, answers, rows)).toEqual({ valid: true, score: 0.25 });
  });

  it('is not ignored elsewhere than first', async () => {
    const rows = [
      ['id', 'y', ''],
      ['b', '2', '0'],
      ['a', '1.5', '1'],
    ];
    expect(await grade(toy, answers, rows)).toEqual({
      valid: false,
      reason: "unexpected column(s) ''; expected exactly: 'id', 'y'",
    });
  });
});

describe('sample submissions wider than the answers', () => {
  const answers = [
    ['customer_id', 'prediction'],
    ['c1', 'x'],
    ['c2', 'y'],
  ];
  const hm = competition({
    metric: 'accuracy',
    direction: 'higher',
    id_column: 'customer_id',
    target_columns: ['prediction'],
    values: 'label',
    extra_ids: 'ignore',
    optional_columns: ['Title'],
  });

  it('ignores ids outside the answers (extra_ids: ignore) and optional columns', async () => {
    const rows = [
      ['customer_id', 'prediction', 'Title'],
      ['c0', 'z', 't'],
      ['c1', 'x', 't'],
      ['c9', '', 't'],
      ['c2', 'q', 't'],
    ];
    expect(await grade(hm, answers, rows)).toEqual({ valid: true, score: 0.5 });
  });

  it('still requires every answers id', async () => {
    const rows = [
      ['customer_id', 'prediction'],
      ['c0', 'z'],
      ['c1', 'x'],
    ];
    expect(await grade(hm, answers, rows)).toEqual({
      valid: false,
      reason: "submission has 1 rows, expected 2; missing customer_id 'c2'",
    });
  });

  it('rejects unknown ids and columns by default', async () => {
    const strict = competition({ ...hm.grading, extra_ids: 'reject', optional_columns: [] });
    const rows = [
      ['customer_id', 'prediction'],
      ['c1', 'x'],
      ['c0', 'z'],
      ['c2', 'y'],
    ];
    expect(await grade(strict, answers, rows)).toEqual({
      valid: false,
      reason: "customer_id 'c0' in data row 2 is not in the test set",
    });
    const withTitle = [
      ['customer_id', 'prediction', 'Title'],
      ['c1', 'x', 't'],
    ];
    expect(await grade(strict, answers, withTitle)).toEqual({
      valid: false,
      reason: "unexpected column(s) 'Title'; expected exactly: 'customer_id', 'prediction'",
    });
  });
});

describe('unscored rows (unscored_when)', () => {
  const jigsaw = competition({
    metric: 'mean-columnwise-roc-auc',
    direction: 'higher',
    id_column: 'id',
    target_columns: ['toxic', 'threat'],
    values: 'probability',
    unscored_when: { column: 'toxic', equals: '-1' },
  });
  const answers = [
    ['id', 'toxic', 'threat'],
    ['a', '1', '0'],
    ['b', '-1', '-1'],
    ['c', '0', '1'],
    ['d', '0', '0'],
  ];

  it('requires the unscored rows but leaves them out of the score', async () => {
    // scored a, c, d: toxic pos {0.9} > neg {0.1, 0.2} → 1; threat pos {0.8} vs neg {0.7, 0.9} → 0.5; mean 0.75.
    // b's predictions would change both AUCs if it were scored.
    const rows = [
      ['id', 'toxic', 'threat'],
      ['a', '0.9', '0.7'],
      ['b', '0.95', '0.95'],
      ['c', '0.1', '0.8'],
      ['d', '0.2', '0.9'],
    ];
    expect(await grade(jigsaw, answers, rows)).toEqual({ valid: true, score: 0.75 });
  });

  it('judges a submission without the unscored rows invalid', async () => {
    const rows = [
      ['id', 'toxic', 'threat'],
      ['a', '0.9', '0.7'],
      ['c', '0.1', '0.8'],
      ['d', '0.2', '0.9'],
    ];
    expect(await grade(jigsaw, answers, rows)).toEqual({
      valid: false,
      reason: "submission has 3 rows, expected 4; missing id 'b'",
    });
  });
});

describe('answers as a class label (answer_format: class-label)', () => {
  const spooky = competition({
    metric: 'multi-class-log-loss',
    direction: 'lower',
    id_column: 'id',
    target_columns: ['EAP', 'HPL', 'MWS'],
    values: 'probability',
    answer_format: 'class-label',
    answer_columns: ['author'],
  });

  it('scores each row against the column the label names', async () => {
    const answers = [
      ['id', 'author'],
      ['x', 'HPL'],
      ['y', 'EAP'],
    ];
    // x: p(HPL) = 0.5; y: row rescaled to sum 1 → p(EAP) = 0.25 → loss = (ln 2 + ln 4) / 2
    const rows = [
      ['id', 'EAP', 'HPL', 'MWS'],
      ['y', '0.2', '0.4', '0.2'],
      ['x', '0.25', '0.5', '0.25'],
    ];
    const outcome = await grade(spooky, answers, rows);
    expect(outcome.valid && outcome.score).toBeCloseTo((Math.log(2) + Math.log(4)) / 2, 12);
  });

  it('reports an answers label outside the class columns as a grader error', async () => {
    const answers = [
      ['id', 'author'],
      ['x', 'Poe'],
    ];
    const error = await grade(spooky, answers, [
      ['id', 'EAP', 'HPL', 'MWS'],
      ['x', '1', '0', '0'],
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraderError);
    expect((error as Error).message).toBe(
      `grader for toy failed: answers file ${join(dir, `f${n - 2}.csv`)}: data row 1: label 'Poe' is not one of the submission's class columns`,
    );
  });
});

describe('metric-level problems', () => {
  it('turns an impossible prediction into an invalid submission with the metric reason', async () => {
    const c = competition({
      metric: 'multi-class-log-loss',
      direction: 'lower',
      id_column: 'id',
      target_columns: ['a', 'b'],
      values: 'probability',
    });
    const outcome = await grade(
      c,
      [
        ['id', 'a', 'b'],
        ['q', '0', '1'],
        ['r', '1', '0'],
      ],
      [
        ['id', 'a', 'b'],
        ['r', '0', '0'],
        ['q', '0.5', '0.5'],
      ],
    );
    // the metric sees answers order, where r is row 1; the reason names r's id as well
    expect(outcome).toEqual({ valid: false, reason: "probabilities in row 1 sum to 0 (id 'r')" });
  });

  it('names the right id when unscored rows come before the offending one', async () => {
    const c = competition({
      metric: 'multi-class-log-loss',
      direction: 'lower',
      id_column: 'id',
      target_columns: ['a', 'b'],
      values: 'probability',
      unscored_when: { column: 'usage', equals: 'ignored' },
    });
    const outcome = await grade(
      c,
      [
        ['id', 'a', 'b', 'usage'],
        ['p', '0', '1', 'ignored'],
        ['q', '0', '1', 'scored'],
        ['r', '1', '0', 'scored'],
      ],
      [
        ['id', 'a', 'b'],
        ['p', '0', '0'],
        ['q', '0.5', '0.5'],
        ['r', '0', '0'],
      ],
    );
    // p sums to 0 too but is not scored; r is scored row 1, answers row 2
    expect(outcome).toEqual({ valid: false, reason: "probabilities in row 1 sum to 0 (id 'r')" });
  });

  it('reports a metric undefined for the answers as a grader error, not an invalid submission', async () => {
    const c = competition({
      metric: 'roc-auc',
      direction: 'higher',
      id_column: 'id',
      target_columns: ['y'],
      values: 'probability',
    });
    await expect(
      grade(
        c,
        [
          ['id', 'y'],
          ['a', '1'],
          ['b', '1'],
        ],
        [
          ['id', 'y'],
          ['a', '0.1'],
          ['b', '0.2'],
        ],
      ),
    ).rejects.toThrow(GraderError);
  });
});

describe('binary answers', () => {
  const grading = {
    metric: 'roc-auc',
    direction: 'higher',
    id_column: 'id',
    target_columns: ['target'],
    values: 'probability',
  };

  it('are kept as one byte a row, as 0/1, True/False and 0.0/1.0 alike', async () => {
    const answers = await readAnswers(
      file([
        ['id', 'target'],
        ['a', '1'],
        ['b', 'False'],
        ['c', '0.0'],
        ['d', ' True '],
      ]),
      TableGrading.parse({ mlebench_metric: 'x', answers: 'answers.csv', ...grading }),
      'binary',
    );
    expect(answers.truth[0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(answers.truth[0] as Uint8Array)).toEqual([1, 0, 0, 1]);
  });

  it('grade the same as numbers would: pos {0.8, 0.4} vs neg {0.4, 0.1} → (3 + 0.5) / 4', async () => {
    const answers = [
      ['id', 'target'],
      ['a', '1'],
      ['b', '1'],
      ['c', '0'],
      ['d', '0'],
    ];
    const submission = [
      ['id', 'target'],
      ['d', '0.1'],
      ['a', '0.8'],
      ['c', '0.4'],
      ['b', '0.4'],
    ];
    expect(await grade(competition(grading), answers, submission)).toEqual({ valid: true, score: 3.5 / 4 });
  });

  it('refuse a cell that is not 0/1, naming the column and row', async () => {
    await expect(
      grade(
        competition(grading),
        [
          ['id', 'target'],
          ['a', '1'],
          ['b', '2'],
        ],
        [
          ['id', 'target'],
          ['a', '1'],
          ['b', '0'],
        ],
      ),
    ).rejects.toThrow(/column 'target' data row 2/);
  });
});
