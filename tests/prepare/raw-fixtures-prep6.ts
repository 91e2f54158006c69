/**
 * Synthetic raw datasets for the text, audio and image competitions of branch prep6: Kaggle's real
 * file names and columns, made-up tiny values. Files the preparation only copies hold a few bytes.
 */
import { join } from 'node:path';
import { file, range, table, type RawFixture } from './raw-fixtures.js';

/** Tab-separated text, as Kaggle's .tsv files (no field here needs quoting). */
function tsv(path: string, rows: readonly (readonly string[])[]): void {
  file(path, rows.map((row) => `${row.join('\t')}\n`).join(''));
}

/** movie-review: phrases with commas, a mid-phrase quote and `NA` (pandas would read it as missing). */
function moviePhrase(i: number): string {
  return i % 7 === 3 ? `a "so-so" film , ${i}` : i % 11 === 5 ? 'NA' : `phrase ${i} , with a comma`;
}

/**
 * A `.npy` file as NumPy 1.x before 1.23 wrote it (header padded to 64 bytes, no growth room), from the
 * elements' bytes: the preparation must read any valid header.
 */
export function npyFile(path: string, descr: string, shape: readonly number[], data: Buffer): void {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const header = dict.padEnd(Math.ceil((dict.length + 11) / 64) * 64 - 11) + '\n';
  const length = Buffer.alloc(2);
  length.writeUInt16LE(header.length);
  file(path, Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), length, Buffer.from(header), data]));
}

/** `<U2` elements: each character as a 4-byte little-endian code point, NUL-padded. */
function unicode2(values: readonly string[]): Buffer {
  const out = Buffer.alloc(values.length * 8);
  values.forEach((v, k) => [...v].forEach((c, j) => out.writeUInt32LE(c.codePointAt(0) ?? 0, k * 8 + j * 4)));
  return out;
}

/** `<f4` frames of 429 features each, distinct per frame. */
function frames(n: number): Buffer {
  const out = Buffer.alloc(n * 429 * 4);
  for (let i = 0; i < n * 429; i++) out.writeFloatLE((i % 997) / 8 - 3, i * 4);
  return out;
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
  {
    // 40 training frames and 15 of Kaggle's test frames: test = ceil(15/55 · 40) = 11
    id: 'ml2021spring-hw2',
    write: (raw) => {
      const dir = join(raw, 'timit_11', 'timit_11');
      npyFile(join(dir, 'train_11.npy'), '<f4', [40, 429], frames(40));
      npyFile(join(dir, 'train_label_11.npy'), '<U2', [40], unicode2(range(40, (i) => String((i * 7) % 39))));
      npyFile(join(dir, 'test_11.npy'), '<f4', [15, 429], frames(15));
    },
    testRows: 11,
    publicEntries: ['description.md', 'sampleSubmission.csv', 'timit_11'],
  },
  {
    // 40 clips in 5 folders (background noise included): test = ceil(0.1 · 40) = 4
    id: 'tensorflow-speech-recognition-challenge',
    write: (raw) => {
      const labels = ['_background_noise_', 'bed', 'no', 'up', 'yes'];
      for (let i = 0; i < 40; i++) {
        const label = labels[i % 5] ?? '';
        const name = label.startsWith('_')
          ? `noise_${i}.wav`
          : `${(0x0a7c2a8d + i * 4099).toString(16)}_nohash_${i % 3}.wav`;
        file(join(raw, 'train', 'audio', label, name), `RIFF of ${label}/${name}`);
      }
      file(join(raw, 'train', 'audio', '_background_noise_', 'README.md'), 'not a clip');
      file(join(raw, 'train', 'validation_list.txt'), 'yes/0a7c2a8d_nohash_0.wav\n');
      file(join(raw, 'train', 'testing_list.txt'), 'no/0a7c3a8e_nohash_1.wav\n');
      file(join(raw, 'test', 'audio', 'clip_000044442.wav'), 'RIFF of a Kaggle test clip');
    },
    testRows: 4,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train'],
    testFilesDir: 'test',
  },
  {
    // 6 curated, 6 noisy, 5 Private test clips (Kaggle's sample) and 3 Public ones (not in the sample);
    // curated and test clips lie loose in raw/ (inner zips unpacked there), noisy ones in their folder
    id: 'freesound-audio-tagging-2019',
    write: (raw, classes) => {
      const clip = (prefix: string, i: number) =>
        `${prefix}${(0x0006f2a0 + i * 977).toString(16).padStart(8, '0')}.wav`;
      const tags = (i: number) => [classes[i % classes.length], classes[(i * 7 + 3) % classes.length]].join(',');
      for (const [csv, prefix, dir] of [
        ['train_curated.csv', 'c', ''],
        ['train_noisy.csv', 'n', 'train_noisy'],
      ] as const) {
        table(join(raw, csv), ['fname', 'labels'], 6, (i) => [clip(prefix, i), tags(i)]);
        for (let i = 0; i < 6; i++) file(join(raw, dir, clip(prefix, i)), `RIFF ${prefix} ${i}`);
      }
      const test = range(8, (i) => clip('t', i));
      table(join(raw, 'sample_submission.csv'), ['fname', ...classes], 5, (i) => [
        test[i + 3] ?? '',
        ...classes.map(() => '0'),
      ]);
      for (const name of test.slice(3)) file(join(raw, name), `RIFF ${name}`);
      table(
        join(raw, 'FSDKaggle2019.meta', 'test_post_competition.csv'),
        ['fname', 'labels', 'usage', 'freesound_id', 'license'],
        8,
        (i) => [
          test[i] ?? '',
          i % 2 === 0 ? (classes[i] ?? '') : tags(i),
          i < 3 ? 'Public' : 'Private',
          String(400000 + i),
          'CC-BY',
        ],
      );
    },
    testRows: 5,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test',
      'train_curated',
      'train_curated.csv',
      'train_noisy',
      'train_noisy.csv',
    ],
    testFilesDir: 'test',
  },
  {
    // 40 images, every 4th without salt (empty rle_mask): test = ceil(0.25 · 40) = 10
    id: 'tgs-salt-identification-challenge',
    write: (raw) => {
      const ids = range(40, (i) => (0x575d24 * (i + 3)).toString(16).slice(-10).padStart(10, '0'));
      const data = join(raw, 'competition_data');
      table(join(data, 'train.csv'), ['id', 'rle_mask'], 40, (i) => [
        ids[i] ?? '',
        i % 4 === 0 ? '' : `${1 + i} ${10 + i} ${300 + i} 7`,
      ]);
      for (const id of ids) {
        file(join(data, 'train', 'images', `${id}.png`), `image ${id}`);
        file(join(data, 'train', 'masks', `${id}.png`), `mask ${id}`);
      }
      file(join(data, 'test', 'images', '353e010b7b.png'), 'a Kaggle test image');
      table(join(raw, 'depths.csv'), ['id', 'z'], 41, (i) => [
        i === 40 ? '353e010b7b' : (ids[(i * 7) % 40] ?? ''),
        String(50 + i * 13),
      ]);
      file(join(raw, 'sample_submission.csv'), 'id,rle_mask\n353e010b7b,1 1\n');
    },
    testRows: 10,
    publicEntries: ['depths.csv', 'description.md', 'sample_submission.csv', 'test', 'train', 'train.csv'],
    testFilesDir: 'test',
  },
  {
    // 12 cases (sklearn holds out 2 whole cases), 3 to 6 days each (days after a train case's fourth
    // are held out too), 2 slices a day, 3 organs a slice; cases appear in train.csv out of number order
    id: 'uw-madison-gi-tract-image-segmentation',
    write: (raw) => {
      const rows: string[][] = [];
      for (let c = 0; c < 12; c++) {
        const caseId = `case${[123, 2, 77, 9, 15, 101, 33, 42, 6, 88, 19, 140][c]}`;
        const days = range(3 + (c % 4), (d) => `day${[0, 13, 20, 7, 25, 14][d]}`);
        for (const day of days) {
          const size = c % 3 === 0 ? '360_310' : '266_266';
          for (const n of ['0001', '0002']) {
            file(
              join(raw, 'train', caseId, `${caseId}_${day}`, 'scans', `slice_${n}_${size}_1.50_1.50.png`),
              `${caseId}_${day}_${n}`,
            );
            for (const [k, organ] of ['large_bowel', 'small_bowel', 'stomach'].entries()) {
              rows.push([
                `${caseId}_${day}_slice_${n}`,
                organ,
                (c + k + Number(n)) % 3 === 0 ? '' : `${5 + k} 3 ${300 + c} 4`,
              ]);
            }
          }
        }
      }
      table(join(raw, 'train.csv'), ['id', 'class', 'segmentation'], rows.length, (i) => rows[i] ?? []);
      file(join(raw, 'sample_submission.csv'), 'id,class,predicted\n');
    },
    testRows: 102, // the same steps in pandas on this raw: cases 19 and 88 held out, and 7 later days
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'test.csv', 'train', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    // 30 pages (one without characters): test = ceil(0.1 · 30) = 3; pages lie in raw/ itself, where
    // Kaggle's inner train_images.zip is unpacked
    id: 'kuzushiji-recognition',
    write: (raw) => {
      const ids = range(30, (i) => `${100241706 + i * 37}_000${i % 10}${i % 3 === 0 ? '' : `_${i % 3}`}`);
      const box = (i: number, k: number) =>
        `U+${(0x3042 + ((i + k) % 80)).toString(16).toUpperCase()} ${100 + 31 * k} ${200 + 17 * i} 40 52`;
      table(join(raw, 'train.csv'), ['image_id', 'labels'], 30, (i) => [
        ids[i] ?? '',
        i === 7 ? '' : range(1 + (i % 3), (k) => box(i, Number(k))).join(' '),
      ]);
      for (const id of ids) file(join(raw, `${id}.jpg`), `page ${id}`);
      file(join(raw, 'test_00145af3.jpg'), 'a Kaggle test page');
      table(join(raw, 'unicode_translation.csv'), ['Unicode', 'char'], 3, (i) => [
        `U+304${i}`,
        String.fromCodePoint(0x3040 + i),
      ]);
      file(join(raw, 'sample_submission.csv'), 'image_id,labels\ntest_00145af3,U+003F 1 1 U+FF2F 2 2\n');
    },
    testRows: 3,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train.csv', 'unicode_translation.csv'],
    testFilesDir: 'test',
  },
  {
    // 30 studies of 1 or 2 images: test = ceil(0.1 · 30) = 3 studies
    id: 'siim-covid19-detection',
    write: (raw) => {
      const studies = range(30, (i) => (0x00086460a852 + i * 0x1f3a5b7).toString(16).padStart(12, '0'));
      const classes = [
        'Negative for Pneumonia',
        'Typical Appearance',
        'Indeterminate Appearance',
        'Atypical Appearance',
      ];
      table(join(raw, 'train_study_level.csv'), ['id', ...classes], 30, (i) => [
        `${studies[i]}_study`,
        ...classes.map((_, c) => (c === i % 4 ? '1' : '0')),
      ]);
      const images: string[][] = [];
      for (const [i, study] of studies.entries()) {
        for (let k = 0; k <= i % 2; k++) {
          const image = (0x000a312787f2 + i * 0x3b9aca + k).toString(16).padStart(12, '0');
          const opacity = (i + k) % 3 !== 0;
          images.push([
            `${image}_image`,
            opacity ? `[{'x': ${789.28836 + i}, 'y': 582.43035, 'width': 1026.65662, 'height': 1917.30292}]` : '',
            opacity ? `opacity 1 ${789.28836 + i} 582.43035 ${1815.94498 + i} 2499.73327` : 'none 1 0 0 1 1',
            study,
          ]);
          file(join(raw, 'train', study, `${(0xabc + i).toString(16)}ef`, `${image}.dcm`), `DICM ${image}`);
        }
      }
      // image rows listed out of id order, as Kaggle's
      images.reverse();
      table(
        join(raw, 'train_image_level.csv'),
        ['id', 'boxes', 'label', 'StudyInstanceUID'],
        images.length,
        (i) => images[i] ?? [],
      );
      file(join(raw, 'test', '00188a671292', '3eb5a506ccf3', 'a1e4d2f2a5b6.dcm'), 'DICM a Kaggle test image');
      file(join(raw, 'sample_submission.csv'), 'id,PredictionString\n00188a671292_study,negative 1 0 0 1 1\n');
    },
    testRows: 7, // 3 studies and their 4 images (the same steps in pandas on this raw)
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test',
      'train',
      'train_image_level.csv',
      'train_study_level.csv',
    ],
  },
  {
    // 30 images: every third has "No finding" from three radiologists (no box), the others two
    // radiologists' boxes for one or two findings; test = ceil(0.1 · 30) = 3 images
    id: 'vinbigdata-chest-xray-abnormalities-detection',
    write: (raw) => {
      const images = range(30, (i) => `${(0x9a5094b2 + i * 0x1d3f7).toString(16)}63a1ef3ff50dc5c7ff71345`);
      const findings = ['Aortic enlargement', 'Atelectasis', 'Calcification', 'Cardiomegaly'];
      const rows: string[][] = [];
      for (const [i, image] of images.entries()) {
        if (i % 3 === 0) {
          for (const rad of ['R1', 'R2', 'R3']) rows.push([image, 'No finding', '14', rad, '', '', '', '']);
          continue;
        }
        for (const k of range(1 + (i % 2), String)) {
          const cls = (i + Number(k) * 2) % 4;
          for (const [r, rad] of ['R8', 'R10'].entries()) {
            const x = 600 + i * 10 + r * 3;
            rows.push([image, findings[cls] ?? '', String(cls), rad, `${x}.0`, '1375.0', `${x + 900}.0`, '1831.0']);
          }
        }
        file(join(raw, 'train', `${image}.dicom`), `DICM ${image}`);
      }
      for (const [i, image] of images.entries())
        if (i % 3 === 0) file(join(raw, 'train', `${image}.dicom`), `DICM ${image}`);
      // rows by radiologist, not by image, as in Kaggle's file
      rows.sort((a, b) => ((a[3] ?? '') < (b[3] ?? '') ? -1 : (a[3] ?? '') > (b[3] ?? '') ? 1 : 0));
      table(
        join(raw, 'train.csv'),
        ['image_id', 'class_name', 'class_id', 'rad_id', 'x_min', 'y_min', 'x_max', 'y_max'],
        rows.length,
        (i) => rows[i] ?? [],
      );
      file(join(raw, 'test', '002a34c58c5b758217ed1f584ccbcfe9.dicom'), 'DICM a Kaggle test image');
      file(
        join(raw, 'sample_submission.csv'),
        'image_id,PredictionString\n002a34c58c5b758217ed1f584ccbcfe9,14 1 0 0 1 1\n',
      );
    },
    testRows: 3,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train.csv'],
    testFilesDir: 'test',
  },
  {
    // 40 molecules: test = ceil(0.2 · 40) = 8; images nested by the id's first three characters
    id: 'bms-molecular-translation',
    write: (raw) => {
      const ids = range(40, (i) => (0x000011fcd4a0 + i * 0x9e3779b).toString(16).padStart(12, '0'));
      table(join(raw, 'train_labels.csv'), ['image_id', 'InChI'], 40, (i) => [
        ids[i] ?? '',
        `InChI=1S/C${10 + i}H${12 + i}O2/c1-${i}(13)8-3-5-9(11-2)6-4-7-${i}/h3-${i}H,1-2H3`,
      ]);
      for (const id of ids) file(join(raw, 'train', id[0] ?? '', id[1] ?? '', id[2] ?? '', `${id}.png`), `PNG ${id}`);
      file(join(raw, 'test', '0', '0', '0', '00000d2a601c.png'), 'PNG a Kaggle test image');
      table(join(raw, 'extra_approved_InChIs.csv'), ['InChI'], 2, (i) => [`InChI=1S/CH${4 - i}/h1H${4 - i}`]);
      file(join(raw, 'sample_submission.csv'), 'image_id,InChI\n00000d2a601c,InChI=1S/H2O/h1H2\n');
    },
    testRows: 8,
    publicEntries: [
      'description.md',
      'extra_approved_InChIs.csv',
      'sample_submission.csv',
      'test',
      'train',
      'train_labels.csv',
    ],
    testFilesDir: 'test',
  },
  {
    // 40 cadences: test = ceil(0.1 · 40) = 4; each .npy in the folder of its id's first character
    id: 'seti-breakthrough-listen',
    write: (raw) => {
      const ids = range(
        40,
        (i) => `${(i % 16).toString(16)}${(0x799a2b2c + i * 0x2f1e3d4c).toString(16).padStart(14, '0')}`,
      );
      table(join(raw, 'train_labels.csv'), ['id', 'target'], 40, (i) => [ids[i] ?? '', String(i % 5 === 0 ? 1 : 0)]);
      for (const id of ids) file(join(raw, 'train', id.charAt(0), `${id}.npy`), `NUMPY ${id}`);
      file(join(raw, 'test', '0', '00034abb3629.npy'), 'NUMPY a Kaggle test cadence');
      file(join(raw, 'old_leaky_data', 'train_labels_old.csv'), 'id,target\n0000799a2b2c42d,0\n');
      file(join(raw, 'old_leaky_data', 'train_old', '0', '0000799a2b2c42d.npy'), 'NUMPY old');
      file(join(raw, 'sample_submission.csv'), 'id,target\n00034abb3629,0.5\n');
    },
    testRows: 4,
    publicEntries: ['description.md', 'old_leaky_data', 'sample_submission.csv', 'test', 'train', 'train_labels.csv'],
    testFilesDir: 'test',
  },
];
