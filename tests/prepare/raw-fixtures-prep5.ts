/**
 * Synthetic raw datasets for the image competitions of branch prep5: Kaggle's real file names and
 * columns, made-up tiny values. Images are a few bytes each: the preparation copies them, never decodes.
 * 7-Zip archives Kaggle ships are stand-ins next to their by-hand extraction (seven-zip-archives.ts).
 */
import { join } from 'node:path';
import { blobs, file, range, table, type RawFixture } from './raw-fixtures.js';

export const PREP5_FIXTURES: RawFixture[] = [
  {
    // 50 labelled images: test = ceil(0.2 · 50) = 10
    id: 'invasive-species-monitoring',
    write: (raw) => {
      const names = range(50, (i) => String(i + 1));
      table(join(raw, 'train_labels.csv'), ['name', 'invasive'], 50, (i) => [names[i] ?? '', String(i % 2)]);
      table(join(raw, 'sample_submission.csv'), ['name', 'invasive'], 3, (i) => [String(i + 1), '0.5']);
      file(join(raw, 'train.7z'), '7z stand-in\n');
      file(join(raw, 'test.7z'), '7z stand-in\n');
      blobs(raw, 'train/{id}.jpg', names);
    },
    testRows: 10,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train_labels.csv'],
    testFilesDir: 'test',
  },
];
