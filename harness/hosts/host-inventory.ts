/**
 * Connecting to the hosts of a hosts.yaml and taking their inventory: reachability, `docker info`
 * (CPUs, memory) unless declared, and GPUs declared or discovered by a short nvidia-smi container
 * with a DeviceRequest for every GPU. A host without the NVIDIA runtime has no GPUs; any other
 * failure of the query is reported, never read as "no GPUs".
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../runtime/busybox-image.js';
import { DockerRuntime, type DockerConnection, type EngineInfo } from '../runtime/docker-runtime.js';
import { RuntimeError } from '../runtime/runtime.js';
import { SandboxSpec } from '../runtime/sandbox-spec.js';
import type { HostCapacity } from './allocator.js';
import type { HostEntry } from './hosts-config.js';
import { NVIDIA_SMI_QUERY, parseNvidiaSmiInventory } from './nvidia-smi.js';

export interface InventoryGpu {
  /** What DeviceRequests' DeviceIDs gets: the uuid when known (stable across reboots), else the index. */
  id: string;
  index: number;
  uuid: string | null;
  model: string | null;
}

export interface HostInventory {
  name: string;
  address: string;
  reachable: boolean;
  /** Why the host or part of its inventory is unusable; null when all is well. */
  error: string | null;
  engine: EngineInfo | null;
  gpus: InventoryGpu[];
  gpuSource: 'declared' | 'discovered' | 'none';
  nanoCpus: number;
  memoryBytes: number;
}

export async function connectionFor(entry: HostEntry): Promise<DockerConnection> {
  const url = new URL(entry.docker);
  if (url.protocol === 'unix:') return { kind: 'socket', socketPath: url.pathname };
  if (url.protocol === 'tcp:') {
    const port = Number(url.port);
    if (entry.tls === undefined) return { kind: 'tcp', host: url.hostname, port };
    const [ca, cert, key] = await Promise.all([entry.tls.ca, entry.tls.cert, entry.tls.key].map((f) => readFile(f)));
    return {
      kind: 'tcp',
      host: url.hostname,
      port,
      tls: { ca: ca as Buffer, cert: cert as Buffer, key: key as Buffer },
    };
  }
  return {
    kind: 'ssh',
    host: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
  };
}

/** A throwaway container given every GPU of the host; `network: none`, removed afterwards. */
function gpuQuerySpec(image: string, command: string[]): SandboxSpec {
  return SandboxSpec.parse({
    name: `podium-gpu-query-${randomBytes(4).toString('hex')}`,
    image,
    command,
    user: '65534:65534',
    labels: {},
    resources: { gpus: { all: true } },
    networkMode: 'none',
  });
}

/** Docker's answer at start when no GPU device driver (nvidia-container-toolkit) is installed. */
const NO_GPU_DRIVER = /could not select device driver/i;

/**
 * Whether the engine can give containers GPUs: a busybox container (imported here if missing, so this
 * works on any host) asking for every GPU starts only when the NVIDIA device driver is there.
 */
async function hasGpuDriver(runtime: DockerRuntime): Promise<boolean> {
  await ensureBusyboxImage(runtime);
  const sandbox = await runtime.create(gpuQuerySpec(BUSYBOX_IMAGE, ['true']));
  try {
    await sandbox.start();
    await sandbox.wait();
    return true;
  } catch (error) {
    if (error instanceof RuntimeError && NO_GPU_DRIVER.test(error.message)) return false;
    throw error;
  } finally {
    await sandbox.remove().catch(() => undefined);
  }
}

/**
 * Runs nvidia-smi in a throwaway container given every GPU (the NVIDIA runtime mounts the binary and
 * driver into it; the image must have a C library); [] when the host has no NVIDIA device driver.
 */
export async function discoverGpus(runtime: DockerRuntime, image: string): Promise<InventoryGpu[]> {
  if (!(await hasGpuDriver(runtime))) return [];
  const sandbox = await runtime.create(gpuQuerySpec(image, NVIDIA_SMI_QUERY));
  try {
    await sandbox.start();
    const exit = await sandbox.wait();
    const chunks: Buffer[] = [];
    for await (const chunk of await sandbox.logs()) chunks.push(Buffer.from(chunk as Buffer));
    const output = Buffer.concat(chunks).toString('utf8');
    if (exit.exitCode !== 0)
      throw new RuntimeError(`nvidia-smi exited with ${exit.exitCode}: ${output.trim().slice(0, 300)}`);
    return parseNvidiaSmiInventory(output).map((g) => ({ id: g.uuid, index: g.index, uuid: g.uuid, model: g.model }));
  } finally {
    await sandbox.remove().catch(() => undefined);
  }
}

export async function takeInventory(
  entry: HostEntry,
  runtime: DockerRuntime,
  gpuQueryImage: string,
): Promise<HostInventory> {
  const inventory: HostInventory = {
    name: entry.name,
    address: entry.docker,
    reachable: false,
    error: null,
    engine: null,
    gpus: [],
    gpuSource: 'none',
    nanoCpus: Math.round((entry.cpus ?? 0) * 1e9),
    memoryBytes: entry.memory ?? 0,
  };
  const problem = await runtime.pingProblem();
  if (problem !== null) return { ...inventory, error: `no Docker engine answers at ${entry.docker}: ${problem}` };
  inventory.reachable = true;
  try {
    inventory.engine = await runtime.info();
    if (entry.cpus === undefined) inventory.nanoCpus = inventory.engine.cpus * 1e9;
    if (entry.memory === undefined) inventory.memoryBytes = inventory.engine.memoryBytes;
    if (entry.gpus === 'discover') {
      inventory.gpus = await discoverGpus(runtime, gpuQueryImage);
      inventory.gpuSource = inventory.gpus.length === 0 ? 'none' : 'discovered';
    } else {
      inventory.gpus = entry.gpus.map((g) => ({
        id: g.uuid ?? String(g.index),
        index: g.index,
        uuid: g.uuid ?? null,
        model: g.model ?? null,
      }));
      inventory.gpuSource = 'declared';
    }
  } catch (error) {
    inventory.error = error instanceof Error ? error.message : String(error);
  }
  return inventory;
}

/** The allocator's view of a host: usable only when reachable and fully inventoried. */
export function hostCapacity(inventory: HostInventory): HostCapacity {
  return {
    name: inventory.name,
    up: inventory.reachable && inventory.error === null,
    gpuIds: inventory.gpus.map((g) => g.id),
    nanoCpus: inventory.nanoCpus,
    memoryBytes: inventory.memoryBytes,
  };
}
