/**
 * Run progress for people: a live table redrawn in place on a terminal, one plain line per state
 * change otherwise (CI logs, files). Colours only on a TTY.
 */
import type { PlannedRun } from './group-manifest.js';
import type { RunState } from './run-state.js';

export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

export interface Progress {
  update(runId: string, state: RunState): void;
  finish(): void;
}

function stateLabel(state: RunState): string {
  if (state.status === 'graded') {
    const outcome = state.validSubmission ? `score ${state.score}${state.anyMedal ? ' medal' : ''}` : 'invalid';
    return `graded (${outcome})`;
  }
  if (state.status === 'failed') return `failed: ${state.failure?.source ?? '?'}`;
  if (state.status !== 'running') return state.status;
  return state.deadlineReached
    ? 'stopping (deadline)'
    : state.diskLimit !== null
      ? 'stopping (disk limit)'
      : state.status;
}

function elapsed(state: RunState, now: Date): string {
  if (state.startedAt === null) return '-';
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(state.startedAt)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const COLOURS: Partial<Record<RunState['status'], string>> = {
  graded: '\u001b[32m',
  failed: '\u001b[31m',
  running: '\u001b[36m',
};
const RESET = '\u001b[0m';

export function createProgress(
  sink: ProgressSink,
  runs: readonly PlannedRun[],
  host: string,
  now: () => Date,
): Progress {
  const states = new Map<string, RunState>();
  let drawnLines = 0;
  const render = (): void => {
    const header = ['run', 'competition', 'seed', 'state', 'elapsed', 'host/GPUs'];
    const rows = runs.map((run) => {
      const state = states.get(run.run_id);
      return [
        run.run_id,
        run.competition_id,
        String(run.seed),
        state === undefined ? 'queued' : stateLabel(state),
        state === undefined ? '-' : elapsed(state, now()),
        host,
      ];
    });
    const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((c, k) => c.padEnd(widths[k] ?? 0))
        .join('  ')
        .trimEnd();
    const body = rows.map((cells, i) => {
      const status = states.get(runs[i]?.run_id ?? '')?.status;
      const colour = status === undefined ? undefined : COLOURS[status];
      return colour === undefined ? line(cells) : `${colour}${line(cells)}${RESET}`;
    });
    const text = [line(header), ...body].join('\n');
    sink.write(`${drawnLines > 0 ? `\u001b[${drawnLines}F\u001b[J` : ''}${text}\n`);
    drawnLines = rows.length + 1;
  };
  let timer: NodeJS.Timeout | undefined;
  if (sink.isTTY) timer = setInterval(render, 1000).unref();
  return {
    update(runId, state) {
      const before = states.get(runId);
      states.set(runId, state);
      if (sink.isTTY) return render();
      if (before === undefined || stateLabel(before) !== stateLabel(state)) {
        sink.write(`${now().toISOString()} ${runId}: ${stateLabel(state)}\n`);
      }
    },
    finish() {
      if (timer !== undefined) clearInterval(timer);
      if (sink.isTTY) render();
    },
  };
}
