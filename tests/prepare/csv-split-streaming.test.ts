/**
 * The streaming CSV split writes the same bytes as the in-memory one: every streamable competition's
 * synthetic raw dataset is split both ways (the streaming side with tiny reordering buckets, so rows
 * cross many bucket files) and the outputs are compared file by file. The ordered writer is also checked
 * on its own: shuffled positions, quoted line breaks, a position given twice or not at all.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import type { GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import { computeChecksums } from '../../harness/prepare/checksums.js';
import { prepareCsvSplit } from '../../harness/prepare/csv-split-preparer.js';
import { prepareCsvSplitStreaming, streamingBlocker } from '../../harness/prepare/csv-split-streaming.js';
import { openOrderedLineWriter } from '../../harness/prepare/ordered-line-writer.js';
import type { PrepareContext } from '../../harness/prepare/prepare-context.js';
import { loadPrepareSpec, type CsvSplitSpec } from '../../harness/prepare/prepare-spec.js';
import { RandomState } from '../../harness/prepare/random-state.js';
import { useTempDir } from '../support/temp-dir.js';
import { RAW_FIXTURES } from './raw-fixtures.js';

const layout = projectLayout();
const dir = useTempDir();

describe('ordered line writer', () => {
  it('writes lines in position order across buckets, whatever order they came in', async () => {
    const n = 50;
    const lines = Array.from({ length: n }, (_, i) => (i % 9 === 0 ? `"line ${i}\nwith a break"` : `line,${i}`));
    const writer = await openOrderedLineWriter(join(dir, 'order'), n, 4);
    for (const i of new RandomState(3).permutation(n)) await writer.put(i, lines[i]!);
    const out: string[] = [];
    await writer.finish({ writeLine: async (line) => void out.push(line) });
    expect(out).toEqual(lines);
    expect(existsSync(join(dir, 'order'))).toBe(false);
  });

  it('names a position nobody gave, and refuses one out of range', async () => {
    const writer = await openOrderedLineWriter(join(dir, 'gap'), 3, 2);
    await writer.put(0, 'a');
    await writer.put(2, 'c');
    await expect(writer.put(3, 'd')).rejects.toThrow('position 3 is outside 0..2');
    await expect(writer.finish({ writeLine: async () => {} })).rejects.toThrow(
      'ordered writer: no line was given for position 1',
    );
  });
});

const csvFixtures = await Promise.all(
  RAW_FIXTURES.map(async (fixture) => ({ fixture, spec: await loadPrepareSpec(layout.competitionsDir, fixture.id) })),
);
const streamable = csvFixtures.filter(
  (f): f is { fixture: (typeof RAW_FIXTURES)[number]; spec: CsvSplitSpec } =>
    f.spec !== null && f.spec.strategy !== 'custom' && streamingBlocker(f.spec) === null,
);

it('covers most CSV-split competitions, and names what keeps the others off the streaming path', () => {
  expect(streamable.length).toBeGreaterThanOrEqual(15);
  const blocked = csvFixtures.flatMap((f) =>
    f.spec !== null && f.spec.strategy !== 'custom' && streamingBlocker(f.spec) !== null
      ? [`${f.fixture.id}: ${streamingBlocker(f.spec)}`]
      : [],
  );
  expect(blocked.sort()).toEqual([
    'google-quest-challenge: swap_for_variety',
    'hotel-id-2021-fgvc8: drop_rows',
    'ranzcr-clip-catheter-line-classification: filter_by_train_ids',
  ]);
});

describe.each(streamable.map((f) => ({ id: f.fixture.id, ...f })))('streaming split of $id', ({ fixture, spec }) => {
  let grading: GradingContext;
  const contexts = (name: string): PrepareContext => {
    const root = join(dir, fixture.id, name);
    return {
      raw: join(dir, fixture.id, 'raw'),
      public: join(root, 'public'),
      private: join(root, 'private'),
      competition: grading.registry.get(fixture.id),
    };
  };

  beforeAll(async () => {
    grading = await buildGradingContext({ dataDir: dir });
    const raw = join(dir, fixture.id, 'raw');
    mkdirSync(raw, { recursive: true });
    fixture.write(raw, grading.registry.get(fixture.id).grading.target_columns);
  });

  it('writes the same files as the in-memory split', { timeout: 60_000 }, async () => {
    const memory = contexts('memory');
    const streamed = contexts('streamed');
    await prepareCsvSplit(memory, spec);
    // tiny buckets make rows cross many bucket files; the 100k-row fixture gets fewer, larger ones
    await prepareCsvSplitStreaming(streamed, spec, { bucketLines: fixture.testRows > 1000 ? 20_000 : 7 });
    const root = (ctx: PrepareContext) => join(ctx.public, '..');
    const expected = await computeChecksums(root(memory));
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(3);
    expect(await computeChecksums(root(streamed))).toEqual(expected);
    expect(readdirSync(root(streamed)).sort()).toEqual(['private', 'public']);
    const answers = readFileSync(join(streamed.private, streamed.competition.grading.answers), 'utf8');
    expect(answers.trimEnd().split('\n').length).toBeGreaterThan(fixture.testRows);
  });
});
