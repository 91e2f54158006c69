/**
 * A session's log for the CLI: every line, timestamped, appended to the group's `harness.log`
 * (service requests, where the services listen, notes); warnings also go to the terminal, since they
 * tell the user something about their setup (a pod that cannot reach the harness, a port taken).
 */
import { createWriteStream } from 'node:fs';
import { groupLayout } from './group-layout.js';

export interface HarnessLog {
  log: (line: string) => void;
  warn: (line: string) => void;
  close: () => Promise<void>;
}

export function openHarnessLog(groupDir: string, now: () => Date, stderr: (text: string) => void): HarnessLog {
  const file = createWriteStream(groupLayout(groupDir).harnessLog, { flags: 'a' });
  // a log that cannot be written must not end the session: say so once, then drop lines
  let broken = false;
  file.on('error', (error) => {
    if (!broken) stderr(`podium: warning: cannot write ${groupLayout(groupDir).harnessLog}: ${error.message}\n`);
    broken = true;
  });
  const log = (line: string): void => {
    if (!broken) file.write(`${now().toISOString()} ${line}\n`);
  };
  return {
    log,
    warn: (line) => {
      log(`warning: ${line}`);
      stderr(`podium: warning: ${line}\n`);
    },
    close: () => new Promise<void>((resolve) => file.end(() => resolve())),
  };
}
