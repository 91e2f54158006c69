/**
 * The built CLI in a child process, so a test can SIGKILL it like a dying harness, and readers for
 * the group it writes: shared by the crash tests and the resume tests of runs and hosts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRunEvents, type RunEvent } from '../../harness/runs/run-events.js';
import { PROJECT } from './run-agents.js';

const MAIN = join(PROJECT.root, 'dist', 'harness', 'cli', 'main.js');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PodiumChild {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code, or the signal that ended it. */
  exit: Promise<number | NodeJS.Signals | null>;
  output: () => string;
}

/** `node dist/harness/cli/main.js ...args` with captured output. */
export function spawnPodium(args: string[], env: NodeJS.ProcessEnv = process.env): PodiumChild {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: PROJECT.root, env, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, exit, output: () => output };
}

/** The only group folder under `runsDir`, once it exists. */
export function groupDirIn(runsDir: string): string | undefined {
  const found = existsSync(runsDir) ? readdirSync(runsDir) : [];
  return found[0] === undefined ? undefined : join(runsDir, found[0]);
}

/** Each run's events (an unreadable log counts as none yet). */
export async function groupEvents(groupDir: string): Promise<Map<string, RunEvent[]>> {
  const root = join(groupDir, 'runs');
  const events = new Map<string, RunEvent[]>();
  for (const runId of existsSync(root) ? readdirSync(root) : [])
    events.set(runId, await readRunEvents(join(root, runId, 'events.jsonl')).catch(() => []));
  return events;
}

/**
 * SIGKILLs the child once its group's events satisfy `reached`, and says where it was: the group
 * folder and the events at the kill. A child that never gets there within `timeoutMs` (or exits on
 * its own) is killed all the same, so no harness outlives the test, and the result is undefined.
 */
export async function killWhen(
  podium: PodiumChild,
  runsDir: string,
  reached: (events: Map<string, RunEvent[]>) => boolean,
  timeoutMs = 60_000,
): Promise<{ dir: string; events: Map<string, RunEvent[]> } | undefined> {
  for (const until = Date.now() + timeoutMs; Date.now() < until && podium.child.exitCode === null; await sleep(50)) {
    const dir = groupDirIn(runsDir);
    if (dir === undefined) continue;
    const events = await groupEvents(dir);
    if (reached(events)) {
      podium.child.kill('SIGKILL');
      return { dir, events };
    }
  }
  podium.child.kill('SIGKILL');
  return undefined;
}
