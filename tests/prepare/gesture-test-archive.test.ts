import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import {
  LabelRemovalError,
  stripLabelsFromSampleZip,
  writeTestArchiveWithoutLabels,
} from '../../harness/prepare/custom/gesture-test-archive.js';
import { readMatStruct } from '../../harness/prepare/mat-v5.js';
import { useTempDir } from '../support/temp-dir.js';
import { readTarGz, readZip } from './archive-reader.js';
import { zipSync } from './zip-fixture.js';

const MAT = readFileSync(join(import.meta.dirname, 'fixtures', 'gesture-mat', 'video-compressed.mat'));

async function tarGzFile(file: string, members: { name: string; data?: Buffer; type?: 'directory' }[]) {
  const pack = tar.pack();
  for (const { name, data, type } of members) {
    if (data === undefined) pack.entry({ name, type: type ?? 'file', mtime: new Date(0) });
    else pack.entry({ name, type: type ?? 'file', mtime: new Date(0) }, data);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  writeFileSync(file, gzipSync(Buffer.concat(chunks)));
}

describe('the gesture test archive without labels', () => {
  const root = useTempDir();
  const fresh = () => mkdtempSync(join(root, 'case-'));

  it('copies folders and files that are not zips as they are, and rewrites every zip', async () => {
    const dir = fresh();
    const source = join(dir, 'training4.tar.gz');
    const sample = zipSync([
      { name: 'Sample00400_color.mp4', content: 'video' },
      { name: 'Sample00400_data.mat', content: MAT, deflate: true },
    ]);
    const notes = Buffer.alloc(70_000, 'n'); // larger than one stream chunk
    await tarGzFile(source, [
      { name: './', type: 'directory' },
      { name: './README.txt', data: notes },
      { name: './Sample00400.zip', data: sample },
    ]);
    const target = join(dir, 'test.tar.gz');
    await writeTestArchiveWithoutLabels(source, target);
    const [readme, zip] = (await readTarGz(target)).slice(1);
    expect(readme!.data).toEqual(notes);
    const members = await readZip(zip!.data);
    expect(members.map((m) => [m.name, m.method])).toEqual([
      ['Sample00400_color.mp4', 0],
      ['Sample00400_data.mat', 8],
    ]);
    expect(readMatStruct(members[1]!.data, 'Video').fieldNames).toEqual([
      'NumFrames',
      'FrameRate',
      'Frames',
      'MaxDepth',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['test.tar.gz', 'training4.tar.gz']);
  });

  const broken = (mat: Buffer) => zipSync([{ name: 'Sample00401_data.mat', content: mat }]);
  it.each([
    [
      'a .mat that is not MAT v5',
      broken(Buffer.from('MATLAB 7.3 is HDF5')),
      'cannot remove the gesture labels from training4.tar.gz › ./Sample00401.zip › Sample00401_data.mat: shorter than the 128-byte MAT v5 header',
    ],
    [
      'a .mat without Video',
      broken(Buffer.concat([MAT.subarray(0, 128)])),
      "cannot remove the gesture labels from training4.tar.gz › ./Sample00401.zip › Sample00401_data.mat: no variable 'Video'",
    ],
    [
      'a sample that is not a zip',
      Buffer.from('not a zip'),
      'training4.tar.gz › ./Sample00401.zip is not a readable zip archive:',
    ],
  ])('refuses %s, naming the archive and the member, and leaves no file behind', async (_, zip, message) => {
    const dir = fresh();
    const source = join(dir, 'training4.tar.gz');
    await tarGzFile(source, [{ name: './Sample00401.zip', data: zip }]);
    const target = join(dir, 'test.tar.gz');
    const written = writeTestArchiveWithoutLabels(source, target);
    await expect(written).rejects.toThrow(LabelRemovalError);
    await expect(written).rejects.toThrow(message);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual(['training4.tar.gz']);
  });

  it('names a source that is not a gzipped tar', async () => {
    const dir = fresh();
    const source = join(dir, 'training4.tar.gz');
    writeFileSync(source, 'plain text');
    await expect(writeTestArchiveWithoutLabels(source, join(dir, 'test.tar.gz'))).rejects.toThrow(
      `${source} is not a readable .tar.gz archive:`,
    );
    expect(readdirSync(dir)).toEqual(['training4.tar.gz']);
  });

  it('keeps a zip without .mat members as it was, member for member', async () => {
    const zip = zipSync([{ name: 'notes.txt', content: 'no labels here', deflate: true }]);
    const members = await readZip(await stripLabelsFromSampleZip(zip, 'x.zip'));
    expect(members).toEqual([{ name: 'notes.txt', method: 8, data: Buffer.from('no labels here') }]);
  });
});
