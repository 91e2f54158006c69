/**
 * Crash and resume: `podium run` (the built CLI, in a child process) is killed with SIGKILL while some
 * runs are in flight and others still queued; `podium run --resume` then finishes the group. Every run
 * must end graded exactly once, no sandbox of the group may be left, and submission.jsonl lists all runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../harness/runs/group-manifest.js';
import { LABELS } from '../../harness/runtime/runtime.js';
import {
  DATA_DIR,
  DEMO,
  PROJECT,
  eventsOf,
  groupLayout,
  runtimeOf,
  VALIDATE_SAMPLE_SCRIPT,
  writeAgent,
  useRunTestBed,
} from '../support/run-agents.js';
import { buildCliIfStale } from '../support/built-cli.js';
import { groupEvents, killWhen, spawnPodium } from '../support/podium-child.js';
import { runCliCaptured } from '../support/run-cli-captured.js';

const { RUNTIMES, tmp, agentsDir, groups } = await useRunTestBed('podium-runs-resume-');
const competitionsFile = join(tmp, 'competitions.txt');
writeFileSync(competitionsFile, `${DEMO}\n`);

beforeAll(buildCliIfStale, 120_000);

describe.each(RUNTIMES)('crash and resume on $kind', ({ kind, available }) => {
  it.skipIf(!available)(
    'finishes every run exactly once after the harness is killed mid-group',
    async () => {
      const id = writeAgent(agentsDir, {
        name: `napper-${kind}`,
        script: 'sleep 2\ncp "$DATA/sample_submission.csv" "$SUB/submission.csv"\necho napped > "$LOGS/agent.log"',
      });
      const runsDir = join(tmp, `runs-${kind}`);
      const podium = spawnPodium([
        ...['run', '--agent', id, '--competitions', competitionsFile, '--seeds', '4', '--concurrency', '2'],
        ...['--runtime', kind, '--data-dir', DATA_DIR, '--runs-dir', runsDir, '--agents-dir', agentsDir],
      ]);
      // Kill it once at least one run started and at least one is still only queued.
      const killed = await killWhen(podium, runsDir, (events) => {
        const started = [...events.values()].filter((e) => e.some((x) => x.type === 'started')).length;
        const queued = [...events.values()].filter((e) => e.length === 1 && e[0]?.type === 'queued').length;
        return events.size === 4 && started >= 1 && queued >= 1;
      });
      expect(await podium.exit).toBe('SIGKILL');
      expect(killed, `the child never reached the kill point:\n${podium.output()}`).toBeDefined();
      if (killed === undefined) return;
      const { dir, events: killedAt } = killed;
      const manifest = await readManifest(groupLayout(dir).manifest);
      groups.push({ kind, id: manifest.group_id });
      expect(manifest.runtime).toBe(kind);

      const resumed = await runCliCaptured(['run', '--resume', dir], { layout: { ...PROJECT, agentsDir } });
      expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);

      const after = await groupEvents(dir);
      expect([...after.keys()].sort()).toEqual(manifest.runs.map((r) => r.run_id).sort());
      for (const [runId, events] of after) {
        const types = events.map((e) => e.type);
        expect(eventsOf(events, 'failed'), `${runId}: ${types.join(' ')}`).toEqual([]);
        expect(eventsOf(events, 'graded'), `${runId}: ${types.join(' ')}`).toHaveLength(1);
        expect(eventsOf(events, 'graded')[0]).toMatchObject({ valid_submission: true, score: 0.5 });
        // one sandbox per attempt: a run restarted from scratch says so with a retry event
        expect(eventsOf(events, 'started').length, `${runId}: ${types.join(' ')}`).toBe(
          1 + eventsOf(events, 'retry').length,
        );
        expect(eventsOf(events, 'queued')).toHaveLength(1);
        // a local agent that ended while no harness watched it has an unknown exit code, recorded as null
        expect(kind === 'local' ? [0, null] : [0]).toContain(eventsOf(events, 'exited').at(-1)?.exit_code);
        // events recorded before the kill are kept as they were
        expect(events.slice(0, killedAt.get(runId)?.length ?? 0)).toEqual(killedAt.get(runId));
        expect(readFileSync(join(dir, 'runs', runId, 'logs', 'agent.log'), 'utf8')).toBe('napped\n');
      }
      expect(await runtimeOf(kind).list({ [LABELS.group]: manifest.group_id })).toEqual([]);
      const listed = readFileSync(groupLayout(dir).submissionList, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(listed).toEqual(
        manifest.runs.map((r) => ({
          competition_id: DEMO,
          submission_path: groupLayout(dir).run(r.run_id).submissionFile,
        })),
      );
    },
    120_000,
  );
});

// a sandbox outlives its harness only on Docker (local agents are the harness's children)
const docker = RUNTIMES.find((r) => r.kind === 'docker');
describe('crash and resume on docker: the services', () => {
  const kind = 'docker';
  it.skipIf(docker?.available !== true)(
    'a sandbox re-attached after the restart still reaches the validation service at its old URL',
    async () => {
      // the agent validates only after the harness that started it is gone and the next one took over
      const id = writeAgent(agentsDir, {
        name: `late-validator-${kind}`,
        script: `sleep 6\n${VALIDATE_SAMPLE_SCRIPT}`,
      });
      const runsDir = join(tmp, `runs-late-${kind}`);
      const podium = spawnPodium([
        ...['run', '--agent', id, '--competitions', competitionsFile, '--seeds', '1'],
        ...['--runtime', kind, '--data-dir', DATA_DIR, '--runs-dir', runsDir, '--agents-dir', agentsDir],
      ]);
      const killed = await killWhen(podium, runsDir, (events) =>
        [...events.values()].some((e) => e.some((x) => x.type === 'started')),
      );
      expect(await podium.exit).toBe('SIGKILL');
      expect(killed, `the run never started:\n${podium.output()}`).toBeDefined();
      if (killed === undefined) return;
      const { dir } = killed;
      groups.push({ kind, id: (await readManifest(groupLayout(dir).manifest)).group_id });

      const resumed = await runCliCaptured(['run', '--resume', dir], { layout: { ...PROJECT, agentsDir } });
      expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);
      const [[runId, events] = ['', []]] = [...(await groupEvents(dir))];
      expect(eventsOf(events, 'started'), 're-attached, not restarted').toHaveLength(1);
      const logs = join(dir, 'runs', runId, 'logs');
      expect(readFileSync(join(logs, 'wget.err'), 'utf8')).toContain('wget exit 0');
      expect(JSON.parse(readFileSync(join(logs, 'validation.json'), 'utf8'))).toEqual({ valid: true, reason: null });
    },
    120_000,
  );
});
