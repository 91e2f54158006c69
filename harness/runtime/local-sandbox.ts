/** A local sandbox: one workspace folder and the agent's process group (see local-runtime.ts). */
import { spawn } from 'node:child_process';
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { diskBytesUnder } from './disk-bytes.js';
import { packHostPath } from './docker-tar.js';
import { extractArchive } from './extract-outputs.js';
import { RuntimeError, type ExecResult, type ExitStatus, type Sandbox, type SandboxState } from './runtime.js';
import { SandboxSpec } from './sandbox-spec.js';

import { exitCodeOf, processAlive, procStartTime, signalGroup, sleep } from './local-process.js';
import { localHostPath, localPathEnv } from './local-paths.js';
import { LOG_FILE, LocalState, POLL_MS, readState, RECORD_WAIT_MS, STATE_FILE, writeState } from './local-state.js';

export class LocalSandbox implements Sandbox {
  readonly id: string;
  readonly name: string;
  private readonly spec: SandboxSpec;

  constructor(
    private readonly ws: string,
    state: LocalState,
    private readonly exits: Map<string, Promise<number>>,
  ) {
    this.id = state.id;
    this.name = state.spec.name;
    this.spec = state.spec;
  }

  private env(extra: Record<string, string> = {}): Record<string, string> {
    const host: Record<string, string> = {};
    for (const key of ['PATH', 'HOME']) if (process.env[key] !== undefined) host[key] = process.env[key];
    return { ...host, ...this.spec.env, ...localPathEnv(this.ws), ...extra };
  }

  private cwd(): string {
    return this.spec.workdir === undefined ? this.ws : localHostPath(this.ws, this.spec.mounts, this.spec.workdir);
  }

  async start(): Promise<void> {
    const state = await readState(this.ws);
    if (state.status !== 'created') throw new RuntimeError(`local: ${this.name} was already started`);
    await mkdir(this.cwd(), { recursive: true });
    const log = await open(join(this.ws, LOG_FILE), 'a');
    const [file = '', ...args] = this.spec.command;
    const child = spawn(file, args, {
      cwd: this.cwd(),
      env: this.env(),
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    });
    // The exit is recorded only after the 'running' state is written, whatever the order of events.
    let markRunning: (running: LocalState) => void = () => undefined;
    const runningState = new Promise<LocalState>((resolve) => (markRunning = resolve));
    const exited = new Promise<number>((resolve) =>
      child.once('exit', (code, signal) => {
        if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL'); // Like a container: the rest dies too.
        const exitCode = exitCodeOf(code, signal);
        void runningState.then(async (running) => {
          const finishedAt = new Date().toISOString();
          await writeState(this.ws, { ...running, status: 'exited', exitCode, finishedAt }).catch(() => undefined);
          resolve(exitCode);
        });
      }),
    );
    try {
      await new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject));
    } catch (err) {
      throw new RuntimeError(`local: cannot start ${this.name}: ${(err as Error).message}`, { cause: err });
    } finally {
      await log.close();
    }
    const pid = child.pid ?? 0;
    const running: LocalState = {
      ...{ ...state, pid, pidStart: procStartTime(pid), status: 'running' },
      startedAt: new Date().toISOString(),
    };
    this.exits.set(this.id, exited);
    child.unref();
    await writeState(this.ws, running);
    markRunning(running);
  }

  /** What the workspace holds on disk (the outputs and whatever else the agent wrote there). */
  diskUsage(): Promise<number> {
    return diskBytesUnder(this.ws);
  }

  async inspect(): Promise<SandboxState> {
    const { status, exitCode, startedAt, finishedAt } = await this.current();
    return { status, exitCode, oomKilled: false, startedAt, finishedAt };
  }

  /** The recorded state, with a vanished main process recorded as exited (code unknown). */
  private async current(): Promise<LocalState> {
    let state = await readState(this.ws);
    if (
      state.status === 'running' &&
      !this.exits.has(this.id) &&
      !(await processAlive(state.pid ?? 0, state.pidStart))
    ) {
      // Gone without this harness seeing it: give its owner (if any) a moment to record the code.
      for (let waited = 0; waited < RECORD_WAIT_MS && state.status === 'running'; waited += POLL_MS) {
        await sleep(POLL_MS);
        state = await readState(this.ws);
      }
      if (state.status === 'running') {
        state = { ...state, status: 'exited', exitCode: null, finishedAt: new Date().toISOString() };
        await writeState(this.ws, state);
      }
    }
    return state;
  }

  async wait(): Promise<ExitStatus> {
    for (;;) {
      const own = this.exits.get(this.id);
      if (own !== undefined) return { exitCode: await own, oomKilled: false };
      const state = await this.inspect();
      if (state.status === 'exited') {
        if (state.exitCode === null) {
          throw new RuntimeError(`local: ${this.name} ended while no harness watched it; its exit code is unknown`);
        }
        return { exitCode: state.exitCode, oomKilled: false };
      }
      await sleep(POLL_MS * 2);
    }
  }

  private async running(): Promise<number | null> {
    const state = await this.current();
    return state.status === 'running' ? state.pid : null;
  }

  /** Polls until the main process has exited or `ms` passed; whether it exited. */
  private async exitedWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if ((await this.running()) === null) return true;
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
  }

  async stop(graceSeconds: number): Promise<void> {
    const pid = await this.running();
    if (pid === null) return;
    signalGroup(pid, 'SIGTERM');
    if (await this.exitedWithin(graceSeconds * 1000)) return;
    await this.kill();
  }

  async kill(): Promise<void> {
    const pid = await this.running();
    if (pid === null) return;
    signalGroup(pid, 'SIGKILL');
    if (!(await this.exitedWithin(10_000))) throw new RuntimeError(`local: ${this.name} survived SIGKILL`);
  }

  async remove(): Promise<void> {
    if ((await lstat(join(this.ws, STATE_FILE)).catch(() => null)) === null) return; // Already removed.
    await this.kill();
    this.exits.delete(this.id);
    await rm(this.ws, { recursive: true, force: true });
  }

  async exec(
    argv: readonly string[],
    options: { user?: string; env?: Record<string, string> } = {},
  ): Promise<ExecResult> {
    const [file = '', ...args] = argv;
    return new Promise((resolve) => {
      const child = spawn(file, args, {
        cwd: this.cwd(),
        env: this.env(options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ exitCode: error.code === 'ENOENT' ? 127 : 126, stdout: '', stderr: error.message }),
      );
      child.once('close', (code, signal) =>
        resolve({
          exitCode: exitCodeOf(code, signal),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });
  }

  async putArchive(dir: string, tar: Buffer): Promise<void> {
    const dest = localHostPath(this.ws, this.spec.mounts, dir);
    if (!(await lstat(dest).catch(() => null))?.isDirectory()) throw new RuntimeError(`local: ${dir} is not a folder`);
    const limit = Number.MAX_SAFE_INTEGER;
    const report = await extractArchive(Readable.from([tar]), dest, { maxFileBytes: limit, maxTotalBytes: limit });
    if (report.skipped.length > 0) {
      const what = report.skipped.map((s) => `${s.path} (${s.reason})`).join(', ');
      throw new RuntimeError(`local: putArchive into ${dir} of ${this.name} refused ${what}`);
    }
  }

  async getArchive(path: string): Promise<Readable> {
    const hostPath = localHostPath(this.ws, this.spec.mounts, path);
    if ((await lstat(hostPath).catch(() => null)) === null) {
      throw new RuntimeError(`local: ${path} does not exist in ${this.name}`);
    }
    return packHostPath(hostPath);
  }

  async logs(): Promise<Readable> {
    const path = join(this.ws, LOG_FILE);
    const inspect = () => this.inspect();
    async function* follow(): AsyncGenerator<Buffer> {
      const log = await open(path, 'a+');
      try {
        const buffer = Buffer.alloc(64 * 1024);
        for (let offset = 0; ;) {
          const { status } = await inspect(); // Before reading, so nothing written before the exit is lost.
          const { bytesRead } = await log.read(buffer, 0, buffer.length, offset);
          if (bytesRead > 0) {
            offset += bytesRead;
            yield Buffer.from(buffer.subarray(0, bytesRead));
          } else if (status !== 'running') {
            return;
          } else {
            await sleep(POLL_MS);
          }
        }
      } finally {
        await log.close();
      }
    }
    return Readable.from(follow());
  }
}
