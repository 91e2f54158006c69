import type { CsvRow } from '../csv/csv-row.js';

/** A Float64Array filled one value at a time, for columns whose length is known only at the end. */
export class FloatColumnBuilder {
  private values: Float64Array;
  length = 0;

  constructor(expectedLength = 0) {
    this.values = new Float64Array(Math.max(expectedLength, 1 << 10));
  }

  push(value: number): void {
    this.reserve();
    this.values[this.length++] = value;
  }

  /** Appends field k of `row` as a number (NaN when it is none); returns whether it was one. */
  pushNumberOf(row: CsvRow, k: number): boolean {
    this.reserve();
    const at = this.length++;
    row.numberInto(k, this.values, at);
    const value = this.values[at] as number;
    return value === value;
  }

  private reserve(): void {
    if (this.length < this.values.length) return;
    const grown = new Float64Array(this.values.length * 2);
    grown.set(this.values);
    this.values = grown;
  }

  /** The values pushed so far (a view: no copy of a million-row column). */
  finish(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}
