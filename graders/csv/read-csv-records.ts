/**
 * Streams a CSV file record by record (csv-parse), so a 1M-row file is never held as text or as a
 * table of objects: callers keep only the columns they need, in typed arrays.
 */
import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { type CsvRow, StringCsvRow } from './csv-row.js';
import { type CsvLayout, forEachPlainCsvRow, inspectCsv, type PlainStop } from './plain-csv.js';

/** The file is not well-formed CSV (unclosed quote, bad encoding…); `line` is 1-based. */
export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${line === undefined ? '' : `line ${line}: `}${detail}`, options);
    this.name = 'CsvFormatError';
  }
}

/** Thrown by a record handler to stop reading early; the reader resolves normally. */
export class StopReading extends Error {
  constructor() {
    super('stop reading');
    this.name = 'StopReading';
  }
}

/** Where csv-parse takes over from the fast reader (see forEachCsvRow). */
interface ReadFrom extends PlainStop {
  crlf: boolean;
}

/**
 * Calls `onRecord` for every record, the header included (index 0). Blank lines are skipped,
 * a UTF-8 BOM is dropped, and rows with a different field count are passed through so the
 * caller can name the row in its own message. With `from`, reading starts at that record boundary
 * with the file's record delimiter, as if csv-parse had read the file from its start.
 */
export function forEachCsvRecord(
  file: string,
  onRecord: (record: string[], index: number) => void,
  from?: ReadFrom,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, from === undefined ? {} : { start: from.offset });
    const parser = parse({
      // a BOM counts at the start of the file only
      bom: from === undefined || from.offset === 0,
      relax_column_count: true,
      skip_empty_lines: true,
      ...(from === undefined ? {} : { record_delimiter: from.crlf ? '\r\n' : '\n' }),
    });
    let index = from?.index ?? 0;
    const linesBefore = from?.lines ?? 0;
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      input.destroy();
      parser.destroy();
      if (error === undefined || error instanceof StopReading) resolve();
      else reject(toCsvFormatError(file, error, linesBefore));
    };
    input.on('error', finish);
    parser.on('error', finish);
    parser.on('data', (record: string[]) => {
      if (settled) return;
      try {
        onRecord(record, index++);
      } catch (error) {
        finish(error);
      }
    });
    parser.on('end', () => finish());
    input.pipe(parser);
  });
}

/**
 * Like forEachCsvRecord, with each record as a CsvRow (valid only during the call): files without
 * quotes go through the fast byte scanner, any other through csv-parse. Both read the same records.
 * The file's start decides; a quote further on hands the records from there on to csv-parse, which
 * reads them as it would have read the whole file (the records before hold no quote).
 * `known` is the file's inspectCsv result when the caller already has it.
 */
export async function forEachCsvRow(
  file: string,
  onRow: (row: CsvRow, index: number) => void,
  known?: CsvLayout,
): Promise<void> {
  const layout = known ?? (await inspectCsv(file, { start: true }));
  const row = new StringCsvRow();
  const onRecord = (record: string[], index: number): void => {
    row.record = record;
    onRow(row, index);
  };
  if (!layout.plain) return forEachCsvRecord(file, onRecord);
  let stop: PlainStop | undefined;
  try {
    stop = await forEachPlainCsvRow(file, layout.crlf, onRow);
  } catch (error) {
    if (error instanceof StopReading) return;
    throw error;
  }
  if (stop !== undefined) return forEachCsvRecord(file, onRecord, { ...stop, crlf: layout.crlf });
}

function toCsvFormatError(file: string, error: unknown, linesBefore = 0): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = (error as CsvError & { lines?: number }).lines;
  // csv-parse counts the lines of what it read: the part before it is added back
  const detail = error.message
    .replace(/^Invalid [^:]+: /, '')
    .replace(/\bat line (\d+)/g, (_, n: string) => `at line ${Number(n) + linesBefore}`);
  return new CsvFormatError(file, line === undefined ? undefined : line + linesBefore, detail, { cause: error });
}
