/**
 * One CSV record as a reader sees it: fields by position, read as text, as a number or as key bytes.
 * The plain-file scanner implements it over its read buffer without building a string per field;
 * records from csv-parse or from an answers transform are wrapped by StringCsvRow. A row is only
 * valid inside the callback that receives it: the scanner reuses it for the next record.
 */
import type { KeyBytes } from '../key-bytes.js';
import { parseFiniteNumber } from '../submission/parse-value.js';

export interface CsvRow {
  /** The number of fields. */
  readonly length: number;
  text(k: number): string;
  /** The field as a finite number by parseFiniteNumber's rules, NaN when it is anything else. */
  number(k: number): number;
  /** Writes number(k) to out[at] (no boxed double on the way: see parseNumberBytesInto). */
  numberInto(k: number, out: Float64Array, at: number): void;
  /** Appends the field's UTF-8 bytes (as its decoded text would encode) to `key`. */
  appendTo(k: number, key: KeyBytes): void;
}

export class StringCsvRow implements CsvRow {
  record: readonly string[] = [];

  get length(): number {
    return this.record.length;
  }

  text(k: number): string {
    return this.record[k] as string;
  }

  number(k: number): number {
    return parseFiniteNumber(this.record[k] as string);
  }

  numberInto(k: number, out: Float64Array, at: number): void {
    out[at] = parseFiniteNumber(this.record[k] as string);
  }

  appendTo(k: number, key: KeyBytes): void {
    key.appendString(this.record[k] as string);
  }
}
