import type { CsvRow } from '../csv/csv-row.js';

/** A typed array filled one value at a time, for columns whose length is known only at the end. */
abstract class ColumnBuilder<A extends Float64Array | Uint8Array> {
  protected values: A;
  length = 0;

  constructor(
    private readonly make: (length: number) => A,
    expectedLength: number,
  ) {
    this.values = make(Math.max(expectedLength, 1 << 10));
  }

  push(value: number): void {
    this.reserve();
    this.values[this.length++] = value;
  }

  protected reserve(): void {
    if (this.length < this.values.length) return;
    const grown = this.make(this.values.length * 2);
    grown.set(this.values);
    this.values = grown;
  }

  /** The values pushed so far (a view: no copy of a million-row column). */
  finish(): A {
    return this.values.subarray(0, this.length) as A;
  }
}

export class FloatColumnBuilder extends ColumnBuilder<Float64Array> {
  constructor(expectedLength = 0) {
    super((length) => new Float64Array(length), expectedLength);
  }

  /** Appends field k of `row` as a number (NaN when it is none); returns whether it was one. */
  pushNumberOf(row: CsvRow, k: number): boolean {
    this.reserve();
    const at = this.length++;
    row.numberInto(k, this.values, at);
    const value = this.values[at] as number;
    return value === value;
  }
}

/** 0/1 answers, a byte each. */
export class BinaryColumnBuilder extends ColumnBuilder<Uint8Array> {
  constructor(expectedLength = 0) {
    super((length) => new Uint8Array(length), expectedLength);
  }
}
