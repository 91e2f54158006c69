/**
 * The answers' keys when every one is `<common prefix><decimal integer>` — `17`, `id_17`,
 * `test_000017`'s cousin `test_17` — the commonest Kaggle id shape. A key is then found by parsing
 * its number and reading one Int32Array cell (number − base → row): no byte arena, no hash table,
 * no random probing of a large table. For a million rows that is ~4 MB instead of ~29 MB.
 *
 * It answers exactly what IdIndex would: a key is found iff its bytes equal the bytes of some
 * answers key. Every answers key is the prefix plus the canonical decimal of its number (no leading
 * zero, at most 9 digits), so a submission key is found iff it is the prefix plus a canonical
 * decimal that is in the table; `id_017`, `id_+17`, `id_17 ` and `ID_17` are simply not found.
 * Anything that does not fit (another shape, a duplicate, numbers spread over more than about twice
 * the row count) makes `tryAdd` refuse, and the caller moves to an IdIndex (see KeyIndexBuilder).
 *
 * While the keys arrive as consecutive numbers (`id_0, id_1, …`: answers sorted by a running id, the
 * commonest case of all) row = number − base, and no table exists; the first key out of that order
 * builds it. A million such rows then cost nothing, not 4 MB, while a submission is scored.
 */
import { IdIndex } from './id-index.js';
import type { KeyBytes } from './key-bytes.js';
import type { KeyIndex } from './key-index.js';

const ZERO = 48;
const NINE = 57;
/** Nine digits keep every number below 2^31 (and a V8 small integer). */
const MAX_DIGITS = 9;
const EMPTY = -1;
/** Slack on the span so small tables of scattered ids still take this path. */
const MIN_SPAN = 1 << 16;

/** The number in bytes[from, to) when it is a canonical decimal (1-9 digits, no leading zero), else -1. */
function canonicalNumber(bytes: Uint8Array, from: number, to: number): number {
  const digits = to - from;
  if (digits < 1 || digits > MAX_DIGITS) return -1;
  if (bytes[from] === ZERO && digits > 1) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i] as number;
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value;
}

export class IntegerIdIndex implements KeyIndex {
  size = 0;
  /** value − base → the row with that key, or EMPTY; undefined while keys are base, base + 1, … in row order. */
  private rowOf: Int32Array | undefined;
  private base: number;

  private constructor(
    /** The bytes every key starts with (never ending in a digit). */
    private readonly prefix: Buffer,
    first: number,
    private readonly expectedRows: number,
  ) {
    this.base = first;
  }

  /** Int32Array cells held (0 while the keys are consecutive): for memory accounting and tests. */
  get tableCells(): number {
    return this.rowOf?.length ?? 0;
  }

  /** An empty index whose keys share `key`'s prefix, or undefined when `key` is not `<prefix><number>`. */
  static startingWith(key: KeyBytes, expectedRows: number): IntegerIdIndex | undefined {
    let digitsFrom = key.length;
    while (
      digitsFrom > 0 &&
      (key.bytes[digitsFrom - 1] as number) >= ZERO &&
      (key.bytes[digitsFrom - 1] as number) <= NINE
    )
      digitsFrom--;
    const value = canonicalNumber(key.bytes, digitsFrom, key.length);
    if (value === -1) return undefined;
    return new IntegerIdIndex(Buffer.from(key.bytes.subarray(0, digitsFrom)), value, expectedRows);
  }

  /** Adds `key` as the next row, or returns false (adding nothing) when it does not fit this index. */
  tryAdd(key: KeyBytes): boolean {
    const value = this.numberOf(key);
    if (value === -1) return false;
    if (this.rowOf === undefined) {
      if (value === this.base + this.size) {
        this.size++;
        return true;
      }
      this.rowOf = this.consecutiveTable();
    }
    let at = value - this.base;
    if (at < 0 || at >= this.rowOf.length) {
      if (!this.cover(value)) return false;
      at = value - this.base;
    }
    const rowOf = this.rowOf as Int32Array;
    if (rowOf[at] !== EMPTY) return false; // a duplicate: IdIndex tracks those
    rowOf[at] = this.size++;
    return true;
  }

  find(key: KeyBytes): number {
    const at = this.numberOf(key) - this.base;
    // a key of another shape gives -1 - base, which is negative like any number below the base
    if (this.rowOf === undefined) return at < 0 || at >= this.size ? EMPTY : at;
    return at < 0 || at >= this.rowOf.length ? EMPTY : (this.rowOf[at] as number);
  }

  /** Keys are unique here, so the guess needs no check of its own: one lookup is as cheap. */
  findNear(key: KeyBytes): number {
    return this.find(key);
  }

  duplicateRow(): number {
    return -1;
  }

  nextWithSameId(): Int32Array {
    return new Int32Array(this.size).fill(-1);
  }

  /** Row `row`'s key (messages only: a scan of the table). */
  idAt(row: number): string {
    const at = this.rowOf === undefined ? (row >= 0 && row < this.size ? row : -1) : this.rowOf.indexOf(row);
    return at === -1 ? '' : `${this.prefix.toString('utf8')}${this.base + at}`;
  }

  /** The same keys, same rows, in an IdIndex (when a key arrives that this index cannot hold). */
  toIdIndex(key: KeyBytes): IdIndex {
    const rowOf = this.rowOf ?? this.consecutiveTable();
    const numbers = new Int32Array(this.size);
    for (let at = 0; at < rowOf.length; at++) {
      const row = rowOf[at] as number;
      if (row !== EMPTY) numbers[row] = this.base + at;
    }
    const index = new IdIndex(Math.max(this.expectedRows, this.size));
    for (let row = 0; row < this.size; row++) {
      key.reset();
      for (const byte of this.prefix) key.appendByte(byte);
      key.appendString(String(numbers[row]));
      index.add(key);
    }
    return index;
  }

  /** The key's number when it is the prefix plus a canonical decimal, else -1. */
  private numberOf(key: KeyBytes): number {
    const prefix = this.prefix;
    const bytes = key.bytes;
    if (key.length <= prefix.length) return -1;
    for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return -1;
    return canonicalNumber(bytes, prefix.length, key.length);
  }

  /** The widest number range the table may cover: about twice the rows, so it stays smaller than IdIndex. */
  private maxSpan(): number {
    return 2 * Math.max(this.size, this.expectedRows) + MIN_SPAN;
  }

  /** The table of the consecutive keys so far (row = number − base), with room for the rows expected. */
  private consecutiveTable(): Int32Array {
    const cells = Math.max(this.size, Math.min(Math.max(this.expectedRows, 1024), this.maxSpan()));
    const rowOf = new Int32Array(cells).fill(EMPTY);
    for (let row = 0; row < this.size; row++) rowOf[row] = row;
    return rowOf;
  }

  /** Widens the table to cover `value`, or returns false when the span would grow too wide. */
  private cover(value: number): boolean {
    const rowOf = this.rowOf as Int32Array;
    const top = this.base + rowOf.length - 1;
    const low = Math.min(this.base, value);
    const high = Math.max(top, value);
    const needed = high - low + 1;
    const limit = this.maxSpan();
    if (needed > limit) return false;
    const cells = Math.max(needed, Math.min(limit, 2 * rowOf.length));
    // growing downwards leaves the spare room below, so ids read in descending order double too
    const base = value < this.base ? Math.max(0, high - cells + 1) : low;
    const grown = new Int32Array(cells).fill(EMPTY);
    grown.set(rowOf, this.base - base);
    this.rowOf = grown;
    this.base = base;
    return true;
  }
}
