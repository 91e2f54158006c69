/**
 * Duration history: attempt wall times from events, medians per competition over this agent's groups in
 * the runs folder (other agents' groups and unreadable folders ignored), and the start order it gives.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { attemptDurations, orderRunsByHistory, readDurationHistory } from '../../harness/runs/duration-history.js';
import { groupLayout } from '../../harness/runs/group-layout.js';
import type { RunEvent } from '../../harness/runs/run-events.js';
import { useTempDir } from '../support/temp-dir.js';

const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000).toISOString();
const HOUR = 3_600_000;

function started(hours: number, attempt = 1): RunEvent {
  return { type: 'started', at: at(hours), sandbox_id: 's', runtime: 'docker', attempt };
}
function exited(hours: number): RunEvent {
  return { type: 'exited', at: at(hours), exit_code: 0, oom_killed: false };
}

describe('attemptDurations', () => {
  it('measures every attempt from its start to its sandbox exiting', () => {
    expect(attemptDurations([{ type: 'queued', at: at(0) }, started(1), exited(4)])).toEqual([3 * HOUR]);
  });

  it('says nothing about attempts that lost their host or their sandbox, or never exited', () => {
    const lostHost: RunEvent = { type: 'host_failed', at: at(2), host: 'h', message: 'gone', requeued: true };
    const lostSandbox: RunEvent = { type: 'retry', at: at(6), attempt: 2, message: 'sandbox lost' };
    const events = [started(0), lostHost, started(3, 2), lostSandbox, started(7, 3), exited(12), started(13, 4)];
    expect(attemptDurations(events)).toEqual([5 * HOUR]);
  });
});

describe('readDurationHistory', () => {
  const root = useTempDir();
  /** A fresh runs folder per test. */
  let runsDir = '';
  beforeEach(() => {
    runsDir = mkdtempSync(join(root, 'runs-'));
  });

  function writeGroup(name: string, agentId: string, runs: { competition: string; events: RunEvent[] }[]): void {
    const layout = groupLayout(join(runsDir, name));
    mkdirSync(layout.dir, { recursive: true });
    const planned = runs.map((r, i) => ({
      run_id: `${r.competition}_seed${i}`,
      competition_id: r.competition,
      seed: i,
    }));
    const manifest = {
      schema_version: 1,
      group_id: name,
      created_at: at(0),
      agent: { id: agentId, config_hash: 'h', image: 'i' },
      runtime: 'docker',
      data_dir: '/data',
      time_limit_s: 86_400,
      concurrency: 1,
      runs: planned,
    };
    writeFileSync(layout.manifest, JSON.stringify(manifest));
    runs.forEach((r, i) => {
      const run = layout.run(planned[i]!.run_id);
      mkdirSync(run.dir, { recursive: true });
      writeFileSync(run.events, r.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    });
  }

  it("takes the median of the agent's finished attempts per competition, over all its groups", async () => {
    writeGroup('g1', 'aide', [
      { competition: 'a', events: [started(0), exited(2)] },
      { competition: 'a', events: [started(0), exited(4)] },
      { competition: 'b', events: [started(0), exited(10)] },
      { competition: 'c', events: [started(0)] }, // still running: no sample
    ]);
    writeGroup('g2', 'aide', [{ competition: 'a', events: [started(0), exited(9)] }]);
    writeGroup('g3', 'mlab', [{ competition: 'a', events: [started(0), exited(100)] }]);
    mkdirSync(join(runsDir, 'not-a-group'));
    writeFileSync(join(runsDir, 'stray-file.txt'), 'x');
    mkdirSync(join(runsDir, 'broken'));
    writeFileSync(join(runsDir, 'broken', 'manifest.json'), '{"schema_version": 1');

    const history = await readDurationHistory(runsDir, 'aide');
    expect([...history].sort()).toEqual([
      ['a', 4 * HOUR],
      ['b', 10 * HOUR],
    ]);
    expect(await readDurationHistory(runsDir, 'mlab')).toEqual(new Map([['a', 100 * HOUR]]));
    expect(await readDurationHistory(runsDir, 'nobody')).toEqual(new Map());
  });

  it('has no history for a runs folder that does not exist yet', async () => {
    expect(await readDurationHistory(join(runsDir, 'missing'), 'aide')).toEqual(new Map());
  });

  it('even medians average the two middle samples', async () => {
    writeGroup('g1', 'aide', [
      { competition: 'a', events: [started(0), exited(2)] },
      { competition: 'a', events: [started(0), exited(5)] },
    ]);
    expect((await readDurationHistory(runsDir, 'aide')).get('a')).toBe(3.5 * HOUR);
  });
});

describe('orderRunsByHistory', () => {
  it('starts competitions without history first, then the longest, keeping manifest order among equals', () => {
    const runs = ['short', 'unknown', 'long', 'short', 'long'].map((competition_id, seed) => ({
      run_id: `${competition_id}_${seed}`,
      competition_id,
      seed,
    }));
    const history = new Map([
      ['short', 2 * HOUR],
      ['long', 20 * HOUR],
    ]);
    expect(orderRunsByHistory(runs, history).map((r) => r.run_id)).toEqual([
      'unknown_1',
      'long_2',
      'long_4',
      'short_0',
      'short_3',
    ]);
  });
});
