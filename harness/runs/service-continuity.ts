/**
 * What lets a sandbox outlive the harness that started it and keep its services: a group's
 * validation and LLM-gateway URLs carry a port and a per-run token, and a container re-attached after
 * a harness restart still has the old ones in its environment. So a group keeps, in
 * `<group>/services.json` (mode 0600, never inside a sandbox), a secret from which each run's tokens
 * are derived — the same run gets the same tokens in every session — and the ports its services
 * listened on, which the next session binds again when they are free.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readOptionalText } from '../read-optional-text.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const ServiceState = z.strictObject({
  schema_version: z.literal(1),
  /** 32 random bytes, hex: the key the runs' tokens are derived with. */
  secret: z.string().regex(/^[0-9a-f]{64}$/),
  validation_port: z.number().int().min(1).max(65535).optional(),
  gateway_port: z.number().int().min(1).max(65535).optional(),
});
export type ServiceState = z.infer<typeof ServiceState>;

export type TokenPurpose = 'validation' | 'llm';

export function serviceStateFile(groupDir: string): string {
  return join(groupDir, 'services.json');
}

async function writeServiceState(file: string, state: ServiceState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
  await chmod(file, 0o600);
}

/** The group's service state; a group without one (new, or made before it existed) gets a fresh secret. */
export async function loadServiceState(groupDir: string): Promise<ServiceState> {
  const file = serviceStateFile(groupDir);
  const text = await readOptionalText(file);
  if (text !== null) {
    const parsed = ServiceState.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    throw new Error(`${file}: not a services file: ${z.prettifyError(parsed.error)}`);
  }
  const state: ServiceState = { schema_version: 1, secret: randomBytes(32).toString('hex') };
  await writeServiceState(file, state);
  return state;
}

/** Records the ports this session's services listen on, for the next session to bind again. */
export async function recordServicePorts(
  groupDir: string,
  ports: { validation?: number; gateway?: number },
): Promise<void> {
  const file = serviceStateFile(groupDir);
  const state = ServiceState.parse(JSON.parse(await readFile(file, 'utf8')));
  await writeServiceState(file, {
    ...state,
    ...(ports.validation === undefined ? {} : { validation_port: ports.validation }),
    ...(ports.gateway === undefined ? {} : { gateway_port: ports.gateway }),
  });
}

/** A run's token for one service: the same in every session of the group, unguessable without the secret. */
export function runToken(state: ServiceState, purpose: TokenPurpose, runId: string): string {
  const mac = createHmac('sha256', Buffer.from(state.secret, 'hex')).update(`${purpose}\0${runId}`).digest('base64url');
  return purpose === 'llm' ? `podium-${mac}` : mac;
}
