/**
 * Copying a raw folder (a drive, a scan, a fragment) to the side of the split it landed on, as
 * MLE-bench's `shutil.copytree` does, optionally leaving out files that hold the answers.
 */
import { join } from 'node:path';
import { listFiles } from './checksums.js';
import { copyInto, RawFileMissingError } from './prepare-context.js';

/**
 * Copies every file under `source` to the same relative path under `target`, except those `skip`
 * names (given the `/`-separated path relative to `source`). A missing `source` is a RawFileMissingError.
 */
export async function copyTree(
  source: string,
  target: string,
  competitionId: string,
  skip: (relativePath: string) => boolean = () => false,
): Promise<void> {
  let files: string[];
  try {
    files = await listFiles(source);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawFileMissingError(competitionId, source);
    throw error;
  }
  for (const file of files) {
    if (!skip(file)) await copyInto(join(source, ...file.split('/')), join(target, ...file.split('/')), competitionId);
  }
}
