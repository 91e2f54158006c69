/**
 * A CSV file as a header and rows of raw text fields: what preparation reads from `raw/` and writes
 * to `prepared/`. Fields are kept verbatim (no number parsing), so values round-trip unchanged.
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse } from 'csv-parse';
import { PrepareError } from './prepare-error.js';

/** A raw CSV that cannot be read as the preparation expects (malformed, or a column missing). */
export class CsvFormatError extends PrepareError {
  override name = 'CsvFormatError';
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Streams the file through csv-parse; every row must have the header's width. */
export async function readCsvTable(file: string): Promise<CsvTable> {
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: false }));
  let header: string[] | undefined;
  const rows: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === undefined) header = record;
      else rows.push(record);
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw error;
    throw new CsvFormatError(`${file} is not a well-formed CSV: ${(error as Error).message}`, { cause: error });
  }
  if (header === undefined) throw new CsvFormatError(`${file} is empty: expected a CSV header`);
  return { header, rows };
}

/** pandas' `to_csv` quoting (QUOTE_MINIMAL): quote a field only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCsv(table: CsvTable): string {
  const lines = [table.header, ...table.rows].map((fields) => fields.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export async function writeCsvTable(file: string, table: CsvTable): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, formatCsv(table));
}

/** The index of a column, or an error naming the file and the columns it has. */
export function columnIndex(table: CsvTable, column: string, file: string): number {
  const index = table.header.indexOf(column);
  if (index < 0) throw new CsvFormatError(`${file} has no column '${column}' (columns: ${table.header.join(', ')})`);
  return index;
}

/** The table restricted to `columns`, in that order. */
export function selectColumns(table: CsvTable, columns: readonly string[], file: string): CsvTable {
  const indices = columns.map((column) => columnIndex(table, column, file));
  return { header: [...columns], rows: table.rows.map((row) => indices.map((i) => row[i] ?? '')) };
}

/** The table without `columns`. */
export function dropColumns(table: CsvTable, columns: readonly string[], file: string): CsvTable {
  for (const column of columns) columnIndex(table, column, file);
  const keep = table.header.flatMap((name, i) => (columns.includes(name) ? [] : [i]));
  return {
    header: keep.map((i) => table.header[i] ?? ''),
    rows: table.rows.map((row) => keep.map((i) => row[i] ?? '')),
  };
}

/** The table's rows sorted by one column's text in code-point order, as pandas' `sort_values(by=column)`. */
export function sortedByColumn(table: CsvTable, column: number): CsvTable {
  const key = (row: readonly string[]) => row[column] ?? '';
  return {
    header: table.header,
    rows: [...table.rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}
