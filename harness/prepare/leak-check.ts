/**
 * The last check before a prepared public folder is published: no table agents can read (CSV or
 * parquet) may carry an answers column, except the files that hold labels by design (the train set,
 * the sample submission).
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { listFiles } from './checksums.js';
import { openParquetSource, ParquetFormatError } from './parquet-row-groups.js';
import { PrepareError } from './prepare-error.js';

export class PublicLeakError extends PrepareError {
  constructor(
    readonly file: string,
    readonly column: string,
  ) {
    super(`answers leak: public/${file} contains the answers column '${column}'`);
    this.name = 'PublicLeakError';
  }
}

/** The header of a CSV, read from its first 64 KiB. */
async function readHeader(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const rows = parse(firstLine, { bom: true }) as string[][];
    return rows[0] ?? [];
  } finally {
    await handle.close();
  }
}

/**
 * Every column name in a parquet file's schema (nested fields' names too), read from its footer; none
 * for a file named .parquet that is not one (raw data copied as is), which has no columns to leak.
 */
async function readParquetColumns(file: string): Promise<string[]> {
  const source = await openParquetSource(file).catch((error: unknown) => {
    if (error instanceof ParquetFormatError) return undefined;
    throw error;
  });
  if (source === undefined) return [];
  try {
    return source.metadata.schema.slice(1).map((element) => element.name);
  } finally {
    await source.close();
  }
}

/** The column names of a public table file, or undefined for a file that is no table. */
async function tableColumns(file: string): Promise<string[] | undefined> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return readHeader(file);
  if (lower.endsWith('.parquet')) return readParquetColumns(file);
  return undefined;
}

/**
 * Whether `file` is one of the `allowed` paths, where a `*` segment matches any one folder or file
 * name: labelled files spread over per-item folders (each `ground_truth.csv` two folders below `train/`).
 */
export function isAllowedPublic(file: string, allowed: readonly string[]): boolean {
  const parts = file.split('/');
  return allowed.some((path) => {
    const want = path.split('/');
    return want.length === parts.length && want.every((name, i) => name === '*' || name === parts[i]);
  });
}

/** Throws PublicLeakError for the first public table (not in `allowed`) with an answers column. */
export async function checkPublicLeaks(
  dir: string,
  answerColumns: readonly string[],
  allowed: readonly string[],
): Promise<void> {
  for (const file of await listFiles(dir)) {
    if (isAllowedPublic(file, allowed)) continue;
    const columns = await tableColumns(join(dir, file));
    const column = columns === undefined ? undefined : answerColumns.find((c) => columns.includes(c));
    if (column !== undefined) throw new PublicLeakError(file, column);
  }
}
