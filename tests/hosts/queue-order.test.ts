/** The queue order: longest expected run first (LPT); ties and unknowns fall back to size, then to the given order. */
import { describe, expect, it } from 'vitest';
import { longestExpectedFirst } from '../../harness/hosts/queue-order.js';

const ids = (entries: { index: number }[]) => entries.map((e) => e.index);

describe('longestExpectedFirst', () => {
  it('starts the longest expected runs first', () => {
    const entries = [
      { index: 0, gpus: 1, expectedMs: 5 },
      { index: 1, gpus: 1, expectedMs: 20 },
      { index: 2, gpus: 1, expectedMs: 10 },
    ];
    expect(ids(longestExpectedFirst(entries))).toEqual([1, 2, 0]);
    expect(ids(entries)).toEqual([0, 1, 2]); // the input is left as it was
  });

  it('breaks ties by bigger GPU requests, then by the original order', () => {
    const entries = [
      { index: 0, gpus: 1, expectedMs: 10 },
      { index: 1, gpus: 4, expectedMs: 10 },
      { index: 2, gpus: 1, expectedMs: 10 },
      { index: 3, gpus: 2, expectedMs: 10 },
    ];
    expect(ids(longestExpectedFirst(entries))).toEqual([1, 3, 0, 2]);
  });

  it('counts a run without an estimate as one of the longest, so it is not left for the end', () => {
    const entries = [
      { index: 0, gpus: 1, expectedMs: 3 },
      { index: 1, gpus: 1 },
      { index: 2, gpus: 1, expectedMs: 9 },
      { index: 3, gpus: 1, expectedMs: 1 },
    ];
    expect(ids(longestExpectedFirst(entries))).toEqual([1, 2, 0, 3]);
  });

  it('keeps the original order when nothing is known', () => {
    const entries = [3, 1, 2, 0].map((index) => ({ index, gpus: 1 }));
    expect(ids(longestExpectedFirst(entries))).toEqual([0, 1, 2, 3]);
  });
});
