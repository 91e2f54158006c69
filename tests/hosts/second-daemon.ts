/**
 * A second, real Docker daemon on this machine, as a second host for the multi-host tests: its own
 * --data-root, --exec-root, --pidfile, unix socket and bridge (a `podium-br-XXXX` bridge made with
 * `ip link`, so it never touches docker0), no iptables rules. `podium/busybox:1` is copied into it
 * with docker save/load through dockerode. A stand-in for the NVIDIA Container Toolkit's hook is on
 * its PATH, so it serves nvidia DeviceRequests as a GPU host does (./nvidia-hook-stand-in.ts).
 * Needs root, dockerd and ip; without them the tests are skipped with a message, or fail under
 * PODIUM_REQUIRE_DOCKER=1.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../../harness/runtime/busybox-image.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { dockerAvailable } from '../runtime/docker-gate.js';
import { freePort, run, toolGate, which } from '../support/host-tools.js';
import { writeNvidiaHookStandIn, type NvidiaHookStandIn } from './nvidia-hook-stand-in.js';

export interface SecondDaemon {
  socket: string;
  /** The same daemon on tcp://127.0.0.1:port, TLS with client certificates (files in `tls`). */
  tcp: { port: number; tls: { ca: string; cert: string; key: string } };
  /** This machine's address on the daemon's bridge: where its containers reach the harness. */
  bridgeAddress: string;
  runtime: DockerRuntime;
  /** The devices each GPU container of this daemon was given, as its NVIDIA hook saw them. */
  nvidiaHook: NvidiaHookStandIn;
  pid: number;
  /** SIGSTOP: the daemon stops answering (connections hang), as a frozen or partitioned host does. */
  freeze(): void;
  stop(): Promise<void>;
}

/** Why a second daemon cannot be started here, or null when it can. */
export async function secondDaemonProblem(): Promise<string | null> {
  if (!(await dockerAvailable())) return 'no Docker engine answers';
  if (process.getuid?.() !== 0) return 'starting a second dockerd needs root';
  for (const program of ['dockerd', 'ip']) if (!(await which(program))) return `${program} is not installed`;
  return null;
}

/** The gate: true when the tests can run; otherwise registers a skipped (or, in CI, failing) test. */
export async function secondDaemonGate(): Promise<boolean> {
  return toolGate('two-daemon tests', 'can start a second Docker daemon', await secondDaemonProblem());
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl in `dir`. */
async function makeTlsFiles(dir: string): Promise<{ ca: string; cert: string; key: string; server: string[] }> {
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args);
  await openssl(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=podium-test-ca'],
    ...['-keyout', f('ca-key.pem'), '-out', f('ca.pem')],
  );
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth'],
    ['client', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    await openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      f(`${name}-key.pem`),
      '-out',
      f(`${name}.csr`),
    );
    writeFileSync(f(`${name}.ext`), `${ext}\n`);
    await openssl(
      ...['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial'],
      ...['-days', '1', '-extfile', f(`${name}.ext`), '-out', f(`${name}.pem`)],
    );
  }
  return {
    ca: f('ca.pem'),
    cert: f('client.pem'),
    key: f('client-key.pem'),
    server: [`--tlscacert=${f('ca.pem')}`, `--tlscert=${f('server.pem')}`, `--tlskey=${f('server-key.pem')}`],
  };
}

/** A free 10.x.y.1/24 for the bridge: one no interface of this machine uses. */
async function freeSubnet(): Promise<string> {
  const { stdout } = await run('ip', ['-4', '-o', 'addr']);
  for (let attempt = 0; attempt < 50; attempt++) {
    const [x, y] = [...randomBytes(2)].map((b) => 100 + (b % 150));
    const prefix = `10.${x}.${y}.`;
    if (!stdout.includes(` ${prefix}`)) return `${prefix}1/24`;
  }
  throw new Error('no free 10.x.y.0/24 for the test bridge');
}

export async function startSecondDaemon(): Promise<SecondDaemon> {
  const dir = mkdtempSync('/tmp/podium-dd-');
  const bridge = `podium-br-${randomBytes(2).toString('hex')}`;
  const socket = join(dir, 'docker.sock');
  const pidfile = join(dir, 'dockerd.pid');
  const subnet = await freeSubnet();
  await run('ip', ['link', 'add', 'name', bridge, 'type', 'bridge']);
  const cleanupBridge = () => run('ip', ['link', 'del', bridge]).catch(() => undefined);
  try {
    await run('ip', ['addr', 'add', subnet, 'dev', bridge]);
    await run('ip', ['link', 'set', bridge, 'up']);
  } catch (error) {
    await cleanupBridge();
    throw error;
  }
  const tls = await makeTlsFiles(dir);
  const port = await freePort();
  const nvidiaHook = writeNvidiaHookStandIn(join(dir, 'nvidia'));
  const daemon = spawn(
    'dockerd',
    [
      `--host=tcp://127.0.0.1:${port}`,
      '--tlsverify',
      ...tls.server,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'exec')}`,
      `--pidfile=${pidfile}`,
      `--host=unix://${socket}`,
      `--bridge=${bridge}`,
      '--iptables=false',
      '--ip-masq=false',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: false,
      env: { ...process.env, PATH: `${nvidiaHook.binDir}:${process.env['PATH'] ?? ''}` },
    },
  );
  let log = '';
  daemon.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const pid = daemon.pid ?? -1;
  const stop = async (): Promise<void> => {
    try {
      process.kill(pid, 'SIGCONT');
      const leftovers = await runtime.list({}).catch(() => []);
      for (const c of leftovers) await (await runtime.attach(c.id)).remove().catch(() => undefined);
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const killer = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 15_000);
    await exited;
    clearTimeout(killer);
    await cleanupBridge();
    rmSync(dir, { recursive: true, force: true });
  };
  const runtime = new DockerRuntime({ connection: { kind: 'socket', socketPath: socket } });
  for (let i = 0; i < 60 && !(await runtime.ping()); i++) await new Promise((r) => setTimeout(r, 250));
  if (!(await runtime.ping())) {
    await stop();
    throw new Error(`the second dockerd did not answer at ${socket}:\n${log}`);
  }
  const local = new DockerRuntime();
  await ensureBusyboxImage(local);
  await runtime.loadImage(await local.saveImage(BUSYBOX_IMAGE));
  return {
    socket,
    tcp: { port, tls: { ca: tls.ca, cert: tls.cert, key: tls.key } },
    bridgeAddress: subnet.replace(/\/\d+$/, ''),
    runtime,
    nvidiaHook,
    pid: Number(readFileSync(pidfile, 'utf8').trim()) || pid,
    freeze: () => process.kill(pid, 'SIGSTOP'),
    stop,
  };
}
