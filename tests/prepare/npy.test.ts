/**
 * The .npy header reader and writer: headers written as NumPy 2.4's np.save writes them (bytes taken
 * from `np.save` on the authoring machine), and clear errors for what the reader does not handle.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NpyFormatError, npyHeader, NpyReader, parseNpyHeader } from '../../harness/prepare/npy.js';
import { useTempDir } from '../support/temp-dir.js';

const npy = (dict: string, version = 1) => {
  const length = Buffer.alloc(2);
  length.writeUInt16LE(dict.length);
  return Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]), length, Buffer.from(dict)]);
};

describe('npyHeader', () => {
  it.each([
    ['<f4', [3, 429], "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 429), }"],
    ['<U2', [3], "{'descr': '<U2', 'fortran_order': False, 'shape': (3,), }"],
    ['<i8', [1000000], "{'descr': '<i8', 'fortran_order': False, 'shape': (1000000,), }"],
  ])('writes %s %j as np.save does (128 bytes, growth room for the first axis)', (descr, shape, dict) => {
    const header = npyHeader(descr, shape);
    expect(header).toHaveLength(128);
    expect(header.subarray(0, 10)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0x76, 0]));
    expect(header.subarray(10).toString('latin1')).toBe(`${dict.padEnd(117)}\n`);
  });

  it('reads back what it writes', () => {
    const parsed = parseNpyHeader(npyHeader('<f4', [7, 3, 2]), 'x.npy');
    expect(parsed).toEqual({
      descr: '<f4',
      fortranOrder: false,
      shape: [7, 3, 2],
      dataOffset: 128,
      itemSize: 4,
      rowBytes: 24,
    });
  });
});

describe('parseNpyHeader', () => {
  it.each([
    [Buffer.from('PK\x03\x04 a zip file'), /is not a \.npy file/],
    [npy("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"), /unsupported \.npy dtype '\|O'/],
    [npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }"), /at least one axis/],
    [npy("{'descr': '<f4', 'shape': (3,), }"), /unreadable \.npy header/],
  ])('rejects a bad header with a clear error (%#)', (bytes, message) => {
    expect(() => parseNpyHeader(bytes, 'bad.npy')).toThrow(NpyFormatError);
    expect(() => parseNpyHeader(bytes, 'bad.npy')).toThrow(message);
  });
});

describe('NpyReader', () => {
  const dir = useTempDir();

  it('refuses to read rows of a Fortran-ordered array (its rows are not contiguous)', async () => {
    const file = join(dir, 'fortran.npy');
    writeFileSync(
      file,
      Buffer.concat([npy("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 2), }"), Buffer.alloc(24)]),
    );
    expect(parseNpyHeader(readFileSync(file), file).fortranOrder).toBe(true);
    await expect(NpyReader.open(file)).rejects.toThrow(/Fortran-ordered array cannot be read/);
  });
});
