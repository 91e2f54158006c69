import { describe, expect, it } from 'vitest';
import { LABELS } from '../../harness/runtime/runtime.js';
import { DEFAULT_PIDS_LIMIT, sandboxSpecForRun } from '../../harness/runs/sandbox-for-run.js';
import type { AgentLaunch } from '../../harness/runs/agent-launch.js';

const agent: AgentLaunch = {
  id: 'dummy',
  image: 'podium/agent-dummy:1',
  command: ['sh', '/home/agent/start.sh'],
  env: { MODEL: 'gpt-4o' },
  user: '1000:1000',
  resources: { nanoCpus: 2e9, memoryBytes: 2 ** 30, gpus: { deviceIds: ['0', '3'] } },
  timeLimitSeconds: 3600,
  folder: '/agents/dummy',
  files: ['start.sh'],
};
const facts = {
  groupId: '2026-01-01T00-00-00-UTC_run-group_dummy',
  run: { run_id: 'spaceship-titanic_seed1', competition_id: 'spaceship-titanic', seed: 1 },
  agent,
  publicDataDir: '/data/spaceship-titanic/prepared/public',
  validationUrl: 'http://host.docker.internal:4000/validate?token=t',
};

describe('sandboxSpecForRun', () => {
  const docker = sandboxSpecForRun({ ...facts, runtime: 'docker' });

  it('binds only the public data, read-only, and never anything private', () => {
    expect(docker.mounts).toEqual([{ hostPath: facts.publicDataDir, containerPath: '/home/data', readOnly: true }]);
    expect(JSON.stringify(docker)).not.toContain('private');
  });

  it('labels the sandbox with its group, run and GPUs', () => {
    expect(docker.labels).toEqual({
      [LABELS.group]: facts.groupId,
      [LABELS.run]: 'spaceship-titanic_seed1',
      [LABELS.gpus]: '0,3',
    });
  });

  it("passes the agent's env, the run's facts and the validation URL; runs as the agent user", () => {
    expect(docker.env).toMatchObject({
      MODEL: 'gpt-4o',
      COMPETITION_ID: 'spaceship-titanic',
      PODIUM_SEED: '1',
      PODIUM_TIME_LIMIT_SECS: '3600',
      VALIDATION_URL: facts.validationUrl,
      PODIUM_SUBMISSION_DIR: '/home/submission',
    });
    expect(docker.user).toBe('1000:1000');
    expect(docker.resources).toEqual({ pidsLimit: DEFAULT_PIDS_LIMIT, ...agent.resources });
    expect(docker.writableDirs).toEqual(['/home/submission', '/home/logs', '/home/code', '/home/agent']);
  });

  it("caps the pids of an agent that declares no limit, and keeps the agent's own", () => {
    expect(docker.resources.pidsLimit).toBe(4096);
    const own = { ...agent, resources: { ...agent.resources, pidsLimit: 100 } };
    expect(sandboxSpecForRun({ ...facts, agent: own, runtime: 'docker' }).resources.pidsLimit).toBe(100);
  });

  it('reaches the host through host-gateway on Docker only', () => {
    expect(docker.extraHosts).toEqual(['host.docker.internal:host-gateway']);
    expect(sandboxSpecForRun({ ...facts, runtime: 'local' }).extraHosts).toEqual([]);
  });

  it('names the harness by its given address where the host gateway is not the harness (k8s, remote hosts)', () => {
    const at = (runtime: 'docker' | 'k8s' | 'local', extra: object = {}) =>
      sandboxSpecForRun({ ...facts, runtime, harnessAddress: '10.0.0.2', ...extra }).extraHosts;
    expect(at('docker')).toEqual(['host.docker.internal:10.0.0.2']);
    expect(at('k8s')).toEqual(['host.docker.internal:10.0.0.2']);
    expect(at('local')).toEqual([]);
    // an internal network reaches the harness at its own gateway, whatever the address
    expect(at('docker', { network: { name: 'podium-net', hostAddress: '172.30.0.1' } })).toEqual([
      'host.docker.internal:172.30.0.1',
    ]);
    // k8s has no host-gateway: without an address the pod gets no entry at all
    expect(sandboxSpecForRun({ ...facts, runtime: 'k8s' }).extraHosts).toEqual([]);
  });

  it('omits VALIDATION_URL when there is no validation service', () => {
    expect(sandboxSpecForRun({ ...facts, runtime: 'docker', validationUrl: null }).env).not.toHaveProperty(
      'VALIDATION_URL',
    );
  });
});
