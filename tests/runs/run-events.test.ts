import { describe, expect, it } from 'vitest';
import { parseRunEvents, type RunEvent } from '../../harness/runs/run-events.js';
import { foldRunEvents, INITIAL_RUN_STATE, isTerminal } from '../../harness/runs/run-state.js';

const at = '2026-01-01T00:00:00.000Z';
const line = (event: object): string => JSON.stringify({ at, ...event });

describe('parseRunEvents', () => {
  it('drops a torn last line (a crash mid-write) and keeps the rest', () => {
    const text = `${line({ type: 'queued' })}\n${line({ type: 'deadline', time_limit_s: 5 })}\n{"type":"exi`;
    expect(parseRunEvents('events.jsonl', text).map((e) => e.type)).toEqual(['queued', 'deadline']);
  });

  it('refuses a broken line that is not the last', () => {
    const text = `${line({ type: 'queued' })}\n{"type":\n${line({ type: 'deadline', time_limit_s: 5 })}\n`;
    expect(() => parseRunEvents('events.jsonl', text)).toThrow('events.jsonl: line 2 is not JSON');
  });

  it('refuses an event of an unknown shape, naming the line', () => {
    expect(() => parseRunEvents('events.jsonl', `${line({ type: 'exploded' })}\n`)).toThrow(/^events\.jsonl: line 1: /);
  });
});

describe('foldRunEvents', () => {
  const events: RunEvent[] = [
    { type: 'queued', at },
    { type: 'started', at: '2026-01-01T00:00:01.000Z', sandbox_id: 'c1', runtime: 'docker', attempt: 1 },
    { type: 'deadline', at, time_limit_s: 10 },
    { type: 'exited', at, exit_code: 137, oom_killed: false },
    { type: 'extracted', at, files: 2, bytes: 10, skipped: [] },
    { type: 'graded', at, valid_submission: false, score: null, any_medal: false, invalid_reason: 'empty' },
    { type: 'failed', at, source: 'submission', message: 'empty' },
  ];

  it.each([
    [1, 'queued', false],
    [2, 'running', false],
    [4, 'exited', false],
    [5, 'extracted', false],
    [6, 'graded', true],
    [7, 'graded', true],
  ] as const)('after %i events the run is %s (terminal: %s)', (n, status, terminal) => {
    const state = foldRunEvents(events.slice(0, n));
    expect(state.status).toBe(status);
    expect(isTerminal(state)).toBe(terminal);
  });

  it('keeps what each event says', () => {
    expect(foldRunEvents(events)).toEqual({
      ...INITIAL_RUN_STATE,
      status: 'graded',
      sandboxId: 'c1',
      startedAt: '2026-01-01T00:00:01.000Z',
      attempts: 1,
      deadlineReached: true,
      exitCode: 137,
      validSubmission: false,
      failure: { source: 'submission', message: 'empty' },
    });
  });

  it('a retry forgets the lost sandbox so the next attempt starts afresh', () => {
    const state = foldRunEvents([...events.slice(0, 2), { type: 'retry', at, attempt: 1, message: 'engine' }]);
    expect(state).toMatchObject({ status: 'queued', sandboxId: null, startedAt: null, attempts: 1 });
  });

  it('a disk limit is kept until the run is re-queued on another host', () => {
    const stopped = foldRunEvents([
      ...events.slice(0, 2),
      { type: 'disk_limit', at, used_bytes: 9_000_000, limit_bytes: 8_000_000 },
    ]);
    expect(stopped).toMatchObject({ status: 'running', diskLimit: { usedBytes: 9_000_000, limitBytes: 8_000_000 } });
    const requeued = foldRunEvents([
      ...events.slice(0, 2),
      { type: 'disk_limit', at, used_bytes: 9_000_000, limit_bytes: 8_000_000 },
      { type: 'host_failed', at, host: 'gpu-1', message: 'down', requeued: true },
    ]);
    expect(requeued).toMatchObject({ status: 'queued', diskLimit: null });
  });

  it('a failure before grading is terminal', () => {
    const state = foldRunEvents([events[0]!, { type: 'failed', at, source: 'infra', message: 'no engine' }]);
    expect(state.status).toBe('failed');
    expect(isTerminal(state)).toBe(true);
  });
});
