/**
 * Executes one run from wherever its event log says it stands, to a terminal state:
 *   queued → started → (deadline) → exited → extracted → graded   (or → failed{source})
 *
 * Policy, in one place:
 * - The harness, not the agent, enforces the time limit: at the deadline the sandbox is stopped
 *   with a grace period, then killed; what it produced so far is still extracted and graded.
 * - Engine errors (RuntimeError) are infra failures: the attempt is retried with backoff on a fresh
 *   sandbox. An agent that crashes, runs out of memory or writes nothing is not retried.
 * - Every step appends an event before moving on, so a harness that dies anywhere resumes here.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { GatewayRun } from '../gateway/llm-gateway.js';
import type { LlmBudget } from '../gateway/llm-budget.js';
import type { GradingContext } from '../grading/grade-submission.js';
import { gradeSubmission } from '../grading/grade-submission.js';
import { publicDir } from '../paths.js';
import { extractArchive, type ExtractOptions } from '../runtime/extract-outputs.js';
import { HostDownError } from '../hosts/host-health.js';
import { shouldRequeue, type RequeuePolicy } from '../hosts/requeue-policy.js';
import { RuntimeError, type Runtime, type Sandbox } from '../runtime/runtime.js';
import { SANDBOX_PATHS } from '../runtime/sandbox-spec.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { Redact } from '../secrets/redact.js';
import type { AgentLaunch } from './agent-launch.js';
import type { PlannedRun } from './group-manifest.js';
import type { RunLayout } from './group-layout.js';
import { instructionsText } from './instructions.js';
import { tarOf, tarOfFolderFiles } from './pack-files.js';
import { appendRunEvent, readRunEvents, repairTornTail, type RunEventInput } from './run-events.js';
import { applyRunEvent, foldRunEvents, isTerminal, type RunState } from './run-state.js';
import { sandboxSpecForRun } from './sandbox-for-run.js';
import type { TokenPurpose } from './service-continuity.js';

/** Registers runs with the validation service (harness/validation). */
export interface ValidationRegistry {
  register(run: { runId: string; competitionId: string }, token?: string): string;
  unregister(token: string): void;
  url(token: string, hostForSandbox: string): string;
}

/** Registers runs with the LLM gateway (harness/gateway). */
export interface GatewayRegistry {
  register(run: GatewayRun, token?: string): string;
  unregister(token: string): void;
  baseUrl(hostForSandbox: string): string;
}

export interface RunDeps {
  runtime: Runtime;
  grading: GradingContext;
  validation: ValidationRegistry | null;
  /** The LLM gateway and each run's budget; absent when the group has none. */
  gateway?: { registry: GatewayRegistry; budget: LlmBudget } | null;
  /** The Docker network sandboxes join (isolated mode), with the host's address on it. */
  network?: { name: string; hostAddress: string } | null;
  /**
   * The IP at which sandboxes reach the harness's services (`--harness-address`): needed where the
   * Docker host gateway is not the harness's machine (k8s pods, remote engines). A placement's own
   * address (hosts.yaml `harness_address`) wins.
   */
  harnessAddress?: string;
  now: () => Date;
  stopGraceSeconds: number;
  retry: { retries: number; minTimeoutMs: number };
  extractLimits: Omit<ExtractOptions, 'stripComponents'>;
  onState?: (runId: string, state: RunState) => void;
  /** Applied to the messages of `failed` and `retry` events (error texts can quote anything). */
  redact?: Redact;
  /**
   * A run's token for a service, the same in every session of the group, so a sandbox re-attached
   * after a harness restart keeps working URLs (service-continuity.ts); absent: random tokens.
   */
  tokenFor?: (purpose: TokenPurpose, runId: string) => string;
  /**
   * How long after an agent killed by a signal the engine is watched for going away (which makes the
   * kill the engine's, an infra failure). Default 10 s: about Docker's stop timeout.
   */
  engineLossWindowMs?: number;
  /** How often a sandbox with a disk limit is measured (Sandbox.diskUsage). Default 30 s; tests shorten it. */
  diskCheckIntervalMs?: number;
}

/** Where a multi-host run was placed, and how to tell that its host went away. */
export interface RunPlacement {
  host: string;
  /** Aborts when the host is marked down. */
  hostLost: AbortSignal;
  /** Pings the host after an engine error; false marks it down. */
  confirmHostUp(): Promise<boolean>;
  requeue: RequeuePolicy;
  /** The host passes pinned GPUs by NVIDIA_VISIBLE_DEVICES instead of DeviceRequests. */
  gpusByEnv?: boolean;
  /** Where containers on this host reach the harness (hosts.yaml `harness_address`). */
  harnessAddress?: string;
}

export interface RunJob {
  groupId: string;
  run: PlannedRun;
  layout: RunLayout;
  agent: AgentLaunch;
  placement?: RunPlacement;
}

/** Whether `error` means the placement's host is gone (rather than one engine call failing). */
async function hostWasLost(error: unknown, placement: RunPlacement): Promise<boolean> {
  if (error instanceof HostDownError || placement.hostLost.aborted) return true;
  return error instanceof RuntimeError && !(await placement.confirmHostUp());
}

const OUTPUTS = [SANDBOX_PATHS.submission, SANDBOX_PATHS.logs, SANDBOX_PATHS.code];

export async function executeRun(job: RunJob, deps: RunDeps): Promise<RunState> {
  await mkdir(job.layout.dir, { recursive: true });
  await repairTornTail(job.layout.events);
  let state = foldRunEvents(await readRunEvents(job.layout.events));
  const append = async (event: RunEventInput): Promise<void> => {
    const safe = 'message' in event && deps.redact ? { ...event, message: deps.redact(event.message) } : event;
    // the gateway records concurrently with the run's own steps: fold into the state as it is *after* the append
    const appended = await appendRunEvent(job.layout.events, safe, deps.now());
    state = applyRunEvent(state, appended);
    deps.onState?.(job.run.run_id, state);
  };
  // Once the attempt is given up for a lost host, a step still blocked on that host's engine may
  // wake up later: it must not write to the run's log any more.
  let abandoned = false;
  const record = async (event: RunEventInput): Promise<void> => {
    if (abandoned) throw new RuntimeError(`attempt abandoned (its host went down): ${event.type} not recorded`);
    await append(event);
  };
  deps.onState?.(job.run.run_id, state);

  try {
    if (state.status === 'queued' || state.status === 'running')
      await untilHostLost(
        runSandbox(job, deps, () => state, record),
        job.placement,
      );
    if (state.status === 'exited') await untilHostLost(extractOutputs(job, deps, state, record), job.placement);
    if (state.status === 'extracted') await grade(job, deps, state, record);
  } catch (error) {
    const placement = job.placement;
    if (!isTerminal(state) && placement !== undefined && (await hostWasLost(error, placement))) {
      // its sandbox and outputs are on the lost host: the attempt is lost, the run may go again
      abandoned = true;
      await append({
        type: 'host_failed',
        host: placement.host,
        message: error instanceof Error ? error.message : String(error),
        requeued: shouldRequeue(placement.requeue, state.hostFailures),
      });
      return state;
    }
    if (!isTerminal(state)) {
      const source = error instanceof RuntimeError ? 'infra' : 'harness';
      await record({ type: 'failed', source, message: error instanceof Error ? error.message : String(error) });
      // a failed run keeps no sandbox (best effort: the engine may be what failed)
      if (state.sandboxId !== null) {
        await deps.runtime
          .attach(state.sandboxId)
          .then((sandbox) => sandbox.remove())
          .catch(() => undefined);
      }
    }
  }
  return state;
}

type RecordEvent = (event: RunEventInput) => Promise<void>;

/**
 * A step on a placed run ends when its host is marked down, even if an engine call in it hangs (a
 * frozen daemon, a silent TCP peer); the abandoned step's own late failure is expected and dropped.
 */
function untilHostLost<T>(step: Promise<T>, placement: RunPlacement | undefined): Promise<T> {
  if (placement === undefined) return step;
  const signal = placement.hostLost;
  step.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onLost = (): void => reject(signal.reason);
    signal.addEventListener('abort', onLost, { once: true });
    step.then(resolve, reject).finally(() => signal.removeEventListener('abort', onLost));
  });
}

/** Starts (or re-attaches to) the sandbox and waits for it, enforcing the deadline. */
async function runSandbox(job: RunJob, deps: RunDeps, current: () => RunState, record: RecordEvent): Promise<void> {
  let sandbox: Sandbox | null = null;
  const resumed = current();
  if (resumed.status === 'running' && resumed.sandboxId !== null) {
    sandbox = await deps.runtime.attach(resumed.sandboxId).catch(() => null);
    if (sandbox === null)
      await record({ type: 'retry', attempt: resumed.attempts, message: 'sandbox lost while the harness was down' });
  }
  const token =
    deps.validation?.register(
      { runId: job.run.run_id, competitionId: job.run.competition_id },
      deps.tokenFor?.('validation', job.run.run_id),
    ) ?? null;
  const llm = current().llm;
  const llmToken =
    deps.gateway?.registry.register(
      {
        runId: job.run.run_id,
        budget: deps.gateway.budget,
        spent: { tokens: llm.inputTokens + llm.outputTokens, usd: llm.costUsd },
        record: (usage) => record({ type: 'llm_usage', ...usage }),
      },
      deps.tokenFor?.('llm', job.run.run_id),
    ) ?? null;
  try {
    if (sandbox === null) {
      // attempts count across harness restarts: the ones already recorded, then this session's
      const before = current().attempts;
      const tokens = { validation: token, llm: llmToken };
      sandbox = await pRetry((attemptNumber) => startSandbox(job, deps, before + attemptNumber, tokens, record), {
        retries: deps.retry.retries,
        minTimeout: deps.retry.minTimeoutMs,
        shouldRetry: ({ error }) => error instanceof RuntimeError && job.placement?.hostLost.aborted !== true,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          // a retry event only when another attempt follows; the last failure ends as `failed`
          if (error instanceof RuntimeError && retriesLeft > 0) {
            await record({ type: 'retry', attempt: before + attemptNumber, message: error.message });
          }
        },
      });
    }
    const startedAt = Date.parse(current().startedAt ?? deps.now().toISOString());
    const deadlineAt = startedAt + job.agent.timeLimitSeconds * 1000;
    const running = sandbox;
    const watch = new AbortController();
    const limitBytes = job.agent.resources.diskBytes;
    // settles with the watch's error (a failed record or stop) rather than rejecting: it is only looked
    // at once the wait is over, and a rejection nobody handles until then would end the process
    const watchFailure: Promise<unknown> =
      limitBytes === undefined || current().diskLimit !== null
        ? Promise.resolve(undefined)
        : watchDiskUse(running, limitBytes, deps.diskCheckIntervalMs ?? 30_000, watch.signal, async (usedBytes) => {
            await record({ type: 'disk_limit', used_bytes: usedBytes, limit_bytes: limitBytes });
            await running.stop(deps.stopGraceSeconds);
          }).then(
            () => undefined,
            (error: unknown) => error ?? new Error('the disk watch failed'),
          );
    let exit;
    try {
      exit = await waitWithDeadline(deps.runtime, running, deadlineAt - deps.now().getTime(), async () => {
        await record({ type: 'deadline', time_limit_s: job.agent.timeLimitSeconds });
        await running.stop(deps.stopGraceSeconds);
      });
    } finally {
      watch.abort();
    }
    const failure = await watchFailure;
    if (failure !== undefined) throw failure;
    // On the local runtime a lost wait only means a harness restart: processes have no engine.
    const engineLost =
      deps.runtime.kind !== 'local' &&
      (exit.waitLost ||
        (killedBySignal(exit) &&
          !current().deadlineReached &&
          current().diskLimit === null &&
          (await engineAnswersWithin(deps.runtime, deps.engineLossWindowMs ?? 10_000, false))));
    await record({
      type: 'exited',
      exit_code: exit.exitCode,
      oom_killed: exit.oomKilled,
      ...(engineLost ? { engine_lost: true as const } : {}),
    });
  } finally {
    if (token !== null) deps.validation?.unregister(token);
    if (llmToken !== null) deps.gateway?.registry.unregister(llmToken);
  }
}

async function startSandbox(
  job: RunJob,
  deps: RunDeps,
  attempt: number,
  tokens: { validation: string | null; llm: string | null },
  record: RecordEvent,
): Promise<Sandbox> {
  // the name resolves to the harness inside Docker containers and k8s pods (extraHosts / hostAliases)
  const hostForSandbox = deps.runtime.kind === 'local' ? '127.0.0.1' : 'host.docker.internal';
  const harnessAddress = job.placement?.harnessAddress ?? deps.harnessAddress;
  const validationUrl =
    tokens.validation === null ? null : (deps.validation?.url(tokens.validation, hostForSandbox) ?? null);
  const gateway = deps.gateway?.registry;
  const spec = sandboxSpecForRun({
    groupId: job.groupId,
    run: job.run,
    agent: job.agent,
    runtime: deps.runtime.kind,
    publicDataDir: publicDir(deps.grading.dataDir, job.run.competition_id),
    validationUrl,
    llm:
      tokens.llm === null || gateway === undefined
        ? null
        : { baseUrl: gateway.baseUrl(hostForSandbox), token: tokens.llm },
    network: deps.network ?? null,
    ...(harnessAddress === undefined ? {} : { harnessAddress }),
    ...(job.placement === undefined ? {} : { host: job.placement.host, gpusByEnv: job.placement.gpusByEnv === true }),
  });
  const sandbox = await deps.runtime.create(spec);
  try {
    const instructions = instructionsText({
      competitionId: job.run.competition_id,
      timeLimitSeconds: job.agent.timeLimitSeconds,
      validationUrl,
    });
    await sandbox.putArchive('/home', await tarOf([{ name: 'instructions.txt', content: instructions }]));
    await sandbox.putArchive('/home', await tarOfFolderFiles(job.agent.folder, job.agent.files, 'agent'));
    await sandbox.start();
  } catch (error) {
    await sandbox.remove().catch(() => undefined);
    throw error;
  }
  await record({
    type: 'started',
    sandbox_id: sandbox.id,
    runtime: deps.runtime.kind,
    attempt,
    ...(job.placement === undefined ? {} : { host: job.placement.host }),
  });
  return sandbox;
}

/** SIGTERM (143) or SIGKILL (137) from outside the agent: what an engine shutting down sends its containers. */
function killedBySignal(exit: { exitCode: number | null; oomKilled: boolean }): boolean {
  return !exit.oomKilled && (exit.exitCode === 137 || exit.exitCode === 143);
}

/**
 * Whether the engine's answering becomes `answering` within `windowMs` (false without a ping). An
 * engine that shuts down (a restart) first stops its containers — the wait still reports their exit —
 * and only then goes away, up to its own stop timeout later: one ping right after the exit is not
 * enough, so it is asked a few times.
 */
async function engineAnswersWithin(runtime: Runtime, windowMs: number, answering: boolean): Promise<boolean> {
  if (runtime.ping === undefined) return false;
  for (const until = Date.now() + windowMs; ; await sleep(250)) {
    if ((await runtime.ping()) === answering) return true;
    if (Date.now() >= until) return false;
  }
}

/**
 * Measures the sandbox every `intervalMs` until `signal` aborts; the first time it holds more than
 * `limitBytes`, hands the figure to `onExceeded` and stops watching. A measurement that fails (the
 * sandbox exiting, an engine hiccup) is skipped: the next one decides.
 */
async function watchDiskUse(
  sandbox: Sandbox,
  limitBytes: number,
  intervalMs: number,
  signal: AbortSignal,
  onExceeded: (usedBytes: number) => Promise<void>,
): Promise<void> {
  const measure = sandbox.diskUsage?.bind(sandbox);
  if (measure === undefined) return; // the platform enforces the limit itself (k8s)
  for (;;) {
    const woke = await sleep(intervalMs, true, { signal }).catch(() => false);
    if (!woke) return;
    const used = await measure().catch(() => null);
    if (signal.aborted) return;
    if (used !== null && used > limitBytes) return onExceeded(used);
  }
}

/** How long outputs left in a sandbox by an engine restart wait for the engine to come back. */
const ENGINE_RETURN_MS = 5 * 60_000;

async function waitWithDeadline(
  runtime: Runtime,
  sandbox: Sandbox,
  remainingMs: number,
  onDeadline: () => Promise<void>,
): Promise<{ exitCode: number | null; oomKilled: boolean; waitLost: boolean }> {
  const timer = new AbortController();
  // An exit no live harness saw (local runtime, after a restart) has no code: wait() throws, but the
  // sandbox did exit and its outputs are there, so it is recorded with exit_code null and graded. On
  // an engine, a wait that broke means the connection did (waitLost): the exit is read back instead.
  // An engine that went away entirely (a restart) is waited for, then asked.
  const exited = sandbox.wait().then(
    (exit) => ({ exitCode: exit.exitCode, oomKilled: exit.oomKilled, waitLost: false }),
    async (error: unknown) => {
      let state = await sandbox.inspect().catch(() => null);
      if (state === null && (await engineAnswersWithin(runtime, ENGINE_RETURN_MS, true)))
        state = await sandbox.inspect().catch(() => null);
      if (state?.status !== 'exited') throw error;
      return { exitCode: state.exitCode, oomKilled: state.oomKilled, waitLost: true };
    },
  );
  const deadline = sleep(Math.max(0, remainingMs), 'deadline' as const, { signal: timer.signal }).catch(
    () => 'cancelled' as const,
  );
  const first = await Promise.race([exited, deadline]);
  timer.abort();
  if (first === 'deadline') await onDeadline();
  return exited;
}

/** Copies /home/{submission,logs,code} and the container log out of the (stopped) sandbox, then removes it. */
async function extractOutputs(job: RunJob, deps: RunDeps, state: RunState, record: RecordEvent): Promise<void> {
  if (state.sandboxId === null) throw new RuntimeError('no sandbox to extract outputs from');
  // an engine restart leaves the outputs in the stopped sandbox: extract them once it is back
  if (state.engineLost) await engineAnswersWithin(deps.runtime, ENGINE_RETURN_MS, true);
  const sandbox = await deps.runtime.attach(state.sandboxId);
  // An extraction cut short by a dying harness left partial files, which extraction (never overwriting)
  // would keep: a run not yet `extracted` starts from empty output folders.
  for (const dir of [job.layout.submissionDir, job.layout.logsDir, job.layout.codeDir])
    await rm(dir, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  const skipped: { path: string; reason: string }[] = [];
  for (const path of OUTPUTS) {
    const report = await extractArchive(await sandbox.getArchive(path), job.layout.dir, deps.extractLimits);
    files += report.files.length;
    bytes += report.bytes;
    skipped.push(...report.skipped);
  }
  await pipeline(await sandbox.logs(), createWriteStream(job.layout.containerLog));
  await record({ type: 'extracted', files, bytes, skipped });
  await sandbox.remove();
}

async function grade(job: RunJob, deps: RunDeps, state: RunState, record: RecordEvent): Promise<void> {
  const report = await gradeSubmission(deps.grading, job.run.competition_id, job.layout.submissionFile);
  // atomic: a harness killed mid-write leaves no torn grade.json beside a run that resume grades again
  await writeFileAtomic(job.layout.grade, `${JSON.stringify(report, null, 2)}\n`);
  await record({
    type: 'graded',
    valid_submission: report.valid_submission,
    score: report.score,
    any_medal: report.any_medal,
    invalid_reason: report.invalid_reason,
  });
  if (!report.valid_submission) {
    // An agent that crashed or ran out of memory is the agent's failure; a bad file from an agent
    // that exited cleanly is the submission's. A crash while the engine went away is blamed on the
    // infrastructure: an engine that stops (a restart) kills its containers the same way.
    const crashed = state.oomKilled || (state.exitCode !== null && state.exitCode !== 0 && !state.deadlineReached);
    const infra = crashed && !state.oomKilled && state.engineLost;
    const reason = report.invalid_reason ?? 'invalid';
    const disk = state.diskLimit;
    await record({
      type: 'failed',
      // an agent stopped for filling the disk failed by its own doing, whatever its exit code
      source: infra ? 'infra' : crashed || disk !== null ? 'agent' : 'submission',
      message: infra
        ? `the engine went away while the agent ran (exit code ${state.exitCode}): ${reason}`
        : disk !== null
          ? `stopped for writing ${disk.usedBytes} bytes, over its disk limit of ${disk.limitBytes}: ${reason}`
          : reason,
    });
  }
}
