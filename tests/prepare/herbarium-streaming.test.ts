/**
 * The herbarium metadata never becomes one text: with tiny chunk sizes the raw metadata.json reaches the
 * parser in many reads of at most `readChunkBytes` and the new metadata leaves in many writes of about
 * `writeChunkChars`, and the prepared files are the same bytes as with the default sizes (md5 of the
 * outputs before streaming, which CPython's json.dumps(json.loads(...), indent=4, sort_keys=True)
 * reproduced byte for byte). node:fs is the real one; its two stream factories are only watched.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import { HERBARIUM, prepareHerbarium, readHerbariumMetadata } from '../../harness/prepare/custom/herbarium.js';
import type { Registry } from '../../harness/registry/load-registry.js';
import { useTempDir } from '../support/temp-dir.js';
import { RAW_FIXTURES } from './raw-fixtures.js';

/** The size of every chunk each watched file was read or written in, by path. */
const seen = vi.hoisted(() => ({ reads: new Map<string, number[]>(), writes: new Map<string, number[]>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const record = (map: Map<string, number[]>, path: unknown, size: number) => {
    const sizes = map.get(String(path)) ?? [];
    sizes.push(size);
    map.set(String(path), sizes);
  };
  const createReadStream = ((...args: Parameters<typeof fs.createReadStream>) => {
    const stream = fs.createReadStream(...args);
    const push = stream.push.bind(stream);
    stream.push = (chunk: Buffer | null, encoding?: BufferEncoding) => {
      if (chunk !== null) record(seen.reads, args[0], chunk.length);
      return push(chunk, encoding);
    };
    return stream;
  }) as typeof fs.createReadStream;
  const createWriteStream = ((...args: Parameters<typeof fs.createWriteStream>) => {
    const stream = fs.createWriteStream(...args);
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
      record(seen.writes, args[0], chunk.length);
      return write(chunk, ...rest);
    }) as typeof stream.write;
    return stream;
  }) as typeof fs.createWriteStream;
  return { ...fs, default: { ...fs, createReadStream, createWriteStream }, createReadStream, createWriteStream };
});

const md5 = (file: string) => createHash('md5').update(readFileSync(file)).digest('hex');

const cases = [
  {
    id: 'herbarium-2020-fgvc7',
    year: '2020',
    metadata: 'nybg2020/train/metadata.json',
    written: {
      'nybg2020/train/metadata.json': 'fbc5c378e166755d7cf93388aa11b3a9',
      'nybg2020/test/metadata.json': '57566bd125a100abdc2351f7462e7591',
    },
  },
  {
    id: 'herbarium-2021-fgvc8',
    year: '2021',
    metadata: 'train/metadata.json',
    written: {
      'train/metadata.json': '36711d0bcddaf5d9b148ce099c2869ca',
      'test/metadata.json': 'f10adb2eb4610fe1b54680a398fcbe76',
    },
  },
  {
    id: 'herbarium-2022-fgvc9',
    year: '2022',
    metadata: 'train_metadata.json',
    written: {
      'train_metadata.json': '840a625deb3bc37582a4281c66bee252',
      'test_metadata.json': '7c11238a011e509f2bf609626b5fe824',
    },
  },
] as const;

describe('herbarium metadata streaming', () => {
  const dir = useTempDir();
  let registry: Registry;
  beforeAll(async () => {
    registry = (await buildGradingContext({ dataDir: dir })).registry;
  });

  it.each(cases)(
    '$id: reads and writes the metadata in small chunks, same bytes',
    async ({ id, year, metadata, written }) => {
      const root = join(dir, id);
      const ctx = {
        raw: join(root, 'raw'),
        public: join(root, 'public'),
        private: join(root, 'private'),
        competition: registry.get(id),
      };
      for (const folder of [ctx.raw, ctx.public, ctx.private]) mkdirSync(folder, { recursive: true });
      RAW_FIXTURES.find((f) => f.id === id)!.write(ctx.raw, []);

      await prepareHerbarium(ctx, HERBARIUM[year], { readChunkBytes: 64, writeChunkChars: 64 });

      const rawFile = join(ctx.raw, metadata);
      const reads = seen.reads.get(rawFile)!;
      expect(reads.reduce((a, b) => a + b, 0)).toBe(statSync(rawFile).size);
      expect(reads.length).toBeGreaterThan(statSync(rawFile).size / 64 - 1);
      expect(Math.max(...reads)).toBeLessThanOrEqual(64);
      for (const [name, hash] of Object.entries(written)) {
        const file = join(ctx.public, name);
        expect(md5(file)).toBe(hash);
        const writes = seen.writes.get(file)!;
        expect(writes.reduce((a, b) => a + b, 0)).toBe(readFileSync(file, 'utf8').length);
        // a chunk is 64 characters and at most one piece (an image entry, ~250 characters) more
        expect(Math.max(...writes)).toBeLessThan(64 + 300);
        expect(writes.length).toBeGreaterThan(readFileSync(file, 'utf8').length / 400);
      }
    },
  );

  it.each([
    ['a truncated file', '{"annotations": [{"id": 1}', /cannot be read as JSON/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), /cannot be read as JSON/],
    ['null', 'null', /expected an object with 'annotations' and 'images' lists/],
    ['a list', '[]', /expected an object with 'annotations' and 'images' lists/],
    ['lists of different lengths', '{"annotations": [{}], "images": []}', /1 annotations but 0 images/],
  ])('names the file when the metadata is %s', async (_name, content, message) => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, content);
    const read = readHerbariumMetadata(file, 'utf8', { readChunkBytes: 4 });
    await expect(read).rejects.toThrow(message);
    await expect(read).rejects.toThrow(file);
  });
});
