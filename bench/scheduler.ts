/**
 * The scheduler at fleet scale (run by hand: `npm run bench:scheduler`): 675 runs (MLE-bench's 75
 * competitions × 3 seeds × 3 scaffolds) on 8 hosts × 8 GPUs with a 5 % host fault rate, through the
 * real allocator, scheduler, health monitor and re-queue policy on a virtual clock (harness/simulate).
 * The queue starts the longest expected runs first, with estimates off by a log-normal σ (BENCH_SIGMA,
 * default 0.3: what the median of earlier runs of an agent on a competition is assumed to be worth).
 * Prints one row per seed with faults and without (lost_h: the GPU-time of attempts lost in crashes,
 * in hours of the whole fleet: a part of the gap to the fault-aware bound that a schedule unaware of
 * the coming faults cannot count on avoiding), then the mean and worst ratios, and the same summary
 * with exact estimates and with none (the order before estimates existed), and a what-if where runs
 * killed by a fault keep their work (as if agents checkpointed): what is left of the gap then is the
 * scheduler's own, the rest is the work lost in crashes.
 * Target: makespan ≤ 1.05 × lower bound, 0 lost, 0 duplicated runs, 0 GPU conflicts.
 * Bounds: max(total GPU-time / GPUs, longest run) of the fault-free workload; and the fault-aware one,
 * which also takes away the GPU-time of hosts that are down (harness/simulate/workload.ts).
 */
import { performance } from 'node:perf_hooks';
import { simulate, type SimulationReport } from '../harness/simulate/simulate.js';

const SEEDS = Number(process.env['BENCH_SEEDS'] ?? 10);
const SIGMA = Number(process.env['BENCH_SIGMA'] ?? 0.3);
const base = { hosts: 8, gpusPerHost: 8, runs: 675 };

interface SeedRow {
  seed: number;
  faulty: SimulationReport;
  clean: SimulationReport;
  seconds: number;
}

async function runSeeds(estimateError: number | null, faultsKeepWork = false): Promise<SeedRow[]> {
  const rows: SeedRow[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const started = performance.now();
    const faulty = await simulate({ ...base, faultRate: 0.05, seed, estimateError, faultsKeepWork });
    const seconds = (performance.now() - started) / 1000;
    const clean = await simulate({ ...base, faultRate: 0, seed, estimateError });
    rows.push({ seed, faulty, clean, seconds });
  }
  return rows;
}

const pad = (x: string | number, n: number) => String(x).padStart(n);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const stats = (xs: number[]) => `mean ${mean(xs).toFixed(4)}, worst ${Math.max(...xs).toFixed(4)}`;

function summary(label: string, rows: SeedRow[]): void {
  const ratios = rows.map((r) => r.faulty.makespan_over_bound);
  const aware = rows.map((r) => r.faulty.makespan_over_fault_aware_bound);
  const clean = rows.map((r) => r.clean.makespan_over_bound);
  console.log(
    `${label}\n  with 5 % faults: ratio ${stats(ratios)} (≤ 1.05 in ${ratios.filter((r) => r <= 1.05).length}/${rows.length}); ` +
      `to the fault-aware bound ${stats(aware)} (≤ 1.05 in ${aware.filter((r) => r <= 1.05).length}/${rows.length})\n` +
      `  without faults: ratio ${stats(clean)}`,
  );
}

const rows = await runSeeds(SIGMA);
const headers = ['seed', 'faults', 'requeued', 'lost_h', 'bound_h', 'aware_h', 'makespan_h', 'ratio', 'aware', 'util'];
console.log(`675 runs on 8 × 8 GPUs, longest expected first, estimate error σ = ${SIGMA}`);
console.log(
  [
    ...headers.map((h) => pad(h, 11)),
    pad('no-fault ratio', 15),
    ...['lost', 'dup', 'gpu!', 'sim_s'].map((h) => pad(h, 6)),
  ].join(''),
);
for (const { seed, faulty: f, clean: c, seconds } of rows) {
  console.log(
    [
      ...[
        seed,
        f.host_faults,
        f.requeued_attempts,
        (f.wasted_gpu_h / (base.hosts * base.gpusPerHost)).toFixed(1),
        f.lower_bound_h.toFixed(1),
        f.fault_aware_bound_h.toFixed(1),
        f.makespan_h.toFixed(1),
        f.makespan_over_bound.toFixed(4),
        f.makespan_over_fault_aware_bound.toFixed(4),
        `${(100 * f.gpu_utilisation).toFixed(1)}%`,
      ].map((v) => pad(v, 11)),
      pad(c.makespan_over_bound.toFixed(4), 15),
      ...[f.lost, f.duplicated, f.gpu_conflicts, seconds.toFixed(2)].map((v) => pad(v, 6)),
    ].join(''),
  );
}
const sum = (f: (r: SimulationReport) => number) => rows.reduce((s, r) => s + f(r.faulty) + f(r.clean), 0);
console.log(
  `lost ${sum((r) => r.lost)}, duplicated ${sum((r) => r.duplicated)}, GPU conflicts ${sum((r) => r.gpu_conflicts)}; ` +
    `simulated ${((675 * rows.length) / rows.reduce((s, r) => s + r.seconds, 0)).toFixed(0)} runs/s (with faults)\n`,
);
summary(`estimates off by σ = ${SIGMA}:`, rows);
summary('exact estimates:', await runSeeds(0));
summary('no estimates (bigger GPU requests first, then manifest order):', await runSeeds(null));
summary(`what-if, runs killed by a fault keep their work (σ = ${SIGMA}):`, await runSeeds(SIGMA, true));
