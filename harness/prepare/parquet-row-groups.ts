/**
 * Reads a parquet file one row group at a time, so a file far larger than memory (icecube's
 * train_meta.parquet: ~131 M rows) is never held whole: hyparquet reads only the byte ranges it asks
 * for, through an AsyncBuffer over an open file handle, and each call decodes one row group's columns.
 * Peak memory is therefore about one row group (compressed and decoded) of the columns asked for.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type DecodedArray, type FileMetaData } from 'hyparquet';
import { PrepareError } from './prepare-error.js';

export class ParquetFormatError extends PrepareError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParquetFormatError';
  }
}

/** An open parquet file: its footer metadata and the buffer hyparquet reads ranges from. */
export interface ParquetSource {
  file: string;
  metadata: FileMetaData;
  buffer: AsyncBuffer;
  close(): Promise<void>;
}

/** One row group's decoded columns: `columns[name][i]` is row `rowStart + i` of the file. */
export interface RowGroupColumns {
  index: number;
  rowStart: number;
  rows: number;
  columns: ReadonlyMap<string, DecodedArray>;
}

/** An AsyncBuffer whose slices are positioned reads of `handle` (no stream per slice, no whole-file buffer). */
function fileHandleBuffer(handle: FileHandle, byteLength: number): AsyncBuffer {
  return {
    byteLength,
    async slice(start, end = byteLength) {
      const out = Buffer.alloc(Math.max(0, end - start));
      let filled = 0;
      while (filled < out.length) {
        const { bytesRead } = await handle.read(out, filled, out.length - filled, start + filled);
        if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${start + filled} of ${byteLength}`);
        filled += bytesRead;
      }
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.length) as ArrayBuffer;
    },
  };
}

/** Opens `file` and reads its footer; a file that is not parquet is a ParquetFormatError naming it. */
export async function openParquetSource(file: string): Promise<ParquetSource> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = fileHandleBuffer(handle, size);
    const metadata = await parquetMetadataAsync(buffer).catch((error: unknown) => {
      throw new ParquetFormatError(`${file} is not a readable parquet file: ${(error as Error).message}`, {
        cause: error,
      });
    });
    return { file, metadata, buffer, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The top-level column names of a flat file, in schema order; a nested schema is a ParquetFormatError. */
export function flatColumnNames(source: ParquetSource): string[] {
  const [root, ...leaves] = source.metadata.schema;
  if (root === undefined || leaves.length !== (root.num_children ?? 0) || leaves.some((e) => e.num_children)) {
    throw new ParquetFormatError(`${source.file}: expected a flat table of columns, found a nested schema`);
  }
  return leaves.map((e) => e.name);
}

/** Joins the pieces hyparquet hands over for one column into one array of the same kind. */
function concatChunks(pieces: readonly DecodedArray[], rows: number): DecodedArray {
  const [first] = pieces;
  if (first === undefined) return [];
  if (pieces.length === 1) return first;
  if (ArrayBuffer.isView(first) && pieces.every((p) => p.constructor === first.constructor)) {
    const Typed = first.constructor as new (
      n: number,
    ) => DecodedArray & { set(a: ArrayLike<unknown>, at: number): void };
    const out = new Typed(rows);
    let at = 0;
    for (const piece of pieces) {
      out.set(piece as ArrayLike<unknown>, at);
      at += piece.length;
    }
    return out;
  }
  const out: unknown[] = [];
  for (const piece of pieces) for (let i = 0; i < piece.length; i++) out.push(piece[i]);
  return out;
}

/**
 * The row groups of `source`, in file order, each with the named columns decoded (all columns when
 * `columns` is omitted). Only one row group's data is read per step.
 */
export async function* readRowGroups(
  source: ParquetSource,
  columns?: readonly string[],
): AsyncGenerator<RowGroupColumns> {
  const names = columns ?? flatColumnNames(source);
  const known = new Set(flatColumnNames(source));
  const missing = names.filter((name) => !known.has(name));
  if (missing.length > 0) {
    throw new ParquetFormatError(
      `${source.file} has no column ${missing.map((m) => `'${m}'`).join(', ')} (columns: ${[...known].join(', ')})`,
    );
  }
  let rowStart = 0;
  for (const [index, group] of source.metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    const pieces = new Map<string, { at: number; data: DecodedArray }[]>(names.map((name) => [name, []]));
    await parquetRead({
      file: source.buffer,
      metadata: source.metadata,
      columns: [...names],
      rowStart,
      rowEnd: rowStart + rows,
      onChunk: ({ columnName, columnData, rowStart: at }) => pieces.get(columnName)?.push({ at, data: columnData }),
    }).catch((error: unknown) => {
      throw new ParquetFormatError(`${source.file}: row group ${index}: ${(error as Error).message}`, { cause: error });
    });
    const decoded = new Map<string, DecodedArray>();
    for (const [name, chunks] of pieces) {
      chunks.sort((a, b) => a.at - b.at);
      const data = concatChunks(
        chunks.map((c) => c.data),
        rows,
      );
      if (data.length !== rows) {
        throw new ParquetFormatError(
          `${source.file}: row group ${index}: column '${name}' has ${data.length} of ${rows} rows`,
        );
      }
      decoded.set(name, data);
    }
    yield { index, rowStart, rows, columns: decoded };
    rowStart += rows;
  }
}
