/**
 * The I/O half of listen-addresses.ts: what `host-gateway` names on each Docker engine of the session
 * (the daemon's host-gateway-ip from its daemon.json for an engine on this machine's socket, else the
 * default bridge's gateway, asked of the engine), and which of the addresses named can be bound here.
 * A fact that cannot be had is left out — the plan then listens wider, with a note — never an error.
 *
 * "Can be bound" is tried, not looked up: os.networkInterfaces() leaves out interfaces without carrier,
 * and a Docker bridge has none until a container joins it — docker0 at the start of a session is one.
 */
import { createServer, isIP } from 'node:net';
import type { HostsConfig } from '../hosts/hosts-config.js';
import type { FleetHost } from '../hosts/run-on-hosts.js';
import { readOptionalText } from '../read-optional-text.js';
import { DockerRuntime } from '../runtime/docker-runtime.js';
import type { Runtime, RuntimeKind } from '../runtime/runtime.js';
import type { EngineReach, ListenFacts } from './listen-addresses.js';

/** dockerd's default configuration file (a daemon started with --config-file elsewhere is not seen). */
export const DAEMON_CONFIG_FILE = '/etc/docker/daemon.json';

export interface SessionReach {
  runtimeKind: RuntimeKind;
  /** The session's runtime (its engine, when no fleet). */
  runtime: Runtime;
  /** The hosts.yaml fleet and its config (for the hosts' connections), when the runs are spread. */
  fleet?: { hosts: readonly Pick<FleetHost, 'name' | 'runtime' | 'harnessAddress'>[] };
  hostsConfig?: HostsConfig;
  harnessAddress?: string;
  /** The group's internal network (isolated mode). */
  network: { hostAddress: string } | null;
}

export interface FactSources {
  daemonConfigFile: string;
  env: NodeJS.ProcessEnv;
  /** Whether this machine can listen on the address (it is one of its own). */
  canBind: (address: string) => Promise<boolean>;
}

const DEFAULT_SOURCES: FactSources = { daemonConfigFile: DAEMON_CONFIG_FILE, env: process.env, canBind };

export async function gatherListenFacts(
  reach: SessionReach,
  sources: FactSources = DEFAULT_SOURCES,
): Promise<ListenFacts> {
  const facts = await routeFacts(reach, sources);
  const named = [facts.harnessAddress, facts.isolatedGateway, ...facts.engines.flatMap(addressesOf)];
  const candidates = [...new Set(named.filter((a): a is string => a !== undefined))];
  const bindable = await Promise.all(candidates.map((address) => sources.canBind(address)));
  return { ...facts, localAddresses: candidates.filter((_, i) => bindable[i]) };
}

const addressesOf = (engine: EngineReach): (string | undefined)[] => [engine.harnessAddress, ...engine.hostGateways];

async function routeFacts(reach: SessionReach, sources: FactSources): Promise<Omit<ListenFacts, 'localAddresses'>> {
  const base = {
    runtime: reach.runtimeKind,
    ...(reach.harnessAddress === undefined ? {} : { harnessAddress: reach.harnessAddress }),
  };
  if (reach.runtimeKind !== 'docker') return { ...base, engines: [] };
  if (reach.network !== null) return { ...base, engines: [], isolatedGateway: reach.network.hostAddress };
  const daemonGateways = await daemonHostGateways(sources.daemonConfigFile);
  if (reach.fleet === undefined) {
    const onLocalSocket = (sources.env['DOCKER_HOST'] ?? 'unix://').startsWith('unix://');
    return { ...base, engines: [await engineReach('the local engine', reach.runtime, onLocalSocket, daemonGateways)] };
  }
  const entries = new Map(reach.hostsConfig?.hosts.map((h) => [h.name, h]) ?? []);
  const engines = await Promise.all(
    reach.fleet.hosts.map((host) => {
      const onLocalSocket = entries.get(host.name)?.docker.startsWith('unix://') ?? false;
      return engineReach(`host ${host.name}`, host.runtime, onLocalSocket, daemonGateways, host.harnessAddress);
    }),
  );
  return { ...base, engines };
}

async function engineReach(
  engine: string,
  runtime: Runtime,
  onLocalSocket: boolean,
  daemonGateways: string[],
  harnessAddress?: string,
): Promise<EngineReach> {
  const withAddress = harnessAddress === undefined ? {} : { harnessAddress };
  // a host with its own harness address never uses host-gateway: no need to ask its engine
  if (harnessAddress !== undefined) return { engine, ...withAddress, hostGateways: [] };
  if (onLocalSocket && daemonGateways.length > 0) return { engine, hostGateways: daemonGateways };
  if (!(runtime instanceof DockerRuntime)) return { engine, hostGateways: [] };
  const gateway = await runtime.defaultBridgeGateway().catch(() => null);
  return { engine, hostGateways: gateway === null ? [] : [gateway] };
}

/** `host-gateway-ip` (or Docker 28's `host-gateway-ips`) from the daemon's config file; [] when unset or unreadable. */
export async function daemonHostGateways(file: string): Promise<string[]> {
  const text = await readOptionalText(file).catch(() => null);
  if (text === null) return [];
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof config !== 'object' || config === null) return [];
  const { 'host-gateway-ip': one, 'host-gateway-ips': many } = config as Record<string, unknown>;
  const listed = [...(Array.isArray(many) ? many : []), one];
  return listed.filter((ip): ip is string => typeof ip === 'string' && isIP(ip) !== 0);
}

/** Whether a TCP listener can be opened on `address` (any port): false for an address of another machine. */
export async function canBind(address: string): Promise<boolean> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, () => resolve());
    });
  } catch {
    return false;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return true;
}
