/**
 * Whole podium-demo runs on the k8s runtime, through the real session wiring (runGroupSession) against
 * the fake API server whose kubelet runs pods on Docker: the outputs are tarred out of the pod before it
 * is deleted, the harness's deadline stops the agent without losing what it wrote, and an agent over its
 * memory limit is reported as OOM-killed from the container status.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGroupSession } from '../../harness/runs/run-session.js';
import { readRunEvents } from '../../harness/runs/run-events.js';
import { ensureBusyboxImage } from '../../harness/runtime/busybox-image.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { packTar } from '../../harness/runtime/docker-tar.js';
import { K8sRuntime } from '../../harness/runtime/k8s-runtime.js';
import { LABELS } from '../../harness/runtime/runtime.js';
import { SandboxSpec } from '../../harness/runtime/sandbox-spec.js';
import { FakeK8sApi } from '../support/fake-k8s-api.js';
import { DockerKubelet } from '../support/fake-kubelet.js';
import { K8S_TEST_IMAGE, ensureK8sTestImage } from '../support/k8s-test-image.js';
import {
  DATA_DIR,
  VALIDATE_SAMPLE_SCRIPT,
  createGroup,
  eventsOf,
  testSessionOptions,
  writeAgent,
} from '../support/run-agents.js';
import { useTempDir } from '../support/temp-dir.js';
import { dockerAvailable } from './docker-gate.js';

const docker = await dockerAvailable();
const tmp = useTempDir('podium-k8s-runs-');
const agentsDir = join(tmp, 'agents');
const runsDir = join(tmp, 'runs');

describe.skipIf(!docker)('runs on the k8s runtime (fake API server, Docker-backed kubelet)', () => {
  let api: FakeK8sApi;
  let runtime: K8sRuntime;
  beforeAll(async () => {
    const engine = new DockerRuntime();
    await ensureBusyboxImage(engine);
    await ensureK8sTestImage(engine);
    const label = `podium-k8s-runs-${randomBytes(3).toString('hex')}`;
    api = await FakeK8sApi.start({
      kubelet: new DockerKubelet({ pauseImage: K8S_TEST_IMAGE, volumes: { 'podium-data': DATA_DIR }, label }),
    });
    runtime = new K8sRuntime({
      kubeConfig: api.kubeConfig(),
      namespace: 'podium',
      dataVolume: { claimName: 'podium-data', hostRoot: DATA_DIR },
      // the agent image (podium/busybox:1) has no tar: the helper brings its own
      helperImage: K8S_TEST_IMAGE,
      pollIntervalMs: 100,
    });
  }, 60_000);
  afterAll(async () => api?.close(), 60_000);

  async function runAgent(name: string, script: string, timeLimit = '60s', harnessAddress?: string) {
    const id = writeAgent(agentsDir, { name, script, timeLimit });
    const { layout, launch } = await createGroup(runsDir, agentsDir, id, 'k8s');
    const outcome = await runGroupSession(
      layout.dir,
      launch,
      await testSessionOptions('k8s', { runtime, ...(harnessAddress === undefined ? {} : { harnessAddress }) }),
    );
    const runId = outcome.manifest.runs[0]?.run_id ?? '';
    const run = layout.run(runId);
    return { run, state: outcome.states.get(runId), events: await readRunEvents(run.events) };
  }

  it('reaches the validation service from the pod through --harness-address (a host alias)', async () => {
    // the fake kubelet's pods sit on the default bridge: its gateway is this machine, as a node's
    // route to the harness would be in a cluster
    const bridge = await new Docker().getNetwork('bridge').inspect();
    const gateway = (bridge.IPAM?.Config ?? []).map((c: { Gateway?: string }) => c.Gateway).find(Boolean) as string;
    const { run, state } = await runAgent('k8s-validate', VALIDATE_SAMPLE_SCRIPT, '60s', gateway);
    expect(readFileSync(join(run.dir, 'logs', 'wget.err'), 'utf8')).toContain('wget exit 0');
    expect(JSON.parse(readFileSync(join(run.dir, 'logs', 'validation.json'), 'utf8'))).toEqual({
      valid: true,
      reason: null,
    });
    expect(state).toMatchObject({ status: 'graded', validSubmission: true });
  });

  it('grades a run whose outputs were tarred out of the pod before the pod was deleted', async () => {
    const { run, state, events } = await runAgent(
      'k8s-copy',
      'cp "$DATA/sample_submission.csv" "$SUB/submission.csv"; echo "wrote it" | tee "$LOGS/agent.log"',
    );
    expect(state).toMatchObject({ status: 'graded', exitCode: 0, oomKilled: false, failure: null });
    expect(eventsOf(events, 'graded')[0]).toMatchObject({ valid_submission: true });
    expect(readFileSync(join(run.dir, 'logs', 'agent.log'), 'utf8')).toBe('wrote it\n');
    expect(readFileSync(run.containerLog, 'utf8')).toBe('wrote it\n');
    const pod = eventsOf(events, 'started')[0]?.sandbox_id ?? '';
    expect(eventsOf(events, 'started')[0]).toMatchObject({ runtime: 'k8s' });
    const at = (match: (r: (typeof api.requests)[number]) => boolean) => api.requests.findIndex(match);
    const deleted = at((r) => r.method === 'DELETE' && r.path.endsWith(`/pods/${pod}`));
    expect(deleted).toBeGreaterThan(0);
    for (const output of ['submission', 'logs', 'code']) {
      const tarred = at(
        (r) =>
          r.method === 'UPGRADE' &&
          r.path.endsWith(`/pods/${pod}/exec`) &&
          r.query.get('container') === 'podium-helper' &&
          r.query.getAll('command').join(' ') === `tar -c -f - -C /home ${output}`,
      );
      expect(tarred, output).toBeGreaterThan(0);
      expect(tarred, output).toBeLessThan(deleted);
    }
    expect(api.podNames()).not.toContain(`podium/${pod}`);
  });

  it('stops the agent at the deadline and still extracts and grades what it wrote', async () => {
    const { run, state, events } = await runAgent(
      'k8s-slow',
      'cp "$DATA/sample_submission.csv" "$SUB/submission.csv"; echo started > "$LOGS/agent.log"; sleep 300',
      '2s',
    );
    expect(eventsOf(events, 'deadline')).toHaveLength(1);
    expect(state).toMatchObject({ status: 'graded', deadlineReached: true, exitCode: 143 });
    expect(existsSync(join(run.dir, 'submission', 'submission.csv'))).toBe(true);
    expect(readFileSync(join(run.dir, 'logs', 'agent.log'), 'utf8')).toBe('started\n');
  });

  it('moves an 8 MiB file in and out intact, with a slow reader (stdin in chunks, backpressure out)', async () => {
    const sandbox = await runtime.create(
      SandboxSpec.parse({
        name: `podium-k8s-big-${randomBytes(3).toString('hex')}`,
        image: K8S_TEST_IMAGE,
        command: ['sleep', '300'],
        user: '1000:1000',
        labels: { [LABELS.run]: 'big' },
        writableDirs: ['/home/code'],
      }),
    );
    try {
      const content = randomBytes(8 * 2 ** 20);
      await sandbox.putArchive('/home/code', await packTar([{ type: 'file', name: 'big.bin', mode: 0o644, content }]));
      const extract = tar.extract();
      (await sandbox.getArchive('/home/code/big.bin')).pipe(extract);
      const received: Buffer[] = [];
      for await (const entry of extract) {
        for await (const chunk of entry) {
          received.push(chunk as Buffer);
          if (received.length % 16 === 0) await sleep(5); // slower than the socket
        }
      }
      expect(Buffer.concat(received).equals(content)).toBe(true);
    } finally {
      await sandbox.remove();
    }
  });

  it('reports an agent killed for memory as oomKilled, from the container status', async () => {
    const sandbox = await runtime.create(
      SandboxSpec.parse({
        name: `podium-k8s-oom-${randomBytes(3).toString('hex')}`,
        image: K8S_TEST_IMAGE,
        command: ['dd', 'if=/dev/zero', 'of=/dev/null', 'bs=256M', 'count=1'],
        user: '1000:1000',
        labels: { [LABELS.run]: 'oom' },
        resources: { memoryBytes: 32 * 2 ** 20 },
      }),
    );
    try {
      await sandbox.start();
      expect(await sandbox.wait()).toEqual({ exitCode: 137, oomKilled: true });
      expect((await sandbox.inspect()).oomKilled).toBe(true);
    } finally {
      await sandbox.remove();
    }
  });
});
