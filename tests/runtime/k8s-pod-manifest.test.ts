import { describe, expect, it } from 'vitest';
import {
  AGENT_CONTAINER,
  ANNOTATIONS,
  HELPER_CONTAINER,
  labelSelector,
  labelValue,
  numericUser,
  podManifest,
  podName,
  type PodOptions,
} from '../../harness/runtime/k8s-pod-manifest.js';
import { exitCodeOfStatus } from '../../harness/runtime/k8s-exec.js';
import { agentExit, podReadiness, sandboxState } from '../../harness/runtime/k8s-pod-state.js';
import { LABELS, RuntimeError } from '../../harness/runtime/runtime.js';
import { SandboxSpec, type SandboxSpecInput } from '../../harness/runtime/sandbox-spec.js';
import type { V1Pod } from '@kubernetes/client-node';

const spec = (input: Partial<SandboxSpecInput> = {}): SandboxSpec =>
  SandboxSpec.parse({
    name: 'podium_2026-01-01T00-00-00_run-group_dummy_spaceship-titanic_seed0',
    image: 'registry.example/agent:1',
    command: ['python', 'run.py'],
    user: '1000:1001',
    labels: { [LABELS.group]: 'g1', [LABELS.run]: 'r1', [LABELS.gpus]: 'count:2' },
    mounts: [{ hostPath: '/srv/data/spaceship-titanic/prepared/public', containerPath: '/home/data', readOnly: true }],
    ...input,
  });
const options: PodOptions = {
  namespace: 'evals',
  dataVolume: { claimName: 'mle-data', hostRoot: '/srv/data/' },
  gpuProduct: 'NVIDIA-H100-80GB-HBM3',
  deadlineMarginSeconds: 900,
};

describe('podManifest', () => {
  it('asks for GPUs by count, on the named GPU model, tolerating the GPU taint', () => {
    const pod = podManifest(
      spec({
        resources: {
          gpus: { count: 2 },
          nanoCpus: 4e9,
          memoryBytes: 2 ** 30,
          shmSizeBytes: 2 ** 28,
          diskBytes: 5 * 2 ** 30,
        },
      }),
      options,
    );
    const agent = pod.spec?.containers.find((c) => c.name === AGENT_CONTAINER);
    // the disk limit is the kubelet's to enforce (it evicts the pod), as ephemeral storage
    const amounts = {
      cpu: '4000m',
      memory: String(2 ** 30),
      'ephemeral-storage': String(5 * 2 ** 30),
      'nvidia.com/gpu': '2',
    };
    expect(agent?.resources).toEqual({ requests: amounts, limits: amounts });
    expect(pod.spec?.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' });
    expect(pod.spec?.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(pod.spec?.volumes).toContainEqual({
      name: 'shm',
      emptyDir: { medium: 'Memory', sizeLimit: String(2 ** 28) },
    });
    expect(agent?.volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
  });

  it("turns extra hosts into the pod's host aliases, one per IP, dropping Docker's host-gateway", () => {
    const pod = podManifest(
      spec({
        extraHosts: [
          'host.docker.internal:10.0.0.2',
          'podium.internal:10.0.0.2',
          'v6.internal:fd00::2',
          'gw.internal:host-gateway',
        ],
      }),
      options,
    );
    expect(pod.spec?.hostAliases).toEqual([
      { ip: '10.0.0.2', hostnames: ['host.docker.internal', 'podium.internal'] },
      { ip: 'fd00::2', hostnames: ['v6.internal'] },
    ]);
    expect(podManifest(spec({ extraHosts: ['x:host-gateway'] }), options).spec?.hostAliases).toBeUndefined();
  });

  it('schedules a CPU-only run anywhere: no GPU limit, node selector or toleration', () => {
    const pod = podManifest(spec({ resources: { nanoCpus: 1.5e9 } }), options);
    expect(pod.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '1500m' }, limits: { cpu: '1500m' } });
    expect(pod.spec?.nodeSelector).toBeUndefined();
    expect(pod.spec?.tolerations).toBeUndefined();
  });

  it('hardens every container and the pod, with no service account token', () => {
    const pod = podManifest(spec(), options);
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Never',
      shareProcessNamespace: true,
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1001, fsGroup: 1001 },
    });
    expect(pod.spec?.containers.map((c) => c.name)).toEqual([AGENT_CONTAINER, HELPER_CONTAINER]);
    for (const container of pod.spec?.containers ?? []) {
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1001,
      });
    }
  });

  it('sets activeDeadlineSeconds a margin beyond the harness deadline, and none without a time limit', () => {
    expect(podManifest(spec({ timeLimitSeconds: 3600 }), options).spec?.activeDeadlineSeconds).toBe(4500);
    expect(podManifest(spec(), options).spec?.activeDeadlineSeconds).toBeUndefined();
  });

  it('mounts the public data read-only from the PVC, at the competition subPath', () => {
    const pod = podManifest(spec(), options);
    expect(pod.spec?.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'mle-data', readOnly: true },
    });
    const mount = {
      name: 'data',
      mountPath: '/home/data',
      readOnly: true,
      subPath: 'spaceship-titanic/prepared/public',
    };
    for (const container of pod.spec?.containers ?? []) expect(container.volumeMounts).toContainEqual(mount);
  });

  it('runs the agent behind the start gate, with the sandbox env', () => {
    const agent = podManifest(spec({ env: { A: '1' }, workdir: '/home/agent' }), options).spec?.containers[0];
    expect(agent?.command?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(agent?.command?.slice(3)).toEqual(['/home/agent', 'python', 'run.py']);
    expect(agent?.env).toContainEqual({ name: 'A', value: '1' });
    expect(agent?.env).toContainEqual({ name: 'PODIUM_SUBMISSION_DIR', value: '/home/submission' });
    expect(agent?.workingDir).toBeUndefined(); // the gate makes and enters it as the agent's user
  });

  it('labels the pod for cleanup, encoding values Kubernetes refuses and keeping the originals', () => {
    const pod = podManifest(spec(), options);
    expect(pod.metadata?.labels?.[LABELS.managed]).toBe('true');
    expect(pod.metadata?.labels?.[LABELS.run]).toBe('r1');
    expect(pod.metadata?.labels?.[LABELS.gpus]).toBe(labelValue('count:2'));
    expect(pod.metadata?.labels?.[LABELS.gpus]).toMatch(/^h-[0-9a-f]{40}$/);
    expect(JSON.parse(pod.metadata?.annotations?.[ANNOTATIONS.labels] ?? '')).toEqual({
      [LABELS.group]: 'g1',
      [LABELS.run]: 'r1',
      [LABELS.gpus]: 'count:2',
      [LABELS.managed]: 'true',
    });
    expect(labelSelector({ [LABELS.run]: 'r1', [LABELS.gpus]: 'count:2' })).toBe(
      `podium.run=r1,podium.gpus=${labelValue('count:2')}`,
    );
  });

  it.each([
    ['pinned GPU ids', spec({ resources: { gpus: { deviceIds: ['0'] } } }), options, /scheduled by count/],
    ['a user name', spec({ user: 'agent' }), options, /must be numeric/],
    ['root', spec({ user: '0:0' }), options, /never runs as root/],
    ['data without a PVC', spec(), { namespace: 'evals', deadlineMarginSeconds: 0 }, /--k8s-data-pvc/],
    [
      'data outside the PVC',
      spec({ mounts: [{ hostPath: '/elsewhere', containerPath: '/home/data', readOnly: true }] }),
      options,
      /not inside the data dir \/srv\/data/,
    ],
  ])('refuses %s with a clear error', (_what, input, podOptions, message) => {
    expect(() => podManifest(input, podOptions)).toThrow(RuntimeError);
    expect(() => podManifest(input, podOptions)).toThrow(message);
  });
});

describe('pod names and users', () => {
  it.each([
    [
      'podium_2026-01-01T00-00-00_run-group_dummy_spaceship-titanic_seed0',
      /^podium-2026-01-01t00-00-00-run-group-dummy-spaceship-[0-9a-f]{8}$/,
    ],
    ['___', /^podium-[0-9a-f]{8}$/],
  ])('names %s as a DNS label', (name, pattern) => {
    expect(podName(name)).toMatch(pattern);
    expect(podName(name).length).toBeLessThanOrEqual(62);
  });

  it('keeps names that differ only in case or punctuation apart', () => {
    expect(podName('Run_A')).not.toBe(podName('run-a'));
  });

  it.each([
    ['1000', { uid: 1000, gid: 1000 }],
    ['1000:2000', { uid: 1000, gid: 2000 }],
  ])('reads user %s', (user, ids) => expect(numericUser(user)).toEqual(ids));
});

const pod = (status: V1Pod['status'], annotations: Record<string, string> = {}): V1Pod => ({
  metadata: { name: 'p', annotations },
  status,
});
const running = { running: { startedAt: new Date('2026-01-01T00:00:00Z') } };

describe('pod status as sandbox state', () => {
  it('reads exit code and OOMKilled from the agent container', () => {
    const terminated = (exitCode: number, reason: string) =>
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: AGENT_CONTAINER,
            image: '',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode, reason } },
          },
          { name: HELPER_CONTAINER, image: '', imageID: '', ready: true, restartCount: 0, state: running },
        ],
      });
    expect(agentExit(terminated(137, 'OOMKilled'))).toEqual({ exitCode: 137, oomKilled: true });
    expect(agentExit(terminated(3, 'Error'))).toEqual({ exitCode: 3, oomKilled: false });
    expect(sandboxState(terminated(3, 'Error'))).toMatchObject({ status: 'exited', exitCode: 3 });
  });

  it('is created until start() annotates it, then running', () => {
    const status = {
      phase: 'Running',
      containerStatuses: [
        { name: AGENT_CONTAINER, image: '', imageID: '', ready: true, restartCount: 0, state: running },
        { name: HELPER_CONTAINER, image: '', imageID: '', ready: true, restartCount: 0, state: running },
      ],
    };
    expect(sandboxState(pod(status)).status).toBe('created');
    expect(podReadiness(pod(status))).toBe('ready');
    expect(sandboxState(pod(status, { [ANNOTATIONS.startedAt]: '2026-01-01T00:00:01Z' }))).toMatchObject({
      status: 'running',
      startedAt: '2026-01-01T00:00:01Z',
    });
  });

  it('calls an evicted pod an infrastructure failure, and an unpullable image one that will not resolve', () => {
    expect(agentExit(pod({ phase: 'Failed', reason: 'Evicted', message: 'low on memory' }))).toEqual({
      failure: 'pod p is Failed (Evicted): low on memory',
    });
    const unpullable = pod({
      phase: 'Pending',
      containerStatuses: [
        {
          name: AGENT_CONTAINER,
          image: '',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } },
        },
      ],
    });
    expect(podReadiness(unpullable)).toEqual({ failure: 'container agent cannot start: ImagePullBackOff: not found' });
  });
});

describe('exec status', () => {
  it.each([
    [{ status: 'Success' }, { exitCode: 0 }],
    [
      { status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } },
      { exitCode: 4 },
    ],
    [{ status: 'Failure', message: 'exec: "nope": executable file not found in $PATH' }, { exitCode: 127 }],
    [{ status: 'Failure', reason: 'InternalError', message: 'container not found' }, { error: 'container not found' }],
  ])('reads %j', (status, expected) => expect(exitCodeOfStatus(status)).toEqual(expected));
});
