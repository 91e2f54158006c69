/**
 * The sandbox spec of one run. The public data is bound read-only; the private answers are never
 * named here: they stay on the host, where only the grader and the validation service read them.
 */
import type { RuntimeKind } from '../runtime/runtime.js';
import { LABELS } from '../runtime/runtime.js';
import {
  SANDBOX_ENV,
  SANDBOX_PATHS,
  type SandboxSpec,
  SandboxSpec as SandboxSpecSchema,
} from '../runtime/sandbox-spec.js';
import type { AgentLaunch } from './agent-launch.js';
import type { PlannedRun } from './group-manifest.js';

/**
 * The pids limit of an agent that declares none: without one a fork bomb exhausts the host's pid table
 * (threads count too, so it is generous for data loaders). An agent config's `pids_limit` overrides it.
 */
export const DEFAULT_PIDS_LIMIT = 4096;

export interface RunSandboxFacts {
  groupId: string;
  run: PlannedRun;
  agent: AgentLaunch;
  runtime: RuntimeKind;
  publicDataDir: string;
  validationUrl: string | null;
  /** The LLM gateway's base URL and this run's token (its OPENAI_API_KEY), or null without a gateway. */
  llm?: { baseUrl: string; token: string } | null;
  /** A Docker network to attach to instead of the default bridge, with the host's address on it. */
  network?: { name: string; hostAddress: string } | null;
  /** The hosts.yaml host the run was placed on (multi-host runs only). */
  host?: string;
  /** The IP that `host.docker.internal` names in the sandbox (see RunDeps.harnessAddress). */
  harnessAddress?: string;
  /** Pinned GPUs reach the container through NVIDIA_VISIBLE_DEVICES only, not DeviceRequests. */
  gpusByEnv?: boolean;
}

/** Where a multi-host run was placed and what it holds there, read back as tenancy after a restart. */
function placementLabels(host: string, agent: AgentLaunch): Record<string, string> {
  const { nanoCpus, memoryBytes } = agent.resources;
  return {
    [LABELS.host]: host,
    ...(nanoCpus === undefined ? {} : { [LABELS.nanoCpus]: String(nanoCpus) }),
    ...(memoryBytes === undefined ? {} : { [LABELS.memoryBytes]: String(memoryBytes) }),
  };
}

/** What `podium.gpus` says: pinned device ids, `count:N`, `all`, or '' for none. */
function gpusLabel(gpus: AgentLaunch['resources']['gpus']): string {
  if (gpus === undefined) return '';
  if ('count' in gpus) return `count:${gpus.count}`;
  if ('all' in gpus) return 'all';
  return gpus.deviceIds.join(',');
}

/**
 * `host.docker.internal` → the harness, where its services (validation, LLM gateway) listen. Docker's
 * host-gateway is the engine's own machine on the default bridge: right only for a local engine. An
 * internal network reaches the harness at its gateway; k8s has no host-gateway, so only an explicit IP.
 */
function harnessHosts(facts: RunSandboxFacts): string[] {
  if (facts.runtime === 'local') return [];
  const address = facts.network?.hostAddress ?? facts.harnessAddress;
  if (address !== undefined) return [`host.docker.internal:${address}`];
  return facts.runtime === 'docker' ? ['host.docker.internal:host-gateway'] : [];
}

/** Docker container names allow [a-zA-Z0-9_.-]; group ids carry a timestamp that fits. */
export function sandboxName(groupId: string, runId: string): string {
  return `podium_${groupId}_${runId}`.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 200);
}

export function sandboxSpecForRun(facts: RunSandboxFacts): SandboxSpec {
  const { agent, run } = facts;
  const gpus = agent.resources.gpus;
  const byEnv = facts.gpusByEnv === true && gpus !== undefined && 'deviceIds' in gpus ? gpus.deviceIds : null;
  const { gpus: _asked, ...withoutGpus } = agent.resources;
  return SandboxSpecSchema.parse({
    name: sandboxName(facts.groupId, run.run_id),
    image: agent.image,
    command: agent.command,
    env: {
      ...agent.env,
      COMPETITION_ID: run.competition_id,
      PODIUM_SEED: String(run.seed),
      PODIUM_TIME_LIMIT_SECS: String(agent.timeLimitSeconds),
      ...(facts.validationUrl === null ? {} : { VALIDATION_URL: facts.validationUrl }),
      ...(byEnv === null ? {} : { NVIDIA_VISIBLE_DEVICES: byEnv.join(',') }),
      // after the agent's env: the run token replaces any OPENAI_API_KEY the agent passes through
      ...(facts.llm === null || facts.llm === undefined
        ? {}
        : { OPENAI_BASE_URL: facts.llm.baseUrl, OPENAI_API_KEY: facts.llm.token }),
      [SANDBOX_ENV.data]: SANDBOX_PATHS.data,
      [SANDBOX_ENV.submission]: SANDBOX_PATHS.submission,
      [SANDBOX_ENV.logs]: SANDBOX_PATHS.logs,
      [SANDBOX_ENV.code]: SANDBOX_PATHS.code,
      [SANDBOX_ENV.agent]: SANDBOX_PATHS.agent,
      [SANDBOX_ENV.instructions]: SANDBOX_PATHS.instructions,
    },
    workdir: SANDBOX_PATHS.agent,
    user: agent.user,
    labels: {
      [LABELS.group]: facts.groupId,
      [LABELS.run]: run.run_id,
      [LABELS.gpus]: gpusLabel(gpus),
      ...(facts.host === undefined ? {} : placementLabels(facts.host, agent)),
    },
    resources: { pidsLimit: DEFAULT_PIDS_LIMIT, ...(byEnv === null ? agent.resources : withoutGpus) },
    networkMode: facts.network?.name ?? 'bridge',
    extraHosts: harnessHosts(facts),
    mounts: [{ hostPath: facts.publicDataDir, containerPath: SANDBOX_PATHS.data, readOnly: true }],
    writableDirs: [SANDBOX_PATHS.submission, SANDBOX_PATHS.logs, SANDBOX_PATHS.code, SANDBOX_PATHS.agent],
    timeLimitSeconds: agent.timeLimitSeconds,
  });
}
