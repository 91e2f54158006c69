/**
 * How long runs of an agent took on each competition, from the groups already in the runs folder
 * (this one included, on resume): the queue starts the runs expected to take longest first
 * (harness/hosts/queue-order.ts), which keeps the end of a group from waiting on one long run.
 * A competition the agent never finished has no estimate and is treated as one of the longest.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { longestExpectedFirst } from '../hosts/queue-order.js';
import { groupLayout } from './group-layout.js';
import { readManifest, type PlannedRun } from './group-manifest.js';
import { readRunEvents, type RunEvent } from './run-events.js';

/** Wall time of every attempt that ran until its sandbox exited (a lost host's attempt says nothing). */
export function attemptDurations(events: readonly RunEvent[]): number[] {
  const durations: number[] = [];
  let startedAt: number | null = null;
  for (const event of events) {
    if (event.type === 'started') startedAt = Date.parse(event.at);
    else if (event.type === 'host_failed' || event.type === 'retry') startedAt = null;
    else if (event.type === 'exited' && startedAt !== null) {
      durations.push(Date.parse(event.at) - startedAt);
      startedAt = null;
    }
  }
  return durations.filter((ms) => Number.isFinite(ms) && ms >= 0);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Competition id → the median duration of `agentId`'s finished attempts in the groups under `runsDir`. */
export async function readDurationHistory(runsDir: string, agentId: string): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>();
  const entries = await readdir(runsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const layout = groupLayout(join(runsDir, entry.name));
    // a folder that is not a readable group (half-written, another tool's) only lacks history
    const manifest = await readManifest(layout.manifest).catch(() => null);
    if (manifest === null || manifest.agent.id !== agentId) continue;
    for (const run of manifest.runs) {
      const events = await readRunEvents(layout.run(run.run_id).events).catch(() => []);
      const list = samples.get(run.competition_id) ?? [];
      list.push(...attemptDurations(events));
      samples.set(run.competition_id, list);
    }
  }
  return new Map([...samples].filter(([, list]) => list.length > 0).map(([id, list]) => [id, median(list)]));
}

/** The runs in the order they should start: longest expected first, manifest order among equals. */
export function orderRunsByHistory<T extends PlannedRun>(
  runs: readonly T[],
  history: ReadonlyMap<string, number>,
): T[] {
  return longestExpectedFirst(
    runs.map((run, index) => ({ run, index, gpus: 0, expectedMs: history.get(run.competition_id) })),
  ).map((entry) => entry.run);
}
