/**
 * The Runtime interface: where agents run. Implementations: `docker` (dockerode; the only module
 * that imports it), `local` (child processes in a temp workspace) and `k8s` (one pod per sandbox),
 * proved by one contract suite (tests/runtime). Their known differences are listed in harness/runtime/README.md.
 */
import type { Readable } from 'node:stream';
import type { SandboxSpec } from './sandbox-spec.js';

export type RuntimeKind = 'docker' | 'local' | 'k8s';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface SandboxState {
  status: 'created' | 'running' | 'exited';
  exitCode: number | null;
  oomKilled: boolean;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ExitStatus {
  exitCode: number;
  oomKilled: boolean;
}

export interface Sandbox {
  readonly id: string;
  readonly name: string;
  start(): Promise<void>;
  /** Runs argv inside the sandbox (as the sandbox's user unless `user` is given) and collects output. */
  exec(argv: readonly string[], options?: { user?: string; env?: Record<string, string> }): Promise<ExecResult>;
  /** Unpacks a tar archive into `dir` inside the sandbox. */
  putArchive(dir: string, tar: Buffer): Promise<void>;
  /** A tar archive of `path` inside the sandbox (works on a stopped sandbox too). */
  getArchive(path: string): Promise<Readable>;
  /** Resolves when the main process ends. */
  wait(): Promise<ExitStatus>;
  /**
   * Bytes the sandbox has written so far (its writable layer or workspace), for runtimes whose engine
   * cannot cap it; absent where the platform enforces Resources.diskBytes itself (k8s).
   */
  diskUsage?(): Promise<number>;
  inspect(): Promise<SandboxState>;
  /** The main process's stdout and stderr, interleaved, from the start (follows while running). */
  logs(): Promise<Readable>;
  /** SIGTERM, then SIGKILL after `graceSeconds`. */
  stop(graceSeconds: number): Promise<void>;
  kill(): Promise<void>;
  remove(): Promise<void>;
}

export interface SandboxSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  running: boolean;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  create(spec: SandboxSpec): Promise<Sandbox>;
  /** Sandboxes whose labels include all of `labels` (orphan cleanup, resume). */
  list(labels: Record<string, string>): Promise<SandboxSummary[]>;
  /** Re-attaches to an existing sandbox by id (after a harness restart). */
  attach(id: string): Promise<Sandbox>;
  /** Whether the engine answers (runtimes that have one); never throws. */
  ping?(): Promise<boolean>;
}

/** The engine (or host) failed: retryable, counted as an infra failure, never the agent's. */
export class RuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RuntimeError';
  }
}

/** Labels Podium puts on every sandbox. */
export const LABELS = {
  managed: 'podium.managed',
  group: 'podium.group',
  run: 'podium.run',
  gpus: 'podium.gpus',
  /** The hosts.yaml host a run was placed on, and the CPUs/memory it was given (tenancy after a restart). */
  host: 'podium.host',
  nanoCpus: 'podium.nano_cpus',
  memoryBytes: 'podium.memory_bytes',
} as const;
