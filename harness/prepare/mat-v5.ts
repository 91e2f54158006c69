/**
 * Just enough of MATLAB's MAT v5 file format to remove one field of a top-level struct variable: the
 * 128-byte header, the top-level data elements (miMATRIX, or miCOMPRESSED: a zlib stream holding one
 * miMATRIX), and of a struct matrix its field-name table and its per-element field values.
 *
 * Field values are never decoded: the kept fields' miMATRIX elements are copied byte for byte, and every
 * other top-level element is copied as it was (compressed bytes included). Only the edited variable is
 * re-encoded, compressed again when it was compressed. Both byte orders are read and written back as found.
 * MAT 7.3 files (HDF5) and MAT v4 files are refused with a MatFormatError.
 */
import { deflateSync, inflateSync } from 'node:zlib';

export class MatFormatError extends Error {
  override name = 'MatFormatError';
}

const HEADER_BYTES = 128;
const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
const MX_STRUCT_CLASS = 2;
const MX_OBJECT_CLASS = 3;

/** A data element: its type and where its data lies in the buffer that holds it. */
interface Element {
  type: number;
  dataStart: number;
  dataEnd: number;
  /** Where the next element starts (after the 8-byte padding, or none for a top-level element). */
  next: number;
}

interface Codec {
  littleEndian: boolean;
  u32(buffer: Buffer, at: number): number;
  i32(buffer: Buffer, at: number): number;
  putU32(buffer: Buffer, value: number, at: number): void;
  putI32(buffer: Buffer, value: number, at: number): void;
}

const LITTLE: Codec = {
  littleEndian: true,
  u32: (b, at) => b.readUInt32LE(at),
  i32: (b, at) => b.readInt32LE(at),
  putU32: (b, v, at) => void b.writeUInt32LE(v, at),
  putI32: (b, v, at) => void b.writeInt32LE(v, at),
};
const BIG: Codec = {
  littleEndian: false,
  u32: (b, at) => b.readUInt32BE(at),
  i32: (b, at) => b.readInt32BE(at),
  putU32: (b, v, at) => void b.writeUInt32BE(v, at),
  putI32: (b, v, at) => void b.writeInt32BE(v, at),
};

const pad8 = (n: number) => (n + 7) & ~7;

/** The element at `at`, small (4 bytes of data packed into the tag) or normal. */
function readElement(buffer: Buffer, at: number, codec: Codec, padded: boolean, what: string): Element {
  if (at + 8 > buffer.length) throw new MatFormatError(`${what}: truncated data element tag at byte ${at}`);
  const first = codec.u32(buffer, at);
  if (first >>> 16 !== 0) {
    const bytes = first >>> 16;
    if (bytes > 4) throw new MatFormatError(`${what}: small data element of ${bytes} bytes at byte ${at}`);
    return { type: first & 0xffff, dataStart: at + 4, dataEnd: at + 4 + bytes, next: at + 8 };
  }
  const bytes = codec.u32(buffer, at + 4);
  const dataEnd = at + 8 + bytes;
  if (dataEnd > buffer.length) {
    throw new MatFormatError(`${what}: data element of ${bytes} bytes at byte ${at} runs past the end`);
  }
  return {
    type: first,
    dataStart: at + 8,
    dataEnd,
    next: padded ? Math.min(at + 8 + pad8(bytes), buffer.length) : dataEnd,
  };
}

function expectType(element: Element, types: readonly number[], what: string): void {
  if (!types.includes(element.type)) {
    throw new MatFormatError(`${what}: data element of type ${element.type}, expected ${types.join(' or ')}`);
  }
}

/** A top-level variable: its miMATRIX element (inflated when it was stored compressed). */
export interface MatVariable {
  name: string;
  /** mxClassID from the array flags (2 = struct, 6 = double, 4 = char, …). */
  classId: number;
  compressed: boolean;
  /** The whole miMATRIX element, tag included. */
  matrix: Buffer;
}

interface TopLevelElement {
  /** The element's bytes as they are in the file. */
  raw: Buffer;
  variable: MatVariable | null;
}

interface MatFile {
  codec: Codec;
  header: Buffer;
  elements: TopLevelElement[];
}

function readMatFile(bytes: Buffer): MatFile {
  if (bytes.length < HEADER_BYTES) throw new MatFormatError('shorter than the 128-byte MAT v5 header');
  const marker = bytes.toString('latin1', 126, 128);
  const codec = marker === 'IM' ? LITTLE : marker === 'MI' ? BIG : null;
  if (codec === null) throw new MatFormatError('no MAT v5 endian indicator at byte 126 (a MAT v4 file?)');
  const version = codec.littleEndian ? bytes.readUInt16LE(124) : bytes.readUInt16BE(124);
  if (version === 0x0200) throw new MatFormatError('a MAT 7.3 (HDF5) file, not MAT v5');
  if (version !== 0x0100) throw new MatFormatError(`unknown MAT version 0x${version.toString(16)}`);
  const elements: TopLevelElement[] = [];
  for (let at = HEADER_BYTES; at < bytes.length;) {
    const start = at;
    const element = readElement(bytes, at, codec, false, 'top level');
    const raw = bytes.subarray(at, element.next);
    at = element.next;
    if (element.type === MI_MATRIX) {
      elements.push({ raw, variable: describeMatrix(raw, codec, false) });
    } else if (element.type === MI_COMPRESSED) {
      let inflated: Buffer;
      try {
        inflated = inflateSync(bytes.subarray(element.dataStart, element.dataEnd));
      } catch (error) {
        throw new MatFormatError(`compressed element at byte ${start}: ${(error as Error).message}`);
      }
      const inner = readElement(inflated, 0, codec, false, 'compressed element');
      expectType(inner, [MI_MATRIX], 'compressed element');
      elements.push({ raw, variable: describeMatrix(inflated.subarray(0, inner.next), codec, true) });
    } else {
      elements.push({ raw, variable: null });
    }
  }
  return { codec, header: bytes.subarray(0, HEADER_BYTES), elements };
}

/** The parts of a miMATRIX element every class shares: flags, dimensions, name. */
interface MatrixHead {
  classId: number;
  dims: number[];
  name: string;
  /** Where the class-specific data starts (after the name, and an object's class name). */
  bodyStart: number;
  bodyEnd: number;
}

function readMatrixHead(matrix: Buffer, codec: Codec): MatrixHead {
  const outer = readElement(matrix, 0, codec, true, 'matrix');
  expectType(outer, [MI_MATRIX], 'matrix');
  if (outer.dataEnd === outer.dataStart) return { classId: 0, dims: [0, 0], name: '', bodyStart: 8, bodyEnd: 8 };
  const flags = readElement(matrix, outer.dataStart, codec, true, 'array flags');
  expectType(flags, [MI_UINT32], 'array flags');
  const classId = codec.u32(matrix, flags.dataStart) & 0xff;
  const dimsElement = readElement(matrix, flags.next, codec, true, 'dimensions');
  expectType(dimsElement, [MI_INT32], 'dimensions');
  const dims: number[] = [];
  for (let at = dimsElement.dataStart; at + 4 <= dimsElement.dataEnd; at += 4) dims.push(codec.i32(matrix, at));
  const nameElement = readElement(matrix, dimsElement.next, codec, true, 'array name');
  expectType(nameElement, [MI_INT8], 'array name');
  const name = matrix.toString('latin1', nameElement.dataStart, nameElement.dataEnd);
  let bodyStart = nameElement.next;
  if (classId === MX_OBJECT_CLASS) bodyStart = readElement(matrix, bodyStart, codec, true, 'class name').next;
  return { classId, dims, name, bodyStart, bodyEnd: outer.dataEnd };
}

function describeMatrix(matrix: Buffer, codec: Codec, compressed: boolean): MatVariable {
  const head = readMatrixHead(matrix, codec);
  return { name: head.name, classId: head.classId, compressed, matrix };
}

/** A struct matrix split into its parts: the kept prefix, its field names, each element's field values. */
export interface MatStruct {
  dims: number[];
  fieldNames: string[];
  /** Per struct element (column-major), per field: that value's miMATRIX element, tag included. */
  values: Buffer[][];
}

function readStruct(matrix: Buffer, codec: Codec, what: string): MatStruct & { prefix: Buffer; nameLength: number } {
  const head = readMatrixHead(matrix, codec);
  if (head.classId !== MX_STRUCT_CLASS) {
    throw new MatFormatError(`${what} is of MATLAB class ${head.classId}, not a struct (2)`);
  }
  const lengthElement = readElement(matrix, head.bodyStart, codec, true, `${what}: field name length`);
  expectType(lengthElement, [MI_INT32], `${what}: field name length`);
  const nameLength = codec.i32(matrix, lengthElement.dataStart);
  const namesElement = readElement(matrix, lengthElement.next, codec, true, `${what}: field names`);
  expectType(namesElement, [MI_INT8], `${what}: field names`);
  const tableBytes = namesElement.dataEnd - namesElement.dataStart;
  if (nameLength <= 0 || tableBytes % nameLength !== 0) {
    throw new MatFormatError(`${what}: ${tableBytes} bytes of field names are not a multiple of ${nameLength}`);
  }
  const fieldNames: string[] = [];
  for (let at = namesElement.dataStart; at < namesElement.dataEnd; at += nameLength) {
    const slot = matrix.subarray(at, at + nameLength);
    const end = slot.indexOf(0);
    fieldNames.push(slot.toString('latin1', 0, end === -1 ? nameLength : end));
  }
  const count = head.dims.reduce((product, d) => product * d, 1);
  const values: Buffer[][] = [];
  let at = namesElement.next;
  for (let e = 0; e < count; e++) {
    const row: Buffer[] = [];
    for (const field of fieldNames) {
      const value = readElement(matrix, at, codec, true, `${what}(${e + 1}).${field}`);
      expectType(value, [MI_MATRIX], `${what}(${e + 1}).${field}`);
      row.push(matrix.subarray(at, value.next));
      at = value.next;
    }
    values.push(row);
  }
  if (at !== head.bodyEnd) throw new MatFormatError(`${what}: ${head.bodyEnd - at} bytes after its last field`);
  // The prefix runs from the array flags to the array name (or class name), tag of the matrix excluded.
  return { dims: head.dims, fieldNames, values, prefix: matrix.subarray(8, head.bodyStart), nameLength };
}

function element(codec: Codec, type: number, data: Buffer): Buffer {
  const out = Buffer.alloc(8 + pad8(data.length));
  codec.putU32(out, type, 0);
  codec.putU32(out, data.length, 4);
  data.copy(out, 8);
  return out;
}

function smallInt32(codec: Codec, value: number): Buffer {
  const out = Buffer.alloc(8);
  codec.putU32(out, (4 << 16) | MI_INT32, 0);
  codec.putI32(out, value, 4);
  return out;
}

function writeStruct(codec: Codec, prefix: Buffer, nameLength: number, names: string[], values: Buffer[][]): Buffer {
  const table = Buffer.alloc(names.length * nameLength);
  names.forEach((name, k) => table.write(name, k * nameLength, 'latin1'));
  const body = Buffer.concat([prefix, smallInt32(codec, nameLength), element(codec, MI_INT8, table), ...values.flat()]);
  return element(codec, MI_MATRIX, body);
}

/** The top-level variables of a MAT v5 file, in file order. */
export function readMatVariables(bytes: Buffer): MatVariable[] {
  return readMatFile(bytes).elements.flatMap((e) => (e.variable === null ? [] : [e.variable]));
}

/** The struct held by the top-level variable `name`. */
export function readMatStruct(bytes: Buffer, name: string): MatStruct {
  const file = readMatFile(bytes);
  const variable = file.elements.find((e) => e.variable?.name === name)?.variable;
  if (variable == null) throw new MatFormatError(`no variable '${name}'`);
  const { dims, fieldNames, values } = readStruct(variable.matrix, file.codec, name);
  return { dims, fieldNames, values };
}

export interface FieldRemoval {
  bytes: Buffer;
  /** False when the struct had no such field (the bytes are then the input's). */
  removed: boolean;
}

/**
 * The file without the field `field` of the struct variable `variable` (its name in the field-name table
 * and its value in every element). A missing variable, or one that is not a struct, is a MatFormatError.
 */
export function removeStructField(bytes: Buffer, variable: string, field: string): FieldRemoval {
  const file = readMatFile(bytes);
  const target = file.elements.find((e) => e.variable?.name === variable);
  if (target?.variable == null) throw new MatFormatError(`no variable '${variable}'`);
  const struct = readStruct(target.variable.matrix, file.codec, variable);
  const index = struct.fieldNames.indexOf(field);
  if (index === -1) return { bytes, removed: false };
  const keep = (_: unknown, k: number) => k !== index;
  const matrix = writeStruct(
    file.codec,
    struct.prefix,
    struct.nameLength,
    struct.fieldNames.filter(keep),
    struct.values.map((row) => row.filter(keep)),
  );
  let rewritten = matrix;
  if (target.variable.compressed) {
    const compressed = deflateSync(matrix);
    rewritten = Buffer.alloc(8 + compressed.length);
    file.codec.putU32(rewritten, MI_COMPRESSED, 0);
    file.codec.putU32(rewritten, compressed.length, 4);
    compressed.copy(rewritten, 8);
  }
  const parts = file.elements.map((e) => (e === target ? rewritten : e.raw));
  return { bytes: Buffer.concat([file.header, ...parts]), removed: true };
}
