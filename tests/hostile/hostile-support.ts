/**
 * Shared by the hostile-agent suites (tests/hostile): one run of a throwaway busybox agent through the
 * session `podium run` uses, readers for what it left, and the host's listening TCP sockets (to tell the
 * harness's own from other services the sandbox can reach).
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeKind } from '../../harness/runtime/runtime.js';
import { groupIdOf, runOnce, writeAgent, type RunTestBed, type SingleRun } from '../support/run-agents.js';

export type HostileAgent = Parameters<typeof writeAgent>[1];

export function hostileRunner(bed: RunTestBed): (kind: RuntimeKind, agent: HostileAgent) => Promise<SingleRun> {
  return async (kind, agent) => {
    const result = await runOnce(bed.runsDir, bed.agentsDir, writeAgent(bed.agentsDir, agent), kind);
    bed.groups.push({ kind, id: groupIdOf(result.layout) });
    return result;
  };
}

/** Every regular file under `dir` (relative paths); symlinks and other non-files are reported as such. */
export function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = `${prefix}${name}`;
    const stat = lstatSync(path);
    if (stat.isDirectory()) return filesUnder(path, `${rel}/`);
    return [stat.isFile() ? rel : `${rel} (not a regular file)`];
  });
}

export const readText = (path: string): string => readFileSync(path, 'utf8');

export interface Listener {
  address: string;
  port: number;
  inode: string;
}

/** IPv4/IPv6 TCP sockets in LISTEN state of this network namespace, from /proc/net/tcp{,6}. */
export function tcpListeners(): Listener[] {
  const out: Listener[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readText(table);
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local = '', state, inode = ''] = [fields[1], fields[3], fields[9]];
      if (state !== '0A') continue;
      const [hexAddress = '', hexPort = '0'] = local.split(':');
      out.push({ address: decodeAddress(hexAddress), port: Number.parseInt(hexPort, 16), inode });
    }
  }
  return out;
}

/** /proc/net's little-endian hex address, as text; only what the tests need (any, loopback, other). */
function decodeAddress(hex: string): string {
  if (/^0+$/.test(hex)) return hex.length === 8 ? '0.0.0.0' : '::';
  if (hex === '0100007F') return '127.0.0.1';
  if (hex === '00000000000000000000000001000000') return '::1';
  if (hex.length === 8)
    return (hex.match(/../g) ?? [])
      .reverse()
      .map((b) => Number.parseInt(b, 16))
      .join('.');
  return `ipv6:${hex}`;
}

/** The socket inodes this process holds (its own listeners among tcpListeners()). */
export function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(join('/proc/self/fd', fd)));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // the fd closed while we looked
    }
  }
  return inodes;
}
