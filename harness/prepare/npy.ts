/**
 * A minimal reader of NumPy's `.npy` format (version 1-3): the header (dtype, memory order, shape)
 * and, for the few dtypes a mask is stored in, the values. Enough for preparations that need an
 * array's shape or a label mask, without Python.
 * Format: `\x93NUMPY`, major, minor, header length (uint16 LE in v1, uint32 LE in v2/v3), then a
 * Python dict literal `{'descr': '<i4', 'fortran_order': False, 'shape': (256, 256, 1), }`.
 */
import { open, readFile } from 'node:fs/promises';
import { PrepareError } from './prepare-error.js';

export class NpyFormatError extends PrepareError {
  override name = 'NpyFormatError';
}

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Where the data starts. */
  dataOffset: number;
}

const MAGIC = Buffer.from('\x93NUMPY', 'latin1');

export function parseNpyHeader(head: Buffer, source: string): NpyHeader {
  if (head.length < 10 || !head.subarray(0, 6).equals(MAGIC)) throw new NpyFormatError(`${source} is not a .npy file`);
  const major = head[6] ?? 0;
  const [lengthSize, length] =
    major === 1 ? [2, head.readUInt16LE(8)] : [4, head.length >= 12 ? head.readUInt32LE(8) : 0];
  const dataOffset = 8 + lengthSize + length;
  if (major < 1 || major > 3 || head.length < dataOffset) throw new NpyFormatError(`${source}: unreadable .npy header`);
  const dict = head.toString(major === 3 ? 'utf8' : 'latin1', 8 + lengthSize, dataOffset);
  const descr = /'descr':\s*'([^']+)'/.exec(dict)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(dict)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw new NpyFormatError(`${source}: the .npy header lacks descr, fortran_order or shape: ${dict.trim()}`);
  }
  return {
    descr,
    fortranOrder: fortran === 'True',
    shape: shape
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d !== '')
      .map(Number),
    dataOffset,
  };
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

const READERS: Record<string, [number, (b: Buffer, at: number) => number]> = {
  '|b1': [1, (b, at) => b.readUInt8(at)],
  '|u1': [1, (b, at) => b.readUInt8(at)],
  '|i1': [1, (b, at) => b.readInt8(at)],
  '<u2': [2, (b, at) => b.readUInt16LE(at)],
  '<i2': [2, (b, at) => b.readInt16LE(at)],
  '<u4': [4, (b, at) => b.readUInt32LE(at)],
  '<i4': [4, (b, at) => b.readInt32LE(at)],
  '<i8': [8, (b, at) => Number(b.readBigInt64LE(at))],
  '<f4': [4, (b, at) => b.readFloatLE(at)],
  '<f8': [8, (b, at) => b.readDoubleLE(at)],
};

/** The header and the values in storage order (C or Fortran, as the header says). */
export async function readNpy(file: string): Promise<{ header: NpyHeader; values: number[] }> {
  const bytes = await readFile(file);
  const header = parseNpyHeader(bytes, file);
  const reader = READERS[header.descr];
  if (reader === undefined) throw new NpyFormatError(`${file}: dtype ${header.descr} is not supported`);
  const [size, read] = reader;
  const count = header.shape.reduce((n, d) => n * d, 1);
  if (bytes.length < header.dataOffset + count * size) throw new NpyFormatError(`${file}: fewer values than its shape`);
  return { header, values: Array.from({ length: count }, (_, i) => read(bytes, header.dataOffset + i * size)) };
}
