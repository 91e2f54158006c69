/**
 * What a preparer gets: the raw folder to read and the public/private folders to write (inside the
 * temp folder that is renamed into place when everything succeeded), plus the competition's config.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileExists } from '../file-exists.js';
import type { CompetitionConfig } from '../registry/competition-config.js';
import { readCsvTable, type CsvTable } from './csv-table.js';
import { PrepareError } from './prepare-error.js';

export interface PrepareContext {
  raw: string;
  public: string;
  private: string;
  competition: CompetitionConfig;
}

export class RawFileMissingError extends PrepareError {
  constructor(
    readonly competitionId: string,
    readonly file: string,
  ) {
    super(`${competitionId}: raw file missing: ${file} (is raw/ the unzipped Kaggle archive of this competition?)`);
    this.name = 'RawFileMissingError';
  }
}

/** Copies one file, creating folders; a reflink where the file system offers one, a copy otherwise. */
export async function copyInto(source: string, target: string, competitionId: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  try {
    await copyFile(source, target, constants.COPYFILE_FICLONE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawFileMissingError(competitionId, source);
    throw error;
  }
}

/** A raw CSV file as a table; a missing file is a RawFileMissingError naming it. */
export async function readRawCsv(file: string, competitionId: string): Promise<CsvTable> {
  if (!(await fileExists(file))) throw new RawFileMissingError(competitionId, file);
  return readCsvTable(file);
}

/** The names of the entries of one kind directly in `dir`, sorted; a missing folder is a RawFileMissingError. */
async function listNames(dir: string, competitionId: string, kind: 'file' | 'folder'): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (kind === 'file' ? e.isFile() : e.isDirectory()))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawFileMissingError(competitionId, dir);
    throw error;
  }
}

/** The names of the plain files directly in `dir`, sorted (as Python's sorted(os.listdir) for ASCII names). */
export function listFileNames(dir: string, competitionId: string): Promise<string[]> {
  return listNames(dir, competitionId, 'file');
}

/** The names of the folders directly in `dir`, sorted. */
export function listFolderNames(dir: string, competitionId: string): Promise<string[]> {
  return listNames(dir, competitionId, 'folder');
}

export function rawPath(ctx: PrepareContext, relative: string): string {
  return join(ctx.raw, ...relative.split('/'));
}
