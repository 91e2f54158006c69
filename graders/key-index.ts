/**
 * The answers' keys in answers order, indexed from key to first row. Two implementations: IdIndex
 * (any keys: a byte arena and a hash table) and IntegerIdIndex (keys `<prefix><integer>`: one
 * array cell per number). KeyIndexBuilder picks the cheaper one that holds every key.
 */
import { IdIndex } from './id-index.js';
import { IntegerIdIndex } from './integer-id-index.js';
import { KeyBytes } from './key-bytes.js';

export interface KeyIndex {
  /** The number of rows (keys, duplicates included). */
  readonly size: number;
  /** The first row whose key is `key`, or -1. */
  find(key: KeyBytes): number;
  /**
   * find(key), trying row `guess` first (submissions mostly list rows in answers order, and a
   * check of one row is cheaper than a hash lookup). Only for indexes without duplicate keys.
   */
  findNear(key: KeyBytes, guess: number): number;
  /** The first row (in row order) whose key an earlier row has, or -1. */
  duplicateRow(): number;
  /** Row → the next row with the same key, or -1. */
  nextWithSameId(): Int32Array;
  /** Row `row`'s key as text (for messages). */
  idAt(row: number): string;
}

export class KeyIndexBuilder {
  private integer: IntegerIdIndex | undefined;
  private general: IdIndex | undefined;
  /** Scratch for moving keys from the integer index to an IdIndex. */
  private readonly scratch = new KeyBytes();

  /** `expectedRows` sizes the arrays (a guess, never a limit). */
  constructor(private readonly expectedRows = 0) {}

  /** Adds `key` as the next row. */
  add(key: KeyBytes): void {
    if (this.general !== undefined) return this.general.add(key);
    if (this.integer === undefined) {
      this.integer = IntegerIdIndex.startingWith(key, this.expectedRows);
      if (this.integer === undefined) {
        this.general = new IdIndex(this.expectedRows);
        return this.general.add(key);
      }
    }
    if (this.integer.tryAdd(key)) return;
    this.general = this.integer.toIdIndex(this.scratch);
    this.integer = undefined;
    this.general.add(key);
  }

  /** The index of every key added so far. */
  finish(): KeyIndex {
    return this.general ?? this.integer ?? new IdIndex(0);
  }
}
