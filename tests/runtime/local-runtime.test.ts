import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalRuntime, localHostPath, localPathEnv } from '../../harness/runtime/local-runtime.js';
import { LABELS, RuntimeError } from '../../harness/runtime/runtime.js';
import { SANDBOX_PATHS, SandboxSpec, type SandboxSpecInput } from '../../harness/runtime/sandbox-spec.js';
import { readAll, runtimeContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'podium-local-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const localSpec = (input: Omit<SandboxSpecInput, 'image' | 'user'>) =>
  SandboxSpec.parse({ ...input, image: 'ignored-by-local', user: `${process.getuid?.() ?? 1000}` });

runtimeContract('local', () => new LocalRuntime({ root: join(root, 'contract') }), localSpec);

describe('local path mapping', () => {
  const mounts = [
    { hostPath: '/srv/public', containerPath: '/home/data', readOnly: true },
    { hostPath: '/srv/deep', containerPath: '/home/data/deep', readOnly: true },
  ];
  it.each([
    ['/home/submission', '/ws/home/submission'],
    ['/home/data', '/srv/public'],
    ['/home/data/train.csv', '/srv/public/train.csv'],
    ['/home/data/deep/x', '/srv/deep/x'],
    ['/home/database', '/ws/home/database'],
    ['/home/../../etc/passwd', '/ws/etc/passwd'],
    ['relative/x', '/ws/relative/x'],
  ])('maps %s to %s', (containerPath, hostPath) => {
    expect(localHostPath('/ws', mounts, containerPath)).toBe(hostPath);
  });

  it('points the SANDBOX_ENV variables into the workspace', () => {
    expect(localPathEnv('/ws')).toEqual({
      PODIUM_DATA_DIR: '/ws/home/data',
      PODIUM_SUBMISSION_DIR: '/ws/home/submission',
      PODIUM_LOGS_DIR: '/ws/home/logs',
      PODIUM_CODE_DIR: '/ws/home/code',
      PODIUM_AGENT_DIR: '/ws/home/agent',
      PODIUM_INSTRUCTIONS: '/ws/home/instructions.txt',
    });
  });
});

describe('LocalRuntime specifics', () => {
  const base = join(root, 'specifics');
  const spec = (name: string, command: string[], extra: Partial<SandboxSpecInput> = {}) =>
    localSpec({ name, command, labels: { [LABELS.run]: 'specifics' }, ...extra });

  it('makes mounts symlinks to the host folders and refuses a duplicate name', async () => {
    const data = mkdtempSync(join(root, 'data-'));
    writeFileSync(join(data, 'train.csv'), 'id\n1\n');
    const runtime = new LocalRuntime({ root: base });
    const mounts = [{ hostPath: data, containerPath: SANDBOX_PATHS.data, readOnly: true }];
    const sandbox = await runtime.create(spec('mounts', ['cat', 'home/data/train.csv'], { mounts }));
    try {
      expect(readlinkSync(join(base, 'mounts', 'home', 'data'))).toBe(data);
      await sandbox.start();
      expect(await sandbox.wait()).toEqual({ exitCode: 0, oomKilled: false });
      expect(await readAll(await sandbox.logs())).toBe('id\n1\n');
      await expect(runtime.create(spec('mounts', ['true']))).rejects.toBeInstanceOf(RuntimeError);
    } finally {
      await sandbox.remove();
    }
    expect(() => lstatSync(join(base, 'mounts'))).toThrow();
    expect(readFileSync(join(data, 'train.csv'), 'utf8')).toBe('id\n1\n'); // remove() never follows the mount.
  });

  it('survives a harness restart: a new instance lists, attaches and waits', async () => {
    const first = new LocalRuntime({ root: base });
    const sandbox = await first.create(spec('restart', ['sh', '-c', 'sleep 1; exit 5']));
    await sandbox.start();
    const second = new LocalRuntime({ root: base });
    expect(await second.list({ [LABELS.run]: 'specifics' })).toEqual([
      {
        id: sandbox.id,
        name: 'restart',
        // the runtime stamps podium.managed, as Docker's does, so `podium cleanup` finds it
        labels: { [LABELS.run]: 'specifics', [LABELS.managed]: 'true' },
        running: true,
      },
    ]);
    const attached = await second.attach(sandbox.id);
    expect(await attached.wait()).toEqual({ exitCode: 5, oomKilled: false });
    await attached.remove();
  });

  it('records an exit nobody saw as exited with an unknown code', async () => {
    const runtime = new LocalRuntime({ root: base });
    const sandbox = await runtime.create(spec('vanished', ['true']));
    const gone = spawnSync('true');
    expect(gone.pid).toBeGreaterThan(0);
    const statePath = join(base, 'vanished', '.podium-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
    writeFileSync(statePath, JSON.stringify({ ...state, status: 'running', pid: gone.pid, startedAt: 'then' }));
    const attached = await new LocalRuntime({ root: base }).attach(sandbox.id);
    await expect(attached.wait()).rejects.toThrow(
      'local: vanished ended while no harness watched it; its exit code is unknown',
    );
    expect(await attached.inspect()).toMatchObject({ status: 'exited', exitCode: null });
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({ status: 'exited', exitCode: null });
    await attached.remove();
  });

  it('fails to start a command that does not exist with a RuntimeError', async () => {
    const runtime = new LocalRuntime({ root: base });
    const sandbox = await runtime.create(spec('missing', ['/nonexistent/agent']));
    await expect(sandbox.start()).rejects.toBeInstanceOf(RuntimeError);
    await sandbox.remove();
  });

  it('kills the whole process group, not only the main process', async () => {
    const runtime = new LocalRuntime({ root: base });
    const sandbox = await runtime.create(spec('group', ['sh', '-c', 'sleep 300 & echo $!; wait']));
    await sandbox.start();
    let childPid = 0;
    for (let i = 0; i < 50 && childPid === 0; i += 1) {
      childPid = Number(readFileSync(join(base, 'group', '.podium-output.log'), 'utf8').trim()) || 0;
      if (childPid === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(childPid).toBeGreaterThan(0);
    await sandbox.stop(5);
    // Dead: gone, or a zombie waiting for the host's init to reap it. The signal reaches the child as
    // the main process ends, but a loaded machine may schedule its death a little later: poll for it
    // (well under the 300 s it would live if the group were not signalled).
    const dead = () => {
      const stat = existsSync(`/proc/${childPid}/stat`) ? readFileSync(`/proc/${childPid}/stat`, 'utf8') : '';
      return stat === '' || /^\d+ \(sleep\) Z /.test(stat);
    };
    for (let i = 0; i < 100 && !dead(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dead()).toBe(true);
    await sandbox.remove();
  });
});
