import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiInventory } from '../../harness/hosts/nvidia-smi.js';
import { leaseKey, tenancyFromSandboxes } from '../../harness/hosts/tenancy.js';
import { LABELS, type SandboxSummary } from '../../harness/runtime/runtime.js';

// `nvidia-smi --query-gpu=index,uuid,name,memory.total --format=csv,noheader` on an 8-GPU node
// (the format nvidia-smi prints: comma + space separated, memory in MiB)
const H100_NODE = [
  '0, GPU-1f4c9a52-7d0e-2b3c-8a41-6e5f0c9d7a11, NVIDIA H100 80GB HBM3, 81559 MiB',
  '1, GPU-2a5d0b63-8e1f-3c4d-9b52-7f6a1d0e8b22, NVIDIA H100 80GB HBM3, 81559 MiB',
  '2, GPU-3b6e1c74-9f20-4d5e-ac63-807b2e1f9c33, NVIDIA H100 80GB HBM3, 81559 MiB',
  '3, GPU-4c7f2d85-a031-5e6f-bd74-918c3f20ad44, NVIDIA H100 80GB HBM3, 81559 MiB',
  '',
].join('\n');

describe('parseNvidiaSmiInventory', () => {
  it('reads index, uuid, model and memory of every GPU', () => {
    const gpus = parseNvidiaSmiInventory(H100_NODE);
    expect(gpus).toHaveLength(4);
    expect(gpus[2]).toEqual({
      index: 2,
      uuid: 'GPU-3b6e1c74-9f20-4d5e-ac63-807b2e1f9c33',
      model: 'NVIDIA H100 80GB HBM3',
      memoryBytes: 81559 * 1024 ** 2,
    });
  });

  it('reads the line a real H100 printed (driver 580.159.04, on a GPU machine lent to a session)', () => {
    expect(
      parseNvidiaSmiInventory('0, GPU-ff35ffd0-a8cf-06e7-f065-0d19afd675e6, NVIDIA H100 80GB HBM3, 81559 MiB\n'),
    ).toEqual([
      {
        index: 0,
        uuid: 'GPU-ff35ffd0-a8cf-06e7-f065-0d19afd675e6',
        model: 'NVIDIA H100 80GB HBM3',
        memoryBytes: 81559 * 1024 ** 2,
      },
    ]);
  });

  it('keeps a model name with a comma and an unknown memory ([N/A], MIG and vGPU setups)', () => {
    expect(parseNvidiaSmiInventory('0, GPU-ab12, Tesla T4, rev B, [N/A]\n')).toEqual([
      { index: 0, uuid: 'GPU-ab12', model: 'Tesla T4, rev B', memoryBytes: null },
    ]);
  });

  it('reads empty output (no GPU) as none', () => {
    expect(parseNvidiaSmiInventory('\n')).toEqual([]);
  });

  it.each([
    ['NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.', 'expected index, uuid'],
    ['x, GPU-ab12, T4, 15360 MiB', "index 'x' is not a number"],
    ['0, 3, T4, 15360 MiB', "uuid '3' is not a GPU uuid"],
    ['0, GPU-ab, T4, 15 GiB', "memory '15 GiB' is not 'N MiB'"],
    ['0, GPU-ab, T4, 15360 MiB\n0, GPU-cd, T4, 15360 MiB', 'lists a GPU index twice'],
  ])('refuses %j', (text, message) => {
    expect(() => parseNvidiaSmiInventory(text)).toThrow(message);
  });
});

const sandbox = (id: string, labels: Record<string, string>, running = true): SandboxSummary => ({
  id,
  name: id,
  running,
  labels: { [LABELS.managed]: 'true', ...labels },
});

describe('tenancyFromSandboxes', () => {
  const gpus = ['GPU-a', 'GPU-b', 'GPU-c'];
  it('reads leases from the labels of running containers only', () => {
    const leases = tenancyFromSandboxes('h1', gpus, [
      sandbox('c1', {
        [LABELS.group]: 'g1',
        [LABELS.run]: 'r1',
        [LABELS.gpus]: 'GPU-b,GPU-c',
        [LABELS.nanoCpus]: '2000000000',
        [LABELS.memoryBytes]: '1024',
      }),
      sandbox('c2', { [LABELS.group]: 'g1', [LABELS.run]: 'r2', [LABELS.gpus]: 'GPU-a' }, false),
      sandbox('c3', { [LABELS.gpus]: '' }),
    ]);
    expect(leases).toEqual([
      { runId: leaseKey('g1', 'r1'), host: 'h1', gpuIds: ['GPU-b', 'GPU-c'], nanoCpus: 2e9, memoryBytes: 1024 },
      { runId: 'container/c3', host: 'h1', gpuIds: [], nanoCpus: 0, memoryBytes: 0 },
    ]);
  });

  it.each(['count:1', 'all'])('takes a container with unpinned GPUs (%s) to hold all of them', (label) => {
    expect(tenancyFromSandboxes('h1', gpus, [sandbox('c', { [LABELS.gpus]: label })])[0]?.gpuIds).toEqual(gpus);
  });
});
