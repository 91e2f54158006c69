/**
 * What a sandbox (an agent's container, or its local stand-in) is made from. One spec for every
 * runtime; each runtime maps it onto its own mechanism (Docker's HostConfig, a temp workspace).
 */
import { z } from 'zod';

/** Container paths of MLE-bench's layout; agents read them from env too (see SANDBOX_ENV). */
export const SANDBOX_PATHS = {
  data: '/home/data',
  submission: '/home/submission',
  logs: '/home/logs',
  code: '/home/code',
  agent: '/home/agent',
  instructions: '/home/instructions.txt',
} as const;

/** Env vars naming the paths, so one agent script runs in Docker and in the local runtime alike. */
export const SANDBOX_ENV = {
  data: 'PODIUM_DATA_DIR',
  submission: 'PODIUM_SUBMISSION_DIR',
  logs: 'PODIUM_LOGS_DIR',
  code: 'PODIUM_CODE_DIR',
  agent: 'PODIUM_AGENT_DIR',
  instructions: 'PODIUM_INSTRUCTIONS',
} as const;

export const GpuRequest = z.union([
  z.strictObject({ count: z.number().int().positive() }),
  z.strictObject({ deviceIds: z.array(z.string().min(1)).min(1) }),
  /** Every GPU of the host (Docker's Count -1): only for the inventory query, never for an agent. */
  z.strictObject({ all: z.literal(true) }),
]);
export type GpuRequest = z.infer<typeof GpuRequest>;

export const Resources = z.strictObject({
  /** CPUs in billionths (Docker's NanoCpus): 2 CPUs = 2e9. */
  nanoCpus: z.number().int().positive().optional(),
  memoryBytes: z.number().int().positive().optional(),
  shmSizeBytes: z.number().int().positive().optional(),
  pidsLimit: z.number().int().positive().optional(),
  gpus: GpuRequest.optional(),
  /**
   * The most the sandbox may write (its own files, outputs included): k8s enforces it as the pod's
   * ephemeral-storage limit; on Docker and local the harness measures it (Sandbox.diskUsage) and stops
   * the run past it, since engine quotas need xfs project quotas that hosts rarely have.
   */
  diskBytes: z.number().int().positive().optional(),
});
export type Resources = z.infer<typeof Resources>;

export const Mount = z.strictObject({
  hostPath: z.string().min(1),
  containerPath: z.string().startsWith('/'),
  readOnly: z.boolean(),
});
export type Mount = z.infer<typeof Mount>;

export const SandboxSpec = z.strictObject({
  /** Unique name (Docker container name; local workspace folder name). */
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/),
  /** Docker image; the local runtime ignores it and runs `command` on the host. */
  image: z.string().min(1),
  /** argv, never a shell string. */
  command: z.array(z.string()).min(1),
  env: z.record(z.string(), z.string()).default({}),
  workdir: z.string().optional(),
  /** "uid:gid" or a user name; the agent never runs as root. */
  user: z.string().min(1),
  /** Written on the container so tenancy and orphans are read back from the engine. */
  labels: z.record(z.string(), z.string()),
  resources: Resources.default({}),
  /** Docker network mode or network name ('bridge', 'none', …). */
  networkMode: z.string().default('bridge'),
  /** "host:ip" entries, e.g. 'host.docker.internal:host-gateway' for the validation service. */
  extraHosts: z.array(z.string()).default([]),
  /** Host folders bound into the sandbox (the public data, read-only). Never the private answers. */
  mounts: z.array(Mount).default([]),
  /** Empty writable folders created for the agent (submission, logs, code). */
  writableDirs: z.array(z.string().startsWith('/')).default([]),
  /** The harness's time limit, for runtimes with a server-side backstop (k8s activeDeadlineSeconds). */
  timeLimitSeconds: z.number().positive().optional(),
});
export type SandboxSpec = z.infer<typeof SandboxSpec>;
export type SandboxSpecInput = z.input<typeof SandboxSpec>;
