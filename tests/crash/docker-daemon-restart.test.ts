/**
 * The Docker engine going away under a running agent. With root and a dockerd binary the test starts
 * its own engine (own data root, socket and bridge, so no other user of the host's engine is touched),
 * restarts it mid-run, and requires the run to end in a recorded terminal state with the harness up.
 * On the shared engine it kills the container's init from outside instead, which must end as a
 * recorded exit too. No test ever restarts an engine it did not start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { isTerminal } from '../../harness/runs/run-state.js';
import { readRunEvents } from '../../harness/runs/run-events.js';
import { LABELS } from '../../harness/runtime/runtime.js';
import { eventsOf, groupIdOf, runOnce, runtimeOf, useRunTestBed, writeAgent } from '../support/run-agents.js';
import { groupDirIn, sleep } from './crash-support.js';

const bed = await useRunTestBed('podium-crash-daemon-');
const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const canOwnEngine = bed.docker && process.getuid?.() === 0 && onPath('dockerd') && onPath('ip');
if (bed.docker && !canOwnEngine)
  console.warn('[skipped] engine restart: needs root, dockerd and ip to start a private engine');

const SLEEPER = 'echo started > "$LOGS/agent.log"\nsleep 30\ncp "$DATA/sample_submission.csv" "$SUB/submission.csv"';

/** Polls the only run of the only group under `runsDir` until `started` is recorded; its sandbox id. */
async function waitForStart(runsDir: string): Promise<string> {
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(50)) {
    const dir = groupDirIn(runsDir);
    if (dir === undefined) continue;
    const runs = join(dir, 'runs');
    for (const runId of existsSync(runs) ? readdirSync(runs) : []) {
      const started = eventsOf(await readRunEvents(join(runs, runId, 'events.jsonl')), 'started');
      if (started[0] !== undefined) return started[0].sandbox_id;
    }
  }
  throw new Error('the run never started');
}

/** A private dockerd: own data root, exec root, socket and bridge; restartable. */
class PrivateEngine {
  readonly socket: string;
  readonly bridge = `ph${randomBytes(3).toString('hex')}`;
  private process: ChildProcess | undefined;

  constructor(private readonly root: string) {
    this.socket = join(root, 'docker.sock');
    mkdirSync(root, { recursive: true });
  }

  async start(): Promise<void> {
    if (spawnSync('ip', ['link', 'show', this.bridge]).status !== 0) {
      const subnet = `172.30.${100 + Math.floor(Math.random() * 150)}.1/24`;
      for (const args of [
        ['link', 'add', this.bridge, 'type', 'bridge'],
        ['addr', 'add', subnet, 'dev', this.bridge],
        ['link', 'set', this.bridge, 'up'],
      ]) {
        const ip = spawnSync('ip', args, { encoding: 'utf8' });
        if (ip.status !== 0) throw new Error(`ip ${args.join(' ')}: ${ip.stderr}`);
      }
    }
    const log = openSync(join(this.root, 'dockerd.log'), 'a');
    this.process = spawn(
      'dockerd',
      [
        ...['--data-root', join(this.root, 'data'), '--exec-root', join(this.root, 'exec')],
        ...['--pidfile', join(this.root, 'dockerd.pid'), '-H', `unix://${this.socket}`],
        ...['-b', this.bridge, '--iptables=false', '--ip-masq=false'],
      ],
      { stdio: ['ignore', log, log] },
    );
    const runtime = new DockerRuntime({ socketPath: this.socket });
    for (const until = Date.now() + 60_000; Date.now() < until; await sleep(200)) {
      if (await runtime.ping()) return;
      if (this.process.exitCode !== null) break;
    }
    throw new Error(`dockerd did not start:\n${readFileSync(join(this.root, 'dockerd.log'), 'utf8').slice(-2000)}`);
  }

  /** SIGTERM (dockerd stops its containers), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    const child = this.process;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  async destroy(): Promise<void> {
    await this.stop();
    spawnSync('ip', ['link', 'del', this.bridge]);
    rmSync(this.root, { recursive: true, force: true });
  }
}

describe.skipIf(!bed.docker)('the Docker engine failing under a running agent', () => {
  it.skipIf(!canOwnEngine)(
    'restarting the engine mid-run ends the run in a recorded terminal state',
    async () => {
      const engine = new PrivateEngine(join(bed.tmp, 'engine'));
      const saved = process.env['DOCKER_HOST'];
      try {
        await engine.start();
        process.env['DOCKER_HOST'] = `unix://${engine.socket}`;
        const runsDir = join(bed.tmp, 'runs-restart');
        const id = writeAgent(bed.agentsDir, { name: 'engine-restart', script: SLEEPER });
        const pending = runOnce(runsDir, bed.agentsDir, id, 'docker');
        const sandboxId = await waitForStart(runsDir);
        await engine.stop();
        await engine.start();
        const r = await pending;
        const state = r.outcome.states.get(r.runId);
        console.info(`[crash] engine restart: ${r.events.map((e) => e.type).join(' ')}`);
        expect(state !== undefined && isTerminal(state)).toBe(true);
        expect(eventsOf(r.events, 'started')[0]?.sandbox_id).toBe(sandboxId);
        expect(r.events.at(-1)?.type === 'graded' || r.events.at(-1)?.type === 'failed').toBe(true);
        console.info(`[crash] engine restart: ${JSON.stringify(eventsOf(r.events, 'exited')[0])}`);
        // the engine stopping the container is not the agent's crash: an infra failure, outputs kept
        expect(eventsOf(r.events, 'exited')[0]).toMatchObject({ engine_lost: true });
        expect(state?.failure?.source).toBe('infra');
        expect(state?.failure?.message).toMatch(/^the engine went away while the agent ran \(exit code \d+\)/);
        expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).toBe('started\n');
        // nothing of the group is left on the engine
        expect(await new DockerRuntime().list({ [LABELS.group]: groupIdOf(r.layout) })).toEqual([]);
      } finally {
        if (saved === undefined) delete process.env['DOCKER_HOST'];
        else process.env['DOCKER_HOST'] = saved;
        await engine.destroy(); // before the temp dir goes: the engine holds a mount under it
      }
    },
    180_000,
  );

  it('killing the container from outside ends the run in a recorded terminal state', async () => {
    const runsDir = join(bed.tmp, 'runs-outside-kill');
    const id = writeAgent(bed.agentsDir, { name: 'outside-kill', script: SLEEPER });
    const pending = runOnce(runsDir, bed.agentsDir, id, 'docker');
    const sandboxId = await waitForStart(runsDir);
    const inspect = spawnSync('docker', ['inspect', '--format', '{{.State.Pid}}', sandboxId], { encoding: 'utf8' });
    const pid = Number(inspect.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL'); // the container's init, from the host
    const r = await pending;
    bed.groups.push({ kind: 'docker', id: groupIdOf(r.layout) });
    expect(r.events.map((e) => e.type)).toEqual(['queued', 'started', 'exited', 'extracted', 'graded', 'failed']);
    expect(eventsOf(r.events, 'exited')[0]).toMatchObject({ exit_code: 137, oom_killed: false });
    expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).toBe('started\n');
    expect(r.outcome.states.get(r.runId)).toMatchObject({ status: 'graded', validSubmission: false });
    expect(await runtimeOf('docker').list({ [LABELS.group]: groupIdOf(r.layout) })).toEqual([]);
  });
});
