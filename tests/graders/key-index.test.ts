/**
 * The integer-id index (keys `<prefix><integer>` in one Int32Array) must find exactly what the
 * general byte-keyed IdIndex finds, or a submission's grade would depend on the shape of the ids.
 * Random key lists close to the integer shape — leading zeros, signs, '-0', 10-digit numbers,
 * non-ASCII prefixes and digits, duplicates, other prefixes — are indexed both ways and queried
 * with keys and near misses; then whole submissions are aligned against either index.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswers } from '../../graders/answers/read-answers.js';
import { IdIndex } from '../../graders/id-index.js';
import { IntegerIdIndex } from '../../graders/integer-id-index.js';
import { KeyBytes } from '../../graders/key-bytes.js';
import { type KeyIndex, KeyIndexBuilder } from '../../graders/key-index.js';
import { readSubmission } from '../../graders/submission/read-submission.js';
import { TableGrading } from '../../harness/registry/competition-config.js';
import { csvText } from '../support/csv-text.js';
import { useTempDir } from '../support/temp-dir.js';

const keyOf = (text: string): KeyBytes => {
  const key = new KeyBytes();
  key.appendString(text);
  return key;
};

/** Builds the index the grader would use, and the general one, from the same keys. */
function bothIndexes(keys: readonly string[], expectedRows = 0): { built: KeyIndex; general: IdIndex } {
  const builder = new KeyIndexBuilder(expectedRows);
  const general = new IdIndex(expectedRows);
  for (const text of keys) {
    builder.add(keyOf(text));
    general.add(keyOf(text));
  }
  return { built: builder.finish(), general };
}

function expectSameIndex(built: KeyIndex, general: IdIndex, queries: readonly string[], guesses: readonly number[]) {
  expect(built.size).toBe(general.size);
  expect(built.duplicateRow()).toBe(general.duplicateRow());
  expect(Array.from(built.nextWithSameId())).toEqual(Array.from(general.nextWithSameId()));
  for (let row = 0; row < general.size; row++) expect(built.idAt(row)).toBe(general.idAt(row));
  for (const [q, text] of queries.entries()) {
    const key = keyOf(text);
    expect(built.find(key), text).toBe(general.find(key));
    if (general.duplicateRow() === -1) {
      const guess = guesses[q % Math.max(1, guesses.length)] ?? 0;
      expect(built.findNear(key, guess), text).toBe(general.findNear(key, guess));
    }
  }
}

const PREFIXES = ['', 'id_', 'é-', 'test ', 'a\u001f'];
/** Numbers as written: canonical mostly, and the near misses the integer path must not confuse. */
const numberText = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 60 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 999_999_990, max: 1_000_000_010 }).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '007',
      '00',
      '-0',
      '+1',
      '-3',
      '1.0',
      '1e3',
      '',
      ' 5',
      '5 ',
      '١٢',
      '12345678901',
      '2147483648',
    ),
  },
);
const keyText = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }) }),
    numberText,
  )
  .map(([p, n]) => `${PREFIXES[p]}${n}`);

describe('IntegerIdIndex agrees with IdIndex', () => {
  it('on random near-integer keys, their near misses and guesses', () => {
    let integerPathTaken = 0;
    fc.assert(
      fc.property(
        fc.array(keyText, { minLength: 1, maxLength: 40 }),
        fc.array(keyText, { maxLength: 20 }),
        fc.array(fc.integer({ min: -1, max: 45 }), { maxLength: 5 }),
        fc.nat({ max: 100 }),
        (keys, others, guesses, expectedRows) => {
          const { built, general } = bothIndexes(keys, expectedRows);
          if (built instanceof IntegerIdIndex) integerPathTaken++;
          const queries = [...keys, ...others, ...keys.map((k) => `0${k}`), ...keys.map((k) => `${k}0`)];
          expectSameIndex(built, general, queries, guesses);
        },
      ),
      { numRuns: 1500 },
    );
    // the property would pass vacuously if random keys never took the integer path
    expect(integerPathTaken).toBeGreaterThan(100);
  });

  it('when keys start as a consecutive run (no table) and then leave it', () => {
    let runsLeft = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('', 'id_', 'test '),
        fc.integer({ min: 0, max: 999_999_000 }),
        fc.nat({ max: 60 }),
        fc.array(fc.oneof(fc.integer({ min: -5, max: 80 }), fc.constant(-1)), { maxLength: 10 }),
        fc.nat({ max: 100 }),
        (prefix, base, run, offsets, expectedRows) => {
          const keys = [
            ...Array.from({ length: run }, (_, i) => `${prefix}${base + i}`),
            ...offsets.map((o) => `${prefix}${base + o}`),
          ];
          if (keys.length === 0) return;
          const { built, general } = bothIndexes(keys, expectedRows);
          if (offsets.length > 0 && built instanceof IntegerIdIndex && built.tableCells > 0) runsLeft++;
          const probes = [
            `${prefix}${base - 1}`,
            `${prefix}${base + run}`,
            `${prefix}${base + run + 1}`,
            `${prefix}0${base}`,
          ];
          expectSameIndex(built, general, [...keys, ...probes], [0, run - 1, run]);
        },
      ),
      { numRuns: 1500 },
    );
    expect(runsLeft).toBeGreaterThan(100);
  });

  it('holds no table for consecutive ids in order, one for ids out of order', () => {
    const consecutive = bothIndexes(
      Array.from({ length: 5000 }, (_, i) => `id_${i + 17}`),
      5000,
    ).built;
    expect(consecutive).toBeInstanceOf(IntegerIdIndex);
    expect((consecutive as IntegerIdIndex).tableCells).toBe(0);
    expect(consecutive.find(keyOf('id_17'))).toBe(0);
    expect(consecutive.find(keyOf('id_5016'))).toBe(4999);
    expect(consecutive.find(keyOf('id_5017'))).toBe(-1);
    expect(consecutive.find(keyOf('id_16'))).toBe(-1);
    const swapped = bothIndexes(['id_0', 'id_2', 'id_1'], 3).built as IntegerIdIndex;
    expect(swapped.tableCells).toBeGreaterThanOrEqual(3);
    expect([swapped.find(keyOf('id_0')), swapped.find(keyOf('id_1')), swapped.find(keyOf('id_2'))]).toEqual([0, 2, 1]);
  });

  it.each([
    ['ascending', true, Array.from({ length: 3000 }, (_, i) => `id_${i}`)],
    ['descending from a large base', true, Array.from({ length: 3000 }, (_, i) => `${5_000_000 - 7 * i}`)],
    ['shuffled', true, Array.from({ length: 3000 }, (_, i) => `x${(i * 7919) % 3000}`)],
    ['a leading zero after many rows', false, [...Array.from({ length: 3000 }, (_, i) => `${i + 1}`), '0042']],
    ['a duplicate after many rows', false, [...Array.from({ length: 3000 }, (_, i) => `id_${i}`), 'id_17']],
    ['numbers too sparse for an array', false, Array.from({ length: 3000 }, (_, i) => `n${i * 100_003}`)],
    ['another prefix', false, [...Array.from({ length: 3000 }, (_, i) => `id_${i}`), 'ID_3001']],
  ])('%s: same answers (integer path: %s)', (_, integer, keys) => {
    const { built, general } = bothIndexes(keys, keys.length);
    expect(built instanceof IntegerIdIndex).toBe(integer);
    const probes = [keys[0] as string, keys[1234] as string, 'id_3000', 'id_-1', 'x02999', '', 'n100003', '5000000'];
    expectSameIndex(built, general, [...keys, ...probes], [0, 1, 2999, 3000]);
  });
});

describe('submissions align the same against either index', () => {
  const dir = useTempDir('podium-key-index-');
  let files = 0;
  const file = (rows: string[][]): string => {
    const path = join(dir, `f${files++}.csv`);
    writeFileSync(path, csvText(rows));
    return path;
  };
  /** The same answers with their keys in an IdIndex, rebuilt from the rows' ids. */
  const withGeneralIndex = (ids: KeyIndex): IdIndex => {
    const general = new IdIndex(ids.size);
    for (let row = 0; row < ids.size; row++) general.add(keyOf(ids.idAt(row)));
    return general;
  };

  it('on random submissions with shuffled, missing, repeated, padded and foreign ids', async () => {
    let integerPathTaken = 0;
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('text' as const, 'integer' as const),
        fc.constantFrom('', 'id_'),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom('same', 'zeros', 'plus', 'minus0', 'big', 'unicode', 'drop', 'twice')),
          {
            maxLength: 40,
          },
        ),
        fc.constantFrom('reject' as const, 'ignore' as const),
        async (idKind, prefix, rows, base, edits, extraIds) => {
          const grading = TableGrading.parse({
            metric: 'mae',
            mlebench_metric: 'mae',
            direction: 'lower',
            answers: 'answers.csv',
            id_column: 'id',
            id_kind: idKind,
            target_columns: ['y'],
            values: 'number',
            extra_ids: extraIds,
          });
          const ids = Array.from({ length: rows }, (_, i) => `${prefix}${base + 3 * i}`);
          const answers = await readAnswers(
            file([['id', 'y'], ...ids.map((id, i) => [id, String(i)])]),
            grading,
            'number',
          );
          if (answers.ids instanceof IntegerIdIndex) integerPathTaken++;
          const submitted = [...ids].reverse();
          for (const [at, edit] of edits) {
            if (submitted.length === 0) break;
            const i = at % submitted.length;
            const id = submitted[i] as string;
            const digits = id.slice(prefix.length);
            const edited: Record<typeof edit, string | undefined> = {
              same: id,
              zeros: `${prefix}00${digits}`,
              plus: `${prefix}+${digits}`,
              minus0: `${prefix}-0`,
              big: `${prefix}${digits}000000000`,
              unicode: `${prefix}${digits}é`,
              drop: undefined,
              twice: id,
            };
            if (edit === 'drop') submitted.splice(i, 1);
            else if (edit === 'twice') submitted.push(id);
            else submitted[i] = edited[edit] as string;
          }
          const submission = file([['id', 'y'], ...submitted.map((id, i) => [id, `${i}.5`])]);
          const fast = await readSubmission(submission, grading, answers);
          const general = await readSubmission(submission, grading, { ...answers, ids: withGeneralIndex(answers.ids) });
          expect(fast).toEqual(general);
          outcomes.add(fast.ok ? 'valid' : fast.reason.replace(/'.*/, ''));
        },
      ),
      { numRuns: 300 },
    );
    expect(integerPathTaken).toBeGreaterThan(100);
    // valid submissions, unknown ids, repeated ids and missing ids all came up
    expect(outcomes.size).toBeGreaterThanOrEqual(4);
  });
});
