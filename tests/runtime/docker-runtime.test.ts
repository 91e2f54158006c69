import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../../harness/runtime/busybox-image.js';
import { DockerRuntime, containerCreateOptions } from '../../harness/runtime/docker-runtime.js';
import { resolveOwner } from '../../harness/runtime/docker-create-options.js';
import { extractArchive } from '../../harness/runtime/extract-outputs.js';
import { LABELS, RuntimeError, type Sandbox } from '../../harness/runtime/runtime.js';
import {
  SANDBOX_PATHS,
  SandboxSpec,
  type Resources,
  type SandboxSpecInput,
} from '../../harness/runtime/sandbox-spec.js';
import { readAll, runtimeContract, tarEntries } from './contract.js';
import { dockerAvailable } from './docker-gate.js';

const docker = await dockerAvailable();

const baseSpec = (input: Partial<SandboxSpecInput> = {}): SandboxSpec =>
  SandboxSpec.parse({
    name: 'podium-unit',
    image: BUSYBOX_IMAGE,
    command: ['sleep', '1'],
    user: '1000:1000',
    labels: { [LABELS.run]: 'r1' },
    ...input,
  });

describe('containerCreateOptions (no engine)', () => {
  it('maps the spec onto the create body, hardened and labelled', () => {
    const options = containerCreateOptions(
      baseSpec({
        command: ['python', 'run.py', '--flag'],
        env: { A: '1', PODIUM_DATA_DIR: '/custom' },
        workdir: '/home/agent',
        networkMode: 'none',
        extraHosts: ['host.docker.internal:host-gateway'],
      }),
    );
    expect(options).toMatchObject({
      name: 'podium-unit',
      Image: BUSYBOX_IMAGE,
      Cmd: ['python', 'run.py', '--flag'],
      User: '1000:1000',
      WorkingDir: '/home/agent',
      Labels: { [LABELS.run]: 'r1', [LABELS.managed]: 'true' },
      Tty: false,
    });
    expect(options.Env).toContain('A=1');
    expect(options.Env).toContain('PODIUM_DATA_DIR=/custom'); // The spec's env wins over the defaults.
    expect(options.Env).toContain('PODIUM_SUBMISSION_DIR=/home/submission');
    expect(options.HostConfig).toEqual({
      NetworkMode: 'none',
      ExtraHosts: ['host.docker.internal:host-gateway'],
      Binds: [],
      DeviceRequests: [],
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      Init: true,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '64m', 'max-file': '1' } },
    });
  });

  it.each([
    ['cpus', { nanoCpus: 2_000_000_000 }, { NanoCpus: 2_000_000_000 }],
    ['memory without swap', { memoryBytes: 512 * 2 ** 20 }, { Memory: 536_870_912, MemorySwap: 536_870_912 }],
    ['shm', { shmSizeBytes: 2 ** 30 }, { ShmSize: 1_073_741_824 }],
    ['pids', { pidsLimit: 256 }, { PidsLimit: 256 }],
    [
      'a GPU count',
      { gpus: { count: 2 } },
      { DeviceRequests: [{ Driver: 'nvidia', Count: 2, Capabilities: [['gpu']] }] },
    ],
    [
      'GPU device ids',
      { gpus: { deviceIds: ['0', 'GPU-3f1c'] } },
      { DeviceRequests: [{ Driver: 'nvidia', DeviceIDs: ['0', 'GPU-3f1c'], Capabilities: [['gpu']] }] },
    ],
  ] as [string, Resources, object][])('maps resources: %s', (_label, resources, expected) => {
    const { HostConfig } = containerCreateOptions(baseSpec({ resources }));
    expect(HostConfig).toMatchObject(expected);
    if (!('memoryBytes' in resources)) expect(HostConfig.MemorySwap).toBeUndefined();
  });

  it('binds read-only mounts with :ro and writable ones without', () => {
    const { HostConfig } = containerCreateOptions(
      baseSpec({
        mounts: [
          { hostPath: '/srv/public', containerPath: '/home/data', readOnly: true },
          { hostPath: '/srv/scratch', containerPath: '/scratch', readOnly: false },
        ],
      }),
    );
    expect(HostConfig.Binds).toEqual(['/srv/public:/home/data:ro', '/srv/scratch:/scratch']);
  });

  it.each([
    ['1000:1000', undefined, { uid: 1000, gid: 1000 }],
    ['1000', undefined, { uid: 1000, gid: 1000 }],
    ['1000', 'x:x:1000:50::/:/bin/sh\n', { uid: 1000, gid: 50 }],
    ['agent', 'root:x:0:0::/:/bin/sh\nagent:x:1000:1001::/:/bin/sh\n', { uid: 1000, gid: 1001 }],
    ['agent:7', 'agent:x:1000:1001::/:/bin/sh\n', { uid: 1000, gid: 7 }],
    ['nobody', 'agent:x:1000:1001::/:/bin/sh\n', null],
    ['agent', undefined, null],
  ] as const)('resolves the owner of user %s', (user, passwd, expected) => {
    expect(resolveOwner(user, passwd)).toEqual(expected);
  });
});

describe.skipIf(!docker)('DockerRuntime on a real engine', () => {
  const runtime = new DockerRuntime();
  const run = `docker-${randomBytes(4).toString('hex')}`;
  const sandboxes: Sandbox[] = [];
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const create = async (label: string, input: Partial<SandboxSpecInput>) => {
    const sandbox = await runtime.create(
      baseSpec({ name: `podium-${run}-${label}`, labels: { [LABELS.run]: run }, ...input }),
    );
    sandboxes.push(sandbox);
    return sandbox;
  };

  beforeAll(async () => {
    await ensureBusyboxImage(runtime);
  });
  afterAll(async () => {
    for (const sandbox of sandboxes) await sandbox.remove().catch(() => undefined);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('pings the engine', async () => {
    expect(await runtime.ping()).toBe(true);
    expect(await runtime.imageExists(BUSYBOX_IMAGE)).toBe(true);
    expect(await runtime.imageExists('podium/no-such-image:0')).toBe(false);
  });

  it('reports an engine that does not answer', async () => {
    const nowhere = new DockerRuntime({ socketPath: join(tempDir('podium-nosock-'), 'docker.sock') });
    expect(await nowhere.ping()).toBe(false);
    await expect(DockerRuntime.connect({ socketPath: '/nonexistent/docker.sock' })).rejects.toThrow(
      'docker: no engine answers at /nonexistent/docker.sock',
    );
  });

  it('wraps engine failures in RuntimeError with the cause', async () => {
    const error = await runtime
      .create(baseSpec({ name: `podium-${run}-noimage`, image: 'podium/no-such-image:0' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).message).toBe(
      'docker: image podium/no-such-image:0 not found (there is no registry: import it)',
    );
    expect((error as RuntimeError).cause).toBeDefined();
    await expect(runtime.attach('podium-no-such-container')).rejects.toBeInstanceOf(RuntimeError);
  });

  it('runs the agent as uid 1000, owning its writable folders, without capabilities', async () => {
    const sandbox = await create('uid', {
      command: ['sh', '-c', 'id -u; id -g; ls -ldn /home/submission; grep CapEff /proc/self/status'],
      writableDirs: [SANDBOX_PATHS.submission],
    });
    await sandbox.start();
    expect((await sandbox.wait()).exitCode).toBe(0);
    const [uid, gid, listing, caps] = (await readAll(await sandbox.logs())).trim().split('\n');
    expect([uid, gid]).toEqual(['1000', '1000']);
    expect(listing).toMatch(/^drwxr-xr-x\s+\d+\s+1000\s+1000\s.*\/home\/submission$/);
    expect(caps).toMatch(/^CapEff:\s+0+$/);
  });

  it('names the harness in the container by the extra hosts entry (host.docker.internal → harness address)', async () => {
    const sandbox = await create('hosts', {
      command: ['grep', 'host.docker.internal', '/etc/hosts'],
      extraHosts: ['host.docker.internal:10.123.45.67'],
    });
    await sandbox.start();
    expect((await sandbox.wait()).exitCode).toBe(0);
    expect((await readAll(await sandbox.logs())).trim()).toMatch(/^10\.123\.45\.67\s+host\.docker\.internal$/);
  });

  it('resolves a user name through the image passwd for the writable folders', async () => {
    const sandbox = await create('username', {
      command: ['sh', '-c', 'id -u; ls -ldn /home/code'],
      user: 'agent',
      writableDirs: [SANDBOX_PATHS.code],
    });
    await sandbox.start();
    await sandbox.wait();
    const [uid, listing] = (await readAll(await sandbox.logs())).trim().split('\n');
    expect(uid).toBe('1000');
    expect(listing).toMatch(/\s1000\s+1000\s/);
  });

  it('applies the memory and pids limits in the cgroup', async () => {
    const sandbox = await create('limits', {
      command: ['sleep', '300'],
      resources: { memoryBytes: 64 * 2 ** 20, pidsLimit: 64 },
    });
    await sandbox.start();
    const memory = await sandbox.exec([
      'sh',
      '-c',
      'cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes',
    ]);
    const pids = await sandbox.exec([
      'sh',
      '-c',
      'cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max',
    ]);
    expect(memory.stdout.trim()).toBe(String(64 * 2 ** 20));
    expect(pids.stdout.trim()).toBe('64');
    expect((await sandbox.exec(['id', '-u'])).stdout).toBe('1000\n'); // exec runs as the sandbox user...
    expect((await sandbox.exec(['id', '-u'], { user: '1234' })).stdout).toBe('1234\n'); // ...unless told.
    await sandbox.kill();
  });

  it('reports an agent killed for memory as oomKilled', async () => {
    const sandbox = await create('oom', {
      command: ['dd', 'if=/dev/zero', 'of=/dev/null', 'bs=256M', 'count=1'],
      resources: { memoryBytes: 32 * 2 ** 20 },
    });
    await sandbox.start();
    expect(await sandbox.wait()).toEqual({ exitCode: 137, oomKilled: true });
    expect((await sandbox.inspect()).oomKilled).toBe(true);
  });

  it('contains a malicious agent: no private answers visible, planted links not followed on the host', async () => {
    const secret = `PODIUM-SECRET-${randomBytes(8).toString('hex')}`;
    const privateDir = tempDir('podium-private-');
    writeFileSync(join(privateDir, 'answers.csv'), `id,label\n1,${secret}\n`);
    writeFileSync(join(privateDir, 'test.csv'), `id\n1\n`);
    const publicDir = tempDir('podium-public-');
    writeFileSync(join(publicDir, 'train.csv'), 'id,y\n1,2\n');
    writeFileSync(join(publicDir, 'decoy-answers.txt'), 'public\n'); // Proves the search does search.
    chmodSync(publicDir, 0o755);
    const script = [
      'out=/home/submission',
      "find / \\( -path /proc -o -path /sys \\) -prune -o \\( -name '*answers*' -o -name 'test.csv' \\) -print > /home/logs/found.txt 2>/dev/null",
      `grep -rl ${secret} /bin /etc /home /tmp /root /var /mnt /opt /srv 2>/dev/null >> /home/logs/found.txt`,
      'echo id,y > $out/real.csv',
      'ln -s /etc/passwd $out/submission.csv',
      'ln -s / $out/root',
      'ln /etc/passwd $out/hard 2>/dev/null',
      'mkdir $out/dir && ln -s /etc $out/dir/escape',
      'exit 0',
    ].join('\n');
    const sandbox = await create('malicious', {
      command: ['sh', '-c', script],
      mounts: [{ hostPath: publicDir, containerPath: SANDBOX_PATHS.data, readOnly: true }],
      writableDirs: [SANDBOX_PATHS.submission, SANDBOX_PATHS.logs],
    });
    await sandbox.start();
    expect((await sandbox.wait()).exitCode).toBe(0);

    const found = await tarEntries(await sandbox.getArchive('/home/logs/found.txt'));
    // Only the public decoy: the private answers and test.csv exist on the host alone.
    expect(found).toEqual(new Map([['found.txt', '/home/data/decoy-answers.txt\n']]));

    const dest = tempDir('podium-outputs-');
    const report = await extractArchive(await sandbox.getArchive(SANDBOX_PATHS.submission), dest, {
      maxFileBytes: 1 << 20,
      maxTotalBytes: 1 << 20,
      stripComponents: 1,
    });
    expect(report.files).toEqual(['real.csv']);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { path: 'submission/submission.csv', reason: 'symlink' },
        { path: 'submission/root', reason: 'symlink' },
        { path: 'submission/dir/escape', reason: 'symlink' },
      ]),
    );
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        const stat = lstatSync(path);
        expect(stat.isSymbolicLink()).toBe(false);
        return stat.isDirectory() ? walk(path) : [path];
      });
    expect(walk(dest).map((path) => path.slice(dest.length + 1))).toEqual(['real.csv']);
  });
});

describe.skipIf(!docker)('the Runtime contract on Docker', () => {
  runtimeContract(
    'docker',
    async () => {
      const runtime = await DockerRuntime.connect();
      await ensureBusyboxImage(runtime);
      return runtime;
    },
    (input) => SandboxSpec.parse({ ...input, image: BUSYBOX_IMAGE, user: '1000:1000' }),
  );
});
