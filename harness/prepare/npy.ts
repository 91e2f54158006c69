/**
 * NumPy's `.npy` format (version 1.0/2.0/3.0 headers): `\x93NUMPY`, major, minor, header length
 * (uint16 LE in v1, uint32 LE in v2/v3), then a Python dict literal
 * `{'descr': '<i4', 'fortran_order': False, 'shape': (256, 256, 1), }`, then the data.
 * Enough to pick rows of an array without decoding them (NpyReader: C-ordered rows of fixed size),
 * to read a small array's values (readNpy: a label mask), and to write a header byte for byte as
 * `np.save` (NumPy ≥ 1.23) does, so a row subset written here is the file NumPy writes for those rows.
 */
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PrepareError } from './prepare-error.js';

export class NpyFormatError extends PrepareError {
  override name = 'NpyFormatError';
}

export interface NpyHeader {
  /** The dtype as the header spells it (`<f4`, `<U2`, …). */
  descr: string;
  /** Column-major data (rare: `np.save` of a transposed array). */
  fortranOrder: boolean;
  shape: number[];
  /** Bytes before the data. */
  dataOffset: number;
  /** Bytes of one element. */
  itemSize: number;
  /** Bytes of one row (one index of the first axis). */
  rowBytes: number;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const ARRAY_ALIGN = 64;
/** NumPy leaves room for the first axis to grow to 21 digits without rewriting the file. */
const GROWTH_AXIS_MAX_DIGITS = 21;
const READS_IN_FLIGHT = 64;
const ROWS_PER_BATCH = 8192;

function elementSize(descr: string, file: string): number {
  const match = /^[<>|=]([biufcUS])(\d+)$/.exec(descr);
  if (match === null) throw new NpyFormatError(`${file}: unsupported .npy dtype '${descr}'`);
  return (match[1] === 'U' ? 4 : 1) * Number(match[2]);
}

/** Parses the Python-literal header dict NumPy writes: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 429), }`. */
export function parseNpyHeader(bytes: Buffer, file: string): NpyHeader {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) throw new NpyFormatError(`${file} is not a .npy file`);
  const major = bytes[6] ?? 0;
  const [lengthBytes, headerLength] =
    major === 1 ? [2, bytes.readUInt16LE(8)] : bytes.length >= 12 ? [4, bytes.readUInt32LE(8)] : [4, -1];
  const start = 8 + lengthBytes;
  if (headerLength < 0 || bytes.length < start + headerLength) {
    throw new NpyFormatError(`${file}: the .npy header is cut short`);
  }
  const text = bytes.subarray(start, start + headerLength).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(`${file}: unreadable .npy header ${JSON.stringify(text.trim())}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.length === 0 || shape.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw new NpyFormatError(`${file}: expected an array of at least one axis, shape (${shapeText})`);
  }
  const itemSize = elementSize(descr, file);
  const rowBytes = shape.slice(1).reduce((product, n) => product * n, itemSize);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: start + headerLength, itemSize, rowBytes };
}

/** The header `np.save` writes for an array of this dtype and shape (version 1.0, C order). */
export function npyHeader(descr: string, shape: readonly number[]): Buffer {
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeRepr}, }`;
  dict += ' '.repeat(shape.length > 0 ? GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length : 0);
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const padded = `${dict}${' '.repeat((ARRAY_ALIGN - (unpadded % ARRAY_ALIGN)) % ARRAY_ALIGN)}\n`;
  const length = Buffer.alloc(2);
  length.writeUInt16LE(padded.length);
  return Buffer.concat([MAGIC, Buffer.from([1, 0]), length, Buffer.from(padded, 'latin1')]);
}

/** A `.npy` file open for reading rows by index. */
export class NpyReader {
  private constructor(
    readonly file: string,
    readonly header: NpyHeader,
    private readonly handle: FileHandle,
  ) {}

  static async open(file: string): Promise<NpyReader> {
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const header = parseNpyHeader(head.subarray(0, bytesRead), file);
      // a row is contiguous only in C order
      if (header.fortranOrder) throw new NpyFormatError(`${file}: rows of a Fortran-ordered array cannot be read`);
      const { size } = await handle.stat();
      const expected = header.dataOffset + header.rowBytes * (header.shape[0] ?? 0);
      if (size !== expected) {
        throw new NpyFormatError(`${file}: ${size} bytes, but its header (shape ${header.shape}) says ${expected}`);
      }
      return new NpyReader(file, header, handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get rows(): number {
    return this.header.shape[0] ?? 0;
  }

  /** The bytes of the given rows, in the given order. */
  async readRows(indices: ArrayLike<number>): Promise<Buffer> {
    const { rowBytes, dataOffset } = this.header;
    const out = Buffer.alloc(rowBytes * indices.length);
    // a few reads in flight at once: the rows are scattered over the file
    for (let from = 0; from < indices.length; from += READS_IN_FLIGHT) {
      const reads: Promise<unknown>[] = [];
      for (let k = from; k < Math.min(from + READS_IN_FLIGHT, indices.length); k++) {
        reads.push(this.handle.read(out, k * rowBytes, rowBytes, dataOffset + (indices[k] ?? 0) * rowBytes));
      }
      await Promise.all(reads);
    }
    return out;
  }

  /** Writes the given rows, in that order, as a new `.npy` file of the same dtype (as `np.save(a[indices])`). */
  async writeRows(indices: ArrayLike<number>, target: string): Promise<void> {
    await mkdir(dirname(target), { recursive: true });
    const out = await open(target, 'w');
    try {
      await out.write(npyHeader(this.header.descr, [indices.length, ...this.header.shape.slice(1)]));
      for (let from = 0; from < indices.length; from += ROWS_PER_BATCH) {
        await out.write(await this.readRows(Array.prototype.slice.call(indices, from, from + ROWS_PER_BATCH)));
      }
    } finally {
      await out.close();
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** How one element of a 1-D label array reads as text, by dtype kind (little-endian or byte-sized). */
const ELEMENT_TEXT: Record<string, (item: Buffer) => string> = {
  U: (item) => {
    const codes = Array.from({ length: item.length / 4 }, (_, c) => item.readUInt32LE(c * 4));
    return String.fromCodePoint(...codes.filter((c) => c !== 0));
  },
  S: (item) => item.toString('latin1').replace(/\0+$/, ''),
  i: (item) => (item.length === 8 ? item.readBigInt64LE().toString() : String(item.readIntLE(0, item.length))),
  u: (item) => (item.length === 8 ? item.readBigUInt64LE().toString() : String(item.readUIntLE(0, item.length))),
};

/** The elements of a 1-D array of strings (`<U…`, `|S…`) or integers as text, as pandas writes them. */
export function npyElementsAsText(header: NpyHeader, data: Buffer, file: string): string[] {
  const toText = ELEMENT_TEXT[header.descr.slice(1, 2)];
  if (header.shape.length !== 1 || toText === undefined || header.descr.startsWith('>')) {
    throw new NpyFormatError(
      `${file}: expected a 1-D little-endian array of strings or integers, dtype '${header.descr}' shape (${header.shape})`,
    );
  }
  return Array.from({ length: data.length / header.itemSize }, (_, k) =>
    toText(data.subarray(k * header.itemSize, (k + 1) * header.itemSize)),
  );
}

/** The header of a .npy file, reading only its first bytes. */
export async function readNpyHeader(file: string): Promise<NpyHeader> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return parseNpyHeader(head.subarray(0, bytesRead), file);
  } finally {
    await handle.close();
  }
}

const VALUE_READERS: Record<string, (b: Buffer, at: number) => number> = {
  '|b1': (b, at) => b.readUInt8(at),
  '|u1': (b, at) => b.readUInt8(at),
  '|i1': (b, at) => b.readInt8(at),
  '<u2': (b, at) => b.readUInt16LE(at),
  '<i2': (b, at) => b.readInt16LE(at),
  '<u4': (b, at) => b.readUInt32LE(at),
  '<i4': (b, at) => b.readInt32LE(at),
  '<i8': (b, at) => Number(b.readBigInt64LE(at)),
  '<f4': (b, at) => b.readFloatLE(at),
  '<f8': (b, at) => b.readDoubleLE(at),
};

/** A small array's header and values, in storage order (C or Fortran, as the header says). */
export async function readNpy(file: string): Promise<{ header: NpyHeader; values: number[] }> {
  const bytes = await readFile(file);
  const header = parseNpyHeader(bytes, file);
  const read = VALUE_READERS[header.descr];
  if (read === undefined) throw new NpyFormatError(`${file}: dtype ${header.descr} is not supported`);
  const count = header.shape.reduce((n, d) => n * d, 1);
  if (bytes.length < header.dataOffset + count * header.itemSize)
    throw new NpyFormatError(`${file}: fewer values than its shape`);
  return {
    header,
    values: Array.from({ length: count }, (_, i) => read(bytes, header.dataOffset + i * header.itemSize)),
  };
}
