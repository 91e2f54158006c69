/**
 * Crash and resume: `podium run` (the built CLI, in a child process) is killed with SIGKILL while some
 * runs are in flight and others still queued; `podium run --resume` then finishes the group. Every run
 * must end graded exactly once, no sandbox of the group may be left, and submission.jsonl lists all runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../harness/runs/group-manifest.js';
import { readRunEvents, type RunEvent } from '../../harness/runs/run-events.js';
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
import { runCliCaptured } from '../support/run-cli-captured.js';

const { RUNTIMES, tmp, agentsDir, groups } = await useRunTestBed('podium-runs-resume-');
const competitionsFile = join(tmp, 'competitions.txt');
writeFileSync(competitionsFile, `${DEMO}\n`);

const DIST_RUN_CLI = join(PROJECT.root, 'dist', 'harness', 'cli', 'run-cli.js');

beforeAll(buildCliIfStale, 120_000);

/**
 * The built CLI (`dist/harness/cli/main.js` minus the agents dir): the test agents live in a temp
 * folder, and main.js only knows the project's agents/, so the child calls the same runCli with the
 * project layout's agentsDir pointed there.
 */
const CHILD = [
  `import { runCli } from ${JSON.stringify(pathToFileURL(DIST_RUN_CLI).href)};`,
  `import { processIo } from ${JSON.stringify(pathToFileURL(join(PROJECT.root, 'dist/harness/cli/cli-io.js')).href)};`,
  `import { projectLayout } from ${JSON.stringify(pathToFileURL(join(PROJECT.root, 'dist/harness/paths.js')).href)};`,
  'const layout = { ...projectLayout(), agentsDir: process.env.PODIUM_TEST_AGENTS_DIR };',
  'process.exitCode = await runCli(process.argv.slice(1), processIo, { layout });',
].join('\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runEvents(dir: string): Promise<Map<string, RunEvent[]>> {
  const runsRoot = join(dir, 'runs');
  const events = new Map<string, RunEvent[]>();
  for (const runId of existsSync(runsRoot) ? readdirSync(runsRoot) : [])
    events.set(runId, await readRunEvents(join(runsRoot, runId, 'events.jsonl')).catch(() => []));
  return events;
}

describe.each(RUNTIMES)('crash and resume on $kind', ({ kind, available }) => {
  it.skipIf(!available)(
    'finishes every run exactly once after the harness is killed mid-group',
    async () => {
      const id = writeAgent(agentsDir, {
        name: `napper-${kind}`,
        script: 'sleep 2\ncp "$DATA/sample_submission.csv" "$SUB/submission.csv"\necho napped > "$LOGS/agent.log"',
      });
      const runsDir = join(tmp, `runs-${kind}`);
      const child = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          CHILD,
          ...['run', '--agent', id, '--competitions', competitionsFile, '--seeds', '4', '--concurrency', '2'],
          ...['--runtime', kind, '--data-dir', DATA_DIR, '--runs-dir', runsDir],
        ],
        { cwd: PROJECT.root, env: { ...process.env, PODIUM_TEST_AGENTS_DIR: agentsDir }, stdio: 'pipe' },
      );
      let childOutput = '';
      child.stdout.on('data', (chunk: Buffer) => void (childOutput += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => void (childOutput += chunk.toString()));
      const childExit = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.once('exit', (code, signal) => resolve(signal ?? code)),
      );

      // Kill it once at least one run started and at least one is still only queued.
      let dir: string | undefined;
      let killedAt: Map<string, RunEvent[]> | undefined;
      for (const until = Date.now() + 60_000; Date.now() < until && child.exitCode === null; await sleep(50)) {
        const found = existsSync(runsDir) ? readdirSync(runsDir) : [];
        if (found.length === 0) continue;
        dir = join(runsDir, found[0] ?? '');
        const events = await runEvents(dir);
        const started = [...events.values()].filter((e) => e.some((x) => x.type === 'started')).length;
        const queued = [...events.values()].filter((e) => e.length === 1 && e[0]?.type === 'queued').length;
        if (events.size === 4 && started >= 1 && queued >= 1) {
          child.kill('SIGKILL');
          killedAt = events;
          break;
        }
      }
      expect(killedAt, `the child never reached the kill point:\n${childOutput}`).toBeDefined();
      expect(await childExit).toBe('SIGKILL');
      if (dir === undefined || killedAt === undefined) return;
      const manifest = await readManifest(groupLayout(dir).manifest);
      groups.push({ kind, id: manifest.group_id });
      expect(manifest.runtime).toBe(kind);

      const resumed = await runCliCaptured(['run', '--resume', dir], { layout: { ...PROJECT, agentsDir } });
      expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);

      const after = await runEvents(dir);
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
      const child = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          CHILD,
          ...['run', '--agent', id, '--competitions', competitionsFile, '--seeds', '1'],
          ...['--runtime', kind, '--data-dir', DATA_DIR, '--runs-dir', runsDir],
        ],
        { cwd: PROJECT.root, env: { ...process.env, PODIUM_TEST_AGENTS_DIR: agentsDir }, stdio: 'pipe' },
      );
      let childOutput = '';
      child.stderr.on('data', (chunk: Buffer) => void (childOutput += chunk.toString()));
      const childExit = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
      let dir: string | undefined;
      let killed = false;
      for (const until = Date.now() + 60_000; Date.now() < until && child.exitCode === null; await sleep(50)) {
        const found = existsSync(runsDir) ? readdirSync(runsDir) : [];
        if (found.length === 0) continue;
        dir = join(runsDir, found[0] ?? '');
        if ([...(await runEvents(dir)).values()].some((e) => e.some((x) => x.type === 'started'))) {
          child.kill('SIGKILL');
          killed = true;
          break;
        }
      }
      if (!killed) child.kill('SIGKILL');
      expect(await childExit).toBe('SIGKILL');
      expect(killed, `the run never started:\n${childOutput}`).toBe(true);
      if (dir === undefined) return;
      groups.push({ kind, id: (await readManifest(groupLayout(dir).manifest)).group_id });

      const resumed = await runCliCaptured(['run', '--resume', dir], { layout: { ...PROJECT, agentsDir } });
      expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}`).toBe(0);
      const [[runId, events] = ['', []]] = [...(await runEvents(dir))];
      expect(eventsOf(events, 'started'), 're-attached, not restarted').toHaveLength(1);
      const logs = join(dir, 'runs', runId, 'logs');
      expect(readFileSync(join(logs, 'wget.err'), 'utf8')).toContain('wget exit 0');
      expect(JSON.parse(readFileSync(join(logs, 'validation.json'), 'utf8'))).toEqual({ valid: true, reason: null });
    },
    120_000,
  );
});
