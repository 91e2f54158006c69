/**
 * GPU/CPU/memory placement across hosts, as one pure function: (hosts, leases, reservation, queue) →
 * new leases, the reservation to keep, and requests no host could ever hold.
 *
 * Invariants (property-tested in tests/hosts/allocator.test.ts):
 * - A GPU is in at most one lease; a host's leased CPUs and memory never exceed its capacity.
 * - Deterministic: the same input gives the same output (hosts and GPUs are tried in a fixed order).
 * - No starvation: the queue is served in order; the first request that fits no host right now
 *   reserves one host that could hold it when empty (the up host with the most free GPUs). Nothing
 *   else is placed there until that request is, so once its leases are released it fits. Requests
 *   behind it still backfill the other hosts, which keeps GPUs busy.
 * - Packing: a request goes to the host it fits most tightly (fewest GPUs left over), keeping whole
 *   hosts free for large requests.
 * - Backfill on the reserved host (EASY backfilling), only when durations are estimated: from the
 *   leases' expected ends, the reserved request's shadow time is when the host will have room for it.
 *   A request may still go there if it is expected to end by then, or if it fits in what the host
 *   will have left over beside the reserved request at that time. Without estimates (a lease or the
 *   request has none) the reserved host takes nothing else and idles while it drains.
 *   Estimates can be wrong, so no backfill is allowed once the shadow time is not in the future: a
 *   run that overstays holds the reserved request back, but only until it ends.
 */

export interface HostCapacity {
  name: string;
  up: boolean;
  /** Device ids (what DeviceRequests' DeviceIDs takes), in the order they are handed out. */
  gpuIds: readonly string[];
  /** CPUs in billionths (Docker's NanoCpus). */
  nanoCpus: number;
  memoryBytes: number;
}

/** What a run asks for; CPUs or memory of 0 mean the run sets no limit and is not counted. */
export interface Demand {
  gpus: number;
  nanoCpus: number;
  memoryBytes: number;
}

export interface PlacementRequest extends Demand {
  runId: string;
  /** How long the run is expected to hold its lease (ms); enables backfill (see above). */
  expectedMs?: number;
}

export interface Lease {
  runId: string;
  host: string;
  gpuIds: readonly string[];
  nanoCpus: number;
  memoryBytes: number;
  /** When the lease is expected to end (ms, on the allocator's clock); unknown: never, for backfill. */
  expectedEndMs?: number;
}

export interface Reservation {
  runId: string;
  host: string;
}

export interface AllocatorState {
  hosts: readonly HostCapacity[];
  leases: readonly Lease[];
  reservation: Reservation | null;
  /** The current time (ms) for expected ends; without it nothing is backfilled. */
  now?: number;
}

export interface AllocationResult {
  placements: Lease[];
  reservation: Reservation | null;
  /** Requests larger than every host (up or down): they can never be placed. */
  unplaceable: { runId: string; reason: string }[];
}

interface Free {
  host: HostCapacity;
  gpuIds: string[];
  nanoCpus: number;
  memoryBytes: number;
  /** The host's leases (existing and placed in this call), for the shadow time. */
  leases: Lease[];
}

function freeCapacity(state: AllocatorState): Map<string, Free> {
  const free = new Map<string, Free>();
  for (const host of state.hosts) {
    if (!host.up) continue;
    free.set(host.name, {
      host,
      gpuIds: [...host.gpuIds],
      nanoCpus: host.nanoCpus,
      memoryBytes: host.memoryBytes,
      leases: [],
    });
  }
  for (const lease of state.leases) take(free.get(lease.host), lease);
  return free;
}

function take(free: Free | undefined, lease: Lease): void {
  if (free === undefined) return;
  const used = new Set(lease.gpuIds);
  free.gpuIds = free.gpuIds.filter((id) => !used.has(id));
  free.nanoCpus -= lease.nanoCpus;
  free.memoryBytes -= lease.memoryBytes;
  free.leases.push(lease);
}

/**
 * When the reserved request will fit on its host if the leases end as expected, and what the host
 * will have beside it then; null when that depends on a lease without an expected end. Leases past
 * their expected end count as ending now.
 */
function shadowOf(
  free: Free,
  reserved: Demand,
  now: number,
): { at: number; spare: { gpus: number; nanoCpus: number; memoryBytes: number } } | null {
  let gpus = free.gpuIds.length;
  let { nanoCpus, memoryBytes } = free;
  let at = now;
  const ending = [...free.leases].sort((a, b) => (a.expectedEndMs ?? Infinity) - (b.expectedEndMs ?? Infinity));
  for (const lease of ending) {
    if (gpus >= reserved.gpus && nanoCpus >= reserved.nanoCpus && memoryBytes >= reserved.memoryBytes) break;
    if (lease.expectedEndMs === undefined) return null;
    at = Math.max(at, lease.expectedEndMs);
    gpus += lease.gpuIds.length;
    nanoCpus += lease.nanoCpus;
    memoryBytes += lease.memoryBytes;
  }
  if (gpus < reserved.gpus || nanoCpus < reserved.nanoCpus || memoryBytes < reserved.memoryBytes) return null;
  return {
    at,
    spare: {
      gpus: gpus - reserved.gpus,
      nanoCpus: nanoCpus - reserved.nanoCpus,
      memoryBytes: memoryBytes - reserved.memoryBytes,
    },
  };
}

/** Whether `request` may go to the reserved host without delaying the reserved request (see header). */
function mayBackfill(free: Free, reserved: Demand, request: PlacementRequest, now: number | undefined): boolean {
  if (now === undefined || request.expectedMs === undefined) return false;
  const shadow = shadowOf(free, reserved, now);
  if (shadow === null) return false;
  if (shadow.at > now && now + request.expectedMs <= shadow.at) return true;
  // what is left beside the reserved request at the shadow time, less what runs past it already
  return (
    request.gpus <= shadow.spare.gpus &&
    request.nanoCpus <= shadow.spare.nanoCpus &&
    request.memoryBytes <= shadow.spare.memoryBytes
  );
}

function fits(free: { gpuIds: readonly string[]; nanoCpus: number; memoryBytes: number }, demand: Demand): boolean {
  return (
    free.gpuIds.length >= demand.gpus && free.nanoCpus >= demand.nanoCpus && free.memoryBytes >= demand.memoryBytes
  );
}

/** Why no host can ever hold `demand`, or null when some host could when empty. */
export function neverFits(hosts: readonly HostCapacity[], demand: Demand): string | null {
  if (hosts.some((host) => fits(host, demand))) return null;
  const most = (f: (h: HostCapacity) => number) => Math.max(0, ...hosts.map(f));
  return (
    `asks for ${demand.gpus} GPU(s), ${demand.nanoCpus / 1e9} CPU(s) and ${demand.memoryBytes} bytes of memory; ` +
    `the largest host has ${most((h) => h.gpuIds.length)} GPU(s), ${most((h) => h.nanoCpus) / 1e9} CPU(s) and ` +
    `${most((h) => h.memoryBytes)} bytes`
  );
}

/** Fewest GPUs left over, then fewest CPUs left over, then the host's name. */
function tighter(a: Free, b: Free, demand: Demand): number {
  return (
    a.gpuIds.length - demand.gpus - (b.gpuIds.length - demand.gpus) ||
    a.nanoCpus - b.nanoCpus ||
    a.memoryBytes - b.memoryBytes ||
    (a.host.name < b.host.name ? -1 : a.host.name > b.host.name ? 1 : 0)
  );
}

/** More free GPUs, then CPUs, then memory; a tie keeps the host listed first. */
function roomier(a: Free, b: Free): boolean {
  return (a.gpuIds.length - b.gpuIds.length || a.nanoCpus - b.nanoCpus || a.memoryBytes - b.memoryBytes) > 0;
}

/** The host a blocked request waits for: one that can hold it, with the most free GPUs now. */
function hostToReserve(free: Map<string, Free>, demand: Demand): string | null {
  let best: Free | null = null;
  for (const candidate of free.values()) {
    if (!fits(candidate.host, demand)) continue;
    if (best === null || roomier(candidate, best)) best = candidate;
  }
  return best?.host.name ?? null;
}

export function allocate(state: AllocatorState, queue: readonly PlacementRequest[]): AllocationResult {
  const free = freeCapacity(state);
  const queued = new Set(queue.map((r) => r.runId));
  let reservation = state.reservation;
  if (reservation !== null && (!queued.has(reservation.runId) || !free.has(reservation.host))) reservation = null;
  const placements: Lease[] = [];
  const unplaceable: AllocationResult['unplaceable'] = [];

  const byRunId = new Map(queue.map((r) => [r.runId, r]));
  for (const request of queue) {
    const never = neverFits(state.hosts, request);
    if (never !== null) {
      unplaceable.push({ runId: request.runId, reason: never });
      continue;
    }
    let best: Free | null = null;
    for (const candidate of free.values()) {
      if (reservation !== null && candidate.host.name === reservation.host && reservation.runId !== request.runId) {
        const reserved = byRunId.get(reservation.runId) as PlacementRequest;
        if (!mayBackfill(candidate, reserved, request, state.now)) continue;
      }
      if (!fits(candidate, request)) continue;
      if (best === null || tighter(candidate, best, request) < 0) best = candidate;
    }
    if (best !== null) {
      const lease: Lease = {
        runId: request.runId,
        host: best.host.name,
        gpuIds: best.gpuIds.slice(0, request.gpus),
        nanoCpus: request.nanoCpus,
        memoryBytes: request.memoryBytes,
        ...(state.now !== undefined && request.expectedMs !== undefined
          ? { expectedEndMs: state.now + request.expectedMs }
          : {}),
      };
      take(best, lease);
      placements.push(lease);
      if (reservation?.runId === request.runId) reservation = null;
      continue;
    }
    if (reservation === null) {
      const host = hostToReserve(free, request);
      if (host !== null) reservation = { runId: request.runId, host };
    }
  }
  return { placements, reservation, unplaceable };
}
