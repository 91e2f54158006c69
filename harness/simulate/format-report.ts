/** The human-readable `podium simulate` report. */
import type { SimulationReport } from './simulate.js';

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

export function formatSimulationReport(r: SimulationReport): string {
  return [
    `simulated ${r.runs} runs on ${r.hosts} hosts × ${r.gpus_per_host} GPUs; host fault rate ${r.fault_rate} ` +
      `per host per time limit; seed ${r.seed}; requeue ${r.requeue}; ` +
      (r.estimate_error === null
        ? 'no duration estimates'
        : `longest expected run first, estimates off by σ = ${r.estimate_error}`) +
      (r.faults_keep_work ? '; what-if: runs killed by a fault keep their work' : ''),
    `makespan          ${r.makespan_h.toFixed(2)} h`,
    `lower bound       ${r.lower_bound_h.toFixed(2)} h  (max(total GPU-time / GPUs, longest run), without faults)`,
    `makespan / bound  ${r.makespan_over_bound.toFixed(4)}`,
    `fault-aware bound ${r.fault_aware_bound_h.toFixed(2)} h  (the same, less the GPU-time of hosts that are down); ` +
      `makespan / it ${r.makespan_over_fault_aware_bound.toFixed(4)}`,
    `GPU utilisation   ${percent(r.gpu_utilisation)} busy, ${percent(r.useful_utilisation)} on attempts that finished`,
    `runs              ${r.completed} completed, ${r.failed_infra} infra failures, ${r.lost} lost, ` +
      `${r.duplicated} duplicated, ${r.gpu_conflicts} GPU conflicts`,
    `host faults       ${r.host_faults} (${r.requeued_attempts} attempts re-queued, ${r.wasted_gpu_h} GPU-h lost)`,
    '',
  ].join('\n');
}
