/**
 * The simulator's inputs, drawn from a seed: runs (a GPU count and a duration each) and host faults.
 *
 * Runs: GPUs 1 (70 %), 2 (20 %) or 4 (10 %), capped at a host's GPU count; a duration uniform in
 * [¼, 1] × the time limit (agents tend to use most of their budget).
 * Faults: in every time-limit-long period each host fails with probability `faultRate`, at a uniform
 * time in that period, and answers again `repairMs` later; whatever ran on it is lost.
 * Estimates: what the scheduler believes a run will take (in Podium, the median of earlier runs of the
 * same agent on the same competition): the true duration times a log-normal error.
 */
import { mulberry32 } from '../seeded-random.js';

export interface SimRun {
  runId: string;
  gpus: number;
  durationMs: number;
}

export interface HostFault {
  host: string;
  at: number;
  upAt: number;
}

export function generateRuns(seed: number, count: number, gpusPerHost: number, timeLimitMs: number): SimRun[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const draw = random();
    const gpus = Math.min(gpusPerHost, draw < 0.7 ? 1 : draw < 0.9 ? 2 : 4);
    const durationMs = Math.round(timeLimitMs * (0.25 + 0.75 * random()));
    return { runId: `run-${String(i).padStart(4, '0')}`, gpus, durationMs };
  });
}

export function generateFaults(options: {
  seed: number;
  hosts: readonly string[];
  faultRate: number;
  periodMs: number;
  repairMs: number;
  horizonMs: number;
}): HostFault[] {
  const random = mulberry32(options.seed ^ 0x5bd1e995);
  const faults: HostFault[] = [];
  for (const host of options.hosts) {
    let busyUntil = 0;
    for (let start = 0; start < options.horizonMs; start += options.periodMs) {
      const fails = random() < options.faultRate;
      const at = start + random() * options.periodMs;
      if (!fails || at < busyUntil) continue;
      faults.push({ host, at: Math.round(at), upAt: Math.round(at + options.repairMs) });
      busyUntil = at + options.repairMs;
    }
  }
  return faults.sort((a, b) => a.at - b.at || (a.host < b.host ? -1 : 1));
}

/**
 * Each run's estimated duration: its true duration × exp(σ·z), z standard normal (Box–Muller), so
 * σ = 0.3 is off by about 30 % either way; σ = 0 is exact.
 */
export function estimateDurations(seed: number, runs: readonly SimRun[], sigma: number): Map<string, number> {
  const random = mulberry32(seed ^ 0x2545f491);
  return new Map(
    runs.map((run) => {
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return [run.runId, Math.round(run.durationMs * Math.exp(sigma * z))];
    }),
  );
}

/** max(total GPU-time / GPUs, longest run): no schedule on a fault-free fleet can finish sooner. */
export function makespanLowerBound(runs: readonly SimRun[], totalGpus: number): number {
  const gpuTime = runs.reduce((sum, r) => sum + r.gpus * r.durationMs, 0);
  return Math.max(gpuTime / totalGpus, ...runs.map((r) => r.durationMs));
}

/**
 * The fault-free bound, raised by the GPU-time the faults take away: the earliest T at which the GPUs
 * of the hosts that are up have offered as much GPU-time as the runs need. No schedule, even one that
 * knew the faults in advance and lost no work to them, can finish sooner; work lost in a crash is not
 * counted, since a clairvoyant schedule could avoid it.
 */
export function faultAwareLowerBound(
  runs: readonly SimRun[],
  hosts: number,
  gpusPerHost: number,
  faults: readonly HostFault[],
): number {
  const needed = runs.reduce((sum, r) => sum + r.gpus * r.durationMs, 0);
  // the up-GPU count changes only at fault and repair times: walk those steps until the need is met
  const steps = faults
    .flatMap((f) => [
      { at: f.at, delta: -gpusPerHost },
      { at: f.upAt, delta: gpusPerHost },
    ])
    .sort((a, b) => a.at - b.at);
  let up = hosts * gpusPerHost;
  let offered = 0;
  let t = 0;
  for (const step of steps) {
    if (up > 0 && offered + up * (step.at - t) >= needed) break;
    offered += up * (step.at - t);
    t = step.at;
    up += step.delta;
  }
  const end = t + (needed - offered) / up;
  return Math.max(end, makespanLowerBound(runs, hosts * gpusPerHost));
}
