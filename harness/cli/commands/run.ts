import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadAgent } from '../../agents/load-agent.js';
import { withAgentImage, imageSettings } from '../../images/agent-image.js';
import { BuildArgs, collectBuildArg } from './images.js';
import { parseDuration } from '../../agents/units.js';
import { isSplitName, type Registry } from '../../registry/load-registry.js';
import { K8S_FLAGS, K8sSettings, connectK8sRuntime } from '../../runtime/k8s-settings.js';
import { groupLayout } from '../../runs/group-layout.js';
import type { LlmBudget } from '../../gateway/llm-budget.js';
import { PriceFile } from '../../gateway/price-table.js';
import { parseYamlConfig } from '../../registry/yaml-config.js';
import { type LlmGatewayConfig, planRuns, readManifest } from '../../runs/group-manifest.js';
import { detectHardware } from '../../runs/hardware.js';
import { HarnessAddress, loadHostsConfig } from '../../hosts/hosts-config.js';
import { resolveAgentLaunch } from '../../runs/resolve-agent.js';
import { createRunGroup } from '../../runs/run-group.js';
import { openHarnessLog } from '../../runs/harness-log.js';
import { runGroupSession } from '../../runs/run-session.js';
import type { GroupOutcome } from '../../runs/run-group.js';
import type { CommandDeps } from '../command-deps.js';
import { UsageError } from '../exit-codes.js';
import { formatTable } from '../format-table.js';
import { parseOptions } from '../parse-options.js';

const Options = z.strictObject({
  agent: z.string().optional(),
  competitions: z.string().optional(),
  seeds: z.coerce.number().int().positive().default(1),
  concurrency: z.coerce.number().int().positive().default(1),
  runtime: z.enum(['docker', 'local', 'k8s']).default('docker'),
  dataDir: z.string().optional(),
  runsDir: z.string().default('runs'),
  timeLimit: z.string().optional(),
  resume: z.string().optional(),
  agentsDir: z.string().optional(),
  network: z.enum(['bridge', 'isolated']).default('bridge'),
  llmBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  llmApiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default('OPENAI_API_KEY'),
  llmBudgetTokens: z.coerce.number().int().positive().optional(),
  llmBudgetUsd: z.coerce.number().positive().optional(),
  llmPrices: z.string().optional(),
  baseArg: BuildArgs,
  hosts: z.string().optional(),
  harnessAddress: HarnessAddress.optional(),
  ...K8sSettings.shape,
});
type Options = z.infer<typeof Options>;

/** The group's LLM gateway from the flags (budget flags over the agent's `llm_budget`), or undefined. */
async function llmGatewayConfig(
  options: Options,
  agentBudget: LlmBudget | undefined,
): Promise<LlmGatewayConfig | undefined> {
  const budgetFlags = {
    ...(options.llmBudgetTokens === undefined ? {} : { tokens: options.llmBudgetTokens }),
    ...(options.llmBudgetUsd === undefined ? {} : { usd: options.llmBudgetUsd }),
  };
  if (options.llmBaseUrl === undefined) {
    if (Object.keys(budgetFlags).length > 0 || options.llmPrices !== undefined)
      throw new UsageError('--llm-budget-* and --llm-prices need --llm-base-url (the LLM gateway)');
    return undefined;
  }
  const prices = options.llmPrices === undefined ? undefined : await readPriceFile(options.llmPrices);
  return {
    base_url: options.llmBaseUrl,
    api_key_env: options.llmApiKeyEnv,
    budget: { ...agentBudget, ...budgetFlags },
    ...(prices === undefined ? {} : { prices }),
  };
}

async function readPriceFile(file: string): Promise<PriceFile> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`--llm-prices '${file}' is not a readable file`);
  });
  return parseYamlConfig(file, text, PriceFile);
}

/** The provider key the group's gateway needs, from the host's environment (never stored). */
function llmApiKey(config: LlmGatewayConfig | undefined): string | undefined {
  if (config === undefined) return undefined;
  const key = process.env[config.api_key_env];
  if (key === undefined || key === '')
    throw new UsageError(`the LLM gateway needs the provider key in $${config.api_key_env}, which is not set`);
  return key;
}

/** A split name, or a file listing competition ids one per line ('#' starts a comment). */
export async function resolveCompetitions(registry: Registry, spec: string): Promise<string[]> {
  if (isSplitName(spec)) return registry.split(spec).map((c) => c.id);
  const text = await readFile(spec, 'utf8').catch(() => {
    throw new UsageError(
      `--competitions '${spec}' is neither a split (low, lite, medium, high, all, dev) nor a readable file`,
    );
  });
  const ids = text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
  for (const id of ids) registry.get(id);
  if (ids.length === 0) throw new UsageError(`${spec} lists no competitions`);
  return ids;
}

export function summarizeGroup(outcome: GroupOutcome): string {
  const rows = outcome.manifest.runs.map((run) => {
    const state = outcome.states.get(run.run_id);
    const failure =
      state?.failure === null || state?.failure === undefined
        ? ''
        : `${state.failure.source}: ${state.failure.message}`;
    return [
      run.run_id,
      state?.status ?? 'queued',
      state?.score === null || state?.score === undefined ? '-' : String(state.score),
      state?.anyMedal ? 'yes' : 'no',
      state?.deadlineReached ? 'yes' : 'no',
      failure.length > 60 ? `${failure.slice(0, 60)}…` : failure,
    ];
  });
  return formatTable(['run', 'state', 'score', 'medal', 'deadline', 'failure'], rows);
}

export function registerRun(program: Command, deps: CommandDeps): void {
  const command = program
    .command('run')
    .description('run an agent on competitions × seeds, each in its own sandbox, and grade every run')
    .option('--agent <id>', 'agent folder under agents/')
    .option('--competitions <split|file>', 'a split name or a file of competition ids')
    .option('--seeds <n>', 'runs per competition', '1')
    .option('--concurrency <k>', 'runs at once', '1')
    .option('--runtime <kind>', 'docker, local or k8s', 'docker')
    .option('--data-dir <dir>', 'prepared data dir')
    .option('--runs-dir <dir>', 'where run groups are written', 'runs')
    .option('--time-limit <duration>', "wall clock per run, e.g. '24h' (default: the agent's)")
    .option('--resume <group-dir>', 'finish the unfinished runs of an existing group')
    .option('--agents-dir <dir>', "where agent folders are (default: Podium's agents/)")
    .option('--network <mode>', 'bridge, or isolated: no egress but the harness services (docker)', 'bridge')
    .option('--llm-base-url <url>', 'run the LLM gateway, forwarding to this OpenAI-compatible base URL')
    .option('--llm-api-key-env <name>', "host variable holding the provider's key", 'OPENAI_API_KEY')
    .option('--llm-budget-tokens <n>', 'per-run limit of input + output tokens through the gateway')
    .option('--llm-budget-usd <x>', 'per-run limit of estimated cost (USD) through the gateway')
    .option('--llm-prices <file>', 'YAML {source, models: {NAME: {input, cached_input?, output}}}, USD per 1M tokens')
    .option(
      '--base-arg <name=value>',
      'a build arg of the base image, if it must be built (repeatable)',
      collectBuildArg,
      [],
    )
    .option('--hosts <file>', 'spread the runs over the Docker hosts of this hosts.yaml (GPUs pinned per run)')
    .option(
      '--harness-address <ip>',
      "the IP at which sandboxes reach Podium's validation service and LLM gateway: needed for k8s pods " +
        'and remote engines (default: the Docker host gateway); hosts.yaml harness_address wins per host',
    )
    .action(async (raw: unknown) => {
      const options = parseOptions(Options, raw);
      if (options.runtime === 'k8s' && options.k8sDataPvc === undefined) {
        throw new UsageError('--runtime k8s needs --k8s-data-pvc: the PVC that holds the data dir');
      }
      const images = imageSettings(deps.layout, options.baseArg);
      const agentsDir = resolve(options.agentsDir ?? deps.layout.agentsDir);
      const timeLimit = options.timeLimit === undefined ? undefined : parseDuration(options.timeLimit);
      const resumed =
        options.resume === undefined ? undefined : await readManifest(groupLayout(resolve(options.resume)).manifest);
      // a resumed group keeps the runtime and data it was created with
      const runtime = resumed?.runtime ?? options.runtime;
      const ctx = await deps.gradingContext({ dataDir: resumed?.data_dir ?? options.dataDir });
      // a resumed group keeps its hosts file unless another is given
      const hostsFile = options.hosts === undefined ? resumed?.hosts_file : resolve(options.hosts);
      if (hostsFile !== undefined && runtime !== 'docker') throw new UsageError('--hosts needs --runtime docker');
      const hosts = hostsFile === undefined ? undefined : await loadHostsConfig(hostsFile);
      let dir: string;
      let agentId: string;
      let llmGateway: LlmGatewayConfig | undefined;
      if (resumed !== undefined && options.resume !== undefined) {
        dir = resolve(options.resume);
        agentId = resumed.agent.id;
        llmGateway = resumed.llm_gateway;
      } else {
        if (options.agent === undefined || options.competitions === undefined) {
          throw new UsageError('podium run needs --agent and --competitions (or --resume <group-dir>)');
        }
        agentId = options.agent;
        const competitions = await resolveCompetitions(ctx.registry, options.competitions);
        const agent = await loadAgent(agentsDir, agentId);
        if (options.network === 'isolated' && runtime !== 'docker')
          throw new UsageError('--network isolated needs --runtime docker (it is a Docker internal network)');
        llmGateway = await llmGatewayConfig(options, agent.config.llm_budget);
        llmApiKey(llmGateway);
        const layout = await createRunGroup(
          {
            runsDir: resolve(options.runsDir),
            agent: await withAgentImage(
              resolveAgentLaunch(agent, runtime, process.env, timeLimit),
              agent,
              runtime,
              images,
            ),
            agentConfigText: await readFile(agent.file, 'utf8'),
            agentConfig: agent.config,
            hardware: await detectHardware(),
            runtime,
            dataDir: resolve(ctx.dataDir),
            concurrency: options.concurrency,
            ...(hostsFile === undefined ? {} : { hostsFile }),
            runs: planRuns(competitions, options.seeds),
            network: options.network,
            ...(llmGateway === undefined ? {} : { llmGateway }),
          },
          ctx.now(),
        );
        dir = layout.dir;
      }
      const agent = await loadAgent(agentsDir, agentId);
      const launch = await withAgentImage(
        resolveAgentLaunch(agent, runtime, process.env, timeLimit ?? resumed?.time_limit_s),
        agent,
        runtime,
        images,
      );
      deps.io.stderr(`run group ${dir}\n`);
      const harnessLog = openHarnessLog(dir, ctx.now, deps.io.stderr);
      const outcome = await runGroupSession(dir, launch, {
        grading: ctx,
        runtimeKind: runtime,
        // k8s: the cluster from the flags (given again on --resume); the PVC holds the data dir
        ...(runtime === 'k8s' ? { runtime: await connectK8sRuntime(options, resolve(ctx.dataDir)) } : {}),
        progress: { write: deps.io.stderr, isTTY: deps.isTTY },
        log: harnessLog.log,
        warn: harnessLog.warn,
        buildLog: deps.io.stderr,
        now: ctx.now,
        ...(llmGateway === undefined ? {} : { llmApiKey: llmApiKey(llmGateway) }),
        ...(hosts === undefined ? {} : { hosts }),
        ...(options.harnessAddress === undefined ? {} : { harnessAddress: options.harnessAddress }),
      }).finally(() => harnessLog.close());
      deps.io.stdout(`${summarizeGroup(outcome)}\n\ngroup: ${dir}\nsubmissions: ${groupLayout(dir).submissionList}\n`);
    });
  for (const [flags, description] of K8S_FLAGS) command.option(flags, description);
}
