/**
 * Writes a parquet file incrementally: row groups are appended as they come and only the footer is
 * written at the end, so a file larger than memory can be produced from a stream of row groups.
 *
 * hyparquet-writer's ParquetWriter already writes incrementally (write() per batch, finish() for the
 * footer) and calls its Writer's optional `flush()` after every row group, awaiting a returned promise
 * before encoding more. Its own node `fileWriter` appends with writeFileSync while encoding; this one
 * keeps the encoded row group in a ByteWriter and writes it with an async positioned write on flush,
 * then reuses the buffer, so memory stays at about one encoded row group.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { DecodedArray, SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';

/** Rows per written row group at most (pyarrow's default since 15.0): bounds the encoder's buffer. */
export const MAX_ROW_GROUP_ROWS = 1 << 20;

export interface ParquetFileWriter {
  /** Appends rows as one or more row groups (none for zero rows); columns in schema order. */
  write(columns: readonly { name: string; data: DecodedArray }[]): Promise<void>;
  /** Writes the footer and closes the file. */
  close(): Promise<void>;
  /** Closes the file without a footer (after a failure; the caller removes it). */
  abort(): Promise<void>;
}

/** A ByteWriter that empties itself into `handle` on flush() and finish(). */
class FileByteWriter extends ByteWriter {
  private position = 0;

  constructor(private readonly handle: FileHandle) {
    super(1 << 16);
  }

  async flush(): Promise<void> {
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written, this.position);
      written += bytesWritten;
      this.position += bytesWritten;
    }
    this.index = 0;
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

/**
 * The schema for a new file holding `columns` of a flat source file (a root and one leaf each, the
 * leaves as the source declares them: physical type, repetition, logical/converted type).
 */
export function flatSchemaOf(source: readonly SchemaElement[], columns: readonly string[]): SchemaElement[] {
  const leaves = columns.map((name) => {
    const element = source.find((e, i) => i > 0 && e.name === name);
    if (element === undefined) throw new Error(`no column '${name}' in the source schema`);
    const { type, type_length, repetition_type, converted_type, scale, precision, logical_type } = element;
    return Object.fromEntries(
      Object.entries({
        name,
        type,
        type_length,
        repetition_type,
        converted_type,
        scale,
        precision,
        logical_type,
      }).filter(([, value]) => value !== undefined),
    ) as unknown as SchemaElement;
  });
  return [{ name: source[0]?.name ?? 'schema', num_children: leaves.length }, ...leaves];
}

/** Opens `file` for writing a parquet file of `schema` (snappy-compressed, as pandas writes by default). */
export async function openParquetFileWriter(file: string, schema: SchemaElement[]): Promise<ParquetFileWriter> {
  const handle = await open(file, 'w');
  const writer = new FileByteWriter(handle);
  const parquet = new ParquetWriter({ writer, schema, createdBy: 'podium' });
  const names = schema.slice(1).map((e) => e.name);
  return {
    async write(columns) {
      const given = columns.map((c) => c.name);
      if (given.join('\0') !== names.join('\0')) {
        throw new Error(`parquet writer: columns ${given.join(', ')} do not match the schema's ${names.join(', ')}`);
      }
      if ((columns[0]?.data.length ?? 0) === 0) return;
      await parquet.write({ columnData: columns.map((c) => ({ ...c })), rowGroupSize: MAX_ROW_GROUP_ROWS });
    },
    async close() {
      try {
        await parquet.finish();
      } finally {
        await handle.close();
      }
    },
    abort: () => handle.close(),
  };
}
