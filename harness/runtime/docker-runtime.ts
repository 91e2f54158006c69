/**
 * The Docker runtime: sandboxes are containers on a Docker Engine, driven through dockerode. This is
 * the only module that imports dockerode; the spec mapping, stream demuxing and tar building live in
 * docker-*.ts helpers over plain data. Every engine failure is rethrown as a RuntimeError (with the
 * engine's error as `cause`): it is infra, never the agent's fault.
 */
import { PassThrough, Readable } from 'node:stream';
import Docker from 'dockerode';
import { containerCreateOptions, resolveOwner } from './docker-create-options.js';
import { FrameParser, interleavedPayloads, splitOutput, type Frame } from './docker-frames.js';
import { packTar } from './docker-tar.js';
import { readTarFile } from './extract-outputs.js';
import {
  LABELS,
  RuntimeError,
  type ExecResult,
  type ExitStatus,
  type Runtime,
  type Sandbox,
  type SandboxState,
  type SandboxSummary,
} from './runtime.js';
import type { SandboxSpec } from './sandbox-spec.js';

export { containerCreateOptions } from './docker-create-options.js';

export interface InternalNetwork {
  name: string;
  /** The host's address on the network (its gateway): where the harness's services answer. */
  hostAddress: string;
}

interface NetworkInfo {
  Internal?: boolean;
  IPAM?: { Config?: { Gateway?: string }[] };
}
/** How to reach an engine other than the default one (hosts.yaml). */
export type DockerConnection =
  | { kind: 'socket'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: { ca: Buffer; cert: Buffer; key: Buffer } }
  | { kind: 'ssh'; host: string; port?: number; username?: string };

export interface DockerRuntimeOptions {
  /** Defaults to dockerode's own choice: $DOCKER_HOST, else /var/run/docker.sock. */
  socketPath?: string;
  connection?: DockerConnection;
}

/** What `docker info` says about the engine's machine. */
export interface EngineInfo {
  name: string;
  cpus: number;
  memoryBytes: number;
  serverVersion: string;
}

function dockerFor(options: DockerRuntimeOptions): Docker {
  const c = options.connection;
  if (c === undefined)
    return options.socketPath === undefined ? new Docker() : new Docker({ socketPath: options.socketPath });
  if (c.kind === 'socket') return new Docker({ socketPath: c.socketPath });
  if (c.kind === 'tcp') {
    return c.tls === undefined
      ? new Docker({ protocol: 'http', host: c.host, port: c.port })
      : new Docker({ protocol: 'https', host: c.host, port: c.port, ca: c.tls.ca, cert: c.tls.cert, key: c.tls.key });
  }
  // docker-modem tunnels the Engine API through `ssh` (ssh2), authenticating with the user's agent
  const agent = process.env['SSH_AUTH_SOCK'];
  return new Docker({
    protocol: 'ssh',
    host: c.host,
    ...(c.port === undefined ? {} : { port: c.port }),
    ...(c.username === undefined ? {} : { username: c.username }),
    ...(agent === undefined ? {} : { sshOptions: { agent } }),
  } as Docker.DockerOptions);
}

/** One line of the engine's build progress stream: output text, an error, or other progress. */
export interface BuildEvent {
  stream?: string;
  error?: string;
  status?: string;
}

export interface ImageBuildOptions {
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  /** Build every step afresh (docker build --no-cache). */
  noCache?: boolean;
  /** Each progress event as it arrives, to stream the build log. */
  onEvent?: (event: BuildEvent) => void;
}

const PING_TIMEOUT_MS = 3_000;
const NEVER_STARTED = '0001-01-01T00:00:00Z';

function statusCode(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function messageOf(err: unknown): string {
  const json = (err as { json?: { message?: unknown } } | null)?.json;
  if (typeof json?.message === 'string') return json.message;
  return err instanceof Error ? err.message : String(err);
}

/** Runs one engine call; failures become RuntimeError naming the operation and the sandbox. */
async function engine<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError(`docker: ${what} failed: ${messageOf(err)}`, { cause: err });
  }
}

export class DockerRuntime implements Runtime {
  readonly kind = 'docker' as const;
  private readonly docker: Docker;

  constructor(options: DockerRuntimeOptions = {}) {
    this.docker = dockerFor(options);
  }

  /** A runtime whose engine answered a ping; RuntimeError when none answers. */
  static async connect(options: DockerRuntimeOptions = {}): Promise<DockerRuntime> {
    const runtime = new DockerRuntime(options);
    if (!(await runtime.ping())) {
      const c = options.connection;
      const where =
        c?.kind === 'socket'
          ? c.socketPath
          : c !== undefined
            ? `${c.kind}://${c.host}`
            : (options.socketPath ?? process.env['DOCKER_HOST'] ?? '/var/run/docker.sock');
      throw new RuntimeError(`docker: no engine answers at ${where}`);
    }
    return runtime;
  }

  /** Whether an engine answers within a few seconds. Never throws. */
  async ping(): Promise<boolean> {
    return (await this.pingProblem()) === null;
  }

  /** Why no engine answers (the connection's error, or the timeout), or null when one does. Never throws. */
  async pingProblem(): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${PING_TIMEOUT_MS / 1000} s`), PING_TIMEOUT_MS);
    });
    const answer = this.docker.ping().then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async info(): Promise<EngineInfo> {
    const info = await engine('reading the engine info', () => this.docker.info());
    return { name: info.Name, cpus: info.NCPU, memoryBytes: info.MemTotal, serverVersion: info.ServerVersion };
  }

  /** `docker save`: a tar stream of the image, to load into another engine. */
  async saveImage(tag: string): Promise<Readable> {
    const stream = await engine(`saving image ${tag}`, () => this.docker.getImage(tag).get());
    return stream instanceof Readable ? stream : Readable.from(stream);
  }

  /** `docker load` of a `docker save` stream. */
  async loadImage(tar: Readable): Promise<void> {
    await engine('loading an image', async () => {
      const progress = await this.docker.loadImage(tar, { quiet: true });
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(progress, (err: Error | null, output: { error?: string }[] | undefined) => {
          const failure = err ?? output?.find((o) => o.error !== undefined)?.error;
          if (failure === undefined || failure === null) resolve();
          else reject(failure instanceof Error ? failure : new Error(failure));
        }),
      );
    });
  }

  async imageExists(tag: string): Promise<boolean> {
    try {
      await this.docker.getImage(tag).inspect();
      return true;
    } catch (err) {
      if (statusCode(err) === 404) return false;
      throw new RuntimeError(`docker: inspecting image ${tag} failed: ${messageOf(err)}`, { cause: err });
    }
  }

  /** Removes image `tag` (its other tags keep it alive); true when it existed. */
  async removeImage(tag: string): Promise<boolean> {
    try {
      await this.docker.getImage(tag).remove({ force: true });
      return true;
    } catch (err) {
      if (statusCode(err) === 404) return false;
      throw new RuntimeError(`docker: removing image ${tag} failed: ${messageOf(err)}`, { cause: err });
    }
  }

  /** `docker import`: makes image `tag` from a rootfs tarball (no registry involved). */
  async importImage(tag: string, rootfsTar: Buffer): Promise<void> {
    const colon = tag.lastIndexOf(':');
    const [repo, version] =
      colon > tag.lastIndexOf('/') ? [tag.slice(0, colon), tag.slice(colon + 1)] : [tag, 'latest'];
    await engine(`importing image ${tag}`, async () => {
      const progress = await this.docker.importImage(Readable.from([rootfsTar]), { repo, tag: version });
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(progress, (err: Error | null) => (err ? reject(err) : resolve())),
      );
    });
  }

  /**
   * `docker build` of a context tarball (Dockerfile at its root unless named). Build errors the
   * engine reports in the progress stream fail the build with the engine's message.
   */
  async buildImage(
    tag: string,
    contextTar: Buffer,
    dockerfile = 'Dockerfile',
    options: ImageBuildOptions = {},
  ): Promise<void> {
    await engine(`building image ${tag}`, async () => {
      const progress = await this.docker.buildImage(Readable.from([contextTar]), {
        t: tag,
        dockerfile,
        rm: true,
        forcerm: true,
        ...(options.buildArgs === undefined ? {} : { buildargs: options.buildArgs }),
        ...(options.labels === undefined ? {} : { labels: options.labels }),
        ...(options.noCache === true ? { nocache: true } : {}),
      });
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(
          progress,
          (err: Error | null, output: { error?: string }[] | undefined) => {
            const failure = err ?? output?.find((o) => o.error !== undefined)?.error;
            if (failure === undefined || failure === null) resolve();
            else reject(failure instanceof Error ? failure : new Error(failure));
          },
          (event: BuildEvent) => options.onEvent?.(event),
        ),
      );
    });
  }

  async create(spec: SandboxSpec): Promise<Sandbox> {
    const options = containerCreateOptions(spec);
    const container = await engine(`creating ${spec.name}`, async () => {
      try {
        return await this.docker.createContainer(options);
      } catch (err) {
        if (statusCode(err) !== 404) throw err;
        throw new RuntimeError(`docker: image ${spec.image} not found (there is no registry: import it)`, {
          cause: err,
        });
      }
    });
    const sandbox = new DockerSandbox(container, spec.name);
    try {
      if (spec.writableDirs.length > 0) await this.makeWritableDirs(container, spec);
    } catch (err) {
      await sandbox.remove().catch(() => undefined);
      throw err;
    }
    return sandbox;
  }

  /** Empty folders owned by the sandbox user, put into the created (not yet started) container. */
  private async makeWritableDirs(container: Docker.Container, spec: SandboxSpec): Promise<void> {
    let owner = resolveOwner(spec.user, undefined);
    if (owner === null) {
      const passwd = await engine(`reading /etc/passwd of ${spec.name}`, async () =>
        readTarFile(Readable.from(await container.getArchive({ path: '/etc/passwd' }))),
      );
      owner = resolveOwner(spec.user, passwd?.toString('utf8'));
    }
    if (owner === null) throw new RuntimeError(`docker: user ${spec.user} of ${spec.name} is not in the image`);
    const { uid, gid } = owner;
    const tar = await packTar(
      spec.writableDirs.map((dir) => ({
        type: 'directory',
        name: `${dir.replace(/^\/+/, '')}/`,
        mode: 0o755,
        uid,
        gid,
      })),
    );
    await engine(`creating writable folders of ${spec.name}`, () => container.putArchive(tar, { path: '/' }));
  }

  async list(labels: Record<string, string>): Promise<SandboxSummary[]> {
    const filters = { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) };
    const found = await engine('listing containers', () => this.docker.listContainers({ all: true, filters }));
    return found.map((info) => ({
      id: info.Id,
      name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
      labels: info.Labels,
      running: info.State === 'running',
    }));
  }

  /**
   * An internal network (Docker's `Internal: true`: nothing is routed beyond it) for sandboxes that may
   * reach only the harness's services; an existing one of that name is reused (a resumed group). Returns
   * the host's own address on it, where the services answer.
   */
  async ensureInternalNetwork(name: string, labels: Record<string, string>): Promise<InternalNetwork> {
    const network = this.docker.getNetwork(name);
    const inspect = () =>
      network.inspect().catch((err: unknown) => {
        if (statusCode(err) === 404) return null;
        throw new RuntimeError(`docker: inspecting network ${name} failed: ${messageOf(err)}`, { cause: err });
      });
    let info = (await inspect()) as NetworkInfo | null;
    if (info === null) {
      await engine(`creating network ${name}`, () =>
        this.docker.createNetwork({ Name: name, Internal: true, Labels: { ...labels, [LABELS.managed]: 'true' } }),
      );
      info = (await inspect()) as NetworkInfo | null;
    }
    if (info?.Internal !== true) throw new RuntimeError(`docker: network ${name} exists but is not internal`);
    const hostAddress = info.IPAM?.Config?.find((c) => c.Gateway !== undefined)?.Gateway;
    if (hostAddress === undefined) throw new RuntimeError(`docker: network ${name} has no gateway address`);
    return { name, hostAddress };
  }

  /**
   * The IPv4 gateway of the engine's default bridge — what `host-gateway` names in its containers unless
   * the daemon sets host-gateway-ip — or null when the engine has no such bridge.
   */
  async defaultBridgeGateway(): Promise<string | null> {
    const info = (await engine('inspecting the default bridge', () =>
      this.docker.getNetwork('bridge').inspect(),
    )) as NetworkInfo;
    return info.IPAM?.Config?.map((c) => c.Gateway).find((g) => g !== undefined && !g.includes(':')) ?? null;
  }

  /** Names of the networks whose labels include all of `labels` (cleanup after a harness that died). */
  async listNetworks(labels: Record<string, string>): Promise<string[]> {
    const filters = { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) };
    const found = await engine('listing networks', () => this.docker.listNetworks({ filters }));
    return found.map((network) => network.Name);
  }

  /** Removes a network; one already gone is fine. */
  async removeNetwork(name: string): Promise<void> {
    await engine(`removing network ${name}`, async () => {
      try {
        await this.docker.getNetwork(name).remove();
      } catch (err) {
        if (statusCode(err) !== 404) throw err;
      }
    });
  }

  async attach(id: string): Promise<Sandbox> {
    const container = this.docker.getContainer(id);
    const info = await engine(`attaching to ${id}`, () => container.inspect());
    return new DockerSandbox(container, info.Name.replace(/^\//, ''));
  }
}

class DockerSandbox implements Sandbox {
  readonly id: string;

  constructor(
    private readonly container: Docker.Container,
    readonly name: string,
  ) {
    this.id = container.id;
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return engine(`${what} ${this.name}`, fn);
  }

  async start(): Promise<void> {
    await this.call('starting', () => this.container.start());
  }

  async exec(
    argv: readonly string[],
    options: { user?: string; env?: Record<string, string> } = {},
  ): Promise<ExecResult> {
    return this.call(`exec ${JSON.stringify(argv[0])} in`, async () => {
      const exec = await this.container.exec({
        Cmd: [...argv],
        AttachStdout: true,
        AttachStderr: true,
        ...(options.user === undefined ? {} : { User: options.user }),
        Env: Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`),
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      const parser = new FrameParser();
      const frames: Frame[] = [];
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => frames.push(...parser.push(chunk)));
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      });
      // The stream can end a moment before the engine records the exit code.
      for (let attempt = 0; ; attempt += 1) {
        const info = await exec.inspect();
        if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode, ...splitOutput(frames) };
        if (attempt >= 50) throw new RuntimeError('the exec ended but the engine reports no exit code');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  }

  async putArchive(dir: string, tar: Buffer): Promise<void> {
    await this.call(`putting an archive into ${dir} of`, () => this.container.putArchive(tar, { path: dir }));
  }

  async getArchive(path: string): Promise<Readable> {
    const stream = await this.call(`getting ${path} from`, () => this.container.getArchive({ path }));
    return stream instanceof Readable ? stream : Readable.from(stream);
  }

  async wait(): Promise<ExitStatus> {
    const result = (await this.call('waiting for', () => this.container.wait())) as { StatusCode: number };
    const state = await this.inspect();
    return { exitCode: state.exitCode ?? result.StatusCode, oomKilled: state.oomKilled };
  }

  /** The writable layer's size (SizeRw): what the container wrote, /home's outputs included. */
  async diskUsage(): Promise<number> {
    // `size` is the Engine API's query parameter (GET /containers/{id}/json?size=true); its types omit it
    const withSize = { size: true } as Docker.ContainerInspectOptions;
    const info = await this.call('measuring the disk use of', () => this.container.inspect(withSize));
    return (info as Docker.ContainerInspectInfo & { SizeRw?: number }).SizeRw ?? 0;
  }

  async inspect(): Promise<SandboxState> {
    const { State: state } = await this.call('inspecting', () => this.container.inspect());
    const status =
      state.Status === 'created'
        ? 'created'
        : ['running', 'paused', 'restarting'].includes(state.Status)
          ? 'running'
          : 'exited';
    return {
      status,
      exitCode: status === 'exited' ? state.ExitCode : null,
      oomKilled: state.OOMKilled,
      startedAt: state.StartedAt && state.StartedAt !== NEVER_STARTED ? state.StartedAt : null,
      finishedAt: status === 'exited' && state.FinishedAt !== NEVER_STARTED ? state.FinishedAt : null,
    };
  }

  async logs(): Promise<Readable> {
    const { status } = await this.inspect();
    const options = { stdout: true, stderr: true, timestamps: false } as const;
    if (status === 'created') {
      // Following a never-started container would block until someone starts it.
      const buffer = await this.call('reading logs of', () => this.container.logs({ ...options, follow: false }));
      const frames = new FrameParser().push(Buffer.from(buffer));
      return Readable.from(frames.map((f) => f.data));
    }
    const stream = await this.call('following logs of', () => this.container.logs({ ...options, follow: true }));
    const out = new PassThrough();
    const payloads = interleavedPayloads();
    stream.on('error', (err: Error) =>
      out.destroy(new RuntimeError(`docker: logs of ${this.name} broke`, { cause: err })),
    );
    return (stream as Readable).pipe(payloads).pipe(out);
  }

  async stop(graceSeconds: number): Promise<void> {
    await this.call('stopping', async () => {
      try {
        await this.container.stop({ t: Math.max(0, Math.ceil(graceSeconds)) });
      } catch (err) {
        if (statusCode(err) !== 304) throw err; // 304: already stopped.
      }
    });
  }

  async kill(): Promise<void> {
    await this.call('killing', async () => {
      try {
        await this.container.kill({ signal: 'SIGKILL' });
      } catch (err) {
        if (statusCode(err) !== 409 || !/is not running/.test(messageOf(err))) throw err;
      }
    });
  }

  async remove(): Promise<void> {
    await this.call('removing', async () => {
      try {
        await this.container.remove({ force: true, v: true });
      } catch (err) {
        if (statusCode(err) !== 404) throw err; // Already gone.
      }
    });
  }
}
