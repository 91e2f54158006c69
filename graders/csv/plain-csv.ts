/**
 * A fast reader for "plain" CSV files — no quote character anywhere, records ending in \n or \r\n —
 * which is what pandas and most agents write. It scans bytes in 256 KiB reads and hands each record
 * to the caller as a PlainCsvRow over the read buffer, so no string or array is built per record.
 *
 * It must read exactly what csv-parse (with read-csv-records' options) reads, or the two paths would
 * grade the same file differently; tests/graders/csv-paths.test.ts checks that on random files.
 * What that takes: a leading UTF-8 BOM is dropped, the record delimiter is the first line break of
 * the file (\r\n or \n; a file whose first break is a lone \r goes to csv-parse), any other \r or \n
 * is data, and empty records are skipped.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { KeyBytes } from '../key-bytes.js';
import type { CsvRow } from './csv-row.js';
import { MAX_EXACT, parseNumberBytes, parseNumberBytesInto, POWERS_OF_TEN } from './parse-number-bytes.js';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
// small enough that the read buffers of the answers and the submission barely show in the process's
// memory, large enough that the read calls cost nothing next to the scanning
const CHUNK = 1 << 18;
/** One-character ASCII fields ('0', '1', 'A') are common enough to hand out without allocating. */
const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

export interface CsvLayout {
  /**
   * No quote character (anywhere, or in the part inspected: see inspectCsv's `start`) and a \n or
   * \r\n record delimiter: the fast reader applies.
   */
  plain: boolean;
  /** The record delimiter is \r\n (only meaningful when plain). */
  crlf: boolean;
  /**
   * A guess of the record count (file size over the mean record length of the first read), so
   * readers can size their arrays once instead of growing them: a guess, never a limit.
   */
  estimatedRecords: number;
}

/**
 * One pass over the file (memchr speed) deciding whether the fast reader may read it. With `start`,
 * only as far as the record delimiter is known (the first read, mostly): the fast reader then checks
 * each further read for quotes itself and hands the rest to csv-parse if one turns up, which spares
 * big files a second read.
 */
export async function inspectCsv(file: string, options: { start?: boolean } = {}): Promise<CsvLayout> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, size)));
    let estimatedRecords = 0;
    // the first line break decides the delimiter; a \r at the end of a read waits for the next byte
    let delimiter: 'lf' | 'crlf' | 'cr' | undefined;
    let pendingCr = false;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (estimatedRecords === 0) estimatedRecords = estimateRecords(chunk, size);
      if (chunk.indexOf(QUOTE) !== -1) return { plain: false, crlf: false, estimatedRecords };
      if (pendingCr) {
        delimiter = chunk[0] === LF ? 'crlf' : 'cr';
        pendingCr = false;
      }
      if (delimiter === undefined) {
        const lf = chunk.indexOf(LF);
        const cr = chunk.indexOf(CR);
        if (cr !== -1 && (lf === -1 || cr < lf)) {
          if (cr + 1 < bytesRead) delimiter = chunk[cr + 1] === LF ? 'crlf' : 'cr';
          else pendingCr = true;
        } else if (lf !== -1) delimiter = 'lf';
      }
      if (options.start === true && delimiter !== undefined && !pendingCr)
        return { plain: delimiter !== 'cr', crlf: delimiter === 'crlf', estimatedRecords };
    }
    if (pendingCr) delimiter = 'cr';
    return { plain: delimiter !== 'cr', crlf: delimiter === 'crlf', estimatedRecords };
  } finally {
    await handle.close();
  }
}

function estimateRecords(first: Buffer, size: number): number {
  let lines = 0;
  for (let i = 0; i < first.length; i++) if (first[i] === LF) lines++;
  // a little slack so a file whose first rows are a bit shorter than the rest still fits
  return lines === 0 ? 0 : Math.ceil((size / first.length) * lines * 1.1);
}

/**
 * A record of a plain file: field k is buffer[starts[k], ends[k]). The scan that finds the commas
 * also reads each field as a plain decimal (`[+-]digits[.digits]`, Clinger's exact fast path as in
 * parse-number-bytes), so a numeric field's bytes are read once, not once to split and again to
 * parse; fields of any other shape are NaN in `decimals` and go to parseNumberBytes when asked for.
 */
class PlainCsvRow implements CsvRow {
  buffer: Buffer = Buffer.alloc(0);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** Field k's value when the split could read it exactly, else NaN (which no fast read yields). */
  decimals = new Float64Array(64);
  length = 0;

  /** Splits buffer[start, end) at commas into this row's fields, reading plain decimals on the way. */
  split(buffer: Buffer, start: number, end: number): void {
    this.buffer = buffer;
    let fields = 0;
    let fieldStart = start;
    let mantissa = 0;
    let digits = 0;
    let dotAt = -1; // the digit count when the dot came, or -1
    let plain = true;
    for (let i = start; ; i++) {
      if (i === end || buffer[i] === COMMA) {
        if (fields === this.starts.length) this.grow();
        this.starts[fields] = fieldStart;
        this.ends[fields] = i;
        // Clinger's fast path, as in parse-number-bytes: exact while mantissa <= 2^53 (accumulating
        // stays exact until then and only grows after, so the end result tells) and 10^fraction is
        // exact; written here rather than returned from a helper, which would box every double.
        const fraction = dotAt === -1 ? 0 : digits - dotAt;
        if (plain && digits > 0 && mantissa <= MAX_EXACT && fraction <= 22) {
          // (a division costs as much as the rest of a short field: none for integers like '0' and '1')
          const magnitude = fraction === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fraction] as number);
          this.decimals[fields] = buffer[fieldStart] === MINUS ? -magnitude : magnitude;
        } else this.decimals[fields] = Number.NaN;
        fields++;
        if (i === end) break;
        fieldStart = i + 1;
        mantissa = digits = 0;
        dotAt = -1;
        plain = true;
        continue;
      }
      const c = buffer[i] as number;
      // two comparisons, not `(c - ZERO) >>> 0 <= 9`: that uint32 overflows int32 for bytes below '0'
      // ('.', '-'), which deoptimised this loop on the first such byte
      if (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
      } else if (c === DOT && dotAt === -1) dotAt = digits;
      else if (!((c === MINUS || c === PLUS) && i === fieldStart)) plain = false;
    }
    this.length = fields;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    const decimals = new Float64Array(this.decimals.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    decimals.set(this.decimals);
    this.starts = starts;
    this.ends = ends;
    this.decimals = decimals;
  }

  text(k: number): string {
    const start = this.starts[k] as number;
    const end = this.ends[k] as number;
    const first = this.buffer[start] as number;
    if (end - start === 1 && first < 128) return ASCII[first] as string;
    return this.buffer.toString('utf8', start, end);
  }

  number(k: number): number {
    const decimal = this.decimals[k] as number;
    if (decimal === decimal) return decimal;
    return parseNumberBytes(this.buffer, this.starts[k] as number, this.ends[k] as number);
  }

  numberInto(k: number, out: Float64Array, at: number): void {
    const decimal = this.decimals[k] as number;
    if (decimal === decimal) out[at] = decimal;
    else parseNumberBytesInto(this.buffer, this.starts[k] as number, this.ends[k] as number, out, at);
  }

  appendTo(k: number, key: KeyBytes): void {
    const start = this.starts[k] as number;
    const end = this.ends[k] as number;
    // Non-ASCII goes through a decode so malformed UTF-8 becomes U+FFFD exactly as csv-parse's text would.
    if (!key.appendAscii(this.buffer, start, end)) key.appendString(this.buffer.toString('utf8', start, end));
  }
}

/** Where the fast reader stopped at a quote: the rest is csv-parse's, from this record on. */
export interface PlainStop {
  /** The byte offset of the first record not read. */
  offset: number;
  /** That record's index (the header is 0). */
  index: number;
  /** Record delimiters before it (csv-parse's line numbers of the rest start after them). */
  lines: number;
}

/**
 * Calls `onRow` for every record of a plain file (see inspectCsv), the header included (index 0).
 * Each read is checked for a quote first: at one, it stops before the record holding it and says where
 * (a PlainStop), so the caller can read on with csv-parse; otherwise it resolves with undefined.
 * `onRow` may throw StopReading-like errors; they propagate after the file is closed.
 */
export async function forEachPlainCsvRow(
  file: string,
  crlf: boolean,
  onRow: (row: CsvRow, index: number) => void,
): Promise<PlainStop | undefined> {
  const handle = await open(file, 'r');
  const row = new PlainCsvRow();
  let reads: ReadAhead;
  let buffer: Buffer;
  try {
    const size = (await handle.stat()).size;
    reads = new ReadAhead(handle, Math.max(4, Math.min(CHUNK, size + 1)));
    // room for a chunk after the part record left from the one before (grown for longer records)
    buffer = Buffer.allocUnsafe(reads.chunkSize + (1 << 16));
  } catch (error) {
    await handle.close();
    throw error;
  }
  let filled = 0;
  let index = 0;
  let atStart = true;
  /** The file offset of buffer[0], the record delimiters before buffer[pos], the bytes checked for quotes. */
  let consumed = 0;
  let lines = 0;
  let checked = 0;
  const emit = (start: number, end: number): void => {
    if (end === start) return; // an empty line
    row.split(buffer, start, end);
    onRow(row, index++);
  };
  try {
    for (;;) {
      // room for a whole chunk after the part record left from the one before
      if (filled + reads.chunkSize > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, filled + reads.chunkSize));
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const bytesRead = await reads.nextInto(buffer, filled);
      const end = filled + bytesRead;
      const eof = bytesRead === 0;
      let pos = 0;
      if (atStart) {
        if (end < 3 && !eof) {
          filled = end;
          continue;
        }
        atStart = false;
        if (end >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) pos = 3;
      }
      const filledPart = buffer.subarray(0, end);
      if (filledPart.indexOf(QUOTE, checked) !== -1) return { offset: consumed + pos, index, lines };
      checked = end;
      let search = pos;
      for (;;) {
        const lf = filledPart.indexOf(LF, search);
        if (lf === -1) break;
        if (!crlf) {
          emit(pos, lf);
          pos = search = lf + 1;
          lines++;
        } else if (lf > pos && buffer[lf - 1] === CR) {
          emit(pos, lf - 1);
          pos = search = lf + 1;
          lines++;
        } else search = lf + 1; // a lone \n inside a \r\n file is data
      }
      if (eof) {
        emit(pos, end);
        return undefined;
      }
      buffer.copy(buffer, 0, pos, end);
      consumed += pos;
      filled = checked = end - pos;
    }
  } finally {
    await reads.settle();
    await handle.close();
  }
}

/**
 * Sequential reads of a file, one read ahead: the next chunk is read (in libuv's thread pool) while
 * the caller scans the one it has, so scanning never waits on the disk or the pool. Each chunk is
 * copied out of the one read-ahead buffer before the next read into it starts.
 */
class ReadAhead {
  private readonly ahead: Buffer;
  private pending: Promise<{ bytesRead: number }>;

  constructor(
    private readonly handle: FileHandle,
    readonly chunkSize: number,
  ) {
    this.ahead = Buffer.allocUnsafe(chunkSize);
    this.pending = this.read();
  }

  /** Copies the next chunk of the file to target[at…] (which must have room for it); 0 at the end. */
  async nextInto(target: Buffer, at: number): Promise<number> {
    const { bytesRead } = await this.pending;
    this.ahead.copy(target, at, 0, bytesRead);
    // past the end there is nothing to read ahead: repeat the empty read without touching the file
    this.pending = bytesRead === 0 ? Promise.resolve({ bytesRead: 0 }) : this.read();
    return bytesRead;
  }

  /** Waits for the read in flight (its failure is moot by then), so the handle can be closed. */
  async settle(): Promise<void> {
    await this.pending.catch(() => undefined);
  }

  private read(): Promise<{ bytesRead: number }> {
    const pending = this.handle.read(this.ahead, 0, this.chunkSize, null);
    // a read ahead that fails while the caller is still scanning is reported by nextInto, not as unhandled
    pending.catch(() => undefined);
    return pending;
  }
}
