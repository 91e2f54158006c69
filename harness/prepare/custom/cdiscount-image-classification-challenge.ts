/**
 * cdiscount-image-classification-challenge: custom because the data is one 58 GB BSON file of products
 * (`_id`, `category_id`, `imgs`: an array of `{picture: <JPEG bytes>}`), not a CSV.
 *
 * As MLE-bench: `train_test_split` of the documents' (`_id`, `category_id`) rows in file order with
 * `test_size=0.1, random_state=0`; private `answers.csv` (`_id,category_id`, sorted by `_id`); public
 * `sample_submission.csv` (the same ids, every one `1000010653`); public `train.bson` (the train
 * documents, file order), `test.bson` (the test documents, file order, without `category_id`) and
 * `train_example.bson` (the first 100 documents of the new train.bson); `category_names.csv` is copied
 * (prepare.yaml `copy:`). Kaggle's own test.bson is not used.
 *
 * Differences from MLE-bench, by design: documents are written as their raw bytes (test documents with
 * the `category_id` element cut out and the length recomputed), where MLE-bench decodes and re-encodes
 * each one — the same bytes for Kaggle's documents (int32 ids, arrays of binary pictures); and
 * documents are assigned to a side by their position, where MLE-bench filters by `_id` — the same
 * for unique ids, which are checked (a repeated `_id` would land on both sides there). The file is
 * streamed twice (ids, then writing); per-document data lives in typed arrays (7M documents).
 */
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import {
  BsonFormatError,
  BufferedFileWriter,
  integerField,
  readBsonDocuments,
  withoutElement,
  type BsonDocument,
} from '../bson-documents.js';
import { writeCsvTable } from '../csv-table.js';
import { RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { trainTestSplitIndices } from '../train-test-split.js';

const SAMPLE_CATEGORY = '1000010653';
const TRAIN_EXAMPLE_DOCUMENTS = 100;

/** A Float64Array that grows as values are appended (the document count is known only at the end). */
class GrowingFloat64 {
  private data = new Float64Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Runs `read` on a document, naming the file, document and offset in a format error. */
function atDocument<T>(file: string, doc: BsonDocument, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BsonFormatError)
      throw new BsonFormatError(`${file}: document ${doc.index} at byte ${doc.offset}: ${error.message}`);
    throw error;
  }
}

/** Every document's `_id` and `category_id`, in file order (MLE-bench's read_ids_and_category_ids). */
async function readIdsAndCategories(file: string): Promise<{ ids: Float64Array; categories: Float64Array }> {
  const ids = new GrowingFloat64();
  const categories = new GrowingFloat64();
  for await (const doc of readBsonDocuments(file)) {
    atDocument(file, doc, () => {
      ids.push(integerField(doc.bytes, doc.elements, '_id'));
      categories.push(integerField(doc.bytes, doc.elements, 'category_id'));
    });
  }
  return { ids: ids.values(), categories: categories.values() };
}

function checkUniqueIds(ids: Float64Array, file: string): void {
  const sorted = Float64Array.from(ids).sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1])
      throw new BsonFormatError(`${file}: _id ${sorted[i]} appears in more than one document`);
  }
}

/** The second pass found other documents than the first: the split no longer describes the file. */
function changedError(file: string): BsonFormatError {
  return new BsonFormatError(`${file} changed while it was being prepared (read it again from the download)`);
}

export async function prepareCdiscount(ctx: PrepareContext): Promise<void> {
  const source = join(ctx.raw, 'train.bson');
  if (!(await fileExists(source))) throw new RawFileMissingError(ctx.competition.id, source);
  const { ids, categories } = await readIdsAndCategories(source);
  checkUniqueIds(ids, source);
  const { test } = trainTestSplitIndices(ids.length, { testSize: 0.1, randomState: 0 });
  const isTest = new Uint8Array(ids.length);
  for (const i of test) isTest[i] = 1;

  const byId = Array.from(test).sort((a, b) => ids[a]! - ids[b]!);
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['_id', 'category_id'],
    rows: byId.map((i) => [String(ids[i]), String(categories[i])]),
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['_id', 'category_id'],
    rows: byId.map((i) => [String(ids[i]), SAMPLE_CATEGORY]),
  });

  const train = await BufferedFileWriter.create(join(ctx.public, 'train.bson'));
  const testOut = await BufferedFileWriter.create(join(ctx.public, 'test.bson'));
  const example = await BufferedFileWriter.create(join(ctx.public, 'train_example.bson'));
  try {
    let examples = 0;
    let count = 0;
    for await (const doc of readBsonDocuments(source)) {
      count++;
      const id = atDocument(source, doc, () => integerField(doc.bytes, doc.elements, '_id'));
      if (id !== ids[doc.index]) throw changedError(source);
      if (isTest[doc.index] === 1) {
        const label = doc.elements.find((e) => e.name === 'category_id');
        if (label === undefined) throw changedError(source);
        await testOut.write(withoutElement(doc.bytes, label));
        continue;
      }
      await train.write(doc.bytes);
      if (examples < TRAIN_EXAMPLE_DOCUMENTS) {
        await example.write(doc.bytes);
        examples++;
      }
    }
    if (count !== ids.length) throw changedError(source);
  } finally {
    await Promise.all([train.close(), testOut.close(), example.close()]);
  }
}
