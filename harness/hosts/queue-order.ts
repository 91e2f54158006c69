/**
 * The order runs wait in for a placement. Without durations, list scheduling's tail costs up to a
 * whole run length: the last run to start may be a long one that ends long after the others. Serving
 * the longest expected runs first (LPT) leaves the short ones to fill the gaps at the end, so the tail
 * is short. Ties — or no estimates at all — fall back to bigger GPU requests first, which are the
 * hardest to pack late, then to the original order, so the result is deterministic.
 */

export interface QueueEntry {
  /** The run's place in the original (manifest) order. */
  index: number;
  gpus: number;
  /** Expected wall time of the run; undefined when nothing is known about it. */
  expectedMs?: number;
}

/** Entries in the order they should wait in line. Unknown durations count as the longest known. */
export function longestExpectedFirst<T extends QueueEntry>(entries: readonly T[]): T[] {
  const longest = Math.max(0, ...entries.map((e) => e.expectedMs ?? 0));
  const expected = (e: T) => e.expectedMs ?? longest;
  return [...entries].sort((a, b) => expected(b) - expected(a) || b.gpus - a.gpus || a.index - b.index);
}
