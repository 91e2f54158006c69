/**
 * Tenancy from labels, across a harness crash: a foreign container (another group's run) holds fake
 * GPU 0 of the host; `podium run --hosts` is killed with SIGKILL mid-group and `--resume` finishes it.
 * Every run must get GPU 1 only, no two runs may hold it at once (also not the run re-attached after
 * the restart), each run is graded exactly once, and the foreign container is left alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../harness/runs/group-manifest.js';
import { readRunEvents, type RunEvent } from '../../harness/runs/run-events.js';
import { BUSYBOX_IMAGE } from '../../harness/runtime/busybox-image.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { LABELS, type Sandbox } from '../../harness/runtime/runtime.js';
import { SandboxSpec } from '../../harness/runtime/sandbox-spec.js';
import { DATA_DIR, DEMO, PROJECT, eventsOf, groupLayout, writeAgent, useRunTestBed } from '../support/run-agents.js';
import { buildCliIfStale } from '../support/built-cli.js';
import { runCliCaptured } from '../support/run-cli-captured.js';

const { docker, tmp, agentsDir, groups } = await useRunTestBed('podium-hosts-resume-');
const DIST_RUN_CLI = join(PROJECT.root, 'dist', 'harness', 'cli', 'run-cli.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let foreign: Sandbox | null = null;
const foreignGroup = `foreign-${process.pid}-${Date.now()}`;
beforeAll(async () => {
  if (!docker) return;
  buildCliIfStale();
  foreign = await new DockerRuntime().create(
    SandboxSpec.parse({
      name: `podium-test-${foreignGroup}`,
      image: BUSYBOX_IMAGE,
      command: ['sleep', '300'],
      user: '1000:1000',
      labels: { [LABELS.group]: foreignGroup, [LABELS.run]: 'x', [LABELS.host]: 'main', [LABELS.gpus]: '0' },
      networkMode: 'none',
    }),
  );
  await foreign.start();
}, 120_000);
afterAll(async () => {
  await foreign?.remove();
});

const CHILD = [
  `import { runCli } from ${JSON.stringify(pathToFileURL(DIST_RUN_CLI).href)};`,
  `import { processIo } from ${JSON.stringify(pathToFileURL(join(PROJECT.root, 'dist/harness/cli/cli-io.js')).href)};`,
  `import { projectLayout } from ${JSON.stringify(pathToFileURL(join(PROJECT.root, 'dist/harness/paths.js')).href)};`,
  'const layout = { ...projectLayout(), agentsDir: process.env.PODIUM_TEST_AGENTS_DIR };',
  'process.exitCode = await runCli(process.argv.slice(1), processIo, { layout });',
].join('\n');

async function runEvents(dir: string): Promise<Map<string, RunEvent[]>> {
  const root = join(dir, 'runs');
  const events = new Map<string, RunEvent[]>();
  for (const runId of existsSync(root) ? readdirSync(root) : [])
    events.set(runId, await readRunEvents(join(root, runId, 'events.jsonl')).catch(() => []));
  return events;
}

describe.skipIf(!docker)('hosts: tenancy from labels across a harness crash', () => {
  it('never places on a GPU a live container holds, before or after the restart', async () => {
    const hostsFile = join(tmp, 'hosts.yaml');
    writeFileSync(
      hostsFile,
      [
        'schema_version: 1',
        'health: { interval: 1s, failures: 2 }',
        'hosts:',
        '  - name: main',
        '    docker: unix:///var/run/docker.sock',
        '    gpus: [{ index: 0 }, { index: 1 }]',
        '    gpu_request: env',
        '',
      ].join('\n'),
    );
    const competitions = join(tmp, 'competitions.txt');
    writeFileSync(competitions, `${DEMO}\n`);
    const id = writeAgent(agentsDir, {
      name: 'tenant',
      gpus: 1,
      script:
        'echo "$NVIDIA_VISIBLE_DEVICES" > "$LOGS/gpus.txt"; sleep 2; cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
    });
    const runsDir = join(tmp, 'runs');
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        CHILD,
        ...['run', '--agent', id, '--competitions', competitions, '--seeds', '3', '--concurrency', '3'],
        ...['--runtime', 'docker', '--data-dir', DATA_DIR, '--runs-dir', runsDir, '--hosts', hostsFile],
      ],
      { cwd: PROJECT.root, env: { ...process.env, PODIUM_TEST_AGENTS_DIR: agentsDir }, stdio: 'pipe' },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => void (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

    let dir: string | undefined;
    let killedMidGroup = false;
    for (const until = Date.now() + 60_000; Date.now() < until && child.exitCode === null; await sleep(50)) {
      const found = existsSync(runsDir) ? readdirSync(runsDir) : [];
      if (found.length === 0) continue;
      dir = join(runsDir, found[0] ?? '');
      const events = [...(await runEvents(dir)).values()];
      if (events.length === 3 && events.some((e) => e.at(-1)?.type === 'started')) {
        child.kill('SIGKILL');
        killedMidGroup = true;
        break;
      }
    }
    // a group that never got there must not leave its harness running after the test
    if (!killedMidGroup) child.kill('SIGKILL');
    expect(await exited, output).toBe('SIGKILL');
    expect(killedMidGroup, `the three runs never all started:\n${output}`).toBe(true);
    if (dir === undefined) return;
    const manifest = await readManifest(groupLayout(dir).manifest);
    groups.push({ kind: 'docker', id: manifest.group_id });
    expect(manifest.hosts_file).toBe(hostsFile);
    const local = new DockerRuntime();
    const live = (await local.list({ [LABELS.group]: manifest.group_id })).filter((s) => s.running);
    expect(live.map((s) => [s.labels[LABELS.host], s.labels[LABELS.gpus]])).toEqual([['main', '1']]);

    const resumed = await runCliCaptured(['run', '--resume', dir], { layout: { ...PROJECT, agentsDir } });
    expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);

    const intervals: { runId: string; from: number; to: number }[] = [];
    for (const [runId, events] of await runEvents(dir)) {
      expect(eventsOf(events, 'graded'), events.map((e) => e.type).join(' ')).toHaveLength(1);
      expect(readFileSync(join(dir, 'runs', runId, 'logs', 'gpus.txt'), 'utf8')).toBe('1\n');
      const started = eventsOf(events, 'started').at(-1);
      const exit = eventsOf(events, 'exited').at(-1);
      intervals.push({ runId, from: Date.parse(started?.at ?? ''), to: Date.parse(exit?.at ?? '') });
    }
    for (const a of intervals)
      for (const b of intervals)
        if (a !== b)
          expect(a.to <= b.from || b.to <= a.from, `${a.runId} and ${b.runId} overlapped on GPU 1`).toBe(true);
    expect(await local.list({ [LABELS.group]: manifest.group_id })).toEqual([]);
    expect((await foreign?.inspect())?.status).toBe('running');
  }, 120_000);
});
