/**
 * Where a Docker session's validation service listens (harness/runs/listen-addresses.ts), with a real
 * engine: a sandbox on the default bridge and one on an isolated (internal) network each reach
 * `$VALIDATION_URL` and get a verdict, while the service holds no wildcard listener and answers neither
 * the sandbox nor this machine at the machine's other address (its LAN side). Before the plan, both
 * networks reached the service through 0.0.0.0, the LAN included.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunGroup } from '../../harness/runs/run-group.js';
import { planRuns, type NetworkMode } from '../../harness/runs/group-manifest.js';
import { runGroupSession } from '../../harness/runs/run-session.js';
import { ownSocketInodes, tcpListeners } from '../hostile/hostile-support.js';
import {
  agentLaunch,
  DATA_DIR,
  DEMO,
  groupIdOf,
  testSessionOptions,
  useRunTestBed,
  VALIDATE_SAMPLE_SCRIPT,
  writeAgent,
} from '../support/run-agents.js';

const bed = await useRunTestBed('podium-service-reach-');

/** A non-loopback IPv4 address of this machine that is no Docker bridge's: where the LAN knocks. */
function otherAddress(): string | null {
  for (const [name, list] of Object.entries(networkInterfaces())) {
    if (name === 'docker0' || name.startsWith('br-') || name.startsWith('veth')) continue;
    const found = (list ?? []).find((i) => i.family === 'IPv4' && !i.internal);
    if (found !== undefined) return found.address;
  }
  return null;
}
const OTHER = otherAddress();

/** Whether a TCP connection to host:port is accepted (refused or silent for 2 s: false). */
function tcpConnects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

interface Seen {
  hosts: string[];
  port: number;
  /** The addresses of this process's listeners on the validation port, read once the service is up. */
  listeners: string[];
  /** From this machine: the other address refused, then a planned one accepted (the service was up). */
  probe: Promise<{ other: boolean | null; planned: boolean }>;
}

/** The sandbox's own probe of the other address, after it validated its sample submission. */
const PROBE_OTHER = [
  'HP=${VALIDATION_URL#http://}; HOSTPORT=${HP%%/*}; VPORT=${HOSTPORT##*:}',
  'if [ -n "$OTHER_ADDRESS" ]; then',
  '  if busybox nc -w 2 "$OTHER_ADDRESS" "$VPORT" < /dev/null > /dev/null 2>&1; then echo open; else echo closed; fi \\',
  '    > "$LOGS/other-address.txt"',
  'fi',
].join('\n');

async function runOn(network: NetworkMode) {
  const id = writeAgent(bed.agentsDir, {
    name: `reach-${network}`,
    script: `${VALIDATE_SAMPLE_SCRIPT}\n${PROBE_OTHER}`,
    env: { OTHER_ADDRESS: OTHER ?? '' },
  });
  const launch = await agentLaunch(bed.agentsDir, id, 'docker');
  const layout = await createRunGroup(
    {
      runsDir: bed.runsDir,
      agent: launch,
      agentConfigText: readFileSync(join(bed.agentsDir, id, 'config.yaml'), 'utf8'),
      runtime: 'docker',
      dataDir: DATA_DIR,
      concurrency: 1,
      runs: planRuns([DEMO], 1),
      network,
    },
    new Date(),
  );
  bed.groups.push({ kind: 'docker', id: groupIdOf(layout) });
  let seen: Seen | undefined;
  const log = (line: string) => {
    const match = /^services listen on (.+): validation port (\d+)/.exec(line);
    if (match === null || seen !== undefined) return;
    const hosts = (match[1] ?? '').split(', ');
    const port = Number(match[2]);
    const own = ownSocketInodes();
    const listeners = tcpListeners()
      .filter((l) => l.port === port && own.has(l.inode))
      .map((l) => l.address);
    const probe = (async () => {
      const other = OTHER === null ? null : await tcpConnects(OTHER, port);
      return { other, planned: await tcpConnects(hosts[0] ?? '', port) };
    })();
    seen = { hosts, port, listeners, probe };
  };
  const outcome = await runGroupSession(layout.dir, launch, await testSessionOptions('docker', { log }));
  const runId = outcome.manifest.runs[0]?.run_id ?? '';
  const logs = join(layout.run(runId).dir, 'logs');
  return { outcome, runId, logs, seen };
}

describe.skipIf(!bed.docker)('the validation service listens only where sandboxes reach it (docker)', () => {
  it.each<NetworkMode>(['bridge', 'isolated'])('%s network', async (network) => {
    const { outcome, runId, logs, seen } = await runOn(network);
    // the sandbox reached $VALIDATION_URL and got the grader's verdict
    expect(readFileSync(join(logs, 'wget.err'), 'utf8')).toContain('wget exit 0');
    expect(JSON.parse(readFileSync(join(logs, 'validation.json'), 'utf8'))).toMatchObject({ valid: true });
    expect(outcome.states.get(runId)).toMatchObject({ status: 'graded', validSubmission: true });

    if (seen === undefined) throw new Error('the session did not log where its services listen');
    expect(seen.hosts).not.toContain('0.0.0.0');
    expect(seen.hosts.every((h) => /^\d+\.\d+\.\d+\.\d+$/.test(h) && h !== '127.0.0.1')).toBe(true);
    // the service's real sockets: exactly the planned addresses, no wildcard
    expect([...seen.listeners].sort()).toEqual([...seen.hosts].sort());
    const probe = await seen.probe;
    expect(probe.planned).toBe(true);
    if (OTHER === null) {
      console.info('[service-reach] no non-loopback, non-bridge IPv4 address here: the LAN-side check is skipped');
      return;
    }
    expect(seen.hosts).not.toContain(OTHER);
    expect(probe.other, `${OTHER}:${seen.port} from this machine`).toBe(false);
    expect(readFileSync(join(logs, 'other-address.txt'), 'utf8').trim(), `${OTHER} from the sandbox`).toBe('closed');
  });
});
