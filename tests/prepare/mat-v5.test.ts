import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MatFormatError, readMatStruct, readMatVariables, removeStructField } from '../../harness/prepare/mat-v5.js';

// Written by scipy.io.savemat (fixtures/gesture-mat/make_fixtures.py); expected.json is what scipy.io.loadmat read back.
const DIR = join(import.meta.dirname, 'fixtures', 'gesture-mat');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { variables: string[]; videoFields: string[]; videoShape: number[]; compressed: boolean }
>;
const CASES = Object.entries(EXPECTED);
const fixture = (name: string) => readFileSync(join(DIR, `${name}.mat`));

describe('MAT v5 reading', () => {
  it.each(CASES)('%s: reads the variables and the field names scipy reads', (name, expected) => {
    const bytes = fixture(name);
    const variables = readMatVariables(bytes);
    expect(variables.map((v) => v.name).sort()).toEqual(expected.variables);
    expect(variables.every((v) => v.compressed === expected.compressed)).toBe(true);
    const video = readMatStruct(bytes, 'Video');
    expect(video.fieldNames).toEqual(expected.videoFields);
    expect(video.dims).toEqual(expected.videoShape);
    expect(video.values).toHaveLength(expected.videoShape.reduce((a, b) => a * b, 1));
  });
});

describe('removing the Labels field of Video', () => {
  it.each(CASES)('%s: drops Labels and keeps every other field and variable byte for byte', (name, expected) => {
    const original = fixture(name);
    const { bytes, removed } = removeStructField(original, 'Video', 'Labels');
    expect(removed).toBe(true);
    const before = readMatStruct(original, 'Video');
    const after = readMatStruct(bytes, 'Video');
    const kept = expected.videoFields.filter((f) => f !== 'Labels');
    expect(after.fieldNames).toEqual(kept);
    expect(after.dims).toEqual(before.dims);
    for (const [e, row] of after.values.entries()) {
      expect(row.map((value) => value.toString('hex'))).toEqual(
        kept.map((f) => before.values[e]![expected.videoFields.indexOf(f)]!.toString('hex')),
      );
    }
    expect(bytes.subarray(0, 128)).toEqual(original.subarray(0, 128));
    const note = (file: Buffer) => readMatVariables(file).find((v) => v.name === 'Note')!.matrix;
    expect(note(bytes)).toEqual(note(original));
    const variables = readMatVariables(bytes);
    expect(variables.every((v) => v.compressed === expected.compressed)).toBe(true);
    // No trace of the labels (field name or gesture names) in any variable, inflated.
    for (const { matrix } of variables) {
      for (const word of ['Labels', 'vattene', 'basta']) expect(matrix.includes(word)).toBe(false);
    }
    expect(readMatVariables(original).some((v) => v.matrix.includes('vattene'))).toBe(true);
  });

  it('leaves a file without the field as it is', () => {
    const clean = removeStructField(fixture('video-plain'), 'Video', 'Labels').bytes;
    const again = removeStructField(clean, 'Video', 'Labels');
    expect(again.removed).toBe(false);
    expect(again.bytes).toBe(clean);
  });

  const plain = fixture('video-plain');
  const compressed = fixture('video-compressed');
  const corrupt = (bytes: Buffer, at: number, value: number) => {
    const copy = Buffer.from(bytes);
    copy.writeUInt32LE(value, at);
    return copy;
  };
  it.each([
    ['a text file', Buffer.from('not a mat file'), 'shorter than the 128-byte MAT v5 header'],
    ['a MAT v4 file', Buffer.alloc(200), 'no MAT v5 endian indicator'],
    ['a MAT 7.3 file', Buffer.concat([plain.subarray(0, 124), Buffer.from([0, 2, 0x49, 0x4d])]), 'MAT 7.3 (HDF5)'],
    ['a truncated file', plain.subarray(0, plain.length - 9), 'runs past the end'],
    [
      'a broken zlib stream',
      Buffer.concat([compressed.subarray(0, 140), Buffer.alloc(compressed.length - 140)]),
      'compressed element at byte 128',
    ],
    ['no Video', corrupt(plain, 128 + 8 + 16 + 16 + 8, 0x65646958), "no variable 'Video'"],
    ['Video not a struct', corrupt(plain, 128 + 16, 6), 'Video is of MATLAB class 6, not a struct'],
  ])('refuses %s with a MatFormatError', (_, bytes, message) => {
    expect(() => removeStructField(bytes, 'Video', 'Labels')).toThrow(MatFormatError);
    expect(() => removeStructField(bytes, 'Video', 'Labels')).toThrow(message);
  });

  it('keeps the compressed variable a zlib stream holding one miMATRIX', () => {
    const { bytes } = removeStructField(compressed, 'Video', 'Labels');
    expect(bytes.readUInt32LE(128)).toBe(15);
    const inflated = inflateSync(bytes.subarray(136, 136 + bytes.readUInt32LE(132)));
    expect(inflated.readUInt32LE(0)).toBe(14);
    expect(inflated.length).toBe(8 + inflated.readUInt32LE(4));
  });
});
