/**
 * A run group spread over several Docker hosts: each run waits for a placement (GPUs pinned by device
 * id, CPUs and memory counted), runs on that host's engine, and goes round again when its host goes
 * down and the re-queue policy allows it.
 *
 * Before anything is placed, every host that answers is reconciled: containers of this group that no
 * unfinished run owns are removed, and the running containers left (other groups, other harnesses,
 * runs being resumed) become the tenancy the allocator starts from. A host that comes back is
 * reconciled the same way before it gets new runs. A run the previous harness left running on a host
 * continues there (re-attached) when that host answers; otherwise its attempt is a host failure.
 */
import PQueue from 'p-queue';
import type { AgentLaunch } from '../runs/agent-launch.js';
import { orderRunsByHistory } from '../runs/duration-history.js';
import { executeRun, type RunDeps } from '../runs/execute-run.js';
import type { GroupLayout } from '../runs/group-layout.js';
import type { GroupManifest, PlannedRun } from '../runs/group-manifest.js';
import { appendRunEvent, type RunEventInput } from '../runs/run-events.js';
import { applyRunEvent, INITIAL_RUN_STATE, isTerminal, type RunState } from '../runs/run-state.js';
import { LABELS, type Runtime } from '../runtime/runtime.js';
import { neverFits, type Demand, type HostCapacity, type Lease } from './allocator.js';
import type { Clock } from './clock.js';
import { dispatchRun, type AttemptResult } from './dispatch-run.js';
import { HostHealth, type HealthOptions } from './host-health.js';
import { HostScheduler } from './host-scheduler.js';
import { shouldRequeue, type RequeuePolicy } from './requeue-policy.js';
import { leaseKey, tenancyFromSandboxes } from './tenancy.js';

export interface FleetHost {
  name: string;
  runtime: Runtime & { ping(): Promise<boolean> };
  capacity: HostCapacity;
  /** Pinned GPUs go by NVIDIA_VISIBLE_DEVICES instead of DeviceRequests (hosts.yaml gpu_request: env). */
  gpusByEnv?: boolean;
  /** Where containers on this host reach the harness (hosts.yaml harness_address). */
  harnessAddress?: string;
}

export interface HostFleet {
  hosts: readonly FleetHost[];
  requeue: RequeuePolicy;
  health: HealthOptions;
  clock: Clock;
}

export interface HostsRun {
  manifest: GroupManifest;
  layout: GroupLayout;
  states: Map<string, RunState>;
  agent: AgentLaunch;
  deps: RunDeps;
  fleet: HostFleet;
  /** Competition id → expected run duration (harness/runs/duration-history.ts): longest start first. */
  durations: ReadonlyMap<string, number>;
}

/** What each run of the agent asks the allocator for. */
export function demandOf(agent: AgentLaunch): Demand {
  const gpus = agent.resources.gpus;
  if (gpus !== undefined && !('count' in gpus))
    throw new Error(
      `agent '${agent.id}' names its GPUs (resources.gpus: [ids]); on hosts from hosts.yaml the scheduler pins ` +
        'device ids itself: give a number of GPUs instead',
    );
  return {
    gpus: gpus?.count ?? 0,
    nanoCpus: agent.resources.nanoCpus ?? 0,
    memoryBytes: agent.resources.memoryBytes ?? 0,
  };
}

/** The agent with its GPUs pinned to the lease's device ids. */
function pinned(agent: AgentLaunch, gpuIds: readonly string[]): AgentLaunch {
  const { gpus: _dropped, ...rest } = agent.resources;
  return { ...agent, resources: gpuIds.length === 0 ? rest : { ...rest, gpus: { deviceIds: [...gpuIds] } } };
}

/** Removes this group's containers on `host` that no unfinished run owns; returns the host's tenancy. */
async function reconcileHost(
  host: FleetHost,
  groupId: string,
  states: ReadonlyMap<string, RunState>,
): Promise<Lease[]> {
  const owned = new Set(
    [...states.values()]
      .filter((s) => !isTerminal(s) && s.host === host.name && s.sandboxId !== null)
      .map((s) => s.sandboxId as string),
  );
  const found = await host.runtime.list({ [LABELS.managed]: 'true' });
  const kept = [];
  for (const sandbox of found) {
    if (sandbox.labels[LABELS.group] === groupId && !owned.has(sandbox.id)) {
      await (await host.runtime.attach(sandbox.id)).remove();
      continue;
    }
    kept.push(sandbox);
  }
  return tenancyFromSandboxes(host.name, host.capacity.gpuIds, kept);
}

export async function runOnHosts(input: HostsRun): Promise<void> {
  const { manifest, layout, states, agent, deps, fleet, durations } = input;
  const groupId = manifest.group_id;
  const demand = demandOf(agent);
  const byName = new Map(fleet.hosts.map((h) => [h.name, h]));
  const never = neverFits(
    fleet.hosts.map((h) => h.capacity),
    demand,
  );
  if (never !== null) throw new Error(`no host in the hosts file can hold a run of agent '${agent.id}': it ${never}`);

  const answering = new Map<string, boolean>();
  const tenancy: Lease[] = [];
  for (const host of fleet.hosts) {
    const up = host.capacity.up && (await host.runtime.ping());
    answering.set(host.name, up);
    if (up) tenancy.push(...(await reconcileHost(host, groupId, states)));
  }
  const scheduler = new HostScheduler(
    fleet.hosts.map((h) => ({ ...h.capacity, up: answering.get(h.name) === true })),
    tenancy,
    () => fleet.clock.now(),
  );
  const health = new HostHealth(
    fleet.hosts.map((h) => ({ name: h.name, ping: () => h.runtime.ping(), initiallyUp: answering.get(h.name) })),
    fleet.health,
    fleet.clock,
    {
      onDown: (name) => scheduler.setHostUp(name, false),
      onUp: async (name) => {
        const host = byName.get(name);
        if (host === undefined || !host.capacity.up) return;
        const found = await reconcileHost(host, groupId, states).catch(() => null);
        if (found !== null) scheduler.setHostUp(name, true, found);
      },
    },
  );

  const record = async (run: PlannedRun, event: RunEventInput): Promise<void> => {
    const appended = await appendRunEvent(layout.run(run.run_id).events, event, deps.now());
    const next = applyRunEvent(states.get(run.run_id) ?? INITIAL_RUN_STATE, appended);
    deps.onState?.(run.run_id, next);
  };

  const attemptOn = async (
    run: PlannedRun,
    hostName: string,
    lease: Lease | null,
    hostLost: AbortSignal,
  ): Promise<AttemptResult> => {
    const host = byName.get(hostName);
    if (host === undefined) throw new Error(`run ${run.run_id} was placed on unknown host '${hostName}'`);
    const state = await executeRun(
      {
        groupId,
        run,
        layout: layout.run(run.run_id),
        agent: lease === null ? agent : pinned(agent, lease.gpuIds),
        placement: {
          host: hostName,
          hostLost,
          confirmHostUp: () => health.confirmUp(hostName),
          requeue: fleet.requeue,
          gpusByEnv: host.gpusByEnv === true,
          ...(host.harnessAddress === undefined ? {} : { harnessAddress: host.harnessAddress }),
        },
      },
      { ...deps, runtime: host.runtime },
    );
    return state.status === 'queued' ? 'requeued' : 'finished';
  };

  const runOne = async (run: PlannedRun, order: number): Promise<void> => {
    const key = leaseKey(groupId, run.run_id);
    const state = states.get(run.run_id) ?? INITIAL_RUN_STATE;
    if (state.status === 'extracted') {
      // only grading is left: no host needed
      await executeRun({ groupId, run, layout: layout.run(run.run_id), agent }, deps);
      return;
    }
    if ((state.status === 'running' || state.status === 'exited') && state.host !== null) {
      const host = byName.get(state.host);
      if (host !== undefined && health.isUp(state.host)) {
        const held = tenancy.find((l) => l.runId === key) ?? null;
        // without a lease the attempt may only finish an existing container: a fresh start there
        // would not hold pinned GPUs, so a vanished container sends the run back to the queue
        const sandboxId = state.sandboxId;
        const present =
          held !== null ||
          (sandboxId !== null &&
            (await host.runtime.attach(sandboxId).then(
              () => true,
              () => false,
            )));
        if (present) {
          const result = await attemptOn(run, state.host, held, health.signal(state.host));
          scheduler.release(key);
          if (result === 'finished') return;
        } else {
          await record(run, {
            type: 'retry',
            attempt: state.attempts,
            message: 'sandbox lost while the harness was down',
          });
        }
      } else {
        const requeued = shouldRequeue(fleet.requeue, state.hostFailures);
        const message = `host ${state.host} does not answer after the harness restarted`;
        await record(run, { type: 'host_failed', host: state.host, message, requeued });
        if (!requeued) return;
      }
    }
    // a competition the agent never finished may take the whole time limit: the safe side for backfill
    const expectedMs = durations.get(run.competition_id) ?? manifest.time_limit_s * 1000;
    await dispatchRun({ runId: key, ...demand, expectedMs }, order, {
      scheduler,
      hostLost: (host) => health.signal(host),
      attempt: ({ lease, hostLost }) => attemptOn(run, lease.host, lease, hostLost),
    });
  };

  health.start();
  const queue = new PQueue({ concurrency: manifest.concurrency });
  try {
    const pending = orderRunsByHistory(
      manifest.runs.filter((run) => !isTerminal(states.get(run.run_id) ?? INITIAL_RUN_STATE)),
      durations,
    );
    await Promise.all(pending.map((run, order) => queue.add(() => runOne(run, order))));
  } finally {
    await health.stop();
  }
}
