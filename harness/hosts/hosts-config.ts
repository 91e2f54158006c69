/**
 * `hosts.yaml`: the Docker hosts Podium spreads runs over. Each host is reached by a unix socket,
 * TCP (+TLS) or SSH; its GPUs are discovered (a short nvidia-smi container) or declared, and its CPUs
 * and memory come from `docker info` unless declared. Errors name the file and the field.
 *
 *   schema_version: 1
 *   requeue: once                       # always | never | once: runs of a host that goes down
 *   health: { interval: 30s, failures: 3 }
 *   gpu_query_image: nvidia/cuda:12.4.1-base-ubuntu22.04   # must be on the hosts: Podium never pulls
 *   hosts:
 *     - name: gpu-a
 *       docker: ssh://ubuntu@10.0.0.6            # or unix:///var/run/docker.sock, tcp://10.0.0.5:2376
 *       tls: { ca: ca.pem, cert: cert.pem, key: key.pem }   # tcp only; paths relative to hosts.yaml
 *       gpus: [{ index: 0, uuid: GPU-…, model: NVIDIA H100 80GB HBM3 }]   # or: discover (default)
 *       gpu_request: device_requests      # or env: NVIDIA_VISIBLE_DEVICES only
 *       cpus: 32
 *       memory: 256g
 *       harness_address: 10.0.0.2         # this machine's IP as that host sees it (remote hosts)
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ByteSize, Duration } from '../agents/agent-config.js';
import { parseYamlConfig } from '../registry/yaml-config.js';
import { readFile } from 'node:fs/promises';
import { RequeuePolicy } from './requeue-policy.js';

const HOST_NAME = /^[a-z0-9][a-z0-9_.-]*$/i;

export const DeclaredGpu = z.strictObject({
  index: z.number().int().nonnegative(),
  uuid: z
    .string()
    .regex(/^GPU-[0-9a-f-]+$/i, "must look like 'GPU-…' (nvidia-smi's uuid)")
    .optional(),
  model: z.string().min(1).optional(),
});
export type DeclaredGpu = z.infer<typeof DeclaredGpu>;

/** unix:///path, tcp://host:port or ssh://[user@]host[:port]. */
const DockerAddress = z.string().superRefine((text, ctx) => {
  const problem = addressProblem(text);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

function addressProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not an address: expected unix:///path/docker.sock, tcp://host:port or ssh://user@host`;
  }
  if (url.protocol === 'unix:') return url.pathname.startsWith('/') ? null : 'a unix socket needs an absolute path';
  if (url.protocol === 'tcp:') return url.hostname !== '' && url.port !== '' ? null : 'tcp:// needs host:port';
  if (url.protocol === 'ssh:') return url.hostname !== '' ? null : 'ssh:// needs a host';
  return `unsupported scheme '${url.protocol}': expected unix://, tcp:// or ssh://`;
}

/** An IP that sandboxes reach the harness at (Docker extra hosts and k8s hostAliases take no names). */
export const HarnessAddress = z.union([z.ipv4(), z.ipv6()], {
  error: 'an IPv4 or IPv6 address (Docker extra hosts and k8s host aliases take no names)',
});

export const HostEntry = z
  .strictObject({
    name: z.string().regex(HOST_NAME, 'letters, digits, dots, dashes and underscores'),
    docker: DockerAddress,
    tls: z.strictObject({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) }).optional(),
    gpus: z.union([z.literal('discover'), z.array(DeclaredGpu)]).default('discover'),
    /**
     * How pinned GPUs reach a container: Docker DeviceRequests with DeviceIDs (default), or only the
     * NVIDIA_VISIBLE_DEVICES variable, for engines whose default runtime is nvidia (nvidia-docker2) —
     * and for tests with declared, fake GPUs on machines without any.
     */
    gpu_request: z.enum(['device_requests', 'env']).default('device_requests'),
    cpus: z.number().positive().optional(),
    memory: ByteSize.optional(),
    /**
     * The IP at which containers on this host reach the machine running Podium (its validation
     * service and LLM gateway). Default: Docker's host-gateway, which is the host itself: right for
     * engines on the harness's machine only.
     */
    harness_address: HarnessAddress.optional(),
  })
  .superRefine((host, ctx) => {
    if (host.tls !== undefined && !host.docker.startsWith('tcp://'))
      ctx.addIssue({ code: 'custom', path: ['tls'], message: 'tls applies to tcp:// hosts only' });
    if (Array.isArray(host.gpus)) {
      const seen = new Set<number>();
      host.gpus.forEach((gpu, i) => {
        if (seen.has(gpu.index))
          ctx.addIssue({ code: 'custom', path: ['gpus', i, 'index'], message: `index ${gpu.index} is listed twice` });
        seen.add(gpu.index);
      });
    }
  });
export type HostEntry = z.infer<typeof HostEntry>;

export const HostsConfig = z
  .strictObject({
    schema_version: z.literal(1),
    requeue: RequeuePolicy.default('once'),
    health: z
      .strictObject({ interval: Duration.default(30), failures: z.number().int().positive().default(3) })
      .default({ interval: 30, failures: 3 }),
    gpu_query_image: z.string().min(1).default('nvidia/cuda:12.4.1-base-ubuntu22.04'),
    hosts: z.array(HostEntry).min(1),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.hosts.forEach((host, i) => {
      if (seen.has(host.name))
        ctx.addIssue({ code: 'custom', path: ['hosts', i, 'name'], message: `'${host.name}' is listed twice` });
      seen.add(host.name);
    });
  });
export type HostsConfig = z.infer<typeof HostsConfig>;

/** No hosts.yaml: the local engine ($DOCKER_HOST, else the default socket) as the only host. */
export function defaultHostsConfig(env: NodeJS.ProcessEnv = process.env): HostsConfig {
  const docker = env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
  return HostsConfig.parse({ schema_version: 1, hosts: [{ name: 'local', docker }] });
}

export function parseHostsConfig(shown: string, text: string, baseDir: string): HostsConfig {
  const config = parseYamlConfig(shown, text, HostsConfig);
  // TLS paths are relative to the hosts file, so one config works from any working directory
  for (const host of config.hosts) {
    if (host.tls !== undefined)
      host.tls = {
        ca: resolve(baseDir, host.tls.ca),
        cert: resolve(baseDir, host.tls.cert),
        key: resolve(baseDir, host.tls.key),
      };
  }
  return config;
}

export async function loadHostsConfig(file: string): Promise<HostsConfig> {
  return parseHostsConfig(file, await readFile(file, 'utf8'), dirname(resolve(file)));
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

/**
 * Whether containers on `host` need `harness_address` to reach the harness: Docker's host-gateway
 * names the engine's own machine, which is the harness's only for a unix socket or a loopback TCP
 * address. SSH and other TCP hosts are taken to be other machines.
 */
export function needsHarnessAddress(host: HostEntry): boolean {
  if (host.harness_address !== undefined) return false;
  const url = new URL(host.docker);
  return url.protocol === 'ssh:' || (url.protocol === 'tcp:' && !LOOPBACK.test(url.hostname));
}
