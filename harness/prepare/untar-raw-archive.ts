/**
 * A .tar.gz inside Kaggle's download that the preparation needs unpacked (inaturalist-2019's
 * `train_val2019.tar.gz`): unpacked once into raw/, atomically, with the same safety as an agent's
 * outputs (runtime/extract-outputs.ts: regular files and folders only, no absolute or `..` names).
 * It goes into a temp folder beside the target and the wanted top folder is renamed into place, so an
 * interrupted unpack never leaves a half-filled folder that a later run would take as finished.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { fileExists } from '../file-exists.js';
import { extractArchive } from '../runtime/extract-outputs.js';
import { RawFileMissingError } from './prepare-context.js';
import { PrepareError } from './prepare-error.js';

const NO_CAP = Number.MAX_SAFE_INTEGER;

/** Makes `raw/<folder>` from `raw/<archive>` (whose entries start with `<folder>/`) unless it exists. */
export async function ensureUntarred(
  competitionId: string,
  raw: string,
  archive: string,
  folder: string,
): Promise<void> {
  const target = join(raw, folder);
  if (await fileExists(target)) return;
  const source = join(raw, archive);
  if (!(await fileExists(source))) throw new RawFileMissingError(competitionId, source);
  const temp = join(raw, `.untar-${randomBytes(6).toString('hex')}`);
  try {
    const stream = createReadStream(source).pipe(createGunzip());
    const report = await extractArchive(stream, temp, { maxFileBytes: NO_CAP, maxTotalBytes: NO_CAP });
    const refused = report.skipped[0];
    if (refused !== undefined) {
      throw new PrepareError(`${competitionId}: ${source}: refused entry ${refused.path} (${refused.reason})`);
    }
    if (!(await fileExists(join(temp, folder)))) {
      throw new PrepareError(`${competitionId}: ${source} holds no folder ${folder}/`);
    }
    await rename(join(temp, folder), target);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
