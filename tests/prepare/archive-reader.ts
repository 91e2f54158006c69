import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import yauzl from 'yauzl';

export interface TarMember {
  name: string;
  type: string;
  data: Buffer;
}

/** Every entry of a (small) .tar.gz, in archive order, read whole: for tests only. */
export async function readTarGz(file: string): Promise<TarMember[]> {
  const extract = tar.extract();
  extract.end(gunzipSync(readFileSync(file)));
  const out: TarMember[] = [];
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    out.push({ name: entry.header.name, type: entry.header.type ?? 'file', data: Buffer.concat(chunks) });
  }
  return out;
}

/** A zip's members (name → bytes) and their compression methods, in zip order. */
export async function readZip(zip: Buffer): Promise<{ name: string; method: number; data: Buffer }[]> {
  const reader = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((done, fail) => {
    reader.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      reader.readEntry();
    });
    reader.on('end', () => done());
    reader.on('error', fail);
    reader.readEntry();
  });
  const out: { name: string; method: number; data: Buffer }[] = [];
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of await reader.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.push({ name: entry.fileName, method: entry.compressionMethod, data: Buffer.concat(chunks) });
  }
  reader.close();
  return out;
}
