/**
 * SandboxSpec → Kubernetes Pod. Pure, so the manifest is unit-tested without a cluster.
 *
 * Why a bare Pod and not a Job: the harness already owns retries (a Job would restart or recreate the
 * agent behind its back, and re-create a pod the harness deleted at the deadline), and one pod with a
 * known name is what we exec into, read logs from and delete. `restartPolicy: Never`.
 *
 * Why two containers: outputs leave through `exec tar -c`, and a terminated container cannot be exec'd
 * into. The agent runs in `agent`; a tiny `podium-helper` container shares its /home (an emptyDir) and
 * keeps running after the agent ends, so the harness reads the agent's exit code from containerStatuses
 * and then still tars /home/{submission,logs,code} out, and only then deletes the pod.
 *
 * "Created but not started" (Docker's create/putArchive/start) is a gate: the agent container's shell
 * waits for /home/.podium/start (written by start() through the helper), then execs the agent's argv.
 * The pod shares one PID namespace (the pause process is PID 1, reaping zombies as docker-init does), so
 * the agent is not PID 1 and SIGTERM has its default effect; stop() signals the pid the gate recorded.
 */
import { createHash } from 'node:crypto';
import type {
  V1Container,
  V1HostAlias,
  V1Pod,
  V1ResourceRequirements,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import { sandboxPathEnv } from './docker-create-options.js';
import { LABELS, RuntimeError } from './runtime.js';
import type { Mount, SandboxSpec } from './sandbox-spec.js';

export const AGENT_CONTAINER = 'agent';
export const HELPER_CONTAINER = 'podium-helper';
/** Every writable path the harness puts files into or reads outputs from lives on this shared emptyDir. */
export const SHARED_HOME = '/home';
export const CONTROL_DIR = '/home/.podium';
export const START_FILE = `${CONTROL_DIR}/start`;
export const PID_FILE = `${CONTROL_DIR}/agent.pid`;
export const ANNOTATIONS = {
  name: 'podium.sandbox-name',
  labels: 'podium.labels',
  startedAt: 'podium.started-at',
} as const;
export const GPU_RESOURCE = 'nvidia.com/gpu';
/** The label NVIDIA's GPU feature discovery puts on nodes, e.g. 'NVIDIA-H100-80GB-HBM3'. */
export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';

/**
 * `sh -c GATE <workdir> argv...`: record our pid (exec keeps it), make and enter the workdir as the agent's
 * user, wait for the gate, become the agent. Not the container's workingDir: the runtime would create a
 * missing one as root, and the agent could not write its own working folder.
 */
const GATE_SCRIPT = [
  `mkdir -p ${CONTROL_DIR} && echo $$ > ${PID_FILE} || exit 125`,
  'if [ -n "$0" ]; then mkdir -p "$0" && cd "$0" || exit 125; fi',
  `while [ ! -e ${START_FILE} ]; do sleep 0.2; done`,
  'exec "$@"',
].join('\n');
/** The helper only has to stay alive for exec; it ends at once on SIGTERM when the pod is deleted. */
const HELPER_SCRIPT = 'trap "exit 0" TERM; while true; do sleep 1; done';

export interface DataVolume {
  /** A PVC holding the harness's data dir (`<id>/prepared/public/...`), mounted read-only. */
  claimName: string;
  /** The data dir on the harness host: a mount's hostPath below it becomes the PVC subPath. */
  hostRoot: string;
}

export interface PodOptions {
  namespace: string;
  dataVolume?: DataVolume;
  /** Node selector value for GPU_PRODUCT_LABEL when the spec asks for GPUs. */
  gpuProduct?: string;
  /** Image of the helper container (needs sh, tar, kill); defaults to the agent's image. */
  helperImage?: string;
  /** activeDeadlineSeconds = spec.timeLimitSeconds + this: a backstop if the harness is gone. */
  deadlineMarginSeconds: number;
}

/** Label values: ≤ 63 chars of [A-Za-z0-9-_.], alphanumeric at both ends (or empty). */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** A value Kubernetes accepts as-is, else a stable digest; the originals are kept in an annotation. */
export function labelValue(value: string): string {
  return LABEL_VALUE.test(value) ? value : `h-${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}

/** Equality selector for `list(labels)`, with the values encoded the way podManifest encodes them. */
export function labelSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${labelValue(value)}`)
    .join(',');
}

/** A DNS-1123 name ≤ 62 chars (so it is also the pod's hostname), unique per sandbox name. */
export function podName(sandboxName: string): string {
  const readable = sandboxName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 53)
    .replace(/-+$/, '');
  const digest = createHash('sha256').update(sandboxName).digest('hex').slice(0, 8);
  return `${readable === '' ? 'podium' : readable}-${digest}`;
}

/** Kubernetes needs numeric ids (it cannot read the image's /etc/passwd before running it). */
export function numericUser(user: string): { uid: number; gid: number } {
  const match = /^(\d+)(?::(\d+))?$/.exec(user);
  if (match === null) {
    throw new RuntimeError(`k8s: user '${user}' must be numeric 'uid' or 'uid:gid' (pods run as numeric ids)`);
  }
  const uid = Number(match[1]);
  if (uid === 0) throw new RuntimeError('k8s: the agent never runs as root (uid 0)');
  return { uid, gid: match[2] === undefined ? uid : Number(match[2]) };
}

function resources(spec: SandboxSpec): V1ResourceRequirements {
  const { nanoCpus, memoryBytes, diskBytes, gpus } = spec.resources;
  const amounts: Record<string, string> = {};
  if (nanoCpus !== undefined) amounts['cpu'] = `${Math.ceil(nanoCpus / 1e6)}m`;
  if (memoryBytes !== undefined) amounts['memory'] = String(memoryBytes);
  // the kubelet evicts a pod past it: the harness's own disk watch is for engines without quotas
  if (diskBytes !== undefined) amounts['ephemeral-storage'] = String(diskBytes);
  if (gpus !== undefined) {
    if (!('count' in gpus)) {
      throw new RuntimeError('k8s: GPUs are scheduled by count; pinned device ids cannot be honoured on Kubernetes');
    }
    amounts[GPU_RESOURCE] = String(gpus.count);
  }
  // requests = limits: the Guaranteed QoS class, so a run gets what it asked for and never less.
  return Object.keys(amounts).length === 0 ? {} : { requests: { ...amounts }, limits: { ...amounts } };
}

function dataMount(mount: Mount, dataVolume: DataVolume | undefined): V1VolumeMount {
  const root = dataVolume?.hostRoot.replace(/\/+$/, '');
  if (dataVolume === undefined || root === undefined) {
    throw new RuntimeError(
      `k8s: ${mount.containerPath} needs the data on a PersistentVolumeClaim (--k8s-data-pvc); host folders cannot be mounted`,
    );
  }
  if (mount.hostPath !== root && !mount.hostPath.startsWith(`${root}/`)) {
    throw new RuntimeError(`k8s: ${mount.hostPath} is not inside the data dir ${root} that the PVC holds`);
  }
  if (!mount.readOnly) throw new RuntimeError(`k8s: ${mount.containerPath}: only read-only data mounts are supported`);
  const subPath = mount.hostPath.slice(root.length + 1);
  return {
    name: 'data',
    mountPath: mount.containerPath,
    readOnly: true,
    ...(subPath === '' ? {} : { subPath }),
  };
}

/**
 * Docker's extra hosts (`name:ip`) as the pod's /etc/hosts entries, one per IP. `host-gateway` is a
 * Docker word with no meaning in a cluster, so such entries are dropped.
 */
function hostAliases(extraHosts: readonly string[]): V1HostAlias[] {
  const byIp = new Map<string, string[]>();
  for (const entry of extraHosts) {
    const colon = entry.indexOf(':');
    const [name, ip] = [entry.slice(0, colon), entry.slice(colon + 1)];
    if (colon <= 0 || ip === 'host-gateway') continue;
    byIp.set(ip, [...(byIp.get(ip) ?? []), name]);
  }
  return [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
}

export function podManifest(spec: SandboxSpec, options: PodOptions): V1Pod {
  const { uid, gid } = numericUser(spec.user);
  const env = { ...sandboxPathEnv(), ...spec.env };
  const labels = { ...spec.labels, [LABELS.managed]: 'true' };
  const aliases = hostAliases(spec.extraHosts);
  const wantsGpus = spec.resources.gpus !== undefined;
  const volumes: V1Volume[] = [{ name: 'home', emptyDir: {} }];
  const shared: V1VolumeMount[] = [{ name: 'home', mountPath: SHARED_HOME }];
  const data = spec.mounts.map((mount) => dataMount(mount, options.dataVolume));
  if (data.length > 0 && options.dataVolume !== undefined) {
    volumes.push({
      name: 'data',
      persistentVolumeClaim: { claimName: options.dataVolume.claimName, readOnly: true },
    });
  }
  const agentMounts = [...shared, ...data];
  if (spec.resources.shmSizeBytes !== undefined) {
    volumes.push({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: String(spec.resources.shmSizeBytes) } });
    agentMounts.push({ name: 'shm', mountPath: '/dev/shm' });
  }
  const hardened = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
  };
  const agent: V1Container = {
    name: AGENT_CONTAINER,
    image: spec.image,
    command: ['sh', '-c', GATE_SCRIPT, spec.workdir ?? '', ...spec.command],
    env: Object.entries(env).map(([name, value]) => ({ name, value })),
    resources: resources(spec),
    securityContext: hardened,
    volumeMounts: agentMounts,
  };
  const helper: V1Container = {
    name: HELPER_CONTAINER,
    image: options.helperImage ?? spec.image,
    command: ['sh', '-c', HELPER_SCRIPT],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    securityContext: hardened,
    // the helper sees the data too, so getArchive of /home/data works as in Docker
    volumeMounts: [...shared, ...data],
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(spec.name),
      namespace: options.namespace,
      labels: Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, labelValue(value)])),
      annotations: { [ANNOTATIONS.name]: spec.name, [ANNOTATIONS.labels]: JSON.stringify(labels) },
    },
    spec: {
      restartPolicy: 'Never',
      shareProcessNamespace: true,
      // the agent gets no credentials for the cluster it runs on
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      ...(spec.timeLimitSeconds === undefined
        ? {}
        : { activeDeadlineSeconds: Math.ceil(spec.timeLimitSeconds) + options.deadlineMarginSeconds }),
      securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid },
      ...(wantsGpus && options.gpuProduct !== undefined
        ? { nodeSelector: { [GPU_PRODUCT_LABEL]: options.gpuProduct } }
        : {}),
      // GPU nodes are commonly tainted so that only pods asking for GPUs land there
      ...(wantsGpus ? { tolerations: [{ key: GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' }] } : {}),
      ...(aliases.length === 0 ? {} : { hostAliases: aliases }),
      containers: [agent, helper],
      volumes,
    },
  };
}
