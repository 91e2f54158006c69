/**
 * Tenancy from labels, across a harness crash: a foreign container (another group's run) holds fake
 * GPU 0 of the host; `podium run --hosts` is killed with SIGKILL mid-group and `--resume` finishes it.
 * Every run must get GPU 1 only, no two runs may hold it at once (also not the run re-attached after
 * the restart), each run is graded exactly once, and the foreign container is left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../harness/runs/group-manifest.js';
import { BUSYBOX_IMAGE } from '../../harness/runtime/busybox-image.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { LABELS, type Sandbox } from '../../harness/runtime/runtime.js';
import { SandboxSpec } from '../../harness/runtime/sandbox-spec.js';
import { DATA_DIR, DEMO, PROJECT, eventsOf, groupLayout, writeAgent, useRunTestBed } from '../support/run-agents.js';
import { buildCliIfStale } from '../support/built-cli.js';
import { groupEvents, killWhen, spawnPodium } from '../support/podium-child.js';
import { runCliCaptured } from '../support/run-cli-captured.js';

const { docker, tmp, agentsDir, groups } = await useRunTestBed('podium-hosts-resume-');

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
    const podium = spawnPodium([
      ...['run', '--agent', id, '--competitions', competitions, '--seeds', '3', '--concurrency', '3'],
      ...['--runtime', 'docker', '--data-dir', DATA_DIR, '--runs-dir', runsDir, '--hosts', hostsFile],
      ...['--agents-dir', agentsDir],
    ]);
    const killed = await killWhen(podium, runsDir, (events) => {
      const runs = [...events.values()];
      return runs.length === 3 && runs.some((e) => e.at(-1)?.type === 'started');
    });
    expect(await podium.exit, podium.output()).toBe('SIGKILL');
    expect(killed, `the three runs never all started:\n${podium.output()}`).toBeDefined();
    if (killed === undefined) return;
    const { dir } = killed;
    const manifest = await readManifest(groupLayout(dir).manifest);
    groups.push({ kind: 'docker', id: manifest.group_id });
    expect(manifest.hosts_file).toBe(hostsFile);
    const local = new DockerRuntime();
    const live = (await local.list({ [LABELS.group]: manifest.group_id })).filter((s) => s.running);
    expect(live.map((s) => [s.labels[LABELS.host], s.labels[LABELS.gpus]])).toEqual([['main', '1']]);

    const resumed = await runCliCaptured(['run', '--resume', dir], { layout: { ...PROJECT, agentsDir } });
    expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);

    const intervals: { runId: string; from: number; to: number }[] = [];
    for (const [runId, events] of await groupEvents(dir)) {
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
