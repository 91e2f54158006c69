/**
 * The answers' keys, in answers order, with a hash index from key to first row. Keys are kept as
 * UTF-8 bytes in one arena and found by an open-addressing table of row numbers, so a million ids
 * cost a few typed arrays instead of a million strings and Map entries, and a submission row is
 * aligned without building its id string (see KeyBytes). Byte equality is string equality because
 * every key is written as the UTF-8 encoding of its text.
 */
import type { KeyBytes } from './key-bytes.js';
import type { KeyIndex } from './key-index.js';

const EMPTY = -1;
/** Rows indexed together (see flush). */
const BATCH = 256;
/** Linear probing stays short up to about this load; beyond it the table doubles. */
const MAX_LOAD = 0.7;

/** The power-of-two slot count that holds `rows` distinct keys within MAX_LOAD. */
function slotsFor(rows: number): number {
  return 2 ** Math.ceil(Math.log2(rows / MAX_LOAD));
}

function hashOf(bytes: Uint8Array, length: number): number {
  // FNV-1a over the bytes, then murmur3's finalizer: FNV's low bits (the ones a power-of-two table
  // uses) cluster badly on sequential ids like id_1, id_2…, which makes linear probing crawl
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  // 30 bits keep the hash a small integer (Smi) in V8: a full int32 would be boxed on every call
  return (hash ^ (hash >>> 16)) & 0x3fffffff;
}

export class IdIndex implements KeyIndex {
  /** The number of rows (keys, duplicates included). */
  size = 0;
  private arena = Buffer.allocUnsafe(1 << 16);
  /** Row r's key is arena[offsets[r], offsets[r + 1]). */
  private offsets: Int32Array;
  /**
   * Open addressing, linear probing, two cells per slot: the key's hash and the first row with the
   * key (EMPTY when the slot is free). The hash beside the row saves a cache miss per probe.
   */
  private table: Int32Array;
  /** Rows added but not yet in the table, and their hashes (see flush). */
  private pending = new Int32Array(BATCH);
  private pendingCount = 0;
  /** Row → the next row with the same key, or -1; created at the first duplicate. */
  private next: Int32Array | undefined;
  private lastWithKey = new Map<number, number>();
  private firstDuplicate = -1;
  /** Where flush's touch loop leaves its result, so the loads cannot be optimised away (no other use). */
  touchSink = 0;

  /** `expectedRows` sizes the arrays up front (growing a million-row table costs a rehash per doubling). */
  constructor(expectedRows = 0) {
    const rows = Math.min(Math.max(expectedRows, 1 << 12), 1 << 26);
    this.offsets = new Int32Array(rows + 2);
    this.table = new Int32Array(2 * slotsFor(rows)).fill(EMPTY);
  }

  /** Adds `key` as the next row. Duplicates show in firstDuplicate and nextWithSameId once indexed. */
  add(key: KeyBytes): void {
    this.append(key);
    this.pending[this.pendingCount++] = hashOf(key.bytes, key.length);
    if (this.pendingCount === BATCH) this.flush();
  }

  /** The first row whose key is `key`, or -1. */
  find(key: KeyBytes): number {
    if (this.pendingCount > 0) this.flush();
    return this.lookup(key.bytes, 0, key.length, hashOf(key.bytes, key.length));
  }

  /** find(key), trying row `guess` first while no key is duplicated (then it is also the first row). */
  findNear(key: KeyBytes, guess: number): number {
    if (this.pendingCount > 0) this.flush();
    return this.firstDuplicate === -1 && this.rowHasKey(guess, key) ? guess : this.find(key);
  }

  /** The first row (in row order) whose key an earlier row has, or -1. */
  duplicateRow(): number {
    if (this.pendingCount > 0) this.flush();
    return this.firstDuplicate;
  }

  /** Row → the next row with the same key, or -1 (all rows indexed first). */
  nextWithSameId(): Int32Array {
    if (this.pendingCount > 0) this.flush();
    return this.next?.subarray(0, this.size) ?? new Int32Array(this.size).fill(-1);
  }

  /** Whether row `row`'s key is `key` (a cheap check of a guessed row before a lookup). */
  rowHasKey(row: number, key: KeyBytes): boolean {
    return row < this.size && this.equals(row, key.bytes, 0, key.length);
  }

  /** Row `row`'s key as text (for messages). */
  idAt(row: number): string {
    return this.arena.toString('utf8', this.offsets[row], this.offsets[row + 1]);
  }

  private lookup(bytes: Uint8Array, from: number, length: number, hash: number): number {
    const table = this.table;
    const mask = table.length - 2;
    for (let slot = (hash << 1) & mask; ; slot = (slot + 2) & mask) {
      const row = table[slot + 1] as number;
      if (row === EMPTY) return EMPTY;
      if (table[slot] === hash && this.equals(row, bytes, from, length)) return row;
    }
  }

  private equals(row: number, bytes: Uint8Array, from: number, length: number): boolean {
    const start = this.offsets[row] as number;
    if ((this.offsets[row + 1] as number) - start !== length) return false;
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (arena[start + i] !== bytes[from + i]) return false;
    return true;
  }

  private append(key: KeyBytes): void {
    const row = this.size;
    if (row + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const start = this.offsets[row] as number;
    if (start + key.length > this.arena.length) {
      const arena = Buffer.allocUnsafe(Math.max(this.arena.length * 2, start + key.length));
      this.arena.copy(arena, 0, 0, start);
      this.arena = arena;
    }
    const arena = this.arena;
    const bytes = key.bytes;
    for (let i = 0; i < key.length; i++) arena[start + i] = bytes[i] as number;
    this.offsets[row + 1] = start + key.length;
    this.size = row + 1;
  }

  /**
   * Puts the pending rows into the table. Each row's slot is a likely cache miss, and one row after
   * another each miss would stall in turn: touching the whole batch's slots first lets the CPU
   * fetch them in parallel (there is no prefetch instruction in JavaScript).
   */
  private flush(): void {
    const table = this.table;
    const mask = table.length - 2;
    const count = this.pendingCount;
    const firstRow = this.size - count;
    let touched = 0;
    for (let i = 0; i < count; i++) touched |= table[(((this.pending[i] as number) << 1) & mask) + 1] as number;
    this.pendingCount = 0;
    for (let i = 0; i < count; i++) {
      const row = firstRow + i;
      const hash = this.pending[i] as number;
      const start = this.offsets[row] as number;
      const length = (this.offsets[row + 1] as number) - start;
      const first = this.lookup(this.arena, start, length, hash);
      if (first === EMPTY) {
        if (row + 1 > MAX_LOAD * (this.table.length / 2)) this.rehash(this.table.length * 2);
        this.insert(row, hash);
      } else this.linkDuplicate(first, row);
    }
    this.touchSink = touched;
  }

  private linkDuplicate(first: number, row: number): void {
    if (this.firstDuplicate === -1) this.firstDuplicate = row;
    if (this.next === undefined) this.next = new Int32Array(this.offsets.length).fill(-1);
    if (this.next.length < this.size) {
      const grown = new Int32Array(this.offsets.length).fill(-1);
      grown.set(this.next);
      this.next = grown;
    }
    this.next[this.lastWithKey.get(first) ?? first] = row;
    this.lastWithKey.set(first, row);
  }

  private insert(row: number, hash: number): void {
    const table = this.table;
    const mask = table.length - 2;
    let slot = (hash << 1) & mask;
    while (table[slot + 1] !== EMPTY) slot = (slot + 2) & mask;
    table[slot] = hash;
    table[slot + 1] = row;
  }

  /** Rebuilds the table with `cells` cells (two per slot). */
  private rehash(cells: number): void {
    const old = this.table;
    this.table = new Int32Array(cells).fill(EMPTY);
    for (let slot = 0; slot < old.length; slot += 2) {
      const row = old[slot + 1] as number;
      if (row !== EMPTY) this.insert(row, old[slot] as number);
    }
  }
}
