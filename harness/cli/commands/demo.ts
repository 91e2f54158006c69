import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadAgent } from '../../agents/load-agent.js';
import { imageSettings, withAgentImage } from '../../images/agent-image.js';
import { CompetitionReport } from '../../grading/competition-report.js';
import { fileExists } from '../../file-exists.js';
import { planRuns } from '../../runs/group-manifest.js';
import { detectHardware } from '../../runs/hardware.js';
import { resolveAgentLaunch } from '../../runs/resolve-agent.js';
import { createRunGroup } from '../../runs/run-group.js';
import { openHarnessLog } from '../../runs/harness-log.js';
import { runGroupSession } from '../../runs/run-session.js';
import type { CommandDeps } from '../command-deps.js';
import { parseOptions } from '../parse-options.js';
import { describeReport } from './grade-sample.js';

/** The demo competition and agent ship with Podium: no Kaggle data, no credentials, no network. */
export const DEMO = { competition: 'podium-demo', agent: 'baseline' } as const;

const Options = z.strictObject({
  runtime: z.enum(['docker', 'local']).default('local'),
  runsDir: z.string().default('runs'),
});

export function registerDemo(program: Command, deps: CommandDeps): void {
  program
    .command('demo')
    .description(`run the ${DEMO.agent} agent on the bundled ${DEMO.competition} competition, grade it, show the medal`)
    .option('--runtime <kind>', 'local (no Docker needed) or docker', 'local')
    .option('--runs-dir <dir>', 'where the run group is written', 'runs')
    .action(async (raw: unknown) => {
      const options = parseOptions(Options, raw);
      // The demo's data lives in the repo: competitions/ doubles as its data dir.
      const ctx = await deps.gradingContext({ dataDir: deps.layout.competitionsDir });
      const agent = await loadAgent(deps.layout.agentsDir, DEMO.agent);
      const launch = await withAgentImage(
        resolveAgentLaunch(agent, options.runtime, process.env),
        agent,
        options.runtime,
        imageSettings(deps.layout),
      );
      const layout = await createRunGroup(
        {
          runsDir: resolve(options.runsDir),
          agent: launch,
          agentConfigText: await readFile(agent.file, 'utf8'),
          agentConfig: agent.config,
          hardware: await detectHardware(),
          runtime: options.runtime,
          dataDir: ctx.dataDir,
          concurrency: 1,
          runs: planRuns([DEMO.competition], 1),
        },
        ctx.now(),
      );
      deps.io.stderr(`podium demo: agent '${DEMO.agent}' on '${DEMO.competition}' (${options.runtime} runtime)\n`);
      const harnessLog = openHarnessLog(layout.dir, ctx.now, deps.io.stderr);
      const outcome = await runGroupSession(layout.dir, launch, {
        grading: ctx,
        runtimeKind: options.runtime,
        progress: { write: deps.io.stderr, isTTY: deps.isTTY },
        log: harnessLog.log,
        warn: harnessLog.warn,
        buildLog: deps.io.stderr,
        now: ctx.now,
      }).finally(() => harnessLog.close());
      const run = layout.run(outcome.manifest.runs[0]?.run_id ?? '');
      if (!(await fileExists(run.grade))) {
        const state = outcome.states.get(outcome.manifest.runs[0]?.run_id ?? '');
        throw new Error(`the demo run did not finish: ${state?.failure?.message ?? state?.status ?? 'unknown'}`);
      }
      const report = CompetitionReport.parse(JSON.parse(await readFile(run.grade, 'utf8')));
      deps.io.stdout(`${describeReport(report)}run group    ${layout.dir}\n`);
    });
}
