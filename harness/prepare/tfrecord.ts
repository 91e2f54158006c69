/**
 * Reading TFRecord files of `tf.train.Example`s, as far as preparation needs: one string feature of
 * every record (siim-isic-melanoma-classification's test set is the images of two TFRecord files, named
 * by their `image_name` feature), without TensorFlow.
 *
 * A TFRecord file is records of: u64 length (little-endian), u32 masked CRC-32C of those 8 bytes, the
 * data, u32 masked CRC-32C of the data. Both CRCs are checked, so a truncated or corrupt download is
 * reported instead of yielding wrong ids. The data is a protobuf `Example { Features features = 1; }`,
 * `Features { map<string, Feature> feature = 1; }`, `Feature { oneof { BytesList bytes_list = 1;
 * FloatList float_list = 2; Int64List int64_list = 3; } }`, `BytesList { repeated bytes value = 1; }`.
 */
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PrepareError } from './prepare-error.js';

export class TfRecordFormatError extends PrepareError {
  override name = 'TfRecordFormatError';
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), the checksum TFRecord uses. */
export function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TFRecord's masking: rotate right by 15 bits and add a constant. */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data);
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** The data of every record of a TFRecord file, in file order, read one record at a time. */
export async function* readTfRecords(file: string): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(12);
    const tail = Buffer.alloc(4);
    for (let offset = 0, index = 0; ; index++) {
      const got = (await handle.read(head, 0, 12, offset)).bytesRead;
      if (got === 0) return;
      const where = `${file}: record ${index} at byte ${offset}`;
      if (got < 12) throw new TfRecordFormatError(`${where}: truncated header (${got} of 12 bytes)`);
      if (head.readUInt32LE(8) !== maskedCrc32c(head.subarray(0, 8))) {
        throw new TfRecordFormatError(`${where}: the length's CRC does not match (not a TFRecord file, or corrupt)`);
      }
      const length = Number(head.readBigUInt64LE(0));
      const data = Buffer.alloc(length);
      const read = (await handle.read(data, 0, length, offset + 12)).bytesRead;
      const crcRead = (await handle.read(tail, 0, 4, offset + 12 + length)).bytesRead;
      if (read < length || crcRead < 4)
        throw new TfRecordFormatError(`${where}: truncated (${length} data bytes expected)`);
      if (tail.readUInt32LE(0) !== maskedCrc32c(data))
        throw new TfRecordFormatError(`${where}: the data's CRC does not match`);
      yield data;
      offset += 12 + length + 4;
    }
  } finally {
    await handle.close();
  }
}

/** A protobuf message's fields in order: each field's number, and its bytes for a length-delimited one. */
function* protobufFields(message: Uint8Array): Generator<{ field: number; bytes?: Uint8Array }> {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = message[at++];
      if (byte === undefined || shift > 63)
        throw new TfRecordFormatError('malformed protobuf: a varint runs past the end');
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (at < message.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        varint();
        yield { field };
        break;
      case 1:
        at += 8;
        yield { field };
        break;
      case 2: {
        const length = varint();
        if (at + length > message.length)
          throw new TfRecordFormatError('malformed protobuf: a field runs past the end');
        yield { field, bytes: message.subarray(at, at + length) };
        at += length;
        break;
      }
      case 5:
        at += 4;
        yield { field };
        break;
      default:
        throw new TfRecordFormatError(`malformed protobuf: wire type ${key & 7} of field ${field}`);
    }
  }
  if (at !== message.length) throw new TfRecordFormatError('malformed protobuf: the last field runs past the end');
}

function lenField(message: Uint8Array, number: number): Uint8Array[] {
  const found: Uint8Array[] = [];
  for (const { field, bytes } of protobufFields(message))
    if (field === number && bytes !== undefined) found.push(bytes);
  return found;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The first value of the bytes feature `name` of a serialized tf.train.Example, as UTF-8 text. */
export function exampleBytesFeature(example: Uint8Array, name: string): string {
  for (const features of lenField(example, 1)) {
    for (const entry of lenField(features, 1)) {
      if (lenField(entry, 1).map((k) => utf8.decode(k))[0] !== name) continue;
      const value = lenField(entry, 2)[0];
      const first = value === undefined ? undefined : lenField(lenField(value, 1)[0] ?? new Uint8Array(), 1)[0];
      if (first === undefined) throw new TfRecordFormatError(`feature '${name}' is not a non-empty bytes_list`);
      return utf8.decode(first);
    }
  }
  throw new TfRecordFormatError(`the example has no feature '${name}'`);
}

/** The `name` feature of every record of a TFRecord file (MLE-bench's get_ids_from_tf_records). */
export async function tfRecordIds(file: string, name: string): Promise<string[]> {
  const ids: string[] = [];
  let index = 0;
  for await (const record of readTfRecords(file)) {
    try {
      ids.push(exampleBytesFeature(record, name));
    } catch (error) {
      if (error instanceof TfRecordFormatError)
        throw new TfRecordFormatError(`${file}: record ${index}: ${error.message}`);
      throw error;
    }
    index++;
  }
  return ids;
}

function varintBytes(value: number): number[] {
  const bytes: number[] = [];
  for (; value >= 0x80; value = Math.floor(value / 0x80)) bytes.push((value % 0x80) | 0x80);
  bytes.push(value);
  return bytes;
}

function lengthDelimited(field: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([...varintBytes(field * 8 + 2), ...varintBytes(payload.length)]), payload]);
}

/**
 * The serialized tf.train.Example without its features `names` (the other entries' bytes unchanged),
 * so a public copy of a test record cannot carry its label.
 */
export function exampleWithoutFeatures(example: Uint8Array, names: readonly string[]): Buffer {
  const kept: Buffer[] = [];
  for (const features of lenField(example, 1)) {
    for (const entry of lenField(features, 1)) {
      const key = lenField(entry, 1).map((k) => utf8.decode(k))[0] ?? '';
      if (!names.includes(key)) kept.push(lengthDelimited(1, entry));
    }
  }
  return lengthDelimited(1, Buffer.concat(kept));
}

/** One record's TFRecord framing: length, its masked CRC-32C, the data, the data's masked CRC-32C. */
export function frameTfRecord(data: Uint8Array): Buffer {
  const head = Buffer.alloc(12);
  head.writeBigUInt64LE(BigInt(data.length), 0);
  head.writeUInt32LE(maskedCrc32c(head.subarray(0, 8)), 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(maskedCrc32c(data), 0);
  return Buffer.concat([head, data, tail]);
}

/** Copies a TFRecord file record by record, dropping the features `names` from every example. */
export async function copyTfRecordsWithoutFeatures(
  source: string,
  target: string,
  names: readonly string[],
): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const out = await open(target, 'w');
  try {
    for await (const record of readTfRecords(source))
      await out.write(frameTfRecord(exampleWithoutFeatures(record, names)));
  } finally {
    await out.close();
  }
}
