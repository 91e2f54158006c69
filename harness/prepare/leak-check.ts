/**
 * The last check before a prepared public folder is published: no CSV agents can read may carry an
 * answers column, except the files that hold labels by design (the train set, the sample submission).
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { listFiles } from './checksums.js';
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

/** Throws PublicLeakError for the first public CSV (not in `allowed`) whose header names an answers column. */
export async function checkPublicLeaks(
  dir: string,
  answerColumns: readonly string[],
  allowed: readonly string[],
): Promise<void> {
  for (const file of await listFiles(dir)) {
    if (!file.toLowerCase().endsWith('.csv') || isAllowedPublic(file, allowed)) continue;
    const header = await readHeader(join(dir, file));
    const column = answerColumns.find((c) => header.includes(c));
    if (column !== undefined) throw new PublicLeakError(file, column);
  }
}
