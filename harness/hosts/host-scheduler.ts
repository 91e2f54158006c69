/**
 * The stateful shell around the pure allocator: runs wait in `acquire` until the allocator places
 * them, `release` frees a lease, and hosts going down or up re-run the allocation. Waiters are served
 * in their `order` (lower first), so a re-queued run keeps its original place in line.
 */
import {
  allocate,
  neverFits,
  type HostCapacity,
  type Lease,
  type PlacementRequest,
  type Reservation,
} from './allocator.js';

export class UnplaceableError extends Error {
  constructor(
    readonly runId: string,
    reason: string,
  ) {
    super(`run ${runId} can never be placed: it ${reason}`);
    this.name = 'UnplaceableError';
  }
}

interface Waiter {
  request: PlacementRequest;
  order: number;
  resolve: (lease: Lease) => void;
  reject: (error: Error) => void;
}

export class HostScheduler {
  private hosts: HostCapacity[];
  private leases: Lease[];
  private reservation: Reservation | null = null;
  private waiters: Waiter[] = [];

  /**
   * `tenancy`: leases already held on the hosts (read back from container labels) before anything is
   * placed. `now`: the clock that requests' expected durations are counted on; with it, runs that
   * carry an estimate may backfill a host reserved for a larger run (see allocator.ts).
   */
  constructor(
    hosts: readonly HostCapacity[],
    tenancy: readonly Lease[] = [],
    private readonly now?: () => number,
  ) {
    this.hosts = hosts.map((h) => ({ ...h }));
    this.leases = [...tenancy];
  }

  /** Resolves with the run's lease once it is placed; rejects when no host can ever hold it. */
  acquire(request: PlacementRequest, order: number): Promise<Lease> {
    const never = neverFits(this.hosts, request);
    if (never !== null) return Promise.reject(new UnplaceableError(request.runId, never));
    if (
      this.leases.some((l) => l.runId === request.runId) ||
      this.waiters.some((w) => w.request.runId === request.runId)
    )
      return Promise.reject(new Error(`run ${request.runId} already holds or awaits a placement`));
    const placed = new Promise<Lease>((resolve, reject) => {
      this.waiters.push({ request, order, resolve, reject });
    });
    this.waiters.sort((a, b) => a.order - b.order);
    this.pump();
    return placed;
  }

  release(runId: string): void {
    const before = this.leases.length;
    this.leases = this.leases.filter((l) => l.runId !== runId);
    if (this.leases.length !== before) this.pump();
  }

  /**
   * A down host gets nothing new and its leases are dropped (its runs are being failed over). A host
   * coming back brings the leases found on it (containers of other groups, read from their labels).
   */
  setHostUp(name: string, up: boolean, tenancy: readonly Lease[] = []): void {
    const host = this.hosts.find((h) => h.name === name);
    if (host === undefined || host.up === up) return;
    host.up = up;
    this.leases = this.leases.filter((l) => l.host !== name);
    if (up) this.leases.push(...tenancy.filter((l) => l.host === name));
    this.pump();
  }

  snapshot(): { hosts: HostCapacity[]; leases: Lease[]; waiting: string[]; reservation: Reservation | null } {
    return {
      hosts: this.hosts.map((h) => ({ ...h })),
      leases: [...this.leases],
      waiting: this.waiters.map((w) => w.request.runId),
      reservation: this.reservation,
    };
  }

  private pump(): void {
    const result = allocate(
      { hosts: this.hosts, leases: this.leases, reservation: this.reservation, now: this.now?.() },
      this.waiters.map((w) => w.request),
    );
    this.reservation = result.reservation;
    const done = new Set<string>();
    for (const lease of result.placements) {
      this.leases.push(lease);
      done.add(lease.runId);
      this.waiters.find((w) => w.request.runId === lease.runId)?.resolve(lease);
    }
    for (const { runId, reason } of result.unplaceable) {
      done.add(runId);
      this.waiters.find((w) => w.request.runId === runId)?.reject(new UnplaceableError(runId, reason));
    }
    if (done.size > 0) this.waiters = this.waiters.filter((w) => !done.has(w.request.runId));
  }
}
