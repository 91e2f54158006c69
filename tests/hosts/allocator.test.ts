/**
 * The allocator's invariants as fast-check properties over random fleets, tenancies and queues, plus
 * hand-worked examples of packing, reservation and the unplaceable message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  type AllocatorState,
  type HostCapacity,
  type Lease,
  type PlacementRequest,
} from '../../harness/hosts/allocator.js';

const GIB = 1024 ** 3;

const hostArb = (i: number) =>
  fc
    .record({
      gpus: fc.integer({ min: 0, max: 8 }),
      cpus: fc.integer({ min: 1, max: 16 }),
      memGib: fc.integer({ min: 1, max: 64 }),
      up: fc.integer({ min: 0, max: 4 }).map((x) => x > 0),
    })
    .map(({ gpus, cpus, memGib, up }): HostCapacity => ({
      name: `h${i}`,
      up,
      gpuIds: Array.from({ length: gpus }, (_, g) => `GPU-${i}-${g}`),
      nanoCpus: cpus * 1e9,
      memoryBytes: memGib * GIB,
    }));

const fleetArb = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hostArb(i))));

const demandArb = fc.record({
  gpus: fc.integer({ min: 0, max: 8 }),
  nanoCpus: fc.integer({ min: 0, max: 16 }).map((c) => c * 1e9),
  memoryBytes: fc.integer({ min: 0, max: 64 }).map((m) => m * GIB),
});

const queueArb = fc
  .array(demandArb, { maxLength: 30 })
  .map((demands) => demands.map((d, i): PlacementRequest => ({ ...d, runId: `r${i}` })));

/** Builds a valid tenancy by letting the allocator itself place a prefix of requests. */
function withTenancy(hosts: HostCapacity[], tenants: PlacementRequest[]): AllocatorState {
  const placed = allocate({ hosts, leases: [], reservation: null }, tenants).placements;
  return { hosts, leases: placed.map((l) => ({ ...l, runId: `tenant-${l.runId}` })), reservation: null };
}

function checkNoOverlapAndCapacity(hosts: readonly HostCapacity[], leases: readonly Lease[]): void {
  const seen = new Set<string>();
  for (const lease of leases) {
    const host = hosts.find((h) => h.name === lease.host);
    expect(host).toBeDefined();
    for (const gpu of lease.gpuIds) {
      expect(host?.gpuIds).toContain(gpu);
      const key = `${lease.host}/${gpu}`;
      expect(seen.has(key), `GPU ${key} given twice`).toBe(false);
      seen.add(key);
    }
  }
  for (const host of hosts) {
    const mine = leases.filter((l) => l.host === host.name);
    expect(mine.reduce((s, l) => s + l.nanoCpus, 0)).toBeLessThanOrEqual(host.nanoCpus);
    expect(mine.reduce((s, l) => s + l.memoryBytes, 0)).toBeLessThanOrEqual(host.memoryBytes);
  }
}

describe('allocate: properties', () => {
  it('never gives a GPU twice, never exceeds a host, places only on up hosts and exactly the GPUs asked', () => {
    fc.assert(
      fc.property(fleetArb, queueArb, queueArb, (fleet, tenants, queue) => {
        const hosts = [...fleet];
        const state = withTenancy(hosts, tenants);
        const { placements } = allocate(state, queue);
        checkNoOverlapAndCapacity(hosts, [...state.leases, ...placements]);
        for (const lease of placements) {
          const request = queue.find((r) => r.runId === lease.runId);
          expect(lease.gpuIds).toHaveLength(request?.gpus ?? -1);
          expect(hosts.find((h) => h.name === lease.host)?.up).toBe(true);
        }
        expect(new Set(placements.map((p) => p.runId)).size).toBe(placements.length);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input gives the same placements and reservation', () => {
    fc.assert(
      fc.property(fleetArb, queueArb, queueArb, (fleet, tenants, queue) => {
        const state = withTenancy([...fleet], tenants);
        expect(allocate(structuredClone(state), structuredClone(queue))).toEqual(allocate(state, queue));
      }),
      { numRuns: 200 },
    );
  });

  it('places every request that fits some host, under any release order, while small ones keep arriving', () => {
    fc.assert(
      fc.property(
        fleetArb,
        queueArb,
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 3 }),
        // estimates (which enable backfill) drawn apart from the lifetimes: often wrong, either way
        fc.option(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 50 }), { nil: undefined }),
        (fleet, queue, lifetimes, waitingSmall, estimates) => {
          const hosts = fleet.map((h) => ({ ...h, up: true }));
          const estimate = (i: number) =>
            estimates === undefined ? {} : { expectedMs: estimates[i % estimates.length] as number };
          queue = queue.map((r, i) => ({ ...r, ...estimate(i) }));
          let pending = queue.filter(
            (r) => allocate({ hosts, leases: [], reservation: null }, [r]).unplaceable.length === 0,
          );
          const original = new Set(pending.map((r) => r.runId));
          // every lease ends after a lifetime (in steps) drawn from `lifetimes`: any release order
          let leases: (Lease & { endsAt: number })[] = [];
          let drawn = 0;
          let reservation: AllocatorState['reservation'] = null;
          let arrived = 0;
          // each step places what fits, then the leases whose time is up end; small runs keep arriving
          // all along, so without the reservation a large request could wait forever behind them
          for (let step = 0; step < 1_000 && [...original].some((id) => pending.some((r) => r.runId === id)); step++) {
            // keep `waitingSmall` one-GPU runs queued at every step
            const late = pending.filter((r) => !original.has(r.runId)).length;
            for (let a = late; a < waitingSmall; a++)
              pending.push({ runId: `late${arrived}`, gpus: 1, nanoCpus: 0, memoryBytes: 0, ...estimate(arrived++) });
            const result = allocate({ hosts, leases, reservation, now: step }, pending);
            const placedIds = new Set(result.placements.map((l) => l.runId));
            pending = pending.filter(
              (r) => !placedIds.has(r.runId) && !result.unplaceable.some((u) => u.runId === r.runId),
            );
            leases = [
              ...leases,
              ...result.placements.map((l) => ({ ...l, endsAt: step + (lifetimes[drawn++ % lifetimes.length] ?? 1) })),
            ];
            reservation = result.reservation;
            checkNoOverlapAndCapacity(hosts, leases);
            if (leases.length > 0) {
              leases = leases.filter((l) => l.endsAt > step);
            } else {
              expect(
                result.placements.length + result.unplaceable.length,
                'stalled with nothing running',
              ).toBeGreaterThan(0);
            }
          }
          expect(pending.filter((r) => original.has(r.runId))).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

const host = (name: string, gpus: number, up = true): HostCapacity => ({
  name,
  up,
  gpuIds: Array.from({ length: gpus }, (_, g) => String(g)),
  nanoCpus: 32e9,
  memoryBytes: 128 * GIB,
});
const req = (runId: string, gpus: number): PlacementRequest => ({ runId, gpus, nanoCpus: 0, memoryBytes: 0 });
const lease = (runId: string, hostName: string, gpuIds: string[]): Lease => ({
  runId,
  host: hostName,
  gpuIds,
  nanoCpus: 0,
  memoryBytes: 0,
});

describe('allocate: examples', () => {
  it('packs into the host it fits most tightly and pins the lowest free device ids', () => {
    const state: AllocatorState = {
      hosts: [host('a', 8), host('b', 8)],
      leases: [lease('x', 'a', ['0', '1', '2', '3', '4', '5'])],
      reservation: null,
    };
    expect(allocate(state, [req('r1', 2)]).placements).toEqual([lease('r1', 'a', ['6', '7'])]);
    expect(allocate(state, [req('r1', 4)]).placements).toEqual([lease('r1', 'b', ['0', '1', '2', '3'])]);
  });

  it('reserves a host for a blocked large request; smaller ones backfill elsewhere, not there', () => {
    const state: AllocatorState = {
      hosts: [host('a', 4), host('b', 4)],
      leases: [lease('x', 'a', ['0']), lease('y', 'b', ['0', '1'])],
      reservation: null,
    };
    const result = allocate(state, [req('big', 4), req('s1', 1), req('s2', 1), req('s3', 1)]);
    expect(result.reservation).toEqual({ runId: 'big', host: 'a' });
    expect(result.placements).toEqual([lease('s1', 'b', ['2']), lease('s2', 'b', ['3'])]);
    // once x ends, the reserved host holds the large request
    const next = allocate({ ...state, leases: [lease('y', 'b', ['0', '1'])], reservation: result.reservation }, [
      req('big', 4),
      req('s3', 1),
    ]);
    expect(next.placements[0]).toEqual(lease('big', 'a', ['0', '1', '2', '3']));
    expect(next.reservation).toBeNull();
  });

  it('backfills the reserved host only with runs expected to end before the reserved one fits (EASY)', () => {
    // host a (4 GPUs): x holds 2 until 10, y holds 2 until 30; big (4) waits for a and reserves it at 0
    const x = { ...lease('x', 'a', ['0', '1']), expectedEndMs: 10 };
    const y = { ...lease('y', 'a', ['2', '3']), expectedEndMs: 30 };
    const hosts = [host('a', 4), host('b', 0)];
    const state = { hosts, leases: [x, y], reservation: null, now: 0 };
    const first = allocate(state, [req('big', 4)]);
    expect(first.reservation).toEqual({ runId: 'big', host: 'a' });
    // at 12, x is gone: 2 GPUs free until 30, when big fits. 'short' (ends by 27) may use them,
    // 'long' (would end at 42) may not, nor one without an estimate
    const at12 = { hosts, leases: [y], reservation: first.reservation, now: 12 };
    const short = { ...req('short', 2), expectedMs: 15 };
    const long = { ...req('long', 2), expectedMs: 30 };
    const unknown = req('unknown', 2);
    expect(allocate(at12, [req('big', 4), long, unknown]).placements).toEqual([]);
    expect(allocate(at12, [req('big', 4), long, short]).placements).toEqual([
      { ...lease('short', 'a', ['0', '1']), expectedEndMs: 27 },
    ]);
    // a lease without an expected end makes the shadow time unknown: nothing backfills
    const { expectedEndMs: _unknownEnd, ...yWithoutEnd } = y;
    const blind = { ...at12, leases: [yWithoutEnd] };
    expect(allocate(blind, [req('big', 4), short]).placements).toEqual([]);
    // once the shadow time has passed (y overstays its estimate), nothing backfills either
    expect(allocate({ ...at12, now: 31 }, [req('big', 4), short]).placements).toEqual([]);
    // without a clock there is no backfill at all (the allocator knows no durations)
    const { now: _now, ...noClock } = at12;
    expect(allocate(noClock, [req('big', 4), short]).placements).toEqual([]);
  });

  it('backfills the reserved host into what it will have left over beside the reserved run', () => {
    // host a (8 GPUs): x holds 6 until 50; big (4) fits at 50 and leaves 4 spare then
    const x = { ...lease('x', 'a', ['0', '1', '2', '3', '4', '5']), expectedEndMs: 50 };
    const state = { hosts: [host('a', 8)], leases: [x], reservation: { runId: 'big', host: 'a' }, now: 0 };
    const longSmall = { ...req('long-small', 2), expectedMs: 500 };
    const result = allocate(state, [req('big', 4), longSmall]);
    expect(result.placements.map((l) => l.runId)).toEqual(['long-small']);
    expect(result.reservation).toEqual({ runId: 'big', host: 'a' });
  });

  it('skips down hosts and drops a reservation on one', () => {
    const state: AllocatorState = {
      hosts: [host('a', 2, false), host('b', 2)],
      leases: [],
      reservation: { runId: 'r', host: 'a' },
    };
    expect(allocate(state, [req('r', 2)])).toEqual({
      placements: [lease('r', 'b', ['0', '1'])],
      reservation: null,
      unplaceable: [],
    });
  });

  it('names what a request asks for when no host can ever hold it', () => {
    const result = allocate({ hosts: [host('a', 2)], leases: [], reservation: null }, [req('huge', 4)]);
    expect(result.unplaceable).toEqual([
      {
        runId: 'huge',
        reason:
          'asks for 4 GPU(s), 0 CPU(s) and 0 bytes of memory; the largest host has 2 GPU(s), 32 CPU(s) and 137438953472 bytes',
      },
    ]);
  });
});
