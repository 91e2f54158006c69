/**
 * Kaggle ships some competitions' folders as 7-Zip archives inside its zip (invasive-species-monitoring's
 * `train.7z`, statoil's `train.json.7z`). Podium unzips zips but has no 7-Zip reader (no installed
 * library reads it, and LZMA is too much to hand-write), so such a folder is unpacked by hand; this
 * check stops the preparation up front with the command to run instead of failing on the first file.
 */
import { join } from 'node:path';
import { fileExists } from '../file-exists.js';
import { PrepareError } from './prepare-error.js';

export interface SevenZipArchive {
  archive: string;
  extracts_to: string;
}

export class SevenZipNotExtractedError extends PrepareError {
  constructor(
    readonly competitionId: string,
    readonly rawDir: string,
    readonly archive: SevenZipArchive,
  ) {
    super(
      `${competitionId}: raw/${archive.extracts_to} is missing: Kaggle ships it inside the 7-Zip archive raw/${archive.archive}, which Podium does not unpack; extract it by hand (cd ${rawDir} && 7z x ${archive.archive}) and prepare again`,
    );
    this.name = 'SevenZipNotExtractedError';
  }
}

/** Throws for the first archive whose extracted file or folder is not in `rawDir`. */
export async function checkSevenZipExtracted(
  competitionId: string,
  rawDir: string,
  archives: readonly SevenZipArchive[],
): Promise<void> {
  for (const archive of archives) {
    if (!(await fileExists(join(rawDir, ...archive.extracts_to.split('/'))))) {
      throw new SevenZipNotExtractedError(competitionId, rawDir, archive);
    }
  }
}
