/**
 * A run's outcomes end to end on real runtimes, through the session `podium run` uses: a submission
 * graded (and agreeing with `podium grade-sample` and `podium grade`), a deadline enforced with the
 * partial work still graded, and a crash blamed on the agent and not retried.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuntimeKind } from '../../harness/runtime/runtime.js';
import {
  DATA_DIR,
  DEMO,
  DEMO_PUBLIC,
  eventsOf,
  groupIdOf,
  runOnce,
  writeAgent,
  type SingleRun,
  useRunTestBed,
} from '../support/run-agents.js';
import { runCliCaptured } from '../support/run-cli-captured.js';

const { RUNTIMES, tmp, agentsDir, runsDir, groups } = await useRunTestBed('podium-runs-outcomes-');
const sample = readFileSync(join(DEMO_PUBLIC, 'sample_submission.csv'), 'utf8');

async function run(kind: RuntimeKind, agent: Parameters<typeof writeAgent>[1]): Promise<SingleRun> {
  const result = await runOnce(runsDir, agentsDir, writeAgent(agentsDir, agent), kind);
  groups.push({ kind, id: groupIdOf(result.layout) });
  return result;
}

const gradeJson = (r: SingleRun) => JSON.parse(readFileSync(join(r.runDir, 'grade.json'), 'utf8'));

describe.each(RUNTIMES)('run outcomes on $kind', ({ kind, available }) => {
  it.skipIf(!available)('grades a written submission like grade-sample and grade do', async () => {
    // Ranks by f1 (a real, non-constant score), written via a temp file and renamed.
    const r = await run(kind, {
      name: `writer-${kind}`,
      script: [
        `awk -F, 'NR == 1 { print "id,target"; next } { print $1 "," ($2 > 0 ? 0.8 : 0.2) }' "$DATA/test.csv" > "$SUB/tmp.csv"`,
        'mv "$SUB/tmp.csv" "$SUB/submission.csv"',
        'echo done > "$LOGS/agent.log"',
        'cp "$0" "$CODE/start.sh"',
      ].join('\n'),
    });
    const types = r.events.map((e) => e.type);
    expect(types).toEqual(['queued', 'started', 'exited', 'extracted', 'graded']);
    expect(eventsOf(r.events, 'exited')[0]).toMatchObject({ exit_code: 0, oom_killed: false });
    const state = r.outcome.states.get(r.runId);
    expect(state).toMatchObject({ status: 'graded', validSubmission: true, exitCode: 0, failure: null });

    // outputs extracted: submission, logs, code
    const submission = join(r.runDir, 'submission', 'submission.csv');
    expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).toBe('done\n');
    expect(existsSync(join(r.runDir, 'code', 'start.sh'))).toBe(true);
    expect(readdirSync(join(r.runDir, 'submission'))).toEqual(['submission.csv']);

    // grade.json equals `podium grade-sample` on the extracted file
    const perRun = gradeJson(r);
    expect(perRun).toMatchObject({ competition_id: DEMO, valid_submission: true, submission_path: submission });
    expect(typeof perRun.score).toBe('number');
    expect(perRun.score).not.toBe(0.5); // not the constant sample's AUC: the agent's own predictions
    expect(state?.score).toBe(perRun.score);
    const sampleCli = await runCliCaptured(['grade-sample', submission, DEMO, '--data-dir', DATA_DIR, '--json']);
    expect(sampleCli.code).toBe(0);
    expect(JSON.parse(sampleCli.stdout).score).toBe(perRun.score);

    // submission.jsonl lists it, and `podium grade` of that list agrees with grade.json
    const list = readFileSync(r.layout.submissionList, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(list).toEqual([{ competition_id: DEMO, submission_path: submission }]);
    const out = join(tmp, `grade-${kind}`);
    const gradeCli = await runCliCaptured([
      'grade',
      '--submission',
      r.layout.submissionList,
      '--output-dir',
      out,
      '--data-dir',
      DATA_DIR,
    ]);
    expect(gradeCli.code, gradeCli.stderr).toBe(0);
    const report = JSON.parse(readFileSync(gradeCli.stdout.trim(), 'utf8'));
    expect(report.total_valid_submissions).toBe(1);
    expect(report.competition_reports.map((c: { score: number }) => c.score)).toEqual([perRun.score]);
  });

  it.skipIf(!available)('stops an agent at its deadline and still grades what it wrote', async () => {
    const started = Date.now();
    const r = await run(kind, {
      name: `overtime-${kind}`,
      timeLimit: '3s',
      script: [
        "trap '' TERM",
        'cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
        'echo "wrote a submission, now ignoring SIGTERM" > "$LOGS/agent.log"',
        'sleep 600',
        'echo "never reached" >> "$LOGS/agent.log"',
      ].join('\n'),
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.events.map((e) => e.type)).toEqual(['queued', 'started', 'deadline', 'exited', 'extracted', 'graded']);
    const [startedEvent] = eventsOf(r.events, 'started');
    const [deadline] = eventsOf(r.events, 'deadline');
    const [exited] = eventsOf(r.events, 'exited');
    expect(deadline?.time_limit_s).toBe(3);
    const since = (a?: { at: string }, b?: { at: string }) => Date.parse(b?.at ?? '') - Date.parse(a?.at ?? '');
    expect(since(startedEvent, deadline)).toBeGreaterThanOrEqual(2_900);
    // SIGTERM ignored, so the 1 s grace ends in SIGKILL (generous bound for a busy engine)
    expect(since(deadline, exited)).toBeLessThan(20_000);
    expect(exited?.exit_code).toBe(137);
    expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).not.toContain('never reached');
    expect(readFileSync(join(r.runDir, 'submission', 'submission.csv'), 'utf8')).toBe(sample);
    expect(r.outcome.states.get(r.runId)).toMatchObject({
      status: 'graded',
      deadlineReached: true,
      validSubmission: true,
      score: 0.5,
      failure: null,
    });
    expect(gradeJson(r)).toMatchObject({ valid_submission: true, score: 0.5 });
  });

  it.skipIf(!available)('blames a crashing agent, grades it invalid and does not retry it', async () => {
    const r = await run(kind, {
      name: `crasher-${kind}`,
      script: 'echo "giving up" > "$LOGS/agent.log"\nexit 3',
    });
    expect(r.events.map((e) => e.type)).toEqual(['queued', 'started', 'exited', 'extracted', 'graded', 'failed']);
    expect(eventsOf(r.events, 'exited')[0]).toMatchObject({ exit_code: 3, oom_killed: false });
    expect(eventsOf(r.events, 'failed')[0]?.source).toBe('agent');
    expect(r.outcome.states.get(r.runId)).toMatchObject({
      status: 'graded',
      exitCode: 3,
      attempts: 1,
      validSubmission: false,
      score: null,
      failure: { source: 'agent' },
    });
    expect(gradeJson(r)).toMatchObject({ valid_submission: false, submission_exists: false, score: null });
    expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).toBe('giving up\n');
    expect(readFileSync(r.layout.submissionList, 'utf8')).toBe('');
  });

  it.skipIf(!available)('stops an agent that writes past its disk limit, well before its deadline', async () => {
    const r = await run(kind, {
      name: `filler-${kind}`,
      timeLimit: '60s',
      disk: '8m',
      // 40 MiB of real blocks outside the outputs (not extracted): the workspace on local, /tmp in a
      // container (its /home is not the agent's); then a submission it never gets to write
      script: [
        'if [ -w "$SUB/.." ]; then FILL="$SUB/../fill"; else FILL=/tmp/fill; fi',
        'dd if=/dev/zero of="$FILL" bs=1048576 count=40 2> /dev/null',
        'echo filled > "$LOGS/agent.log"',
        'sleep 50',
        'cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
      ].join('\n'),
    });
    expect(r.events.map((e) => e.type)).toEqual([
      'queued',
      'started',
      'disk_limit',
      'exited',
      'extracted',
      'graded',
      'failed',
    ]);
    const [limit] = eventsOf(r.events, 'disk_limit');
    expect(limit?.limit_bytes).toBe(8 * 1024 ** 2);
    expect(limit?.used_bytes).toBeGreaterThan(8 * 1024 ** 2);
    const [started] = eventsOf(r.events, 'started');
    const [exited] = eventsOf(r.events, 'exited');
    expect(Date.parse(exited?.at ?? '') - Date.parse(started?.at ?? '')).toBeLessThan(40_000);
    expect(r.outcome.states.get(r.runId)).toMatchObject({
      status: 'graded',
      deadlineReached: false,
      diskLimit: { usedBytes: limit?.used_bytes, limitBytes: 8 * 1024 ** 2 },
      validSubmission: false,
      failure: { source: 'agent' },
    });
    expect(eventsOf(r.events, 'failed')[0]?.message).toMatch(
      new RegExp(`^stopped for writing ${limit?.used_bytes} bytes, over its disk limit of 8388608: `),
    );
    expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).toBe('filled\n');
  });
});
