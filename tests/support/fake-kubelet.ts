/**
 * The fake API server's kubelet: runs each pod as Docker containers on the local engine, so that the
 * k8s runtime's exec, tar, logs, signals and exit codes are real. A pause container holds the pod's PID
 * and network namespaces (shareProcessNamespace → the pod's containers join its PID namespace), an
 * emptyDir is a host temp folder, a PVC is a host folder the test names, `limits.memory` is the cgroup
 * limit (so an OOM kill is real), and the container securityContext maps to User, CapDrop and
 * no-new-privileges. Test support only: the harness itself never imports dockerode outside docker-runtime.ts.
 */
import { mkdirSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import Docker from 'dockerode';
import { FrameParser, interleavedPayloads } from '../../harness/runtime/docker-frames.js';
import type { FakeExec, FakeKubelet } from './fake-k8s-api.js';

const NEVER = '0001-01-01T00:00:00Z';

export interface DockerKubeletOptions {
  /** Image of the pause container (anything with sh and sleep). */
  pauseImage: string;
  /** PVC claim name → host folder. */
  volumes: Record<string, string>;
  /** Label put on every container, for the test's own cleanup. */
  label: string;
}

interface PodContainers {
  pause: Docker.Container;
  byName: Map<string, Docker.Container>;
  dirs: string;
}

/** Kubernetes quantities the tests use: plain bytes, Ki/Mi/Gi. */
function bytes(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity);
  if (match === null) throw new Error(`fake kubelet: unsupported quantity ${quantity}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

export class DockerKubelet implements FakeKubelet {
  private readonly docker = new Docker();
  private readonly pods = new Map<string, PodContainers>();

  constructor(private readonly options: DockerKubeletOptions) {}

  private key(pod: V1Pod): string {
    return `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  }

  async run(pod: V1Pod): Promise<void> {
    const name = pod.metadata?.name ?? 'pod';
    const spec = pod.spec;
    if (spec === undefined) throw new Error('no spec');
    const dirs = mkdtempSync(join(tmpdir(), `podium-fake-kubelet-${name}-`));
    const labels = { [this.options.label]: 'true' };
    const pause = await this.docker.createContainer({
      name: `${this.options.label}-${name}-pause`,
      Image: this.options.pauseImage,
      Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
      Labels: labels,
      // the pod's network namespace: the default bridge, with the pod's hostAliases in its /etc/hosts
      HostConfig: {
        NetworkMode: 'bridge',
        Init: true,
        ExtraHosts: (spec.hostAliases ?? []).flatMap((a) => (a.hostnames ?? []).map((h) => `${h}:${a.ip}`)),
      },
    });
    await pause.start();
    const entry: PodContainers = { pause, byName: new Map(), dirs };
    this.pods.set(this.key(pod), entry);
    const binds = (container: V1Container) =>
      (container.volumeMounts ?? []).map((mount) => {
        const volume = spec.volumes?.find((v) => v.name === mount.name);
        let host: string;
        if (volume?.emptyDir !== undefined) {
          host = join(dirs, mount.name);
          mkdirSync(host, { recursive: true });
          chmodSync(host, 0o777); // emptyDirs are world-writable
        } else if (volume?.persistentVolumeClaim !== undefined) {
          const root = this.options.volumes[volume.persistentVolumeClaim.claimName];
          if (root === undefined) throw new Error(`no PVC ${volume.persistentVolumeClaim.claimName}`);
          host = mount.subPath === undefined ? root : join(root, mount.subPath);
        } else throw new Error(`fake kubelet: unsupported volume ${mount.name}`);
        const readOnly = mount.readOnly === true || volume?.persistentVolumeClaim?.readOnly === true;
        return `${host}:${mount.mountPath}${readOnly ? ':ro' : ''}`;
      });
    const start = async (container: V1Container) => {
      const security = { ...spec.securityContext, ...container.securityContext };
      const memory = bytes(container.resources?.limits?.['memory']);
      const created = await this.docker.createContainer({
        name: `${this.options.label}-${name}-${container.name}`,
        Image: container.image ?? '',
        Entrypoint: container.command ?? [],
        Cmd: container.args ?? [],
        Env: (container.env ?? []).map((e) => `${e.name}=${e.value ?? ''}`),
        ...(container.workingDir === undefined ? {} : { WorkingDir: container.workingDir }),
        ...(security.runAsUser === undefined
          ? {}
          : { User: `${security.runAsUser}:${security.runAsGroup ?? security.runAsUser}` }),
        Labels: labels,
        HostConfig: {
          Binds: binds(container),
          NetworkMode: `container:${pause.id}`,
          ...(spec.shareProcessNamespace === true ? { PidMode: `container:${pause.id}` } : {}),
          ...(memory === undefined ? {} : { Memory: memory, MemorySwap: memory }),
          CapDrop: container.securityContext?.capabilities?.drop ?? [],
          SecurityOpt: security.allowPrivilegeEscalation === false ? ['no-new-privileges'] : [],
          ...(spec.securityContext?.fsGroup === undefined ? {} : { GroupAdd: [String(spec.securityContext.fsGroup)] }),
        },
      });
      entry.byName.set(container.name, created);
      await created.start();
    };
    await Promise.all(spec.containers.map(start));
  }

  private containers(pod: V1Pod): PodContainers {
    const entry = this.pods.get(this.key(pod));
    if (entry === undefined) throw new Error(`fake kubelet: pod ${this.key(pod)} is not running`);
    return entry;
  }

  private container(pod: V1Pod, name: string): Docker.Container {
    const container = this.containers(pod).byName.get(name);
    if (container === undefined) throw new Error(`fake kubelet: no container ${name}`);
    return container;
  }

  async statuses(pod: V1Pod): Promise<V1ContainerStatus[] | undefined> {
    const entry = this.pods.get(this.key(pod));
    if (entry === undefined) return undefined;
    const statuses: V1ContainerStatus[] = [];
    for (const spec of pod.spec?.containers ?? []) {
      const container = entry.byName.get(spec.name);
      const base = { name: spec.name, image: spec.image ?? '', imageID: '', restartCount: 0 };
      if (container === undefined) {
        statuses.push({ ...base, ready: false, state: { waiting: { reason: 'ContainerCreating' } } });
        continue;
      }
      const { State: state } = await container.inspect();
      const containerID = `docker://${container.id}`;
      if (state.Running) {
        statuses.push({
          ...base,
          containerID,
          ready: true,
          started: true,
          state: { running: { startedAt: new Date(state.StartedAt) } },
        });
      } else if (state.StartedAt !== NEVER) {
        const reason = state.OOMKilled ? 'OOMKilled' : state.ExitCode === 0 ? 'Completed' : 'Error';
        statuses.push({
          ...base,
          containerID,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode: state.ExitCode,
              reason,
              startedAt: new Date(state.StartedAt),
              finishedAt: new Date(state.FinishedAt),
              containerID,
            },
          },
        });
      } else {
        statuses.push({ ...base, ready: false, state: { waiting: { reason: 'ContainerCreating' } } });
      }
    }
    return statuses;
  }

  async exec(pod: V1Pod, name: string, argv: string[], stdin: boolean): Promise<FakeExec> {
    const exec = await this.container(pod, name).exec({
      Cmd: argv,
      AttachStdin: stdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    const stream = await exec.start({ hijack: true, stdin });
    const output = new PassThrough({ objectMode: true });
    const parser = new FrameParser();
    stream.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        if (frame.stream === 1 || frame.stream === 2) output.write({ channel: frame.stream, data: frame.data });
      }
    });
    stream.on('end', () => output.end());
    stream.on('close', () => output.end());
    stream.on('error', () => output.end());
    return {
      write: (data) => void stream.write(data),
      end: () => void stream.end(),
      output,
      exitCode: async () => {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const info = await exec.inspect();
          if (!info.Running && info.ExitCode !== null) return info.ExitCode;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('fake kubelet: exec ended without an exit code');
      },
    };
  }

  async logs(pod: V1Pod, name: string, follow: boolean): Promise<Readable> {
    const container = this.container(pod, name);
    const options = { stdout: true, stderr: true, timestamps: false } as const;
    if (!follow) {
      const buffer = await container.logs({ ...options, follow: false });
      return Readable.from(new FrameParser().push(Buffer.from(buffer)).map((f) => f.data));
    }
    const stream = (await container.logs({ ...options, follow: true })) as Readable;
    return stream.pipe(interleavedPayloads());
  }

  async delete(pod: V1Pod, graceSeconds: number): Promise<void> {
    const entry = this.pods.get(this.key(pod));
    if (entry === undefined) return;
    this.pods.delete(this.key(pod));
    const all = [...entry.byName.values()];
    await Promise.all(all.map((c) => c.stop({ t: graceSeconds }).catch(() => undefined)));
    for (const container of [...all, entry.pause]) await container.remove({ force: true }).catch(() => undefined);
    rmSync(entry.dirs, { recursive: true, force: true });
  }
}
