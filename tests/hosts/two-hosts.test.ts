/**
 * Two real Docker daemons on this machine as two hosts (tests/hosts/second-daemon.ts), each declaring
 * two fake GPUs (there is no GPU here). The first passes them by NVIDIA_VISIBLE_DEVICES
 * (`gpu_request: env`); the second by DeviceRequests with DeviceIDs, which its dockerd serves through
 * a stand-in for the NVIDIA hook, and it also has its GPUs discovered by an nvidia-smi container.
 * A group runs across both: runs land on both hosts, no device id is held by two runs at once, all
 * are graded. Then the second daemon is frozen mid-group: its runs become host failures and are
 * re-run on the first host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostsConfig } from '../../harness/hosts/hosts-config.js';
import { BUSYBOX_IMAGE } from '../../harness/runtime/busybox-image.js';
import { readRunEvents, type RunEvent } from '../../harness/runs/run-events.js';
import { runGroupSession } from '../../harness/runs/run-session.js';
import { runCliCaptured } from '../support/run-cli-captured.js';
import {
  VALIDATE_SAMPLE_SCRIPT,
  createGroup,
  eventsOf,
  testSessionOptions,
  groupIdOf,
  writeAgent,
  useRunTestBed,
} from '../support/run-agents.js';
import { FAKE_GPUS } from './nvidia-hook-stand-in.js';
import { secondDaemonGate, startSecondDaemon, type SecondDaemon } from './second-daemon.js';

const canRun = await secondDaemonGate();
const { agentsDir, runsDir, groups, tmp } = await useRunTestBed('podium-two-hosts-');

let second: SecondDaemon | null = null;
beforeAll(async () => {
  if (canRun) second = await startSecondDaemon();
}, 60_000);
afterAll(async () => {
  await second?.stop();
}, 30_000);

function hostsYaml(secondSocket: string, secondAddress: string): string {
  const host = (name: string, socket: string, extra: string[]) =>
    [`  - name: ${name}`, `    docker: unix://${socket}`, '    gpus: [{ index: 0 }, { index: 1 }]', ...extra].join(
      '\n',
    );
  return [
    'schema_version: 1',
    'requeue: once',
    'health: { interval: 1s, failures: 3 }',
    'hosts:',
    host('main', '/var/run/docker.sock', ['    gpu_request: env']),
    // as a remote host would, the second names the harness by its address (its own bridge's here)
    host('second', secondSocket, ['    gpu_request: device_requests', `    harness_address: ${secondAddress}`]),
    '',
  ].join('\n');
}

interface RunRecord {
  runId: string;
  events: RunEvent[];
}

async function runGroupOnTwoHosts(script: string, seeds: number, during?: (dir: string) => Promise<void>) {
  const id = writeAgent(agentsDir, { name: 'two-hosts', script, gpus: 1 });
  const { layout, launch } = await createGroup(runsDir, agentsDir, id, 'docker', { seeds, concurrency: 8 });
  groups.push({ kind: 'docker', id: groupIdOf(layout) });
  const hosts = parseHostsConfig('hosts.yaml', hostsYaml(second?.socket ?? '', second?.bridgeAddress ?? ''), tmp);
  const session = runGroupSession(
    layout.dir,
    launch,
    await testSessionOptions('docker', { retry: { retries: 1, minTimeoutMs: 10 }, hosts }),
  );
  await during?.(layout.dir);
  const outcome = await session;
  const runs: RunRecord[] = [];
  for (const run of outcome.manifest.runs)
    runs.push({ runId: run.run_id, events: await readRunEvents(layout.run(run.run_id).events) });
  return { layout, outcome, runs };
}

/** [host, gpu, from, to] of every attempt that ran, from its events and the GPU ids it saw. */
function attemptIntervals(runDir: (id: string) => string, runs: RunRecord[]) {
  return runs.flatMap(({ runId, events }) => {
    const started = events.filter((e): e is Extract<RunEvent, { type: 'started' }> => e.type === 'started');
    const last = started.at(-1);
    const exited = events.find((e) => e.type === 'exited');
    if (last === undefined || exited === undefined) return [];
    const gpu = readFileSync(join(runDir(runId), 'logs', 'gpus.txt'), 'utf8').trim();
    return [{ runId, host: last.host ?? '', gpu, from: Date.parse(last.at), to: Date.parse(exited.at) }];
  });
}

describe.skipIf(!canRun)('two Docker daemons as two hosts', () => {
  it('reaches the second daemon over TCP with TLS client certificates, and not without them', async () => {
    const port = second?.tcp.port ?? 0;
    const tls = second?.tcp.tls ?? { ca: '', cert: '', key: '' };
    const file = join(tmp, 'tls-hosts.yaml');
    writeFileSync(
      file,
      [
        'schema_version: 1',
        'hosts:',
        `  - { name: tls, docker: "tcp://127.0.0.1:${port}", tls: { ca: ${tls.ca}, cert: ${tls.cert}, key: ${tls.key} }, gpus: [] }`,
        `  - { name: plain, docker: "tcp://127.0.0.1:${port}", gpus: [] }`,
        '',
      ].join('\n'),
    );
    const result = await runCliCaptured(['hosts', 'check', '--hosts', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [withTls, plain] = JSON.parse(result.stdout);
    expect(withTls).toMatchObject({ name: 'tls', reachable: true, error: null, gpuSource: 'declared', gpus: [] });
    expect(withTls.engine.cpus).toBeGreaterThan(0);
    expect(plain).toMatchObject({ name: 'plain', reachable: false });
  }, 30_000);

  it('discovers the GPUs of a host whose engine has the NVIDIA driver, and none where it has not', async () => {
    const file = join(tmp, 'discover-hosts.yaml');
    writeFileSync(
      file,
      [
        'schema_version: 1',
        // the stand-in hook brings nvidia-smi into any image, as the real one does
        `gpu_query_image: ${BUSYBOX_IMAGE}`,
        'hosts:',
        `  - { name: gpu-host, docker: "unix://${second?.socket ?? ''}", gpus: discover }`,
        '  - { name: no-driver, docker: "unix:///var/run/docker.sock", gpus: discover }',
        '',
      ].join('\n'),
    );
    const logged = second?.nvidiaHook.readLog().length ?? 0;
    const result = await runCliCaptured(['hosts', 'check', '--hosts', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [gpuHost, noDriver] = JSON.parse(result.stdout);
    expect(gpuHost).toMatchObject({
      name: 'gpu-host',
      reachable: true,
      error: null,
      gpuSource: 'discovered',
      gpus: FAKE_GPUS.map((line) => {
        const [index = '', uuid = '', model = ''] = line.split(', ');
        return { id: uuid, index: Number(index), uuid, model };
      }),
    });
    // the driver probe and the nvidia-smi container each asked for every GPU
    expect(second?.nvidiaHook.readLog().slice(logged)).toEqual(['all', 'all']);
    expect(noDriver).toMatchObject({ name: 'no-driver', reachable: true, error: null, gpuSource: 'none', gpus: [] });
  }, 60_000);

  it('spreads a group over both, never gives a device id twice at once, and grades every run', async () => {
    const logged = second?.nvidiaHook.readLog().length ?? 0;
    const { layout, outcome, runs } = await runGroupOnTwoHosts(
      [
        'echo "$NVIDIA_VISIBLE_DEVICES" > "$LOGS/gpus.txt"',
        'grep host.docker.internal /etc/hosts > "$LOGS/hosts.txt"',
        'sleep 2',
        VALIDATE_SAMPLE_SCRIPT,
      ].join('\n'),
      6,
    );
    for (const run of runs) {
      expect(outcome.states.get(run.runId)).toMatchObject({ status: 'graded', validSubmission: true });
      // the validation service answered from either host: the second through its harness_address
      const logs = join(layout.run(run.runId).dir, 'logs');
      expect(JSON.parse(readFileSync(join(logs, 'validation.json'), 'utf8'))).toEqual({ valid: true, reason: null });
      const host = eventsOf(run.events, 'started').at(-1)?.host;
      if (host === 'second')
        expect(readFileSync(join(logs, 'hosts.txt'), 'utf8')).toContain(`${second?.bridgeAddress}\t`);
    }
    const intervals = attemptIntervals((id) => layout.run(id).dir, runs);
    expect(intervals).toHaveLength(6);
    expect(new Set(intervals.map((i) => i.host))).toEqual(new Set(['main', 'second']));
    for (const i of intervals) expect(['0', '1']).toContain(i.gpu);
    // on the second host the pinned id went by DeviceRequests: dockerd's NVIDIA driver handed each
    // container's DeviceIDs to the hook, and set them as the NVIDIA_VISIBLE_DEVICES the run saw
    const onSecond = intervals.filter((i) => i.host === 'second').map((i) => i.gpu);
    expect(second?.nvidiaHook.readLog().slice(logged).sort()).toEqual(onSecond.sort());
    for (const a of intervals)
      for (const b of intervals) {
        if (a === b || a.host !== b.host || a.gpu !== b.gpu) continue;
        expect(a.to <= b.from || b.to <= a.from, `${a.runId} and ${b.runId} shared ${a.host} GPU ${a.gpu}`).toBe(true);
      }
    // four GPUs for six runs: some ran at the same time on the same host, on different devices
    const together = intervals.some((a) =>
      intervals.some((b) => a !== b && a.host === b.host && a.from < b.to && b.from < a.to),
    );
    expect(together).toBe(true);
  }, 90_000);

  it('re-runs on the first host the runs of a second host that stops answering mid-group', async () => {
    const freezeOnceStartedThere = async (dir: string): Promise<void> => {
      for (let i = 0; i < 200; i++) {
        const text = await readRunEventsOfGroup(dir);
        if (text.includes('"host":"second"')) {
          second?.freeze();
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no run started on the second host');
    };
    const { outcome, runs } = await runGroupOnTwoHosts(
      'echo "$NVIDIA_VISIBLE_DEVICES" > "$LOGS/gpus.txt"; sleep 4; cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
      4,
      freezeOnceStartedThere,
    );
    for (const run of runs) {
      expect(outcome.states.get(run.runId)).toMatchObject({ status: 'graded', validSubmission: true });
      expect(run.events.filter((e) => e.type === 'graded')).toHaveLength(1);
    }
    const moved = runs.filter((r) => r.events.some((e) => e.type === 'host_failed'));
    expect(moved.length).toBeGreaterThan(0);
    for (const run of moved) {
      const types = run.events.map((e) => (e.type === 'started' ? `started@${e.host}` : e.type));
      // frozen while running there, or while its container was still being set up (no `started` yet)
      expect(types.filter((t) => t !== 'started@second')).toEqual([
        'queued',
        'host_failed',
        'started@main',
        'exited',
        'extracted',
        'graded',
      ]);
      expect(types.filter((t) => t === 'started@second').length).toBeLessThanOrEqual(1);
      expect(run.events.find((e) => e.type === 'host_failed')).toMatchObject({ host: 'second', requeued: true });
    }
  }, 90_000);
});

async function readRunEventsOfGroup(dir: string): Promise<string> {
  const runsDir = join(dir, 'runs');
  const texts = await Promise.all(
    (await readdir(runsDir)).map((run) => readFile(join(runsDir, run, 'events.jsonl'), 'utf8').catch(() => '')),
  );
  return texts.join('\n');
}
