/**
 * Service continuity across harness sessions: one secret per group (0600, created once), run tokens
 * derived from it (stable per run and service, different across runs, services and groups), the
 * ports recorded for the next session, a port that is taken giving way to a free one, and one port
 * shared by a service's several addresses.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeHttpServer, listenHttpServer, listenHttpServers } from '../../harness/http-service.js';
import { ValidationService } from '../../harness/validation/validation-service.js';
import {
  loadServiceState,
  recordServicePorts,
  runToken,
  serviceStateFile,
} from '../../harness/runs/service-continuity.js';
import { useTempDir } from '../support/temp-dir.js';

const root = useTempDir();
const groupDir = () => mkdtempSync(join(root, 'group-'));

describe('service state', () => {
  it('creates the secret once, readable by the owner only, and keeps it', async () => {
    const dir = groupDir();
    const first = await loadServiceState(dir);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(serviceStateFile(dir)).mode & 0o777).toBe(0o600);
    expect(await loadServiceState(dir)).toEqual(first);
    expect((await loadServiceState(groupDir())).secret).not.toBe(first.secret);
  });

  it('records the ports for the next session, keeping the secret', async () => {
    const dir = groupDir();
    const { secret } = await loadServiceState(dir);
    await recordServicePorts(dir, { validation: 40001 });
    await recordServicePorts(dir, { validation: 40002, gateway: 40003 });
    expect(await loadServiceState(dir)).toEqual({
      schema_version: 1,
      secret,
      validation_port: 40002,
      gateway_port: 40003,
    });
    expect(statSync(serviceStateFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('names the file when it is not a services file', async () => {
    const dir = groupDir();
    writeFileSync(serviceStateFile(dir), '{"schema_version": 1, "secret": "short"}');
    await expect(loadServiceState(dir)).rejects.toThrow(`${serviceStateFile(dir)}: not a services file`);
  });
});

describe('runToken', () => {
  it('is the same for a run and service in every session, and differs across runs, services and groups', async () => {
    const a = await loadServiceState(groupDir());
    const b = await loadServiceState(groupDir());
    const token = runToken(a, 'validation', 'r1');
    expect(runToken({ ...a }, 'validation', 'r1')).toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const others = [runToken(a, 'validation', 'r2'), runToken(a, 'llm', 'r1'), runToken(b, 'validation', 'r1')];
    expect(new Set([token, ...others]).size).toBe(4);
    // the LLM token is the agent's OPENAI_API_KEY: recognisably Podium's
    expect(runToken(a, 'llm', 'r1')).toMatch(/^podium-[A-Za-z0-9_-]{43}$/);
  });
});

describe('listenHttpServer', () => {
  it('takes the port asked for, or with anyPortIfTaken a free one when another process holds it', async () => {
    const holder = createServer();
    const held = await listenHttpServer(holder, { host: '127.0.0.1', port: 0 });
    const second = createServer();
    try {
      await expect(listenHttpServer(second, { host: '127.0.0.1', port: held.port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
      const moved = await listenHttpServer(second, { host: '127.0.0.1', port: held.port, anyPortIfTaken: true });
      expect(moved.port).not.toBe(held.port);
      expect(moved.port).toBeGreaterThan(0);
    } finally {
      await closeHttpServer(second).catch(() => undefined);
      await closeHttpServer(holder);
    }
    // once free, the same port is bound again
    const again = createServer();
    expect((await listenHttpServer(again, { host: '127.0.0.1', port: held.port, anyPortIfTaken: true })).port).toBe(
      held.port,
    );
    await closeHttpServer(again);
  });
});

describe('listenHttpServers (one port on several addresses)', () => {
  // Linux answers on all of 127.0.0.0/8: two distinct addresses without touching a real interface
  const HOSTS = ['127.0.0.1', '127.0.0.2'];
  const answers = async (host: string, port: number) =>
    (await fetch(`http://${host}:${port}/`).then((r) => r.text())) === 'ok';
  const okServer = () => createServer((_req, res) => res.end('ok'));

  it('binds every address on one port, answering on each and nowhere else', async () => {
    const { servers, address } = await listenHttpServers(okServer, { hosts: HOSTS, port: 0 });
    try {
      expect(address.hosts).toEqual(HOSTS);
      for (const host of HOSTS) expect(await answers(host, address.port)).toBe(true);
      await expect(answers('127.0.0.3', address.port)).rejects.toThrow();
    } finally {
      await Promise.all(servers.map((s) => closeHttpServer(s)));
    }
  });

  it('moves every address to a free port when the asked one is taken on the second (anyPortIfTaken)', async () => {
    const holder = createServer();
    const held = await listenHttpServer(holder, { host: HOSTS[1] ?? '', port: 0 });
    try {
      const asked = { hosts: HOSTS, port: held.port };
      await expect(listenHttpServers(okServer, asked)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // the failed attempt left nothing listening on the first address
      await expect(answers(HOSTS[0] ?? '', held.port)).rejects.toThrow();
      const { servers, address } = await listenHttpServers(okServer, { ...asked, anyPortIfTaken: true });
      expect(address.port).not.toBe(held.port);
      for (const host of HOSTS) expect(await answers(host, address.port)).toBe(true);
      await Promise.all(servers.map((s) => closeHttpServer(s)));
    } finally {
      await closeHttpServer(holder);
    }
  });

  it('the validation service answers on each of its addresses and closes them all', async () => {
    const service = new ValidationService({
      validate: async () => ({ valid: true, reason: null }),
      now: () => new Date(),
      log: () => undefined,
    });
    const bound = await service.start({ hosts: HOSTS, port: 0 });
    expect(bound.hosts).toEqual(HOSTS);
    for (const host of HOSTS) expect((await fetch(`http://${host}:${bound.port}/health`)).status).toBe(200);
    await service.close();
    for (const host of HOSTS) await expect(fetch(`http://${host}:${bound.port}/health`)).rejects.toThrow();
  });
});
