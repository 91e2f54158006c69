/**
 * What `podium prepare` shows while it works through several competitions, as pure functions:
 * one line per event (`[3/18] leaf-classification: unzipping`), the TTY status line that is redrawn
 * in place, and the closing summary that names every failure with its reason.
 */
export type PreparePhase =
  | 'starting'
  | 'downloading'
  | 'verifying archive'
  | 'unzipping'
  | 'verifying raw files'
  | 'splitting'
  | 'checking for leaks'
  | 'recording checksums';

export type PrepareResult =
  { id: string; status: 'prepared' | 'skipped'; dir: string } | { id: string; status: 'failed'; reason: string };

export interface ProgressPosition {
  index: number;
  total: number;
  id: string;
}

export function eventLine(at: ProgressPosition, what: string): string {
  return `[${at.index}/${at.total}] ${at.id}: ${what}`;
}

export function resultText(result: PrepareResult): string {
  switch (result.status) {
    case 'prepared':
      return `prepared (${result.dir})`;
    case 'skipped':
      return `already prepared, skipped (${result.dir})`;
    case 'failed':
      return `FAILED: ${result.reason}`;
  }
}

/** The summary after the last competition: counts, then one line per failure. */
export function summaryLines(results: readonly PrepareResult[]): string[] {
  const count = (status: PrepareResult['status']) => results.filter((r) => r.status === status).length;
  const failed = results.filter((r): r is Extract<PrepareResult, { status: 'failed' }> => r.status === 'failed');
  return [
    `prepare: ${count('prepared')} prepared, ${count('skipped')} already prepared, ${failed.length} failed, of ${results.length} competition(s)`,
    ...failed.map((r) => `  failed: ${r.id}: ${r.reason}`),
  ];
}
