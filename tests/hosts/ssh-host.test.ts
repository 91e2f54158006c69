/**
 * An `ssh://` host for real: an OpenSSH server on 127.0.0.1 (tests/hosts/ssh-daemon.ts) in front of this
 * machine's engine, authenticated by an ssh-agent as Podium's users do. `hosts check` reads the engine
 * over SSH; a key the server does not know leaves the host unreachable with the reason; a run group
 * placed on the SSH host creates, feeds, runs, extracts and grades its sandbox through the tunnel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostsConfig } from '../../harness/hosts/hosts-config.js';
import { openHosts } from '../../harness/hosts/open-hosts.js';
import { readRunEvents } from '../../harness/runs/run-events.js';
import { runGroupSession } from '../../harness/runs/run-session.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import {
  createGroup,
  eventsOf,
  testSessionOptions,
  groupIdOf,
  useRunTestBed,
  writeAgent,
} from '../support/run-agents.js';
import { sshDaemonGate, startSshDaemon, type SshDaemon } from './ssh-daemon.js';

const canRun = await sshDaemonGate();
const { agentsDir, runsDir, groups, tmp } = await useRunTestBed('podium-ssh-host-');

let sshd: SshDaemon | null = null;
const savedAgent = process.env['SSH_AUTH_SOCK'];
beforeAll(async () => {
  if (canRun) sshd = await startSshDaemon();
}, 60_000);
afterAll(async () => {
  if (savedAgent === undefined) delete process.env['SSH_AUTH_SOCK'];
  else process.env['SSH_AUTH_SOCK'] = savedAgent;
  await sshd?.stop();
}, 30_000);

const hostsConfig = () =>
  parseHostsConfig(
    'hosts.yaml',
    [
      'schema_version: 1',
      'hosts:',
      `  - { name: over-ssh, docker: "ssh://root@127.0.0.1:${sshd?.port}", gpus: [], cpus: 2, memory: 2g }`,
      '',
    ].join('\n'),
    tmp,
  );

describe.skipIf(!canRun)('a Docker host reached over SSH', () => {
  it('reads the engine through the SSH tunnel, authenticated by the agent', async () => {
    process.env['SSH_AUTH_SOCK'] = sshd?.agentSocket;
    const [host] = await openHosts(hostsConfig());
    const local = await new DockerRuntime().info();
    expect(host?.inventory).toMatchObject({ name: 'over-ssh', reachable: true, error: null, gpuSource: 'declared' });
    expect(host?.inventory.engine?.serverVersion).toBe(local.serverVersion);
  }, 30_000);

  it('reports a host whose server refuses the key as unreachable, saying why', async () => {
    process.env['SSH_AUTH_SOCK'] = sshd?.emptyAgentSocket;
    const [host] = await openHosts(hostsConfig());
    expect(host?.inventory.reachable).toBe(false);
    expect(host?.inventory.error).toMatch(/authentication/i);
  }, 30_000);

  it('runs and grades a group on the SSH host', async () => {
    process.env['SSH_AUTH_SOCK'] = sshd?.agentSocket;
    const id = writeAgent(agentsDir, {
      name: 'over-ssh',
      script: 'echo "over ssh" > "$LOGS/agent.log"; cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
    });
    const { layout, launch } = await createGroup(runsDir, agentsDir, id, 'docker');
    groups.push({ kind: 'docker', id: groupIdOf(layout) });
    const outcome = await runGroupSession(
      layout.dir,
      launch,
      await testSessionOptions('docker', { hosts: hostsConfig() }),
    );
    const runId = outcome.manifest.runs[0]?.run_id ?? '';
    expect(outcome.states.get(runId)).toMatchObject({ status: 'graded', validSubmission: true, host: 'over-ssh' });
    const events = await readRunEvents(layout.run(runId).events);
    expect(eventsOf(events, 'started')[0]).toMatchObject({ host: 'over-ssh', runtime: 'docker' });
  }, 60_000);
});
