/**
 * The pure fold of a run's events into its state. Resume = fold, then do what is missing:
 * a run is finished exactly when its state is terminal (`graded` or `failed`).
 */
import { addLlmUsage, NO_LLM_USAGE, type LlmTotals } from '../gateway/llm-usage-record.js';
import type { FailureSource, RunEvent } from './run-events.js';

export type RunStatus = 'queued' | 'running' | 'exited' | 'extracted' | 'graded' | 'failed';

export interface RunState {
  status: RunStatus;
  sandboxId: string | null;
  startedAt: string | null;
  attempts: number;
  deadlineReached: boolean;
  /** The harness stopped the sandbox for writing past its disk limit. */
  diskLimit: { usedBytes: number; limitBytes: number } | null;
  exitCode: number | null;
  oomKilled: boolean;
  /** The exit was read back after the engine connection broke (see the `exited` event). */
  engineLost: boolean;
  validSubmission: boolean | null;
  score: number | null;
  anyMedal: boolean;
  failure: { source: FailureSource; message: string } | null;
  /** Requests through the LLM gateway, tokens and estimated cost so far. */
  llm: LlmTotals;
  /** The host of the current attempt (multi-host groups), and how many attempts lost their host. */
  host: string | null;
  hostFailures: number;
}

export const INITIAL_RUN_STATE: RunState = {
  status: 'queued',
  sandboxId: null,
  startedAt: null,
  attempts: 0,
  deadlineReached: false,
  diskLimit: null,
  exitCode: null,
  oomKilled: false,
  engineLost: false,
  validSubmission: null,
  score: null,
  anyMedal: false,
  failure: null,
  llm: NO_LLM_USAGE,
  host: null,
  hostFailures: 0,
};

export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'queued':
      return state;
    case 'started':
      return {
        ...state,
        status: 'running',
        sandboxId: event.sandbox_id,
        startedAt: event.at,
        attempts: event.attempt,
        host: event.host ?? null,
      };
    case 'retry':
      // the attempt's sandbox is gone; the next attempt starts from scratch
      return { ...state, status: 'queued', sandboxId: null, startedAt: null, host: null };
    case 'deadline':
      return { ...state, deadlineReached: true };
    case 'disk_limit':
      return { ...state, diskLimit: { usedBytes: event.used_bytes, limitBytes: event.limit_bytes } };
    case 'exited':
      return {
        ...state,
        status: 'exited',
        exitCode: event.exit_code,
        oomKilled: event.oom_killed,
        engineLost: event.engine_lost === true,
      };
    case 'extracted':
      return { ...state, status: 'extracted' };
    case 'graded':
      return {
        ...state,
        status: 'graded',
        validSubmission: event.valid_submission,
        score: event.score,
        anyMedal: event.any_medal,
      };
    case 'llm_usage':
      // usage never moves the status: requests may still finish after the sandbox exited
      return { ...state, llm: addLlmUsage(state.llm, event) };
    case 'host_failed': {
      const lost = { ...state, sandboxId: null, startedAt: null, host: null, hostFailures: state.hostFailures + 1 };
      // a re-queued run starts afresh (its deadline too); otherwise the infra failure is final
      if (event.requeued)
        return {
          ...lost,
          status: 'queued',
          deadlineReached: false,
          diskLimit: null,
          exitCode: null,
          oomKilled: false,
          engineLost: false,
        };
      return { ...lost, status: 'failed', failure: { source: 'infra', message: event.message } };
    }
    case 'failed':
      // a graded run may carry a failure source too (an invalid submission, a crashed agent)
      return {
        ...state,
        status: state.status === 'graded' ? 'graded' : 'failed',
        failure: { source: event.source, message: event.message },
      };
  }
}

export function foldRunEvents(events: readonly RunEvent[]): RunState {
  return events.reduce(applyRunEvent, INITIAL_RUN_STATE);
}

export function isTerminal(state: RunState): boolean {
  return state.status === 'graded' || state.status === 'failed';
}
