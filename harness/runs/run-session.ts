/**
 * One `podium run` / `podium demo` / `--resume` session: wires the runtime, the validation service,
 * the grading context and the progress display around a run group, and tears them down afterwards.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { GradingContext } from '../grading/grade-submission.js';
import { DockerRuntime } from '../runtime/docker-runtime.js';
import { LocalRuntime } from '../runtime/local-runtime.js';
import { LABELS, RuntimeError, type Runtime, type RuntimeKind } from '../runtime/runtime.js';
import { LlmGateway } from '../gateway/llm-gateway.js';
import { pricesWith } from '../gateway/price-table.js';
import { ValidationService, validatorFromContext } from '../validation/validation-service.js';
import { redactorFor, secretsFromEnv } from '../secrets/redact.js';
import type { AgentLaunch } from './agent-launch.js';
import type { RunDeps } from './execute-run.js';
import { type GroupManifest, readManifest } from './group-manifest.js';
import { groupLayout } from './group-layout.js';
import { ConfigError } from '../registry/config-error.js';
import { createProgress, type ProgressSink } from './progress.js';
import { runGroup, type GroupOutcome } from './run-group.js';
import { sandboxName } from './sandbox-for-run.js';
import { ensureAgentImage } from './agent-image.js';
import type { HostsConfig } from '../hosts/hosts-config.js';
import { openFleet } from '../hosts/open-fleet.js';
import { loadServiceState, recordServicePorts, runToken } from './service-continuity.js';
import { planListenAddresses } from './listen-addresses.js';
import { gatherListenFacts } from './listen-facts.js';

export interface SessionOptions {
  grading: GradingContext;
  runtimeKind: RuntimeKind;
  progress: ProgressSink;
  log: (line: string) => void;
  /** Notes the user should see (the CLI prints them); default: `log`. */
  warn?: (line: string) => void;
  now: () => Date;
  /** Receives the log of image builds (the agent's image when the engine lacks it); default: dropped. */
  buildLog?: (text: string) => void;
  /** A runtime the caller built (k8s: from the --k8s-* flags); otherwise made from runtimeKind. */
  runtime?: Runtime;
  /** Tests shorten these; the defaults suit real runs. */
  stopGraceSeconds?: number;
  retry?: { retries: number; minTimeoutMs: number };
  /** The provider key of the group's LLM gateway (manifest.llm_gateway), read from the host's env. */
  llmApiKey?: string;
  /** Spread the runs over these Docker hosts (hosts.yaml) instead of the local engine. */
  hosts?: HostsConfig;
  /** Where sandboxes reach the harness's services (`--harness-address`; see RunDeps.harnessAddress). */
  harnessAddress?: string;
  /** See RunDeps.engineLossWindowMs (tests shorten it). */
  engineLossWindowMs?: number;
  /** See RunDeps.diskCheckIntervalMs (tests shorten it). */
  diskCheckIntervalMs?: number;
}

/** A runtime only to list and remove sandboxes: no images needed. */
export async function createRuntimeForCleanup(kind: Exclude<RuntimeKind, 'k8s'>): Promise<Runtime> {
  return kind === 'local' ? new LocalRuntime() : DockerRuntime.connect();
}

/**
 * The runtime, with the agent's image ready: its content-hashed builds (base first) are made on the
 * local engine when missing, their logs going to `build.log` and into files under `build.logDir`.
 */
export async function createRuntime(
  kind: RuntimeKind,
  agent: AgentLaunch,
  build: { log?: (text: string) => void; logDir?: string } = {},
): Promise<Runtime> {
  if (kind === 'local') return new LocalRuntime();
  if (kind === 'k8s') throw new RuntimeError('the k8s runtime is built from the --k8s-* flags (connectK8sRuntime)');
  const docker = new DockerRuntime();
  if (!(await docker.ping())) {
    throw new RuntimeError('no Docker engine answers (is dockerd running?); use --runtime local to run without Docker');
  }
  await ensureAgentImage(docker, agent, build);
  return docker;
}

/**
 * Runs or resumes the group in `dir` to the end, with a validation service for its runs, and the LLM
 * gateway and the internal network when the group's manifest asks for them.
 */
export async function runGroupSession(dir: string, agent: AgentLaunch, options: SessionOptions): Promise<GroupOutcome> {
  const warn = options.warn ?? options.log;
  const manifest = await readManifest(groupLayout(dir).manifest);
  if (options.runtimeKind === 'docker' && manifest.agent.image !== agent.image) {
    throw new ConfigError(
      groupLayout(dir).manifest,
      'agent.image',
      `the group ran ${manifest.agent.image}, but agent '${agent.id}' now gives ${agent.image}: its files or ` +
        'build args changed (pass the same --base-arg values), or start a new group rather than mix two versions',
    );
  }
  const fleet = options.hosts === undefined ? undefined : await openFleet(options.hosts, agent);
  const runtime =
    fleet?.hosts[0]?.runtime ??
    options.runtime ??
    (await createRuntime(options.runtimeKind, agent, {
      ...(options.buildLog === undefined ? {} : { log: options.buildLog }),
      logDir: join(dir, 'image-builds'),
    }));
  const gateway = llmGatewayFor(manifest, options);
  if (fleet !== undefined && manifest.network === 'isolated')
    throw new RuntimeError('--network isolated is not supported with --hosts yet (one internal network per host)');
  const network = await isolatedNetwork(manifest, runtime);
  const validation = new ValidationService({
    validate: validatorFromContext(options.grading),
    now: options.now,
    log: options.log,
  });
  if (options.runtimeKind === 'k8s' && options.harnessAddress === undefined) {
    // a pod has no route to a harness it cannot name: without the gateway it has no LLM at all
    if (gateway !== null)
      throw new RuntimeError('--runtime k8s with the LLM gateway needs --harness-address: the IP pods reach Podium at');
    warn('k8s without --harness-address: pods cannot reach the validation service');
  }
  // Containers and pods reach the harness from outside its loopback: listen only where they arrive
  // (listen-addresses.ts). The ports of the last session again when free, and the same tokens:
  // re-attached sandboxes keep their URLs.
  const services = await loadServiceState(dir);
  const listen = planListenAddresses(
    await gatherListenFacts({
      runtimeKind: options.runtimeKind,
      runtime,
      ...(fleet === undefined ? {} : { fleet }),
      ...(options.hosts === undefined ? {} : { hostsConfig: options.hosts }),
      ...(options.harnessAddress === undefined ? {} : { harnessAddress: options.harnessAddress }),
      network,
    }),
  );
  for (const note of listen.notes) warn(note);
  const anyPortIfTaken = true;
  const { hosts, started: validationAt } = await startNarrowOrWide(listen.hosts, warn, (at) =>
    validation.start({ hosts: at, port: services.validation_port ?? 0, anyPortIfTaken }),
  );
  const gatewayAt = await gateway?.start({ hosts, port: services.gateway_port ?? 0, anyPortIfTaken });
  options.log(
    `services listen on ${hosts.join(', ')}: validation port ${validationAt.port}` +
      (gatewayAt === undefined ? '' : `, LLM gateway port ${gatewayAt.port}`),
  );
  for (const [name, before, now] of [
    ['validation service', services.validation_port, validationAt.port],
    ['LLM gateway', services.gateway_port, gatewayAt?.port],
  ] as const) {
    if (before !== undefined && now !== undefined && now !== before)
      warn(`the ${name}'s port ${before} is taken: sandboxes re-attached from the last session lose it`);
  }
  await recordServicePorts(dir, {
    validation: validationAt.port,
    ...(gatewayAt === undefined ? {} : { gateway: gatewayAt.port }),
  });
  const progress = createProgress(options.progress, manifest.runs, hostname(), options.now);
  const deps: RunDeps = {
    runtime,
    grading: options.grading,
    validation,
    gateway: gateway === null ? null : { registry: gateway, budget: manifest.llm_gateway?.budget ?? {} },
    network,
    ...(options.harnessAddress === undefined ? {} : { harnessAddress: options.harnessAddress }),
    ...(options.engineLossWindowMs === undefined ? {} : { engineLossWindowMs: options.engineLossWindowMs }),
    ...(options.diskCheckIntervalMs === undefined ? {} : { diskCheckIntervalMs: options.diskCheckIntervalMs }),
    now: options.now,
    stopGraceSeconds: options.stopGraceSeconds ?? 30,
    retry: options.retry ?? { retries: 3, minTimeoutMs: 2000 },
    // per output folder; the read caps bound the time a hostile archive (sparse files, file floods) costs
    extractLimits: {
      maxFileBytes: 2 * 1024 ** 3,
      maxTotalBytes: 8 * 1024 ** 3,
      maxReadBytes: 8 * 1024 ** 3,
      maxEntries: 200_000,
    },
    onState: (runId, state) => progress.update(runId, state),
    redact: redactorFor([...secretsFromEnv(process.env), ...secretsFromEnv(agent.env)]),
    tokenFor: (purpose, runId) => runToken(services, purpose, runId),
  };
  try {
    return await runGroup(dir, agent, deps, fleet);
  } finally {
    progress.finish();
    await validation.close();
    await gateway?.close();
    if (network !== null && runtime instanceof DockerRuntime)
      await runtime.removeNetwork(network.name).catch((e: unknown) => options.log(`network cleanup: ${String(e)}`));
  }
}

/**
 * Starts a service on the planned addresses; one that vanished since it was read (an interface going
 * down) gives way to every address, with a log line, rather than a session that cannot start.
 */
async function startNarrowOrWide<T>(
  hosts: string[],
  log: (line: string) => void,
  start: (hosts: string[]) => Promise<T>,
): Promise<{ hosts: string[]; started: T }> {
  try {
    return { hosts, started: await start(hosts) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL' || hosts.includes('0.0.0.0')) throw error;
    log(`listening on 0.0.0.0: ${hosts.join(', ')} cannot be bound now (${(error as Error).message})`);
    return { hosts: ['0.0.0.0'], started: await start(['0.0.0.0']) };
  }
}

function llmGatewayFor(manifest: GroupManifest, options: SessionOptions): LlmGateway | null {
  const config = manifest.llm_gateway;
  if (config === undefined) return null;
  if (options.llmApiKey === undefined)
    throw new Error(
      `run group ${manifest.group_id} uses the LLM gateway: set $${config.api_key_env} to the provider key`,
    );
  return new LlmGateway({
    upstream: { baseUrl: config.base_url, apiKey: options.llmApiKey },
    log: options.log,
    prices: pricesWith(config.prices),
  });
}

/** The group's internal network in isolated mode (Docker only), or null for Docker's default bridge. */
async function isolatedNetwork(manifest: GroupManifest, runtime: Runtime) {
  if (manifest.network !== 'isolated') return null;
  if (!(runtime instanceof DockerRuntime))
    throw new RuntimeError('--network isolated needs the docker runtime (the local runtime isolates nothing)');
  return runtime.ensureInternalNetwork(sandboxName(manifest.group_id, 'net'), { [LABELS.group]: manifest.group_id });
}
