import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHarnessLog } from '../../harness/runs/harness-log.js';
import { useTempDir } from '../support/temp-dir.js';

describe('openHarnessLog', () => {
  const dir = useTempDir();
  const now = () => new Date('2026-11-24T07:00:00.000Z');

  it('appends timestamped lines to harness.log and shows warnings on the terminal too', async () => {
    const stderr: string[] = [];
    for (const round of [1, 2]) {
      const log = openHarnessLog(dir, now, (text) => stderr.push(text));
      log.log(`services listen on 127.0.0.1 (session ${round})`);
      log.warn("the validation service's port 4000 is taken");
      await log.close();
    }
    expect(readFileSync(join(dir, 'harness.log'), 'utf8')).toBe(
      [1, 2]
        .flatMap((round) => [
          `2026-11-24T07:00:00.000Z services listen on 127.0.0.1 (session ${round})`,
          "2026-11-24T07:00:00.000Z warning: the validation service's port 4000 is taken",
        ])
        .join('\n') + '\n',
    );
    expect(stderr).toEqual(Array(2).fill("podium: warning: the validation service's port 4000 is taken\n"));
  });

  it('says once that the log cannot be written and keeps going', async () => {
    const missing = join(dir, 'no-such-group');
    const stderr: string[] = [];
    const log = openHarnessLog(missing, now, (text) => stderr.push(text));
    log.log('first');
    await new Promise((resolve) => setTimeout(resolve, 50));
    log.log('second');
    log.warn('still shown');
    await log.close();
    expect(stderr).toEqual([
      expect.stringMatching(/^podium: warning: cannot write .*no-such-group\/harness\.log: ENOENT/),
      'podium: warning: still shown\n',
    ]);
  });
});
