import { crc32, deflateRawSync } from 'node:zlib';
import yazl from 'yazl';

export interface ZipItem {
  name: string;
  /** Omitted: a directory entry. */
  content?: string | Buffer;
  mode?: number;
  /** Stored as `name` (which yazl accepts), then renamed in the bytes to this same-length name. */
  rawName?: string;
}

/** Builds a zip in memory with yazl; `rawName` sneaks in names yazl refuses to write (`../x`, `/x`). */
export async function buildZip(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    if (item.content === undefined) zip.addEmptyDirectory(item.name);
    else
      zip.addBuffer(
        Buffer.isBuffer(item.content) ? item.content : Buffer.from(item.content),
        item.name,
        item.mode === undefined ? {} : { mode: item.mode },
      );
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes: Buffer = Buffer.concat(chunks);
  for (const item of items) {
    if (item.rawName === undefined) continue;
    if (item.rawName.length !== item.name.length) throw new Error('rawName must have the same length as name');
    bytes = replaceAll(bytes, Buffer.from(item.name), Buffer.from(item.rawName));
  }
  return bytes;
}

function replaceAll(haystack: Buffer, from: Buffer, to: Buffer): Buffer {
  const out = Buffer.from(haystack);
  for (let at = out.indexOf(from); at !== -1; at = out.indexOf(from, at + from.length)) to.copy(out, at);
  return out;
}

/**
 * A zip built synchronously (fixture `write` functions are synchronous; yazl is not): each member stored
 * (method 0) or deflated (method 8), with a Unix mode, readable by yauzl and unzip.
 */
export function zipSync(members: readonly { name: string; content: string | Buffer; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, content, deflate } of members) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const body = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0, at + 2); // flags
      header.writeUInt16LE(deflate ? 8 : 0, at + 4);
      header.writeUInt16LE(0, at + 6); // 00:00:00
      header.writeUInt16LE(((2013 - 1980) << 9) | (4 << 5) | 1, at + 8); // 2013-04-01
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(body.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, so the external attributes hold a mode
    fields(central, 6);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
