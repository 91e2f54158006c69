/**
 * Rows out of answers order are held and placed a block at a time (RowScatter): whatever the order,
 * every value must end up in its answers row, exactly as writing it in place would put it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswers } from '../../graders/answers/read-answers.js';
import { readSubmission } from '../../graders/submission/read-submission.js';
import { RowScatter } from '../../graders/submission/row-scatter.js';
import { TableGrading } from '../../harness/registry/competition-config.js';
import { seededRandom, shuffled } from '../support/random.js';
import { useTempDir } from '../support/temp-dir.js';

const dir = useTempDir('podium-row-scatter-');

describe('RowScatter', () => {
  it('puts every held value in its row and column, across any number of full blocks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (width, rows, blockValues, seed) => {
          const order = shuffled(indices(rows), seededRandom(seed));
          const columns = Array.from({ length: width }, () => new Float64Array(rows).fill(Number.NaN));
          const scatter = new RowScatter(columns, blockValues);
          for (const row of order) {
            const at = scatter.hold(row);
            for (let k = 0; k < width; k++) scatter.values[at + k] = row * 10 + k;
          }
          scatter.flush();
          for (let k = 0; k < width; k++)
            expect(Array.from(columns[k] as Float64Array)).toEqual(
              Array.from({ length: rows }, (_, row) => row * 10 + k),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes nothing before a row is held', () => {
    const column = new Float64Array(3).fill(7);
    new RowScatter([column]).flush();
    expect(Array.from(column)).toEqual([7, 7, 7]);
  });
});

describe('reading a shuffled submission', () => {
  it('gives the same predictions as the sorted one, with blocks filled and placed mid-read', async () => {
    // 3 columns hold 43,690 rows a block: 60,000 shuffled rows fill one and place it mid-read
    const rows = 60_000;
    const grading = TableGrading.parse({
      metric: 'mae',
      mlebench_metric: 'mae',
      direction: 'lower',
      answers: 'answers.csv',
      id_column: 'id',
      target_columns: ['a', 'b', 'c'],
      values: 'number',
    });
    const line = (row: number): string => `r${row},${row}.25,${-row},${row % 7}`;
    const answersFile = join(dir, 'answers.csv');
    writeFileSync(answersFile, `id,a,b,c\n${Array.from({ length: rows }, (_, row) => line(row)).join('\n')}\n`);
    const answers = await readAnswers(answersFile, grading, 'number');
    const read = async (order: number[]) => {
      const file = join(dir, `submission-${order[0]}.csv`);
      writeFileSync(file, `id,a,b,c\n${order.map(line).join('\n')}\n`);
      return readSubmission(file, grading, answers);
    };
    const sorted = await read(Array.from({ length: rows }, (_, row) => row));
    // far jumps (held, placed a block at a time), then a sorted run (written in place)
    const order = [
      ...shuffled(indices(rows - 2000), seededRandom(12345)),
      ...Array.from({ length: 2000 }, (_, i) => rows - 2000 + i),
    ];
    const shuffledRead = await read(order);
    if (!sorted.ok || !shuffledRead.ok) throw new Error('both submissions should be valid');
    // the first row where they differ, per column (a diff of 60,000-row arrays would take minutes to print)
    const firstDifference = sorted.predictions.map((column, k) =>
      (column as Float64Array).findIndex((value, row) => !Object.is(value, shuffledRead.predictions[k]?.[row])),
    );
    expect(firstDifference).toEqual([-1, -1, -1]);
    expect((sorted.predictions[1] as Float64Array)[59_999]).toBe(-59_999);
  });
});

const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
