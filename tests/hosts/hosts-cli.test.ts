/** `podium hosts check` and `podium simulate` through the real CLI. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerAvailable } from '../runtime/docker-gate.js';
import { runCliCaptured } from '../support/run-cli-captured.js';
import { useTempDir } from '../support/temp-dir.js';

const docker = await dockerAvailable();
const tmp = useTempDir('podium-hosts-cli-');

describe.skipIf(!docker)('podium hosts check', () => {
  it('prints each host: reachable with its declared GPUs and capacity, or why it is not usable', async () => {
    const file = join(tmp, 'hosts.yaml');
    writeFileSync(
      file,
      [
        'schema_version: 1',
        'hosts:',
        '  - name: here',
        '    docker: unix:///var/run/docker.sock',
        '    gpus: [{ index: 0, model: Fake GPU }, { index: 1, model: Fake GPU }]',
        '    cpus: 3',
        '    memory: 2g',
        '  - { name: nowhere, docker: "unix:///nonexistent/docker.sock" }',
        '',
      ].join('\n'),
    );
    const result = await runCliCaptured(['hosts', 'check', '--hosts', file, '--json']);
    expect(result.code).toBe(0);
    const [here, nowhere] = JSON.parse(result.stdout);
    expect(here).toMatchObject({
      name: 'here',
      reachable: true,
      error: null,
      gpuSource: 'declared',
      gpus: [
        { id: '0', index: 0, uuid: null, model: 'Fake GPU' },
        { id: '1', index: 1, uuid: null, model: 'Fake GPU' },
      ],
      nanoCpus: 3e9,
      memoryBytes: 2 * 1024 ** 3,
    });
    expect(here.engine.cpus).toBeGreaterThan(0);
    expect(nowhere).toMatchObject({ reachable: false });
    // the reason is the connection's own error
    expect(nowhere.error).toMatch(/^no Docker engine answers at unix:\/\/\/nonexistent\/docker\.sock: .*ENOENT/);
    const table = await runCliCaptured(['hosts', 'check', '--hosts', file]);
    expect(table.stdout).toContain('2× Fake GPU (declared: 0,1)');
    expect(table.stdout).toContain('1 of 2 host(s) usable');
  });

  it('without a hosts file checks the local engine, finding no GPU driver here as no GPUs', async () => {
    const result = await runCliCaptured(['hosts', 'check', '--json']);
    expect(result.code).toBe(0);
    const [local] = JSON.parse(result.stdout);
    expect(local).toMatchObject({ name: 'local', reachable: true });
    // no NVIDIA runtime: no GPUs and no error; on a GPU host the nvidia-smi query lists them instead
    expect(local.error).toBeNull();
    expect(local.gpuSource === 'none' ? local.gpus.length === 0 : local.gpus.length > 0).toBe(true);
  });
});

describe('podium hosts check: configuration errors', () => {
  it('names the file and the field of a broken hosts.yaml (exit 2)', async () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, 'schema_version: 1\nhosts:\n  - { name: a, docker: "ftp://x" }\n');
    const result = await runCliCaptured(['hosts', 'check', '--hosts', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: hosts.0.docker: unsupported scheme 'ftp:'`);
  });
});

describe('podium simulate', () => {
  it('prints makespan against the bound, utilisation, and lost/duplicated runs', async () => {
    const args = [
      'simulate',
      '--hosts',
      '2',
      '--gpus-per-host',
      '4',
      '--runs',
      '40',
      '--fault-rate',
      '0.2',
      '--seed',
      '4',
    ];
    const text = await runCliCaptured(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^simulated 40 runs on 2 hosts × 4 GPUs; host fault rate 0.2/);
    expect(text.stdout).toMatch(/makespan \/ bound {2}1\.\d{4}/);
    const json = JSON.parse((await runCliCaptured([...args, '--json'])).stdout);
    expect(json).toMatchObject({ runs: 40, completed: 40, lost: 0, duplicated: 0, gpu_conflicts: 0 });
    expect(json.faults_keep_work).toBe(false);
    const keep = await runCliCaptured([...args, '--faults-keep-work']);
    expect(keep.stdout).toContain('what-if: runs killed by a fault keep their work');
    expect(JSON.parse((await runCliCaptured([...args, '--faults-keep-work', '--json'])).stdout)).toMatchObject({
      faults_keep_work: true,
      completed: 40,
    });
  });

  it('refuses a fault rate outside [0, 1]', async () => {
    const result = await runCliCaptured([
      'simulate',
      '--hosts',
      '1',
      '--gpus-per-host',
      '1',
      '--runs',
      '1',
      '--fault-rate',
      '2',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('faultRate');
  });
});
