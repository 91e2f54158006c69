import type { Command } from 'commander';
import { z } from 'zod';
import { RequeuePolicy } from '../../hosts/requeue-policy.js';
import { formatSimulationReport } from '../../simulate/format-report.js';
import { simulate } from '../../simulate/simulate.js';
import { printJson } from '../cli-io.js';
import type { CommandDeps } from '../command-deps.js';
import { parseOptions } from '../parse-options.js';

const Options = z.strictObject({
  hosts: z.coerce.number().int().positive().max(1000),
  gpusPerHost: z.coerce.number().int().positive().max(64),
  runs: z.coerce.number().int().positive().max(100_000),
  faultRate: z.coerce.number().min(0).max(1).default(0),
  seed: z.coerce.number().int().nonnegative().default(1),
  requeue: RequeuePolicy.default('always'),
  estimateError: z
    .union([z.literal('none').transform(() => null), z.coerce.number().min(0).max(5)], {
      error: "--estimate-error takes a σ between 0 and 5, or 'none'",
    })
    .default(0.3),
  faultsKeepWork: z.boolean().default(false),
  json: z.boolean().default(false),
});

export function registerSimulate(program: Command, deps: CommandDeps): void {
  program
    .command('simulate')
    .description(
      'run the real scheduler on a virtual clock over a fake fleet: makespan against a lower bound, GPU ' +
        'utilisation, lost and duplicated runs',
    )
    .requiredOption('--hosts <n>', 'hosts in the fleet')
    .requiredOption('--gpus-per-host <n>', 'GPUs per host')
    .requiredOption('--runs <n>', 'runs (1, 2 or 4 GPUs, ¼ to 1 × a 24 h time limit)')
    .option('--fault-rate <p>', 'chance that a host fails in each 24 h (it is back 6 h later)', '0')
    .option('--seed <s>', 'seed of the runs and faults', '1')
    .option('--requeue <policy>', 'always, never or once: runs of a host that goes down', 'always')
    .option(
      '--estimate-error <sigma>',
      "how far off the duration estimates the queue starts longest-first are (log-normal σ; 0: exact); 'none': " +
        'no estimates, bigger GPU requests first',
      '0.3',
    )
    .option(
      '--faults-keep-work',
      'what-if: a run killed by a host fault keeps the work it did (as if agents checkpointed), to tell the ' +
        'work lost in crashes from the scheduling',
    )
    .option('--json', 'print the report as JSON')
    .action(async (raw: unknown) => {
      const options = parseOptions(Options, raw);
      const report = await simulate(options);
      if (options.json) return printJson(deps.io, report);
      deps.io.stdout(formatSimulationReport(report));
    });
}
