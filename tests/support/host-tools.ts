/**
 * Small helpers for tests that start real daemons on this machine (a second dockerd, sshd): whether a
 * program is installed, a free port, and the gate that skips such tests with a message — or fails
 * them under PODIUM_REQUIRE_DOCKER=1, where CI has installed everything they need.
 */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { it } from 'vitest';

export const run = promisify(execFile);

export async function which(program: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${program}`]).then(
    () => true,
    () => false,
  );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * True when `problem` is null; otherwise registers a skipped test saying why (or, under
 * PODIUM_REQUIRE_DOCKER=1, a failing one) and returns false. `what` names the tests, `can` what they need.
 */
export function toolGate(what: string, can: string, problem: string | null): boolean {
  if (problem === null) return true;
  const message = `${what}: ${problem}`;
  if (process.env['PODIUM_REQUIRE_DOCKER'] === '1') {
    it(`${can} (PODIUM_REQUIRE_DOCKER=1)`, () => {
      throw new Error(`PODIUM_REQUIRE_DOCKER=1 but ${message}`);
    });
  } else {
    console.warn(`[skipped] ${message}`);
    it.skip(message, () => undefined);
  }
  return false;
}
