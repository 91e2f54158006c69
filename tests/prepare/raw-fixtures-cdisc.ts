/**
 * The synthetic raw dataset of cdiscount-image-classification-challenge (branch cdisc): Kaggle's file
 * names, a tiny `train.bson` written by a hand-made BSON encoder (the documents Kaggle's file holds:
 * int32 `_id`, an `imgs` array of `{picture: <binary>}` and int32 `category_id`, in that order), and
 * `category_names.csv`. Self-contained (no import from raw-fixtures.ts), so tests may import the encoder
 * directly without an import cycle.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvText } from '../support/csv-text.js';
import type { RawFixture } from './raw-fixtures.js';

const cstring = (text: string) => Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);

function int32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeInt32LE(value);
  return out;
}

/** A BSON document from its encoded elements: length prefix, elements, 0x00. */
export function bsonDocument(elements: readonly Buffer[]): Buffer {
  const body = Buffer.concat(elements);
  return Buffer.concat([int32(body.length + 5), body, Buffer.from([0])]);
}

const element = (type: number, name: string, value: Buffer) =>
  Buffer.concat([Buffer.from([type]), cstring(name), value]);

export const int32Element = (name: string, value: number) => element(0x10, name, int32(value));

export function int64Element(name: string, value: bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64LE(value);
  return element(0x12, name, out);
}

export function doubleElement(name: string, value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeDoubleLE(value);
  return element(0x01, name, out);
}

export const stringElement = (name: string, text: string) =>
  element(0x02, name, Buffer.concat([int32(Buffer.byteLength(text) + 1), cstring(text)]));

export const binaryElement = (name: string, bytes: Buffer) =>
  element(0x05, name, Buffer.concat([int32(bytes.length), Buffer.from([0]), bytes]));

export const documentElement = (name: string, elements: readonly Buffer[]) =>
  element(0x03, name, bsonDocument(elements));

/** An array: a document whose keys are "0", "1", … */
export const arrayElement = (name: string, items: readonly Buffer[][]) =>
  element(0x04, name, bsonDocument(items.map((item, i) => documentElement(String(i), item))));

export const CDISCOUNT_CATEGORIES = [1000010653, 1000010667, 1000004079, 1000018290];

/** Product `i`'s id: a permutation of 0..n−1 spread out, so file order is not id order. */
const productId = (i: number, n: number) => ((i * 17) % n) * 3 + 5;

/** Product `i`'s document as Kaggle's train.bson has it (1–3 distinct pictures), or without its label. */
export function cdiscountProduct(i: number, n: number, labelled = true): Buffer {
  const pictures = Array.from({ length: 1 + (i % 3) }, (_, k) => [
    binaryElement('picture', Buffer.from(`\xff\xd8 jpeg ${i}.${k}`, 'latin1')),
  ]);
  return bsonDocument([
    int32Element('_id', productId(i, n)),
    arrayElement('imgs', pictures),
    ...(labelled ? [int32Element('category_id', CDISCOUNT_CATEGORIES[i % CDISCOUNT_CATEGORIES.length]!)] : []),
  ]);
}

/** Writes a raw folder of `n` products (n coprime to 17, so ids are distinct). */
export function writeCdiscountRaw(raw: string, n: number): void {
  mkdirSync(raw, { recursive: true });
  writeFileSync(join(raw, 'train.bson'), Buffer.concat(Array.from({ length: n }, (_, i) => cdiscountProduct(i, n))));
  writeFileSync(
    join(raw, 'category_names.csv'),
    csvText([
      ['category_id', 'category_level1', 'category_level2', 'category_level3'],
      ...CDISCOUNT_CATEGORIES.map((id, k) => [String(id), `NIVEAU ${k}`, `SOUS-NIVEAU ${k}`, `CATEGORIE ${k}`]),
    ]),
  );
}

export const CDISC_FIXTURES: RawFixture[] = [
  {
    id: 'cdiscount-image-classification-challenge',
    write: (raw) => writeCdiscountRaw(raw, 40),
    testRows: 4,
    publicEntries: [
      'category_names.csv',
      'description.md',
      'sample_submission.csv',
      'test.bson',
      'train.bson',
      'train_example.bson',
    ],
  },
];
