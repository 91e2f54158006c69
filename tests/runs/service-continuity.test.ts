/**
 * Service continuity across harness sessions: one secret per group (0600, created once), run tokens
 * derived from it (stable per run and service, different across runs, services and groups), the
 * ports recorded for the next session, and a port that is taken giving way to a free one.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeHttpServer, listenHttpServer } from '../../harness/http-service.js';
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
