/**
 * Checksums of a competition's files, recorded in `competitions/<id>/checksums.yaml`, in two layouts:
 * - Podium's sha256: `{raw: {file: sha256}, prepared: {public/...: sha256, private/...: sha256}}` (paths
 *   relative to `raw/` and `prepared/`, `/` separators), verified before and after preparing;
 * - MLE-bench's md5 (`mlebench/competitions/<id>/checksums.yaml`, accepted as is): `zip` is the md5 of
 *   Kaggle's archive and is verified before it is unzipped; `public`/`private` are the md5s of the files
 *   MLE-bench's pandas code wrote. Those are kept as a reference and never verified: Podium writes
 *   every field as the raw file had it, while pandas re-formats numbers and missing values, so the
 *   bytes may differ even when every row and value is the same.
 * `--skip-verification` bypasses every check. `--record-checksums` writes Podium's sha256 maps from a
 * preparation of the real data (recordChecksums): whoever has it records them once, commits the file,
 * and every later preparation is verified against them.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Document, parseDocument, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { readOptionalText } from '../read-optional-text.js';
import { readOptionalYamlConfig } from '../registry/yaml-config.js';
import { PrepareError } from './prepare-error.js';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256');
const Md5 = z.string().regex(/^[0-9a-f]{32}$/, 'must be a lowercase hex md5');
export const ChecksumsFile = z.strictObject({
  raw: z.record(z.string().min(1), Sha256).default({}),
  prepared: z.record(z.string().min(1), Sha256).default({}),
  /** MLE-bench: md5 of the Kaggle archive `<id>.zip`. */
  zip: Md5.optional(),
  /** MLE-bench: md5s of its prepared files (a reference, not verified). */
  public: z.record(z.string().min(1), Md5).default({}),
  private: z.record(z.string().min(1), Md5).default({}),
});
export type ChecksumsFile = z.infer<typeof ChecksumsFile>;

export class ChecksumMismatchError extends PrepareError {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string | null,
    readonly algorithm: 'sha256' | 'md5' = 'sha256',
  ) {
    super(
      actual === null
        ? `checksum mismatch for ${file}: expected ${algorithm} ${expected}, but the file is missing (pass --skip-verification to bypass)`
        : `checksum mismatch for ${file}: expected ${algorithm} ${expected}, got ${actual} (pass --skip-verification to bypass)`,
    );
    this.name = 'ChecksumMismatchError';
  }
}

async function hashFile(file: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** sha256 of a file, streamed. */
export function sha256File(file: string): Promise<string> {
  return hashFile(file, 'sha256');
}

/** md5 of a file, streamed (MLE-bench's checksums are md5). */
export function md5File(file: string): Promise<string> {
  return hashFile(file, 'md5');
}

/** Checks a downloaded Kaggle archive against MLE-bench's recorded `zip` md5, before it is unzipped. */
export async function verifyArchive(zipFile: string, checksums: ChecksumsFile | null): Promise<void> {
  if (checksums?.zip === undefined) return;
  const actual = await md5File(zipFile);
  if (actual !== checksums.zip) throw new ChecksumMismatchError(zipFile, checksums.zip, actual, 'md5');
}

export function checksumsPath(competitionsDir: string, id: string): string {
  return join(competitionsDir, id, 'checksums.yaml');
}

/** The recorded checksums, or null when the competition has none. */
export async function loadChecksums(competitionsDir: string, id: string): Promise<ChecksumsFile | null> {
  // an empty checksums.yaml records nothing yet
  return readOptionalYamlConfig(checksumsPath(competitionsDir, id), ChecksumsFile, {});
}

/** Every file under `dir`, as sorted `/`-separated relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Checks each recorded file under `baseDir`; `label` prefixes the file in the error (e.g. `raw/`). */
export async function verifyChecksums(baseDir: string, expected: Record<string, string>, label: string): Promise<void> {
  for (const [file, sha] of Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))) {
    let actual: string | null;
    try {
      actual = await sha256File(join(baseDir, ...file.split('/')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      actual = null;
    }
    if (actual !== sha) throw new ChecksumMismatchError(`${label}${file}`, sha, actual);
  }
}

/** The checksums of every file under `dir`, for recording a new checksums.yaml. */
export async function computeChecksums(dir: string, skip: (file: string) => boolean = () => false) {
  const result: Record<string, string> = {};
  for (const file of await listFiles(dir)) if (!skip(file)) result[file] = await sha256File(join(dir, file));
  return result;
}

export function formatChecksums(checksums: ChecksumsFile): string {
  return stringifyYaml(checksums);
}

/**
 * Prepared files left out of recorded checksums: the description can be replaced with
 * --descriptions-dir, and ours is in the repository anyway.
 */
export function isUncheckedPreparedFile(file: string): boolean {
  return file === 'public/description.md';
}

/**
 * Writes Podium's `raw` and `prepared` sha256 maps into competitions/<id>/checksums.yaml, replacing
 * those two and keeping everything else the file holds (MLE-bench's md5s, comments). Creates the file
 * when there is none; written to a temporary file first so an interrupted write leaves the old one.
 */
export async function recordChecksums(
  competitionsDir: string,
  id: string,
  recorded: { raw: Record<string, string>; prepared: Record<string, string> },
): Promise<string> {
  const file = checksumsPath(competitionsDir, id);
  const text = await readOptionalText(file);
  const document = text === null || text.trim() === '' ? new Document({}) : parseDocument(text);
  if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message ?? 'not YAML'}`);
  document.set('raw', recorded.raw);
  document.set('prepared', recorded.prepared);
  ChecksumsFile.parse(document.toJS()); // never write a file the loader would refuse
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, document.toString({ lineWidth: 0 }));
  await rename(temp, file);
  return file;
}
