import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temp dir removed after the current test file. */
export function useTempDir(prefix = 'podium-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // a minute: some prepare fixtures leave tens of thousands of files, slow to remove on a busy machine
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 60_000);
  return dir;
}
