/**
 * A run's state is an append-only log of events (`events.jsonl`) plus a pure fold (run-state.ts).
 * Each event is one JSON line appended with O_APPEND; a crash can at worst tear the last line,
 * which the reader drops. Nothing is rewritten, so nothing recorded is lost when the harness dies.
 */
import { appendFile, readFile, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { LlmUsageFields } from '../gateway/llm-usage-record.js';
import { readOptionalText } from '../read-optional-text.js';

export const FailureSource = z.enum(['agent', 'infra', 'harness', 'submission']);
export type FailureSource = z.infer<typeof FailureSource>;

const at = { at: z.string() };

export const RunEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('queued'), ...at }),
  z.strictObject({
    type: z.literal('started'),
    ...at,
    sandbox_id: z.string(),
    runtime: z.string(),
    attempt: z.number().int().positive(),
    /** The hosts.yaml host the sandbox runs on (multi-host groups only). */
    host: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('deadline'), ...at, time_limit_s: z.number() }),
  /** The sandbox wrote more than its resources.disk: the harness stopped it (see watchDiskUse). */
  z.strictObject({
    type: z.literal('disk_limit'),
    ...at,
    used_bytes: z.number().int().nonnegative(),
    limit_bytes: z.number().int().positive(),
  }),
  z.strictObject({
    type: z.literal('exited'),
    ...at,
    exit_code: z.number().int().nullable(),
    oom_killed: z.boolean(),
    /**
     * The connection to the engine broke while the agent ran, and the exit was read back afterwards:
     * the engine going down (a restart stops its containers) may be what ended the agent.
     */
    engine_lost: z.literal(true).optional(),
  }),
  z.strictObject({
    type: z.literal('extracted'),
    ...at,
    files: z.number().int(),
    bytes: z.number().int(),
    skipped: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
  }),
  z.strictObject({
    type: z.literal('graded'),
    ...at,
    valid_submission: z.boolean(),
    score: z.number().nullable(),
    any_medal: z.boolean(),
    invalid_reason: z.string().nullable(),
  }),
  z.strictObject({ type: z.literal('retry'), ...at, attempt: z.number().int(), message: z.string() }),
  z.strictObject({ type: z.literal('failed'), ...at, source: FailureSource, message: z.string() }),
  /** One request through the LLM gateway (harness/gateway), written while the run is running. */
  z.strictObject({ type: z.literal('llm_usage'), ...at, ...LlmUsageFields }),
  /** The attempt's host stopped answering: an infra failure; `requeued` says whether the run goes again. */
  z.strictObject({
    type: z.literal('host_failed'),
    ...at,
    host: z.string(),
    message: z.string(),
    requeued: z.boolean(),
  }),
]);
export type RunEvent = z.infer<typeof RunEvent>;
export type RunEventType = RunEvent['type'];

/** Distributes over the union so each event keeps its own fields (minus the timestamp). */
export type RunEventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'at'> : never) : never;

export async function appendRunEvent(file: string, event: RunEventInput, now: Date): Promise<RunEvent> {
  const full = RunEvent.parse({ ...event, at: now.toISOString() });
  await appendFile(file, `${JSON.stringify(full)}\n`, { flag: 'a' });
  return full;
}

/** Parses an events file; a torn (unparsable) LAST line is dropped, anything else broken throws. */
export function parseRunEvents(file: string, text: string): RunEvent[] {
  const lines = text.split('\n');
  const events: RunEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const isLast = lines.slice(i + 1).every((rest) => rest.trim() === '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      if (isLast) return; // torn by a crash mid-write
      throw new Error(`${file}: line ${i + 1} is not JSON`, { cause: error });
    }
    const event = RunEvent.safeParse(parsed);
    if (!event.success) throw new Error(`${file}: line ${i + 1}: ${z.prettifyError(event.error)}`);
    events.push(event.data);
  });
  return events;
}

/**
 * Makes the file end at a line boundary before anything is appended: a torn last line would otherwise
 * fuse with the next event into one broken line in the middle of the log, which no reader accepts.
 * A complete event that only lacks its newline gets one; an unparsable tail (never acknowledged) is cut.
 */
export async function repairTornTail(file: string): Promise<void> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (bytes === null || bytes.length === 0 || bytes.at(-1) === 0x0a) return;
  const end = bytes.lastIndexOf(0x0a) + 1;
  let tail: unknown;
  try {
    tail = JSON.parse(bytes.subarray(end).toString('utf8'));
  } catch {
    tail = undefined;
  }
  if (RunEvent.safeParse(tail).success) await appendFile(file, '\n');
  else await truncate(file, end);
}

export async function readRunEvents(file: string): Promise<RunEvent[]> {
  const text = await readOptionalText(file);
  return text === null ? [] : parseRunEvents(file, text);
}
