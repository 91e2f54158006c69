/**
 * Run groups: competitions × seeds of one agent, run with bounded concurrency, each run to a terminal
 * state. Creating a group writes its manifest and queues every run before anything starts; running
 * (or resuming) a group folds each run's events and finishes exactly the runs not yet terminal, after
 * removing sandboxes of this group that no unfinished run owns (left by a harness that died).
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import PQueue from 'p-queue';
import { fileExists } from '../file-exists.js';
import { runOnHosts, type HostFleet } from '../hosts/run-on-hosts.js';
import { LABELS } from '../runtime/runtime.js';
import { withSecretEnvRedacted } from '../secrets/redact.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { AgentLaunch } from './agent-launch.js';
import { executeRun, type RunDeps } from './execute-run.js';
import { orderRunsByHistory, readDurationHistory } from './duration-history.js';
import { groupDirName, groupLayout, type GroupLayout } from './group-layout.js';
import {
  type GroupManifest,
  type HardwareRecord,
  type LlmGatewayConfig,
  type NetworkMode,
  type PlannedRun,
  readManifest,
  writeManifest,
} from './group-manifest.js';
import { appendRunEvent, readRunEvents } from './run-events.js';
import { foldRunEvents, isTerminal, type RunState } from './run-state.js';

export interface NewGroup {
  runsDir: string;
  agent: AgentLaunch;
  agentConfigText: string;
  /** The agent's parsed config, recorded for disclosure. */
  agentConfig?: Record<string, unknown>;
  hardware?: HardwareRecord;
  runtime: 'docker' | 'local' | 'k8s';
  dataDir: string;
  concurrency: number;
  /** hosts.yaml (absolute) when the runs are spread over several Docker hosts. */
  hostsFile?: string;
  runs: PlannedRun[];
  network?: NetworkMode;
  llmGateway?: LlmGatewayConfig;
}

export async function createRunGroup(group: NewGroup, now: Date): Promise<GroupLayout> {
  const groupId = groupDirName(group.agent.id, now);
  const layout = groupLayout(join(group.runsDir, groupId));
  await mkdir(group.runsDir, { recursive: true });
  await mkdir(layout.dir, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EEXIST' ? new Error(`run group ${layout.dir} already exists`) : error;
  });
  const manifest: GroupManifest = {
    schema_version: 1,
    group_id: groupId,
    created_at: now.toISOString(),
    agent: {
      id: group.agent.id,
      config_hash: createHash('sha256').update(group.agentConfigText).digest('hex'),
      image: group.agent.image,
      ...(group.agentConfig === undefined ? {} : { config: withSecretEnvRedacted(group.agentConfig) }),
    },
    ...(group.hardware === undefined ? {} : { hardware: group.hardware }),
    runtime: group.runtime,
    data_dir: group.dataDir,
    time_limit_s: group.agent.timeLimitSeconds,
    concurrency: group.concurrency,
    ...(group.hostsFile === undefined ? {} : { hosts_file: group.hostsFile }),
    runs: group.runs,
    ...(group.network === undefined ? {} : { network: group.network }),
    ...(group.llmGateway === undefined ? {} : { llm_gateway: group.llmGateway }),
  };
  await writeManifest(layout.manifest, manifest);
  for (const run of group.runs) {
    const runLayout = layout.run(run.run_id);
    await mkdir(runLayout.dir, { recursive: true });
    await appendRunEvent(runLayout.events, { type: 'queued' }, now);
  }
  return layout;
}

export interface GroupOutcome {
  manifest: GroupManifest;
  states: Map<string, RunState>;
}

/**
 * Runs (or resumes) every unfinished run of the group; the agent launch must match the manifest's agent.
 * With a fleet the runs are placed on its hosts (harness/hosts); without, they all use `deps.runtime`.
 */
export async function runGroup(
  dir: string,
  agent: AgentLaunch,
  deps: RunDeps,
  fleet?: HostFleet,
): Promise<GroupOutcome> {
  const layout = groupLayout(dir);
  const manifest = await readManifest(layout.manifest);
  if (manifest.agent.id !== agent.id)
    throw new Error(`${dir} was made for agent '${manifest.agent.id}', not '${agent.id}'`);
  const states = new Map<string, RunState>();
  for (const run of manifest.runs)
    states.set(run.run_id, foldRunEvents(await readRunEvents(layout.run(run.run_id).events)));
  const onState = (runId: string, state: RunState): void => {
    states.set(runId, state);
    deps.onState?.(runId, state);
  };
  const durations = await readDurationHistory(dirname(dir), manifest.agent.id);
  if (fleet !== undefined) {
    await runOnHosts({ manifest, layout, states, agent, deps: { ...deps, onState }, fleet, durations });
    await writeSubmissionList(layout, manifest);
    return { manifest, states };
  }
  await removeOrphans(manifest, states, deps);

  const queue = new PQueue({ concurrency: manifest.concurrency });
  const pending = orderRunsByHistory(
    manifest.runs.filter((run) => !isTerminal(states.get(run.run_id) ?? foldRunEvents([]))),
    durations,
  );
  await Promise.all(
    pending.map((run) =>
      queue.add(() =>
        executeRun({ groupId: manifest.group_id, run, layout: layout.run(run.run_id), agent }, { ...deps, onState }),
      ),
    ),
  );
  await writeSubmissionList(layout, manifest);
  return { manifest, states };
}

/**
 * Sandboxes labelled with this group that no run still needs: a run needs its sandbox only while it
 * runs or waits for extraction (a harness killed after `extracted` but before the removal leaves one).
 */
async function removeOrphans(manifest: GroupManifest, states: Map<string, RunState>, deps: RunDeps): Promise<void> {
  const needed = (s: RunState) => s.status === 'running' || s.status === 'exited';
  const owned = new Set(
    [...states.values()].filter((s) => needed(s) && s.sandboxId !== null).map((s) => s.sandboxId as string),
  );
  for (const sandbox of await deps.runtime.list({ [LABELS.group]: manifest.group_id })) {
    if (owned.has(sandbox.id)) continue;
    const handle = await deps.runtime.attach(sandbox.id);
    await handle.remove();
  }
}

/** MLE-bench's `submission.jsonl`: one line per run that left a submission file, for `podium grade`. */
async function writeSubmissionList(layout: GroupLayout, manifest: GroupManifest): Promise<void> {
  const lines: string[] = [];
  for (const run of manifest.runs) {
    const file = layout.run(run.run_id).submissionFile;
    if (await fileExists(file))
      lines.push(JSON.stringify({ competition_id: run.competition_id, submission_path: file }));
  }
  await writeFileAtomic(layout.submissionList, lines.map((l) => `${l}\n`).join(''));
}
