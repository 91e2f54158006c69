/**
 * multi-modal-gesture-recognition's public test.tar.gz: Kaggle's training4.tar.gz with the answers taken
 * out. Each `SampleNNNNN.zip` in it holds `SampleNNNNN_data.mat`, whose struct `Video` has a field
 * `Labels` (the gesture sequence, i.e. the answer: openai/mle-bench#77). That field is removed from every
 * `.mat` of every zip (harness/prepare/mat-v5.ts); the other fields, the other zip members (videos, audio)
 * and the other tar entries are kept.
 *
 * The archive is several GB: it is streamed tar entry by tar entry, and only one sample zip at a time is
 * held in memory. A `.mat` that cannot be rewritten stops the preparation (a LabelRemovalError naming the
 * archive and the member): a file that might still hold labels is never published.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { MatFormatError, removeStructField } from '../mat-v5.js';
import { PrepareError } from '../prepare-error.js';
import { ArchiveFormatError } from '../tar-listing.js';

export class LabelRemovalError extends PrepareError {
  override name = 'LabelRemovalError';
}

/** The struct variable and field that hold a sample's gesture labels. */
export const LABELS_VARIABLE = 'Video';
export const LABELS_FIELD = 'Labels';

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `zip` with `Labels` removed from every `.mat` member; `where` names the zip in errors. */
export async function stripLabelsFromSampleZip(zip: Buffer, where: string): Promise<Buffer> {
  let reader: yauzl.ZipFile;
  try {
    reader = await yauzl.fromBufferPromise(zip, { lazyEntries: true, decodeStrings: true });
  } catch (error) {
    throw new LabelRemovalError(`${where} is not a readable zip archive: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const writer = new yazl.ZipFile();
  const output = readAll(writer.outputStream);
  try {
    for await (const entry of zipEntries(reader)) {
      const options = { mtime: entry.getLastModDate(), mode: entry.externalFileAttributes >>> 16 || undefined };
      if (entry.fileName.endsWith('/')) {
        writer.addEmptyDirectory(entry.fileName, options);
        continue;
      }
      let data = await readAll(await reader.openReadStreamPromise(entry));
      if (entry.fileName.toLowerCase().endsWith('.mat')) data = stripLabels(data, `${where} › ${entry.fileName}`);
      // Members keep their compression method: stored stays stored, deflated is deflated again.
      writer.addBuffer(data, entry.fileName, { ...options, compress: entry.compressionMethod !== 0 });
    }
  } catch (error) {
    if (error instanceof PrepareError) throw error;
    throw new LabelRemovalError(`${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    reader.close();
  }
  writer.end();
  return output;
}

async function* zipEntries(reader: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  const ended = new Promise<null>((done, fail) => {
    reader.once('end', () => done(null));
    reader.once('error', fail);
  });
  ended.catch(() => undefined); // an error after the consumer stopped reading is not an unhandled rejection
  for (;;) {
    const next = new Promise<yauzl.Entry>((done) => reader.once('entry', done));
    reader.readEntry();
    const entry = await Promise.race([next, ended]);
    if (entry === null) return;
    yield entry;
  }
}

function stripLabels(mat: Buffer, where: string): Buffer {
  try {
    return removeStructField(mat, LABELS_VARIABLE, LABELS_FIELD).bytes;
  } catch (error) {
    if (!(error instanceof MatFormatError)) throw error;
    throw new LabelRemovalError(`cannot remove the gesture labels from ${where}: ${error.message}`, { cause: error });
  }
}

/** Copies `source` (a .tar.gz of sample zips) to `target` with every sample zip's labels removed. */
export async function writeTestArchiveWithoutLabels(source: string, target: string): Promise<void> {
  const temp = `${target}.partial`;
  const extract = tar.extract();
  const pack = tar.pack();
  const reading = pipeline(createReadStream(source), createGunzip(), extract).catch((error: Error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    throw new ArchiveFormatError(`${source} is not a readable .tar.gz archive: ${error.message}`, { cause: error });
  });
  const writing = pipeline(pack, createGzip(), createWriteStream(temp));
  try {
    for await (const entry of extract) {
      const { header } = entry;
      if (header.type === 'file' && header.name.toLowerCase().endsWith('.zip')) {
        const where = `${basename(source)} › ${header.name}`;
        const zip = await stripLabelsFromSampleZip(await readAll(entry), where);
        await new Promise<void>((done, fail) =>
          pack.entry({ ...header, size: zip.length }, zip, (error) => (error ? fail(error) : done())),
        );
      } else {
        await copyEntry(entry, header, pack);
      }
    }
    pack.finalize();
    await Promise.all([reading, writing]);
    await rename(temp, target);
  } catch (error) {
    pack.destroy();
    extract.destroy();
    const [read] = await Promise.allSettled([reading, writing]);
    await rm(temp, { force: true });
    // A broken source surfaces in the loop as a bare zlib/tar error: the reading side's message names the file.
    if (!(error instanceof PrepareError) && read.status === 'rejected') throw read.reason;
    throw error;
  }
}

/** Streams one tar entry's bytes into a packer's entry of the same header, minding back-pressure. */
async function copyEntry(entry: AsyncIterable<unknown>, header: tar.Header, pack: tar.Pack): Promise<void> {
  let sink: NodeJS.WritableStream | undefined;
  const packed = new Promise<void>((done, fail) => {
    sink = pack.entry({ ...header }, (error) => (error ? fail(error) : done()));
  });
  for await (const chunk of entry) {
    if (!sink!.write(chunk as Buffer)) await once(sink!, 'drain');
  }
  sink!.end();
  await packed;
}
