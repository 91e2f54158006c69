/**
 * The hosts of a hosts.yaml made ready for a run group: connected, inventoried, and holding the
 * agent's image. A host missing the image gets it with `docker save | docker load` from the local
 * engine or another host that has it, and is built there from the agent's Dockerfile only when no
 * engine has it. A host that does not answer or cannot get the image starts down (the health monitor
 * brings it in if it answers later, image permitting).
 */
import type { AgentLaunch } from '../runs/agent-launch.js';
import { ensureAgentImage } from '../runs/agent-image.js';
import { DockerRuntime } from '../runtime/docker-runtime.js';
import { ensureBusyboxImage } from '../runtime/busybox-image.js';
import { wallClock } from './clock.js';
import { hostCapacity } from './host-inventory.js';
import type { HostsConfig } from './hosts-config.js';
import { openHosts, type OpenHost } from './open-hosts.js';
import type { HostFleet } from './run-on-hosts.js';

export class NoUsableHostError extends Error {
  constructor(problems: readonly string[]) {
    super(`no host of the hosts file can take runs:\n${problems.join('\n')}`);
    this.name = 'NoUsableHostError';
  }
}

/** Copies `image` into `target` from the first of `sources` that has it; false when none has it. */
export async function copyImage(
  image: string,
  sources: readonly DockerRuntime[],
  target: DockerRuntime,
): Promise<boolean> {
  for (const source of sources) {
    if (!(await source.imageExists(image).catch(() => false))) continue;
    await target.loadImage(await source.saveImage(image));
    return true;
  }
  return false;
}

async function prepareHost(
  host: OpenHost,
  others: readonly DockerRuntime[],
  agent: AgentLaunch,
): Promise<string | null> {
  if (!host.inventory.reachable || host.inventory.error !== null)
    return `${host.entry.name}: ${host.inventory.error ?? 'unreachable'}`;
  try {
    await ensureBusyboxImage(host.runtime);
    if (!(await host.runtime.imageExists(agent.image)) && !(await copyImage(agent.image, others, host.runtime)))
      await ensureAgentImage(host.runtime, agent);
    return null;
  } catch (error) {
    return `${host.entry.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function openFleet(config: HostsConfig, agent: AgentLaunch): Promise<HostFleet> {
  const hosts = await openHosts(config);
  const local = new DockerRuntime();
  const problems: (string | null)[] = [];
  for (const host of hosts) {
    const others = [local, ...hosts.filter((h) => h !== host && h.inventory.reachable).map((h) => h.runtime)];
    problems.push(await prepareHost(host, others, agent));
  }
  if (problems.every((p) => p !== null)) throw new NoUsableHostError(problems as string[]);
  return {
    hosts: hosts.map((host, i) => ({
      name: host.entry.name,
      runtime: host.runtime,
      capacity: { ...hostCapacity(host.inventory), up: problems[i] === null },
      gpusByEnv: host.entry.gpu_request === 'env',
      ...(host.entry.harness_address === undefined ? {} : { harnessAddress: host.entry.harness_address }),
    })),
    requeue: config.requeue,
    health: { intervalMs: config.health.interval * 1000, failuresToDown: config.health.failures },
    clock: wallClock,
  };
}
