/**
 * What an agent can and cannot reach from its sandbox, on real runtimes: the validation service (yes,
 * and it tells validity, never the score), the private answers (no, in Docker), the host through
 * symlinks planted in its outputs (no, on both), and memory beyond its limit (OOM-killed, in Docker).
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuntimeKind } from '../../harness/runtime/runtime.js';
import {
  DEMO_ANSWERS,
  DEMO_PUBLIC,
  eventsOf,
  groupIdOf,
  runOnce,
  writeAgent,
  type SingleRun,
  useRunTestBed,
  VALIDATE_SAMPLE_SCRIPT,
} from '../support/run-agents.js';

const { docker, RUNTIMES, tmp, agentsDir, runsDir, groups } = await useRunTestBed('podium-runs-sandbox-');

async function run(kind: RuntimeKind, agent: Parameters<typeof writeAgent>[1]): Promise<SingleRun> {
  const result = await runOnce(runsDir, agentsDir, writeAgent(agentsDir, agent), kind);
  groups.push({ kind, id: groupIdOf(result.layout) });
  return result;
}

/** Every path under `dir`, relative, with symlinks reported as such. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = `${prefix}${name}`;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return [`${rel} -> symlink`];
    return stat.isDirectory() ? [`${rel}/`, ...walk(path, `${rel}/`)] : [rel];
  });
}

describe.each(RUNTIMES)('sandbox reach on $kind', ({ kind, available }) => {
  it.skipIf(!available)('reaches the validation service, which says valid and gives no score', async () => {
    // A multipart body by hand (no curl in busybox): one 'file' field holding the sample submission.
    const r = await run(kind, {
      name: `validator-${kind}`,
      script: VALIDATE_SAMPLE_SCRIPT,
    });
    const logs = join(r.runDir, 'logs');
    const wgetErr = existsSync(join(logs, 'wget.err')) ? readFileSync(join(logs, 'wget.err'), 'utf8') : '';
    expect(wgetErr).toContain('wget exit 0');
    const text = readFileSync(join(logs, 'validation.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ valid: true, reason: null });
    expect(text).not.toMatch(/score/i);
    expect(r.outcome.states.get(r.runId)).toMatchObject({ status: 'graded', validSubmission: true, score: 0.5 });
  });

  it.skipIf(!available)('extracts no symlink planted in the outputs and writes nothing outside the run', async () => {
    const outside = join(tmp, `outside-${kind}`);
    mkdirSync(outside);
    const r = await run(kind, {
      name: `linker-${kind}`,
      env: { OUTSIDE: outside },
      script: [
        'ln -s /etc/passwd "$SUB/submission.csv"',
        'ln -s "$OUTSIDE" "$SUB/escape"',
        'ln -s "$OUTSIDE/planted.txt" "$LOGS/planted.txt"',
        'mkdir "$CODE/sub" && ln -s /etc "$CODE/sub/etc"',
        'echo linked > "$LOGS/agent.log"',
      ].join('\n'),
    });
    const [extracted] = eventsOf(r.events, 'extracted');
    const skipped = (extracted?.skipped ?? []).map((s) => `${s.path}: ${s.reason}`).sort();
    expect(skipped).toEqual([
      'code/sub/etc: symlink',
      'logs/planted.txt: symlink',
      'submission/escape: symlink',
      'submission/submission.csv: symlink',
    ]);
    expect(walk(r.runDir).filter((p) => p.includes('symlink'))).toEqual([]);
    expect(readFileSync(join(r.runDir, 'logs', 'agent.log'), 'utf8')).toBe('linked\n');
    expect(readdirSync(outside)).toEqual([]);
    // the run dir holds only what the harness writes, and no copy of /etc/passwd
    for (const file of walk(r.runDir).filter((p) => !p.endsWith('/')))
      expect(readFileSync(join(r.runDir, file), 'utf8'), file).not.toContain('root:x:0:0');
    expect(r.outcome.states.get(r.runId)).toMatchObject({
      status: 'graded',
      exitCode: 0,
      validSubmission: false,
      failure: { source: 'submission' },
    });
    expect(JSON.parse(readFileSync(join(r.runDir, 'grade.json'), 'utf8'))).toMatchObject({
      submission_exists: false,
      valid_submission: false,
    });
  });
});

describe.skipIf(!docker)('docker-only limits', () => {
  it('records an OOM kill as the agent failing', async () => {
    const r = await run('docker', {
      name: 'hog',
      memory: '32m',
      script: [
        'echo "allocating" > "$LOGS/agent.log"',
        `awk 'BEGIN { s = "0123456789abcdef"; while (1) s = s s }'`,
        'exit $?',
      ].join('\n'),
    });
    expect(eventsOf(r.events, 'exited')[0]).toMatchObject({ oom_killed: true, exit_code: 137 });
    expect(r.outcome.states.get(r.runId)).toMatchObject({
      status: 'graded',
      oomKilled: true,
      validSubmission: false,
      attempts: 1,
      failure: { source: 'agent' },
    });
    expect(eventsOf(r.events, 'retry')).toEqual([]);
  });

  it('keeps the private answers out of reach of the agent', async () => {
    // Whole lines "<id>,<0|1>" are answer rows: 300 of them in the private test.csv, none in public files.
    const answerRow = /^[0-9]+,[01]$/m;
    expect(readFileSync(DEMO_ANSWERS, 'utf8')).toMatch(answerRow);
    for (const file of readdirSync(DEMO_PUBLIC))
      expect(readFileSync(join(DEMO_PUBLIC, file), 'utf8'), file).not.toMatch(answerRow);

    const r = await run('docker', {
      name: 'snoop',
      script: [
        'find / -name test.csv 2>/dev/null > "$LOGS/found-test-csv.txt"',
        ': > "$LOGS/answer-files.txt"',
        'for top in /*; do',
        '  case "$top" in /proc|/sys|/dev) continue ;; esac',
        `  grep -rlxE '[0-9]+,[01]' "$top" 2>/dev/null >> "$LOGS/answer-files.txt"`,
        'done',
        'env > "$LOGS/env.txt"',
        'echo scanned > "$LOGS/agent.log"',
      ].join('\n'),
    });
    const log = (name: string) => readFileSync(join(r.runDir, 'logs', name), 'utf8');
    expect(log('agent.log')).toBe('scanned\n');
    // the scan ran (it found the public test.csv) but no file with answer rows
    expect(log('found-test-csv.txt').trim().split('\n')).toEqual(['/home/data/test.csv']);
    expect(log('answer-files.txt')).toBe('');
    expect(log('env.txt')).not.toContain('private');
  });
});
