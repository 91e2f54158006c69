/**
 * Where the harness's services (validation service, LLM gateway) listen: the narrowest set of this
 * machine's addresses at which every sandbox of the session reaches them, so that the LAN (and a
 * sandbox probing the host's other addresses) finds nothing. Pure: the facts are gathered in
 * listen-facts.ts.
 *
 * - local runtime: loopback (the agent is a process of this machine);
 * - Docker, default bridge: what `host-gateway` names on the engine (the bridge's gateway, or the
 *   daemon's host-gateway-ip), one per engine of the session;
 * - Docker, `--network isolated`: the internal network's gateway (the bridge interface Docker gives it
 *   on the host; sandboxes name it as host.docker.internal);
 * - a harness address (`--harness-address`, hosts.yaml `harness_address`; remote hosts, k8s): that IP;
 * - an address that is not one of this machine's (NAT, a remote engine's gateway) or an engine that
 *   could not tell: every address (0.0.0.0, or :: for IPv6), with a note saying why — never a failure.
 */
import { isIPv6 } from 'node:net';
import type { RuntimeKind } from '../runtime/runtime.js';

/** One Docker engine whose sandboxes this session starts. */
export interface EngineReach {
  /** The hosts.yaml host's name, or a description of the engine, for the notes. */
  engine: string;
  /** The host's own `harness_address` (hosts.yaml): its sandboxes reach the harness there. */
  harnessAddress?: string;
  /** The addresses `host-gateway` names in this engine's containers; empty when the engine could not tell. */
  hostGateways: readonly string[];
}

export interface ListenFacts {
  runtime: RuntimeKind;
  /** `--harness-address`: where sandboxes reach the harness unless their host names its own. */
  harnessAddress?: string;
  /** The Docker engines of the session (docker runtime only). */
  engines: readonly EngineReach[];
  /** The gateway of the group's internal network (`--network isolated`): its sandboxes' only way out. */
  isolatedGateway?: string;
  /** The addresses named above that are this machine's own (it can listen on them). */
  localAddresses: readonly string[];
}

export interface ListenPlan {
  /** Where to listen, each on the same port; a wildcard (0.0.0.0 or ::) comes alone. */
  hosts: string[];
  /** Why the plan is wider than it could be (one line each), for the session's log. */
  notes: string[];
}

export const LOOPBACK = '127.0.0.1';
const ANY_IPV4 = '0.0.0.0';
const ANY_IPV6 = '::';

/** What one route into the harness asks for: a specific local address, or any (with the reason). */
type Need = { address: string } | { any: typeof ANY_IPV4 | typeof ANY_IPV6; why: string };

export function planListenAddresses(facts: ListenFacts): ListenPlan {
  return combine(needsOf(facts));
}

function needsOf(facts: ListenFacts): Need[] {
  const at = (address: string, who: string): Need => localOrAny(address, who, facts.localAddresses);
  switch (facts.runtime) {
    case 'local':
      return [{ address: LOOPBACK }];
    case 'k8s':
      // without a harness address no pod reaches the harness at all (the session says so): loopback only
      return facts.harnessAddress === undefined ? [{ address: LOOPBACK }] : [at(facts.harnessAddress, 'pods')];
    case 'docker':
      if (facts.isolatedGateway !== undefined) return [at(facts.isolatedGateway, 'sandboxes on the internal network')];
      if (facts.engines.length === 0) return [{ any: ANY_IPV4, why: 'no Docker engine to learn the host-gateway of' }];
      return facts.engines.flatMap((engine) => engineNeeds(engine, facts.harnessAddress, at));
  }
}

function engineNeeds(
  engine: EngineReach,
  sessionAddress: string | undefined,
  at: (address: string, who: string) => Need,
): Need[] {
  const who = `sandboxes on ${engine.engine}`;
  const address = engine.harnessAddress ?? sessionAddress;
  if (address !== undefined) return [at(address, who)];
  if (engine.hostGateways.length === 0)
    return [{ any: ANY_IPV4, why: `${engine.engine} did not tell its host-gateway address` }];
  return engine.hostGateways.map((gateway) => at(gateway, who));
}

function localOrAny(address: string, who: string, localAddresses: readonly string[]): Need {
  if (localAddresses.includes(address)) return { address };
  return {
    any: isIPv6(address) ? ANY_IPV6 : ANY_IPV4,
    why: `${who} reach the harness at ${address}, which is no address of this machine (NAT or a remote engine)`,
  };
}

function combine(needs: readonly Need[]): ListenPlan {
  const wide = needs.filter((n): n is Extract<Need, { any: string }> => 'any' in n);
  if (wide.length > 0) {
    // '::' takes IPv4 too (dual stack), and a wildcard and a specific address cannot share a port
    const any = wide.some((n) => n.any === ANY_IPV6) ? ANY_IPV6 : ANY_IPV4;
    return { hosts: [any], notes: [...new Set(wide.map((n) => `listening on ${any}: ${n.why}`))] };
  }
  return { hosts: [...new Set(needs.flatMap((n) => ('address' in n ? [n.address] : [])))], notes: [] };
}
