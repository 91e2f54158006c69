/**
 * The simulator runs the real scheduler on a virtual clock: a small fleet with faults loses and
 * duplicates nothing and never gives a GPU twice; the same seed gives the same report; the workload
 * and the lower bound are what workload.ts says.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../harness/simulate/simulate.js';
import {
  estimateDurations,
  faultAwareLowerBound,
  generateFaults,
  generateRuns,
  makespanLowerBound,
} from '../../harness/simulate/workload.js';

const HOUR = 3_600_000;

describe('simulate', () => {
  it('finishes every run exactly once under host faults, with no GPU given twice', async () => {
    const report = await simulate({ hosts: 3, gpusPerHost: 4, runs: 60, faultRate: 0.3, seed: 7 });
    expect(report.host_faults).toBeGreaterThan(0);
    expect(report.requeued_attempts).toBeGreaterThan(0);
    expect(report).toMatchObject({ completed: 60, lost: 0, duplicated: 0, gpu_conflicts: 0, failed_infra: 0 });
    expect(report.makespan_over_bound).toBeGreaterThanOrEqual(1);
    expect(report.gpu_utilisation).toBeLessThanOrEqual(1);
    expect(report.useful_utilisation).toBeLessThanOrEqual(report.gpu_utilisation);
  });

  it('is deterministic for a seed', async () => {
    const options = { hosts: 2, gpusPerHost: 4, runs: 30, faultRate: 0.2, seed: 3 };
    expect(await simulate(options)).toEqual(await simulate(options));
  });

  it('under requeue: never, a run that loses its host is an infra failure, not lost', async () => {
    const report = await simulate({ hosts: 3, gpusPerHost: 4, runs: 60, faultRate: 0.3, seed: 7, requeue: 'never' });
    expect(report.failed_infra).toBeGreaterThan(0);
    expect(report.completed + report.failed_infra).toBe(60);
    expect(report.lost).toBe(0);
  });

  it('with faultsKeepWork, a run a fault interrupts re-runs only what was left of it', async () => {
    const options = { hosts: 3, gpusPerHost: 4, runs: 60, faultRate: 0.3, seed: 7 };
    const lose = await simulate(options);
    const keep = await simulate({ ...options, faultsKeepWork: true });
    expect(keep).toMatchObject({ faults_keep_work: true, completed: 60, lost: 0, duplicated: 0, gpu_conflicts: 0 });
    expect(lose.faults_keep_work).toBe(false);
    expect(keep.requeued_attempts).toBeGreaterThan(0);
    // what is lost is only the minutes until the monitor notices (3 × 1 min), not the work done
    expect(keep.wasted_gpu_h).toBeLessThanOrEqual((keep.requeued_attempts * 4 * 3) / 60 + 0.1);
    expect(keep.wasted_gpu_h).toBeLessThan(lose.wasted_gpu_h / 10);
    // GPU-time spent on attempts: the runs' own, plus only those minutes
    const runsGpuH = generateRuns(7, 60, 4, 24 * HOUR).reduce((sum, r) => sum + (r.gpus * r.durationMs) / HOUR, 0);
    const busyGpuH = keep.gpu_utilisation * keep.makespan_h * 12;
    expect(busyGpuH).toBeCloseTo(runsGpuH + keep.wasted_gpu_h, 0);
  });

  it('without faults, makespan is within a run length of the bound (list scheduling)', async () => {
    const report = await simulate({ hosts: 2, gpusPerHost: 8, runs: 80, faultRate: 0, seed: 1 });
    expect(report.host_faults).toBe(0);
    expect(report.makespan_h).toBeLessThanOrEqual(report.lower_bound_h + 24);
  });
});

describe('queue order in the simulation', () => {
  it('starting the longest expected runs first shortens the tail (same workload and seed)', async () => {
    const options = { hosts: 2, gpusPerHost: 8, runs: 120, faultRate: 0, seed: 4 };
    const none = await simulate({ ...options, estimateError: null });
    const exact = await simulate({ ...options, estimateError: 0 });
    expect(exact.lower_bound_h).toBe(none.lower_bound_h);
    expect(exact.makespan_h).toBeLessThan(none.makespan_h);
    expect(exact).toMatchObject({ completed: 120, lost: 0, duplicated: 0, gpu_conflicts: 0 });
    expect(exact.estimate_error).toBe(0);
    expect(none.estimate_error).toBeNull();
  });

  it('reports the fault-aware bound between the fault-free bound and the makespan', async () => {
    const report = await simulate({ hosts: 3, gpusPerHost: 4, runs: 60, faultRate: 0.3, seed: 7 });
    expect(report.fault_aware_bound_h).toBeGreaterThan(report.lower_bound_h);
    expect(report.fault_aware_bound_h).toBeLessThanOrEqual(report.makespan_h);
    expect(report.makespan_over_fault_aware_bound).toBeLessThan(report.makespan_over_bound);
  });
});

describe('workload', () => {
  it('draws runs of 1, 2 or 4 GPUs lasting a quarter to a whole time limit', () => {
    const runs = generateRuns(5, 500, 8, 24 * HOUR);
    expect(new Set(runs.map((r) => r.gpus))).toEqual(new Set([1, 2, 4]));
    for (const r of runs) {
      expect(r.durationMs).toBeGreaterThanOrEqual(6 * HOUR);
      expect(r.durationMs).toBeLessThanOrEqual(24 * HOUR);
    }
    expect(generateRuns(5, 10, 2, HOUR).every((r) => r.gpus <= 2)).toBe(true);
  });

  it('bounds the makespan by total GPU-time over GPUs, or by the longest run', () => {
    const runs = [
      { runId: 'a', gpus: 2, durationMs: 10 },
      { runId: 'b', gpus: 1, durationMs: 4 },
    ];
    expect(makespanLowerBound(runs, 2)).toBe(12);
    expect(makespanLowerBound(runs, 8)).toBe(10);
  });

  it('raises the bound by the GPU-time of hosts that are down (worked by hand)', () => {
    // 4 one-GPU runs of 10 on 2 hosts × 2 GPUs: 40 GPU-time, 10 without faults. Host a is down from 2 to
    // 8: by 2 the GPUs offered 8, by 8 another 2 × 6 = 12 (20 in all), then 4 GPUs give the last 20 by 13.
    const runs = ['r1', 'r2', 'r3', 'r4'].map((runId) => ({ runId, gpus: 1, durationMs: 10 }));
    expect(makespanLowerBound(runs, 4)).toBe(10);
    expect(faultAwareLowerBound(runs, 2, 2, [{ host: 'a', at: 2, upAt: 8 }])).toBe(13);
    // both hosts down from 2 to 5: 8 by 2, nothing until 5, then 32 more at 4 GPUs: 13
    const both = [
      { host: 'a', at: 2, upAt: 5 },
      { host: 'b', at: 2, upAt: 5 },
    ];
    expect(faultAwareLowerBound(runs, 2, 2, both)).toBe(13);
    // a fault after the work could be done, or none at all, leaves the fault-free bound
    expect(faultAwareLowerBound(runs, 2, 2, [{ host: 'a', at: 20, upAt: 30 }])).toBe(10);
    expect(faultAwareLowerBound(runs, 2, 2, [])).toBe(10);
    // the longest run still bounds it
    const long = [{ runId: 'x', gpus: 1, durationMs: 50 }];
    expect(faultAwareLowerBound(long, 2, 2, [{ host: 'a', at: 2, upAt: 8 }])).toBe(50);
  });

  it('draws estimates off by a log-normal factor: exact at σ = 0, spread about σ otherwise', () => {
    const runs = generateRuns(9, 4000, 8, 24 * HOUR);
    const exact = estimateDurations(9, runs, 0);
    expect(runs.every((r) => exact.get(r.runId) === r.durationMs)).toBe(true);
    const noisy = estimateDurations(9, runs, 0.3);
    const logs = runs.map((r) => Math.log((noisy.get(r.runId) as number) / r.durationMs));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.02); // 4 standard errors of 0.3/√4000
    expect(sd).toBeGreaterThan(0.28);
    expect(sd).toBeLessThan(0.32);
  });

  it('never schedules a fault on a host that is still down', () => {
    const faults = generateFaults({
      seed: 1,
      hosts: ['a', 'b'],
      faultRate: 1,
      periodMs: 10,
      repairMs: 25,
      horizonMs: 200,
    });
    for (const host of ['a', 'b']) {
      const mine = faults.filter((f) => f.host === host);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.at).toBeGreaterThanOrEqual(mine[i - 1]!.upAt);
    }
  });
});
