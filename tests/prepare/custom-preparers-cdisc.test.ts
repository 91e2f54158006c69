/**
 * Targeted checks of cdiscount-image-classification-challenge's preparation and of the BSON reader it
 * uses, beyond prepare-all.test.ts: the split is sklearn's (expected rows computed with scikit-learn
 * 1.9.1 / pandas on the same ids), the public .bson files hold exactly the right documents byte for byte
 * (test ones without `category_id`), train_example.bson stops at 100, and broken files are named.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import type { GradingContext } from '../../harness/grading/grade-submission.js';
import { projectLayout } from '../../harness/paths.js';
import {
  BsonFormatError,
  integerField,
  readBsonDocuments,
  topLevelElements,
  withoutElement,
} from '../../harness/prepare/bson-documents.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { useTempDir } from '../support/temp-dir.js';
import {
  bsonDocument,
  binaryElement,
  cdiscountProduct,
  documentElement,
  doubleElement,
  int32Element,
  int64Element,
  stringElement,
  writeCdiscountRaw,
} from './raw-fixtures-cdisc.js';

const ID = 'cdiscount-image-classification-challenge';
const layout = projectLayout();

describe('BSON documents', () => {
  const dir = useTempDir();

  it('walks the top-level elements of every type by their size rules and reads int32/int64 values', () => {
    const doc = bsonDocument([
      doubleElement('score', 0.5),
      stringElement('title', 'été'),
      documentElement('nested', [int32Element('category_id', 7)]),
      binaryElement('picture', Buffer.from([0, 1, 2])),
      Buffer.from([0x08, ...Buffer.from('flag\0'), 1]), // bool
      Buffer.from([0x0a, ...Buffer.from('nothing\0')]), // null
      int64Element('_id', 2n ** 40n),
      int32Element('category_id', -3),
    ]);
    const elements = topLevelElements(doc);
    expect(elements.map((e) => e.name)).toEqual([
      'score',
      'title',
      'nested',
      'picture',
      'flag',
      'nothing',
      '_id',
      'category_id',
    ]);
    expect(integerField(doc, elements, '_id')).toBe(2 ** 40);
    expect(integerField(doc, elements, 'category_id')).toBe(-3);
    expect(() => integerField(doc, elements, 'score')).toThrow("'score' is of BSON type 0x01, not an int32 or int64");
    expect(() => integerField(doc, elements, 'missing')).toThrow("the document has no 'missing'");
  });

  it('cuts one element out with the length prefix recomputed, the other bytes unchanged', () => {
    const doc = bsonDocument([int32Element('_id', 1), int32Element('category_id', 2), stringElement('x', 'y')]);
    const cut = withoutElement(doc, topLevelElements(doc)[1]!);
    expect(cut).toEqual(bsonDocument([int32Element('_id', 1), stringElement('x', 'y')]));
  });

  it.each([
    ['an unknown element type', Buffer.from([0x42, ...Buffer.from('odd\0')]), 'unknown element type 0x42 at byte 13'],
    [
      'a string longer than the document',
      Buffer.from([0x02, ...Buffer.from('s\0'), 99, 0, 0, 0, 0x61, 0]),
      'runs past',
    ],
  ])('rejects %s', (_, bad, message) => {
    expect(() => topLevelElements(bsonDocument([int32Element('_id', 1), bad]))).toThrow(message);
  });

  it('names the file, document and byte offset of a truncated document', async () => {
    const docs = [0, 1, 2].map((i) => cdiscountProduct(i, 3));
    const file = join(dir, 'cut.bson');
    writeFileSync(file, Buffer.concat(docs).subarray(0, docs[0]!.length + docs[1]!.length + 10));
    const read = async () => {
      for await (const doc of readBsonDocuments(file)) void doc;
    };
    await expect(read()).rejects.toThrow(
      new BsonFormatError(
        `${file}: document 2 at byte ${docs[0]!.length + docs[1]!.length}: truncated (${docs[2]!.length} bytes expected, 10 left)`,
      ),
    );
  });
});

describe('cdiscount-image-classification-challenge', () => {
  const dataDir = useTempDir();
  const brokenDir = useTempDir();
  let ctx: GradingContext;
  let prepared: string;
  const n = 130;
  // train_test_split(df, test_size=0.1, random_state=0): the test rows' file positions, and the answers by _id
  const testPositions = [7, 8, 22, 26, 30, 33, 44, 59, 63, 73, 92, 97, 104];
  const answers = [
    [17, 1000010653],
    [23, 1000010653],
    [98, 1000018290],
    [128, 1000010667],
    [161, 1000004079],
    [218, 1000010667],
    [239, 1000010653],
    [272, 1000010667],
    [284, 1000018290],
    [299, 1000010653],
    [347, 1000004079],
    [362, 1000018290],
    [365, 1000004079],
  ];
  const trainPositions = Array.from({ length: n }, (_, i) => i).filter((i) => !testPositions.includes(i));

  beforeAll(async () => {
    ctx = await buildGradingContext({ dataDir: dataDir });
    writeCdiscountRaw(rawDir(dataDir, ID), n);
    await prepareCompetition({
      dataDir: dataDir,
      competitionsDir: layout.competitionsDir,
      competition: ctx.registry.get(ID),
      keepRaw: true,
    });
    prepared = preparedDir(dataDir, ID);
  });

  it("writes sklearn's test rows sorted by _id as answers, and the same ids in the sample submission", () => {
    expect(readFileSync(join(prepared, 'private', 'answers.csv'), 'utf8')).toBe(
      `_id,category_id\n${answers.map((row) => row.join(',')).join('\n')}\n`,
    );
    expect(readFileSync(join(prepared, 'public', 'sample_submission.csv'), 'utf8')).toBe(
      `_id,category_id\n${answers.map(([id]) => `${id},1000010653`).join('\n')}\n`,
    );
  });

  it('writes the test documents in file order without category_id, keeping their pictures byte for byte', () => {
    const testBson = readFileSync(join(prepared, 'public', 'test.bson'));
    expect(testBson).toEqual(Buffer.concat(testPositions.map((i) => cdiscountProduct(i, n, false))));
    expect(testBson.includes(Buffer.from('category_id'))).toBe(false);
  });

  it('writes the train documents unchanged in file order, and their first 100 as train_example.bson', async () => {
    const train = trainPositions.map((i) => cdiscountProduct(i, n));
    expect(readFileSync(join(prepared, 'public', 'train.bson'))).toEqual(Buffer.concat(train));
    expect(readFileSync(join(prepared, 'public', 'train_example.bson'))).toEqual(Buffer.concat(train.slice(0, 100)));
    let count = 0;
    for await (const doc of readBsonDocuments(join(prepared, 'public', 'train_example.bson'))) {
      expect(integerField(doc.bytes, doc.elements, 'category_id')).toBeGreaterThan(0);
      count++;
    }
    expect(count).toBe(100);
  });

  it('refuses a truncated train.bson, naming the file, the document and its byte offset', async () => {
    const raw = rawDir(brokenDir, ID);
    writeCdiscountRaw(raw, 40);
    const file = join(raw, 'train.bson');
    const size = readFileSync(file).length;
    truncateSync(file, size - 3);
    const last = cdiscountProduct(39, 40).length;
    await expect(
      prepareCompetition({
        dataDir: brokenDir,
        competitionsDir: layout.competitionsDir,
        competition: ctx.registry.get(ID),
        keepRaw: true,
      }),
    ).rejects.toThrow(
      `${file}: document 39 at byte ${size - last}: truncated (${last} bytes expected, ${last - 3} left)`,
    );
  });

  it('refuses a train.bson where two documents share an _id (MLE-bench would put such a product on both sides)', async () => {
    const raw = rawDir(brokenDir, ID);
    writeCdiscountRaw(raw, 40);
    const file = join(raw, 'train.bson');
    writeFileSync(file, Buffer.concat([readFileSync(file), cdiscountProduct(0, 40)]));
    await expect(
      prepareCompetition({
        dataDir: brokenDir,
        competitionsDir: layout.competitionsDir,
        competition: ctx.registry.get(ID),
        keepRaw: true,
      }),
    ).rejects.toThrow(`${file}: _id 5 appears in more than one document`);
  });
});
