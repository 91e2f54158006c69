/**
 * movie-review-sentiment-analysis-kernels-only: custom because the data is tab-separated (`train.tsv`),
 * which the CSV split does not read or write.
 *
 * As MLE-bench: `train_test_split(train.tsv, test_size=0.3, random_state=0)`, rows in split order;
 * public `train.tsv` keeps every column, public `test.tsv` drops Sentiment; private `answers.csv` is the
 * test rows with every column as a comma-separated CSV; `sampleSubmission.csv` gives every test phrase
 * Sentiment 2. Unlike MLE-bench, which zips them into train.tsv.zip and test.tsv.zip, Podium writes the
 * public TSVs unzipped, and keeps phrases such as `NA` or `null` as text (pandas made them empty).
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, dropColumns, selectColumns, writeCsvTable, type CsvTable } from '../csv-table.js';
import { RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { applySplit, splitTableRows } from '../split-strategies.js';

const TEST_FRACTION = 0.3; // about the share of Kaggle's test phrases among all phrases
const RANDOM_STATE = 0;

/** A TSV as pandas' `read_csv(sep="\t")` reads it: `"` still quotes a field; fields stay text. */
export async function readTsvTable(file: string): Promise<CsvTable> {
  const parser = createReadStream(file).pipe(parse({ bom: true, delimiter: '\t', relax_quotes: true }));
  const records: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) records.push(record);
  } catch (error) {
    throw new CsvFormatError(`${file} is not a well-formed TSV: ${(error as Error).message}`, { cause: error });
  }
  const [header, ...rows] = records;
  if (header === undefined) throw new CsvFormatError(`${file} is empty: expected a TSV header`);
  return { header, rows };
}

/** pandas' `to_csv(sep="\t")` (QUOTE_MINIMAL): quote a field only when it holds a tab, quote or line break. */
export function formatTsv(table: CsvTable): string {
  const field = (value: string) => (/[\t"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [table.header, ...table.rows].map((row) => `${row.map(field).join('\t')}\n`).join('');
}

async function writeTsvTable(file: string, table: CsvTable): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, formatTsv(table));
}

export async function prepareMovieReviewSentiment(ctx: PrepareContext): Promise<void> {
  const source = join(ctx.raw, 'train.tsv');
  if (!(await fileExists(source))) throw new RawFileMissingError(ctx.competition.id, source);
  const table = await readTsvTable(source);
  for (const column of ['PhraseId', 'SentenceId', 'Phrase', 'Sentiment']) columnIndex(table, column, source);
  const { train, test } = applySplit(
    table,
    splitTableRows(table.rows.length, { testSize: TEST_FRACTION, randomState: RANDOM_STATE }),
  );
  await writeTsvTable(join(ctx.public, 'train.tsv'), train);
  await writeTsvTable(join(ctx.public, 'test.tsv'), dropColumns(test, ['Sentiment'], source));
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), test);
  const sample = selectColumns(test, ['PhraseId', 'Sentiment'], source);
  await writeCsvTable(join(ctx.public, 'sampleSubmission.csv'), {
    header: sample.header,
    rows: sample.rows.map(([phraseId = '']) => [phraseId, '2']),
  });
}
