/**
 * Shared by the crash tests (tests/crash): a rebuild of dist/ when the sources are newer, a seeded
 * random source whose seed is printed, and (from tests/support/podium-child.ts) the built CLI in a
 * child process and readers for a group's event logs.
 */
import { beforeAll } from 'vitest';
import type { RunEvent } from '../../harness/runs/run-events.js';
import { buildCliIfStale } from '../support/built-cli.js';
import { seededRandom } from '../support/random.js';

export { groupDirIn, groupEvents, sleep, spawnPodium, type PodiumChild } from '../support/podium-child.js';

/** Builds dist/ before the file's tests when it is missing or older than harness/ and graders/. */
export function useBuiltCli(): void {
  beforeAll(buildCliIfStale, 180_000);
}

/**
 * A seeded random source: PODIUM_CRASH_SEED when set (to replay a failure), else a fresh seed. The
 * seed is printed so a failing run can be reproduced.
 */
export function crashRandom(label: string): { seed: number; random: () => number } {
  const fromEnv = process.env['PODIUM_CRASH_SEED'];
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  console.info(`[crash] ${label}: seed ${seed} (replay with PODIUM_CRASH_SEED=${seed})`);
  return { seed, random: seededRandom(seed) };
}

export const eventCount = (events: Map<string, RunEvent[]>): number =>
  [...events.values()].reduce((sum, list) => sum + list.length, 0);
