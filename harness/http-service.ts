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
