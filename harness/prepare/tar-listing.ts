/**
 * The names of the files in a gzipped tar archive, read as a stream (the entries' bytes are skipped,
 * never written): enough for preparations that only need to know which samples an archive holds.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { PrepareError } from './prepare-error.js';

export class ArchiveFormatError extends PrepareError {
  override name = 'ArchiveFormatError';
}

/** The regular files' names, as the archive spells them (e.g. `./Sample00300.zip`), in archive order. */
export async function tarGzFileNames(file: string): Promise<string[]> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  const extract = tar.extract();
  const fail = (error: Error) => extract.destroy(error);
  source.on('error', fail);
  gunzip.on('error', fail);
  source.pipe(gunzip).pipe(extract);
  const names: string[] = [];
  try {
    for await (const entry of extract) {
      if (entry.header.type === 'file') names.push(entry.header.name);
      entry.resume();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    throw new ArchiveFormatError(`${file} is not a readable .tar.gz archive: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return names;
}
