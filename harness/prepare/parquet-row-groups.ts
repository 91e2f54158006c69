/**
 * Reads a parquet file one row group at a time, so a file far larger than memory (icecube's
 * train_meta.parquet: ~131 M rows) is never held whole: hyparquet reads only the byte ranges it asks
 * for, through an AsyncBuffer over an open file handle, and each step decodes one row group, column by column.
 * Peak memory is therefore about one row group of the columns asked for (as typed arrays where possible).
 */
import { open, type FileHandle } from 'node:fs/promises';
import {
  parquetMetadataAsync,
  parquetRead,
  type AsyncBuffer,
  type DecodedArray,
  type FileMetaData,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
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
 * `data` as a typed array of its physical type when every value fits (no nulls, no converted values such
 * as Dates): hyparquet hands optional columns over as plain arrays of boxed values, several times larger.
 */
function compact(data: DecodedArray, type: SchemaElement['type']): DecodedArray {
  if (ArrayBuffer.isView(data)) return data;
  const all = (kind: string) => data.every((v: unknown) => typeof v === kind);
  if (type === 'INT64' && all('bigint')) return BigInt64Array.from(data as bigint[]);
  if (type === 'DOUBLE' && all('number')) return Float64Array.from(data as number[]);
  if (type === 'INT32' && all('number') && data.every((v: number) => Number.isInteger(v) && (v | 0) === v))
    return Int32Array.from(data as number[]);
  return data;
}

/** One column of one row group, decoded: rows `rowStart`..`rowStart + rows` of the file. */
async function readGroupColumn(
  source: ParquetSource,
  name: string,
  at: { index: number; rowStart: number; rows: number },
): Promise<DecodedArray> {
  const chunks: { at: number; data: DecodedArray }[] = [];
  await parquetRead({
    file: source.buffer,
    metadata: source.metadata,
    columns: [name],
    // hyparquet alone decodes snappy; Kaggle files may be gzip, zstd, brotli or lz4 too
    compressors,
    rowStart: at.rowStart,
    rowEnd: at.rowStart + at.rows,
    onChunk: ({ columnData, rowStart }) => chunks.push({ at: rowStart, data: columnData }),
  }).catch((error: unknown) => {
    throw new ParquetFormatError(`${source.file}: row group ${at.index}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  chunks.sort((a, b) => a.at - b.at);
  const data = concatChunks(
    chunks.map((c) => c.data),
    at.rows,
  );
  if (data.length !== at.rows) {
    throw new ParquetFormatError(
      `${source.file}: row group ${at.index}: column '${name}' has ${data.length} of ${at.rows} rows`,
    );
  }
  return data;
}

/**
 * The row groups of `source`, in file order, each with the named columns decoded (all columns when
 * `columns` is omitted). One row group is read per step, one column at a time, each made a typed array
 * where its values allow, so only one column is ever held in hyparquet's boxed form.
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
  const typeOf = new Map(source.metadata.schema.slice(1).map((e) => [e.name, e.type]));
  let rowStart = 0;
  for (const [index, group] of source.metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    const decoded = new Map<string, DecodedArray>();
    for (const name of names) {
      decoded.set(name, compact(await readGroupColumn(source, name, { index, rowStart, rows }), typeOf.get(name)));
    }
    yield { index, rowStart, rows, columns: decoded };
    rowStart += rows;
  }
}
