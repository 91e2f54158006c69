/**
 * Synthetic raw datasets for the text, audio and image competitions of branch prep6: Kaggle's real
 * file names and columns, made-up tiny values. Files the preparation only copies hold a few bytes.
 */
import { join } from 'node:path';
import { file, range, type RawFixture } from './raw-fixtures.js';

/** Tab-separated text, as Kaggle's .tsv files (no field here needs quoting). */
function tsv(path: string, rows: readonly (readonly string[])[]): void {
  file(path, rows.map((row) => `${row.join('\t')}\n`).join(''));
}

/** movie-review: phrases with commas, a mid-phrase quote and `NA` (pandas would read it as missing). */
function moviePhrase(i: number): string {
  return i % 7 === 3 ? `a "so-so" film , ${i}` : i % 11 === 5 ? 'NA' : `phrase ${i} , with a comma`;
}

export const PREP6_FIXTURES: RawFixture[] = [
  {
    // 40 phrases of 8 sentences: test = ceil(0.3 · 40) = 12
    id: 'movie-review-sentiment-analysis-kernels-only',
    write: (raw) => {
      tsv(join(raw, 'train.tsv'), [
        ['PhraseId', 'SentenceId', 'Phrase', 'Sentiment'],
        ...range(40, (i) => String(i)).map((_, i) => [
          String(i + 1),
          String(Math.floor(i / 5) + 1),
          moviePhrase(i),
          String(i % 5),
        ]),
      ]);
      tsv(join(raw, 'test.tsv'), [
        ['PhraseId', 'SentenceId', 'Phrase'],
        ['156061', '8545', 'An intermittently pleasing but mostly routine effort .'],
      ]);
      file(join(raw, 'sampleSubmission.csv'), 'PhraseId,Sentiment\n156061,2\n');
    },
    testRows: 12,
    publicEntries: ['description.md', 'sampleSubmission.csv', 'test.tsv', 'train.tsv'],
  },
];
