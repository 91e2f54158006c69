/**
 * Reading and writing files of concatenated BSON documents (MongoDB dumps such as cdiscount's 58 GB
 * `train.bson`) as far as preparation needs, without a bson package: documents are streamed one at a
 * time (boundaries from each document's int32 length prefix), their top-level elements are walked to
 * find integer fields, and documents are written back as their raw bytes — with one element cut out
 * where a label must not reach the public copy.
 *
 * A document is: int32 LE total length (prefix and trailing 0x00 included), elements, 0x00. An element
 * is: a type byte, a NUL-terminated name, and a value whose size follows from its type (fixed, int32
 * length-prefixed, or a nested document's own length). Nested documents and arrays are skipped by
 * their length, never decoded. A truncated or malformed document is a BsonFormatError naming the file,
 * the document's index and its byte offset, so a broken download is reported instead of yielding
 * wrong rows.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { PrepareError } from './prepare-error.js';

export class BsonFormatError extends PrepareError {
  override name = 'BsonFormatError';
}

/** One top-level element: its type byte, name, and where it lies in the document (start = type byte). */
export interface BsonElement {
  type: number;
  name: string;
  start: number;
  valueStart: number;
  end: number;
}

/** Value sizes of the fixed-size types (BSON spec 1.1): double, undefined, ObjectId, bool, datetime, … */
const FIXED_SIZE: Readonly<Record<number, number>> = {
  0x01: 8, // double
  0x06: 0, // undefined
  0x07: 12, // ObjectId
  0x08: 1, // bool
  0x09: 8, // UTC datetime
  0x0a: 0, // null
  0x10: 4, // int32
  0x11: 8, // timestamp
  0x12: 8, // int64
  0x13: 16, // decimal128
  0x7f: 0, // max key
  0xff: 0, // min key
};

/** Types whose value is int32 length + that many bytes (+1 for binary's subtype byte). */
const LENGTH_PREFIXED: Readonly<Record<number, number>> = {
  0x02: 4, // string: int32 length (trailing NUL included), bytes
  0x05: 5, // binary: int32 length, subtype byte, bytes
  0x0d: 4, // JavaScript code
  0x0e: 4, // symbol
};

/** Types whose int32 length counts itself: embedded document, array, code with scope. */
const SELF_LENGTH = new Set([0x03, 0x04, 0x0f]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The end (exclusive) of the NUL-terminated string starting at `at`, past its NUL. */
function cstringEnd(doc: Uint8Array, at: number, limit: number): number {
  const nul = doc.indexOf(0, at);
  if (nul < 0 || nul >= limit) throw new BsonFormatError(`a name or regex at byte ${at} has no terminating NUL`);
  return nul + 1;
}

function int32At(doc: Uint8Array, at: number): number {
  return doc[at]! | (doc[at + 1]! << 8) | (doc[at + 2]! << 16) | (doc[at + 3]! << 24);
}

/** The size of the value of `type` starting at `at` (the document's elements end at `limit`); the element starts at `elementStart`. */
function valueSize(doc: Uint8Array, type: number, at: number, limit: number, elementStart: number): number {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined) return fixed;
  const needLength = () => {
    if (at + 4 > limit) throw new BsonFormatError(`a length at byte ${at} runs past the document`);
    const length = int32At(doc, at);
    if (length < 0) throw new BsonFormatError(`negative length ${length} at byte ${at}`);
    return length;
  };
  const prefix = LENGTH_PREFIXED[type];
  if (prefix !== undefined) return prefix + needLength();
  if (SELF_LENGTH.has(type)) return needLength();
  if (type === 0x0b) return cstringEnd(doc, cstringEnd(doc, at, limit), limit) - at; // regex: pattern, options
  if (type === 0x0c) return 4 + needLength() + 12; // DBPointer: string, ObjectId
  throw new BsonFormatError(`unknown element type 0x${type.toString(16).padStart(2, '0')} at byte ${elementStart}`);
}

/** The top-level elements of one whole document (prefix included), in order. */
export function topLevelElements(doc: Uint8Array): BsonElement[] {
  if (doc.length < 5 || int32At(doc, 0) !== doc.length)
    throw new BsonFormatError(`the length prefix does not match the document's ${doc.length} bytes`);
  const limit = doc.length - 1;
  if (doc[limit] !== 0) throw new BsonFormatError('the document does not end with 0x00');
  const elements: BsonElement[] = [];
  for (let at = 4; at < limit;) {
    const type = doc[at]!;
    const nameEnd = cstringEnd(doc, at + 1, limit);
    const end = nameEnd + valueSize(doc, type, nameEnd, limit, at);
    if (end > limit) throw new BsonFormatError(`element at byte ${at} runs past the document's end`);
    elements.push({ type, name: utf8.decode(doc.subarray(at + 1, nameEnd - 1)), start: at, valueStart: nameEnd, end });
    at = end;
  }
  return elements;
}

/** The value of an int32 or int64 element as a number; an int64 beyond 2^53 is refused (it would round). */
export function integerValue(doc: Uint8Array, element: BsonElement): number {
  if (element.type === 0x10) return int32At(doc, element.valueStart);
  if (element.type === 0x12) {
    const view = new DataView(doc.buffer, doc.byteOffset + element.valueStart, 8);
    const value = view.getBigInt64(0, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new BsonFormatError(`'${element.name}' = ${value} is too large to handle exactly`);
    return Number(value);
  }
  throw new BsonFormatError(
    `'${element.name}' is of BSON type 0x${element.type.toString(16).padStart(2, '0')}, not an int32 or int64`,
  );
}

/** The integer field `name` of a document; a missing or non-integer one is a BsonFormatError. */
export function integerField(doc: Uint8Array, elements: readonly BsonElement[], name: string): number {
  const element = elements.find((e) => e.name === name);
  if (element === undefined) throw new BsonFormatError(`the document has no '${name}'`);
  return integerValue(doc, element);
}

/** A copy of the document without `element`, its length prefix recomputed; every other byte unchanged. */
export function withoutElement(doc: Uint8Array, element: BsonElement): Buffer {
  const cut = element.end - element.start;
  const out = Buffer.allocUnsafe(doc.length - cut);
  out.set(doc.subarray(0, element.start), 0);
  out.set(doc.subarray(element.end), element.start);
  out.writeInt32LE(out.length, 0);
  return out;
}

export interface BsonDocument {
  /** The whole document, prefix included. Valid only until the next document is read: copy to keep. */
  bytes: Buffer;
  elements: BsonElement[];
  index: number;
  offset: number;
}

const CHUNK = 8 << 20;

/** Every document of a BSON file in file order, each parsed to its top-level elements; bounded memory. */
export async function* readBsonDocuments(file: string): AsyncGenerator<BsonDocument> {
  const handle = await open(file, 'r');
  try {
    let buffer = Buffer.alloc(CHUNK);
    let start = 0; // first unread byte of `buffer`
    let filled = 0; // bytes of `buffer` holding file data
    let fileOffset = 0; // file offset of buffer[0]
    let eof = false;
    // makes at least `need` bytes available from `start`, or as many as the file still has
    const ensure = async (need: number): Promise<number> => {
      if (filled - start >= need || eof) return filled - start;
      if (start > 0) {
        buffer.copy(buffer, 0, start, filled);
        fileOffset += start;
        filled -= start;
        start = 0;
      }
      if (need > buffer.length) buffer = Buffer.concat([buffer.subarray(0, filled), Buffer.alloc(need)]);
      while (filled < need && !eof) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, fileOffset + filled);
        if (bytesRead === 0) eof = true;
        filled += bytesRead;
      }
      return filled - start;
    };
    for (let index = 0; ; index++) {
      const offset = fileOffset + start;
      const where = `${file}: document ${index} at byte ${offset}`;
      const head = await ensure(4);
      if (head === 0) return;
      if (head < 4) throw new BsonFormatError(`${where}: truncated (${head} bytes left, a length needs 4)`);
      const length = buffer.readInt32LE(start);
      if (length < 5) throw new BsonFormatError(`${where}: invalid length ${length} (not a BSON file, or corrupt)`);
      const got = await ensure(length);
      if (got < length) throw new BsonFormatError(`${where}: truncated (${length} bytes expected, ${got} left)`);
      const bytes = buffer.subarray(start, start + length);
      let elements: BsonElement[];
      try {
        elements = topLevelElements(bytes);
      } catch (error) {
        if (error instanceof BsonFormatError) throw new BsonFormatError(`${where}: ${error.message}`);
        throw error;
      }
      yield { bytes, elements, index, offset };
      start += length;
    }
  } finally {
    await handle.close();
  }
}

/** Writes byte strings to a file through a fixed buffer (millions of small documents, few syscalls). */
export class BufferedFileWriter {
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string): Promise<BufferedFileWriter> {
    return new BufferedFileWriter(await open(file, 'w'));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.used + bytes.length > this.buffer.length) await this.flush();
    if (bytes.length > this.buffer.length) {
      await this.writeAll(bytes);
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  private async flush(): Promise<void> {
    if (this.used > 0) await this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** fs may write fewer bytes than asked (a full disk, a signal): go on until all are written. */
  private async writeAll(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length;) at += (await this.handle.write(bytes, at)).bytesWritten;
  }

  /** Flushes and closes; the file is closed even when the flush fails. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}
