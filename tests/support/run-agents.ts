/**
 * Helpers for the run-group tests (tests/runs): throwaway busybox agents written to a temp agents dir,
 * a group of podium-demo runs driven through the real session wiring (runtime, validation service,
 * grading), and readers for what a run leaves on disk.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAgent } from '../../harness/agents/load-agent.js';
import { buildGradingContext } from '../../harness/cli/context.js';
import { projectLayout } from '../../harness/paths.js';
import type { AgentLaunch } from '../../harness/runs/agent-launch.js';
import { groupLayout, type GroupLayout } from '../../harness/runs/group-layout.js';
import { planRuns } from '../../harness/runs/group-manifest.js';
import { readRunEvents, type RunEvent } from '../../harness/runs/run-events.js';
import { resolveAgentLaunch } from '../../harness/runs/resolve-agent.js';
import { createRunGroup, type GroupOutcome } from '../../harness/runs/run-group.js';
import { runGroupSession, type SessionOptions } from '../../harness/runs/run-session.js';
import { afterAll, beforeAll } from 'vitest';
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../../harness/runtime/busybox-image.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { LocalRuntime } from '../../harness/runtime/local-runtime.js';
import { LABELS, type Runtime, type RuntimeKind } from '../../harness/runtime/runtime.js';
import { dockerAvailable } from '../runtime/docker-gate.js';
import { useTempDir } from './temp-dir.js';

export const PROJECT = projectLayout();
/** competitions/ doubles as a data dir: podium-demo ships its prepared data. */
export const DATA_DIR = PROJECT.competitionsDir;
export const DEMO = 'podium-demo';
export const DEMO_PUBLIC = join(DATA_DIR, DEMO, 'prepared', 'public');
export const DEMO_ANSWERS = join(DATA_DIR, DEMO, 'prepared', 'private', 'test.csv');

export const gradingContext = () => buildGradingContext({ layout: PROJECT, dataDir: DATA_DIR });

/** A POSIX sh prologue both runtimes understand (dash on the host, busybox sh in the image). */
const PROLOGUE = [
  '#!/bin/sh',
  'SUB=${PODIUM_SUBMISSION_DIR:-/home/submission}',
  'LOGS=${PODIUM_LOGS_DIR:-/home/logs}',
  'CODE=${PODIUM_CODE_DIR:-/home/code}',
  'DATA=${PODIUM_DATA_DIR:-/home/data}',
  'mkdir -p "$SUB" "$LOGS" "$CODE"',
  '',
].join('\n');

export interface TestAgent {
  /** A prefix; a random suffix keeps ids (hence group ids and sandbox names) unique across runs. */
  name: string;
  /** The body of start.sh, after a prologue setting $SUB, $LOGS, $CODE and $DATA. */
  script: string;
  timeLimit?: string;
  memory?: string;
  /** GPUs per run (resources.gpus). */
  gpus?: number;
  pidsLimit?: number;
  /** resources.disk, e.g. '16m'. */
  disk?: string;
  env?: Record<string, string>;
}

/** Writes `<agentsDir>/<id>/{config.yaml,start.sh}` and returns the id. */
export function writeAgent(agentsDir: string, agent: TestAgent): string {
  const id = `${agent.name}-${randomBytes(4).toString('hex')}`;
  const dir = join(agentsDir, id);
  mkdirSync(dir, { recursive: true });
  const config = [
    'schema_version: 1',
    `id: ${id}`,
    `name: test agent ${agent.name}`,
    'description: a throwaway busybox agent written by tests/runs',
    `image: ${BUSYBOX_IMAGE}`,
    'command: [sh, /home/agent/start.sh]',
    'local:',
    '  command: [sh, start.sh]',
    'files: [start.sh]',
    `time_limit: ${agent.timeLimit ?? '60s'}`,
    ...([agent.memory, agent.pidsLimit, agent.gpus, agent.disk].every((v) => v === undefined) ? [] : ['resources:']),
    ...(agent.memory === undefined ? [] : [`  memory: ${agent.memory}`]),
    ...(agent.disk === undefined ? [] : [`  disk: ${agent.disk}`]),
    ...(agent.pidsLimit === undefined ? [] : [`  pids_limit: ${agent.pidsLimit}`]),
    ...(agent.gpus === undefined ? [] : [`  gpus: ${agent.gpus}`]),
    ...(agent.env === undefined ? [] : ['env:', ...Object.entries(agent.env).map(([k, v]) => `  ${k}: '${v}'`)]),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'config.yaml'), config);
  writeFileSync(join(dir, 'start.sh'), `${PROLOGUE}${agent.script}\n`, { mode: 0o755 });
  return id;
}

export async function agentLaunch(agentsDir: string, id: string, kind: RuntimeKind): Promise<AgentLaunch> {
  return resolveAgentLaunch(await loadAgent(agentsDir, id), kind, {});
}

export async function createGroup(
  runsDir: string,
  agentsDir: string,
  id: string,
  kind: RuntimeKind,
  options: { seeds?: number; concurrency?: number } = {},
): Promise<{ layout: GroupLayout; launch: AgentLaunch }> {
  const launch = await agentLaunch(agentsDir, id, kind);
  const layout = await createRunGroup(
    {
      runsDir,
      agent: launch,
      agentConfigText: readFileSync(join(agentsDir, id, 'config.yaml'), 'utf8'),
      runtime: kind,
      dataDir: DATA_DIR,
      concurrency: options.concurrency ?? 1,
      runs: planRuns([DEMO], options.seeds ?? 1),
    },
    new Date(),
  );
  return { layout, launch };
}

export interface SingleRun {
  layout: GroupLayout;
  outcome: GroupOutcome;
  runId: string;
  runDir: string;
  events: RunEvent[];
}

/**
 * What tests run a group session with: quiet progress and log, a 1 s stop grace and no retries, with
 * `overrides` on top.
 */
export async function testSessionOptions(
  kind: RuntimeKind,
  overrides: Partial<SessionOptions> = {},
): Promise<SessionOptions> {
  return {
    grading: await gradingContext(),
    runtimeKind: kind,
    progress: { write: () => undefined, isTTY: false },
    log: () => undefined,
    now: () => new Date(),
    stopGraceSeconds: 1,
    retry: { retries: 0, minTimeoutMs: 10 },
    diskCheckIntervalMs: 200,
    ...overrides,
  };
}

/** One podium-demo run of the agent through `runGroupSession`, as `podium run` does it (short grace). */
export async function runOnce(runsDir: string, agentsDir: string, id: string, kind: RuntimeKind): Promise<SingleRun> {
  const { layout, launch } = await createGroup(runsDir, agentsDir, id, kind);
  const outcome = await runGroupSession(
    layout.dir,
    launch,
    // a test engine shuts down within a second; the default suits engines with many containers
    await testSessionOptions(kind, { retry: { retries: 2, minTimeoutMs: 10 }, engineLossWindowMs: 3_000 }),
  );
  const runId = outcome.manifest.runs[0]?.run_id ?? '';
  const run = layout.run(runId);
  return { layout, outcome, runId, runDir: run.dir, events: await readRunEvents(run.events) };
}

export const eventsOf = <T extends RunEvent['type']>(events: readonly RunEvent[], type: T) =>
  events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);

export function runtimeOf(kind: RuntimeKind): Runtime {
  return kind === 'local' ? new LocalRuntime() : new DockerRuntime();
}

/** Removes whatever sandboxes a group left (a failed test must not leave containers behind). */
export async function removeGroupSandboxes(kind: RuntimeKind, groupId: string): Promise<number> {
  const runtime = runtimeOf(kind);
  const left = await runtime.list({ [LABELS.group]: groupId });
  for (const sandbox of left) await (await runtime.attach(sandbox.id)).remove();
  return left.length;
}

export function groupIdOf(layout: GroupLayout): string {
  return layout.dir.split('/').at(-1) ?? '';
}

export { groupLayout };

export interface RunTestBed {
  docker: boolean;
  RUNTIMES: { kind: RuntimeKind; available: boolean }[];
  tmp: string;
  agentsDir: string;
  runsDir: string;
  /** Groups whose sandboxes are removed after the file, whatever happened. */
  groups: { kind: RuntimeKind; id: string }[];
}

/**
 * The shared set-up of the run tests: both runtimes (Docker when an engine answers), a temp dir for
 * agents and run groups, the busybox image, and removal of every tracked group's sandboxes.
 */
export async function useRunTestBed(prefix: string): Promise<RunTestBed> {
  const docker = await dockerAvailable();
  const tmp = useTempDir(prefix);
  const groups: RunTestBed['groups'] = [];
  beforeAll(async () => {
    if (docker) await ensureBusyboxImage(new DockerRuntime(), BUSYBOX_IMAGE);
  });
  afterAll(async () => {
    for (const { kind, id } of groups) await removeGroupSandboxes(kind, id);
  });
  return {
    docker,
    RUNTIMES: [
      { kind: 'local', available: true },
      { kind: 'docker', available: docker },
    ],
    tmp,
    agentsDir: join(tmp, 'agents'),
    runsDir: join(tmp, 'runs'),
    groups,
  };
}

/**
 * An agent script that posts the sample submission to $VALIDATION_URL as multipart (busybox has no
 * curl), leaving the answer in $LOGS/validation.json and wget's exit status in $LOGS/wget.err.
 */
export const VALIDATE_SAMPLE_SCRIPT = [
  'cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
  'B=podiumBoundaryXYZ',
  'BODY="$CODE/body"',
  '{',
  `  printf '%s\\r\\n' "--$B"`,
  `  printf 'Content-Disposition: form-data; name="file"; filename="submission.csv"\\r\\n'`,
  `  printf 'Content-Type: text/csv\\r\\n\\r\\n'`,
  '  cat "$SUB/submission.csv"',
  `  printf '\\r\\n%s\\r\\n' "--$B--"`,
  '} > "$BODY"',
  'busybox wget -q --header "Content-Type: multipart/form-data; boundary=$B" \\',
  '  --post-file "$BODY" -O "$LOGS/validation.json" "$VALIDATION_URL" 2> "$LOGS/wget.err"',
  'echo "wget exit $?" >> "$LOGS/wget.err"',
  'rm -f "$BODY"',
].join('\n');
