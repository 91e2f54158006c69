/**
 * A real OpenSSH server on 127.0.0.1 that logs root in with a throwaway key held by its own ssh-agent,
 * so `ssh://root@127.0.0.1:PORT` reaches this machine's Docker engine as a remote host would be
 * reached: docker-modem runs `docker system dial-stdio` over the SSH session. Host keys, the client key,
 * authorized_keys and sshd_config live in a temp folder; nothing of the machine's own SSH setup is used.
 * Needs root, sshd, ssh-agent, ssh-add, ssh-keygen and the docker CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerAvailable } from '../runtime/docker-gate.js';
import { freePort, run, toolGate, which } from '../support/host-tools.js';

const SSHD = '/usr/sbin/sshd';

export interface SshDaemon {
  port: number;
  /** An agent holding the key root's authorized_keys accepts. */
  agentSocket: string;
  /** An agent holding no key at all. */
  emptyAgentSocket: string;
  stop(): Promise<void>;
}

export async function sshDaemonProblem(): Promise<string | null> {
  if (!(await dockerAvailable())) return 'no Docker engine answers';
  if (process.getuid?.() !== 0) return 'logging in as root over SSH needs root';
  for (const program of [SSHD, 'ssh-agent', 'ssh-add', 'ssh-keygen', 'docker'])
    if (!(await which(program))) return `${program} is not installed (apt-get install openssh-server docker.io)`;
  return null;
}

export async function sshDaemonGate(): Promise<boolean> {
  return toolGate('SSH host tests', 'can start an SSH server', await sshDaemonProblem());
}

async function startAgent(socket: string): Promise<number> {
  const { stdout } = await run('ssh-agent', ['-a', socket, '-s']);
  const pid = /SSH_AGENT_PID=(\d+)/.exec(stdout)?.[1];
  if (pid === undefined) throw new Error(`ssh-agent said: ${stdout}`);
  return Number(pid);
}

async function waitForPort(port: number, sshd: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (log().includes(`Server listening on 127.0.0.1 port ${port}`)) return;
    if (sshd.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error(`sshd did not start: ${log()}`);
}

export async function startSshDaemon(): Promise<SshDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'podium-sshd-'));
  const f = (name: string) => join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f('host_key')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f('client_key')]);
  await run('cp', [f('client_key.pub'), f('authorized_keys')]);
  const port = await freePort();
  writeFileSync(
    f('sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${f('host_key')}`,
      `AuthorizedKeysFile ${f('authorized_keys')}`,
      `PidFile ${f('sshd.pid')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      // the temp folder's modes are not what sshd demands of a home directory
      'StrictModes no',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
  let log = '';
  const sshd = spawn(SSHD, ['-D', '-e', '-f', f('sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  sshd.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const agents: number[] = [];
  const stop = async (): Promise<void> => {
    sshd.kill('SIGTERM');
    for (const pid of agents) process.kill(pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, sshd, () => log);
    agents.push(await startAgent(f('agent.sock')));
    agents.push(await startAgent(f('empty-agent.sock')));
    await run('ssh-add', [f('client_key')], { env: { ...process.env, SSH_AUTH_SOCK: f('agent.sock') } });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, agentSocket: f('agent.sock'), emptyAgentSocket: f('empty-agent.sock'), stop };
}
