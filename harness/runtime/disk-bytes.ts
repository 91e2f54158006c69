/** Bytes allocated on disk under a folder: what a local sandbox has written (see LocalSandbox.diskUsage). */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Allocated blocks, not file sizes, so a sparse file counts what it really uses; symlinks are not
 * followed (a link to the public data costs nothing). Entries that vanish while it walks are skipped:
 * the sandbox is still running.
 */
export async function diskBytesUnder(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let sum = 0;
  for (const name of names) {
    const path = join(dir, name);
    const stat = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stat === null) continue;
    sum += stat.blocks * 512;
    if (stat.isDirectory()) sum += await diskBytesUnder(path);
  }
  return sum;
}
