/**
 * `podium simulate`: the real allocator, scheduler, dispatch loop, health monitor and re-queue policy
 * on a virtual clock, against a fake fleet whose runs only take (virtual) time and whose hosts crash on
 * a seeded schedule. A crashed host stops answering; its runs hang until the monitor marks it down, as
 * they would on a real engine. The fake checks the invariants as it goes: no GPU given twice, no run
 * attempted twice at once or finished twice, no run lost.
 */
import type { HostCapacity } from '../hosts/allocator.js';
import { dispatchRun } from '../hosts/dispatch-run.js';
import { HostHealth } from '../hosts/host-health.js';
import { HostScheduler } from '../hosts/host-scheduler.js';
import { longestExpectedFirst } from '../hosts/queue-order.js';
import { shouldRequeue, type RequeuePolicy } from '../hosts/requeue-policy.js';
import { VirtualClock } from './virtual-clock.js';
import {
  estimateDurations,
  faultAwareLowerBound,
  generateFaults,
  generateRuns,
  makespanLowerBound,
  type SimRun,
} from './workload.js';

export interface SimulationOptions {
  hosts: number;
  gpusPerHost: number;
  runs: number;
  faultRate: number;
  seed: number;
  timeLimitMs?: number;
  repairMs?: number;
  requeue?: RequeuePolicy;
  /**
   * σ of the log-normal error of the duration estimates the queue is ordered by (0: exact); null:
   * no estimates, bigger GPU requests first.
   */
  estimateError?: number | null;
  /**
   * What-if: an attempt killed by a host fault keeps the work it did (as if agents checkpointed), so
   * its re-run takes only what was left. Separates the scheduler's share of the gap to the bound from
   * the work lost in crashes, which no schedule blind to coming faults can avoid.
   */
  faultsKeepWork?: boolean;
  health?: { intervalMs: number; failuresToDown: number };
}

export interface SimulationReport {
  hosts: number;
  gpus_per_host: number;
  runs: number;
  fault_rate: number;
  seed: number;
  requeue: RequeuePolicy;
  estimate_error: number | null;
  faults_keep_work: boolean;
  makespan_h: number;
  /** max(total GPU-time / GPUs, longest run) of the workload, as if no host failed. */
  lower_bound_h: number;
  makespan_over_bound: number;
  /** The bound raised by the GPU-time the host faults take away (see faultAwareLowerBound). */
  fault_aware_bound_h: number;
  makespan_over_fault_aware_bound: number;
  /** GPU-time of every attempt (also the ones lost to faults) / (GPUs × makespan). */
  gpu_utilisation: number;
  /** GPU-time of attempts that finished / (GPUs × makespan). */
  useful_utilisation: number;
  completed: number;
  failed_infra: number;
  lost: number;
  duplicated: number;
  gpu_conflicts: number;
  host_faults: number;
  requeued_attempts: number;
  wasted_gpu_h: number;
}

const HOUR = 3_600_000;

interface Tally {
  completions: Map<string, number>;
  active: Map<string, number>;
  failed: Set<string>;
  hostFailures: Map<string, number>;
  gpusInUse: Set<string>;
  duplicatedAttempts: number;
  gpuConflicts: number;
  busyGpuMs: number;
  wastedGpuMs: number;
  requeued: number;
  lastEnd: number;
  /** With faultsKeepWork: what is left of each run that a fault interrupted. */
  remainingMs: Map<string, number> | null;
}

export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  const timeLimitMs = options.timeLimitMs ?? 24 * HOUR;
  const repairMs = options.repairMs ?? 6 * HOUR;
  const requeue = options.requeue ?? 'always';
  const health = options.health ?? { intervalMs: 60_000, failuresToDown: 3 };
  if (repairMs <= health.intervalMs * health.failuresToDown)
    throw new Error('the repair time must exceed the time the health monitor takes to notice a fault');
  const clock = new VirtualClock();
  const names = Array.from({ length: options.hosts }, (_, i) => `host-${i}`);
  const hosts: HostCapacity[] = names.map((name) => ({
    name,
    up: true,
    gpuIds: Array.from({ length: options.gpusPerHost }, (_, g) => String(g)),
    nanoCpus: 0,
    memoryBytes: 0,
  }));
  const runs = generateRuns(options.seed, options.runs, options.gpusPerHost, timeLimitMs);
  const bound = makespanLowerBound(runs, options.hosts * options.gpusPerHost);
  const faults = generateFaults({
    seed: options.seed,
    hosts: names,
    faultRate: options.faultRate,
    periodMs: timeLimitMs,
    repairMs,
    horizonMs: 4 * bound + 4 * timeLimitMs,
  });

  // the fake fleet: whether each host answers, and a signal that aborts when it crashes
  const answering = new Map(names.map((n) => [n, true]));
  const crash = new Map(names.map((n) => [n, new AbortController()]));
  const scheduler = new HostScheduler(hosts, [], () => clock.now());
  const monitor = new HostHealth(
    names.map((name) => ({ name, ping: async () => answering.get(name) === true })),
    health,
    clock,
    {
      onDown: (host) => scheduler.setHostUp(host, false),
      onUp: (host) => scheduler.setHostUp(host, true),
    },
  );
  for (const fault of faults) {
    void clock.sleep(fault.at).then(() => {
      answering.set(fault.host, false);
      crash.get(fault.host)?.abort();
    });
    void clock.sleep(fault.upAt).then(() => {
      crash.set(fault.host, new AbortController());
      answering.set(fault.host, true);
    });
  }

  const tally: Tally = {
    completions: new Map(),
    active: new Map(),
    failed: new Set(),
    hostFailures: new Map(),
    gpusInUse: new Set(),
    duplicatedAttempts: 0,
    gpuConflicts: 0,
    busyGpuMs: 0,
    wastedGpuMs: 0,
    requeued: 0,
    lastEnd: 0,
    remainingMs: options.faultsKeepWork === true ? new Map() : null,
  };
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const estimateError = options.estimateError === undefined ? 0.3 : options.estimateError;
  const estimates = estimateError === null ? null : estimateDurations(options.seed, runs, estimateError);
  const ordered = longestExpectedFirst(
    runs.map((run, index) => ({ run, index, gpus: run.gpus, expectedMs: estimates?.get(run.runId) })),
  ).map((entry) => entry.run);
  let settled = 0;
  monitor.start();
  ordered.forEach((run, order) => {
    const expectedMs = estimates?.get(run.runId);
    const request = { runId: run.runId, gpus: run.gpus, nanoCpus: 0, memoryBytes: 0 };
    void dispatchRun(expectedMs === undefined ? request : { ...request, expectedMs }, order, {
      scheduler,
      hostLost: (host) => monitor.signal(host),
      attempt: async ({ lease, hostLost }) => {
        const fake = byId.get(lease.runId) as SimRun;
        const crashed = crash.get(lease.host)?.signal ?? AbortSignal.abort();
        return attemptRun(fake, lease.host, lease.gpuIds, { clock, hostLost, crashed, requeue, tally });
      },
    }).finally(() => {
      settled += 1;
    });
  });
  await clock.runUntil(() => settled === runs.length);
  await monitor.stop();

  const totalGpus = options.hosts * options.gpusPerHost;
  const makespan = tally.lastEnd;
  const completed = [...tally.completions.values()].filter((n) => n > 0).length;
  const usefulMs = runs.reduce(
    (sum, r) => sum + ((tally.completions.get(r.runId) ?? 0) > 0 ? r.gpus * r.durationMs : 0),
    0,
  );
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  const faultAware = faultAwareLowerBound(runs, options.hosts, options.gpusPerHost, faults);
  return {
    hosts: options.hosts,
    gpus_per_host: options.gpusPerHost,
    runs: options.runs,
    fault_rate: options.faultRate,
    seed: options.seed,
    requeue,
    estimate_error: estimateError,
    faults_keep_work: tally.remainingMs !== null,
    makespan_h: round(makespan / HOUR, 2),
    lower_bound_h: round(bound / HOUR, 2),
    makespan_over_bound: round(makespan / bound),
    fault_aware_bound_h: round(faultAware / HOUR, 2),
    makespan_over_fault_aware_bound: round(makespan / faultAware),
    gpu_utilisation: round(tally.busyGpuMs / (totalGpus * makespan)),
    useful_utilisation: round(usefulMs / (totalGpus * makespan)),
    completed,
    failed_infra: tally.failed.size,
    lost: runs.filter((r) => !tally.completions.has(r.runId) && !tally.failed.has(r.runId)).length,
    duplicated: tally.duplicatedAttempts + [...tally.completions.values()].filter((n) => n > 1).length,
    gpu_conflicts: tally.gpuConflicts,
    host_faults: faults.filter((f) => f.at < makespan).length,
    requeued_attempts: tally.requeued,
    wasted_gpu_h: round(tally.wastedGpuMs / HOUR, 1),
  };
}

interface AttemptContext {
  clock: VirtualClock;
  hostLost: AbortSignal;
  crashed: AbortSignal;
  requeue: RequeuePolicy;
  tally: Tally;
}

/** One fake attempt: holds its GPUs for the run's duration, or until its host crashes. */
async function attemptRun(
  run: SimRun,
  host: string,
  gpuIds: readonly string[],
  { clock, hostLost, crashed, requeue, tally }: AttemptContext,
): Promise<'finished' | 'requeued'> {
  const gpus = gpuIds.map((id) => `${host}/${id}`);
  if ((tally.active.get(run.runId) ?? 0) > 0) tally.duplicatedAttempts += 1;
  tally.active.set(run.runId, (tally.active.get(run.runId) ?? 0) + 1);
  for (const gpu of gpus) {
    if (tally.gpusInUse.has(gpu)) tally.gpuConflicts += 1;
    tally.gpusInUse.add(gpu);
  }
  const start = clock.now();
  const workMs = tally.remainingMs?.get(run.runId) ?? run.durationMs;
  try {
    await clock.sleep(workMs, AbortSignal.any([crashed, hostLost]));
    tally.completions.set(run.runId, (tally.completions.get(run.runId) ?? 0) + 1);
    tally.lastEnd = Math.max(tally.lastEnd, clock.now());
    return 'finished';
  } catch {
    const crashedAt = clock.now();
    tally.remainingMs?.set(run.runId, workMs - (crashedAt - start));
    // the engine is gone: the attempt hangs until the monitor marks the host down
    if (!hostLost.aborted) await new Promise((resolve) => hostLost.addEventListener('abort', resolve, { once: true }));
    tally.wastedGpuMs += gpus.length * (clock.now() - (tally.remainingMs === null ? start : crashedAt));
    const before = tally.hostFailures.get(run.runId) ?? 0;
    tally.hostFailures.set(run.runId, before + 1);
    if (shouldRequeue(requeue, before)) {
      tally.requeued += 1;
      return 'requeued';
    }
    tally.failed.add(run.runId);
    tally.lastEnd = Math.max(tally.lastEnd, clock.now());
    return 'finished';
  } finally {
    tally.busyGpuMs += gpus.length * (clock.now() - start);
    for (const gpu of gpus) tally.gpusInUse.delete(gpu);
    tally.active.set(run.runId, (tally.active.get(run.runId) ?? 1) - 1);
  }
}
