/** Start and stop of the harness's own HTTP services (validation service, LLM gateway). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenAddress {
  host: string;
  port: number;
}

/** Where to listen; with `anyPortIfTaken`, a port another process holds gives way to a free one. */
export interface ListenRequest extends ListenAddress {
  anyPortIfTaken?: boolean;
}

/** Listens on `host:port` (port 0 picks a free one) and resolves with the address actually bound. */
export async function listenHttpServer(server: Server, request: ListenRequest): Promise<ListenAddress> {
  try {
    await listenOn(server, request.host, request.port);
  } catch (error) {
    if (!(request.anyPortIfTaken === true && (error as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw error;
    await listenOn(server, request.host, 0);
  }
  const bound = server.address() as AddressInfo;
  return { host: bound.address, port: bound.port };
}

/** Where to listen on several addresses at once: the same port on each (sandboxes reach it at any of them). */
export interface MultiListenRequest {
  hosts: readonly string[];
  port: number;
  anyPortIfTaken?: boolean;
}

export interface MultiListenAddress {
  hosts: string[];
  port: number;
}

/** What a harness service's `start` takes: one address, or several sharing one port. */
export type ServiceListenRequest = ListenRequest | MultiListenRequest;

/** What a harness service bound: its first address as `host`, every one in `hosts`, and the shared port. */
export interface ServiceAddress extends ListenAddress {
  hosts: string[];
}

/** Listens for a harness service on the request's address(es); see listenHttpServers. */
export async function listenService(
  createServer: () => Server,
  request: ServiceListenRequest,
): Promise<{ servers: Server[]; address: ServiceAddress }> {
  const multi = 'hosts' in request ? request : { ...request, hosts: [request.host] };
  const { servers, address } = await listenHttpServers(createServer, multi);
  return { servers, address: { host: address.hosts[0] ?? '', hosts: address.hosts, port: address.port } };
}

/** How often a port picked on the first address may turn out taken on another before giving up. */
const FREE_PORT_TRIES = 5;

/**
 * Listens with one server per address (a Node server binds one address), all on one port: `request.port`,
 * or, when that is 0 or taken and `anyPortIfTaken`, a port the first address picks and the others accept.
 * Resolves with the servers and what they bound; on failure none is left listening.
 */
export async function listenHttpServers(
  createServer: () => Server,
  request: MultiListenRequest,
): Promise<{ servers: Server[]; address: MultiListenAddress }> {
  if (request.hosts.length === 0) throw new Error('no address to listen on');
  let servers: Server[];
  try {
    servers = await listenAll(createServer, request.hosts, request.port);
  } catch (error) {
    const mayMove = request.port === 0 || request.anyPortIfTaken === true;
    if (!(mayMove && isAddressInUse(error))) throw error;
    servers = await listenAllOnFreePort(createServer, request.hosts);
  }
  const port = (servers[0]?.address() as AddressInfo).port;
  return { servers, address: { hosts: servers.map((s) => (s.address() as AddressInfo).address), port } };
}

async function listenAllOnFreePort(createServer: () => Server, hosts: readonly string[]): Promise<Server[]> {
  for (let tries = 1; ; tries++) {
    try {
      return await listenAll(createServer, hosts, 0);
    } catch (error) {
      if (tries >= FREE_PORT_TRIES || !isAddressInUse(error)) throw error;
    }
  }
}

async function listenAll(createServer: () => Server, hosts: readonly string[], port: number): Promise<Server[]> {
  const servers: Server[] = [];
  try {
    for (const host of hosts) {
      const server = createServer();
      const first = servers[0]?.address() as AddressInfo | undefined;
      await listenOn(server, host, first?.port ?? port);
      servers.push(server);
    }
    return servers;
  } catch (error) {
    await Promise.all(servers.map((server) => closeHttpServer(server)));
    throw error;
  }
}

const isAddressInUse = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops listening and drops open keep-alive connections, so a harness service shuts down at once. */
export async function closeHttpServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  server.closeAllConnections();
  await closed;
}

/** `http://host:port` as a sandbox reaches a harness service; an IPv6 literal gets its brackets. */
export function httpOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
