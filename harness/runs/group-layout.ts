/**
 * Where a run group lives on disk. The path is the identity: a finished file means a finished step
 * (grade.json exists ⇔ the run was graded), and every path is built here.
 *
 *   <runs-dir>/<timestamp>_run-group_<agent>/
 *     manifest.json            written once, at start
 *     submission.jsonl         MLE-bench's batch-grading input, for `podium grade`
 *     harness.log              the sessions' log (service requests, listen addresses, notes)
 *     runs/<run-id>/events.jsonl, grade.json, container.log, submission/, logs/, code/
 */
import { join } from 'node:path';

export function groupDirName(agentId: string, createdAt: Date): string {
  const stamp = `${createdAt.toISOString().slice(0, 19).replaceAll(':', '-')}-UTC`;
  // a variant's ref ('aide/o1-preview') names one folder, not two
  return `${stamp}_run-group_${agentId.replaceAll('/', '.')}`;
}

export interface RunLayout {
  dir: string;
  events: string;
  grade: string;
  containerLog: string;
  /** Extracted copies of the sandbox's /home/submission, /home/logs, /home/code. */
  submissionDir: string;
  logsDir: string;
  codeDir: string;
  submissionFile: string;
}

export interface GroupLayout {
  dir: string;
  manifest: string;
  submissionList: string;
  harnessLog: string;
  run(runId: string): RunLayout;
}

export function groupLayout(dir: string): GroupLayout {
  return {
    dir,
    manifest: join(dir, 'manifest.json'),
    submissionList: join(dir, 'submission.jsonl'),
    harnessLog: join(dir, 'harness.log'),
    run: (runId) => {
      const runDir = join(dir, 'runs', runId);
      return {
        dir: runDir,
        events: join(runDir, 'events.jsonl'),
        grade: join(runDir, 'grade.json'),
        containerLog: join(runDir, 'container.log'),
        submissionDir: join(runDir, 'submission'),
        logsDir: join(runDir, 'logs'),
        codeDir: join(runDir, 'code'),
        submissionFile: join(runDir, 'submission', 'submission.csv'),
      };
    },
  };
}
