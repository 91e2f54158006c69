/**
 * Synthetic raw datasets for the signal, medical-image and sensor competitions (branch prep7): Kaggle's
 * real file names and columns, made-up tiny values. Files the preparation only copies hold a few bytes.
 */
import { join } from 'node:path';
import { blobs, range, table, type RawFixture } from './raw-fixtures.js';

export const PREP7_FIXTURES: RawFixture[] = [
  {
    // 40 segments: test = ceil(0.1 · 40) = 4
    id: 'predict-volcanic-eruptions-ingv-oe',
    write: (raw) => {
      const ids = range(40, (i) => String(1000000 + i * 7919));
      table(join(raw, 'train.csv'), ['segment_id', 'time_to_eruption'], 40, (i) => [
        ids[i] ?? '',
        String(1000 + i * 37),
      ]);
      table(join(raw, 'sample_submission.csv'), ['segment_id', 'time_to_eruption'], 2, (i) => [String(9 + i), '0']);
      blobs(raw, 'train/{id}.csv', ids);
      blobs(raw, 'test/{id}.csv', ['9', '10']);
    },
    testRows: 4,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train.csv'],
    testFilesDir: 'test',
  },
];
