/**
 * Synthetic raw datasets for the image competitions of branch prep5: Kaggle's real file names and
 * columns, made-up tiny values. Images are a few bytes each: the preparation copies them, never decodes.
 * 7-Zip archives Kaggle ships are stand-ins next to their by-hand extraction (seven-zip-archives.ts).
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { blobs, file, range, table, type RawFixture } from './raw-fixtures.js';
import { PythonRandom } from '../../harness/prepare/python-random.js';
import { trainTestSplitIndices } from '../../harness/prepare/train-test-split.js';
import { tarFile } from './tar-fixture.js';
import { encodeExample, tfRecordFile } from './tfrecord-fixture.js';

const PADDY_LABELS = [
  'bacterial_leaf_blight',
  'bacterial_leaf_streak',
  'bacterial_panicle_blight',
  'blast',
  'brown_spot',
  'dead_heart',
  'downy_mildew',
  'hispa',
  'normal',
  'tungro',
];

const SEEDLINGS = [
  'Black-grass',
  'Charlock',
  'Cleavers',
  'Common Chickweed',
  'Common wheat',
  'Fat Hen',
  'Loose Silky-bent',
  'Maize',
  'Scentless Mayweed',
  'Shepherds Purse',
  'Small-flowered Cranesbill',
  'Sugar beet',
];

/** cassava: 16 training TFRecord files of 3 images each; image k is `${1000 + k}.jpg` with label k mod 5. */
function writeCassavaRaw(raw: string): void {
  const image = (k: number) => `${1000 + k}.jpg`;
  table(join(raw, 'train.csv'), ['image_id', 'label'], 48, (k) => [image(k), String(k % 5)]);
  for (let f = 0; f < 16; f++) {
    const examples = range(3, (r) => String(f * 3 + r)).map((k) =>
      encodeExample({ image: `jpeg ${k}`, image_name: image(Number(k)), target: [Number(k) % 5] }),
    );
    file(
      join(raw, 'train_tfrecords', `ld_train${String(f).padStart(2, '0')}-${1300 + f}.tfrec`),
      tfRecordFile(examples),
    );
  }
  blobs(
    raw,
    'train_images/{id}',
    range(48, (k) => image(k)),
  );
  file(join(raw, 'label_num_to_disease_map.json'), '{"0": "Cassava Bacterial Blight (CBB)", "4": "Healthy"}');
  blobs(raw, 'test_images/{id}', ['2216849948.jpg']);
  file(
    join(raw, 'test_tfrecords', 'ld_test00-1.tfrec'),
    tfRecordFile([encodeExample({ image_name: '2216849948.jpg' })]),
  );
  table(join(raw, 'sample_submission.csv'), ['image_id', 'label'], 1, () => ['2216849948.jpg', '4']);
}

const PATHOLOGY_2021 = ['healthy', 'scab', 'rust', 'frog_eye_leaf_spot', 'scab frog_eye_leaf_spot', 'complex'];

/** whale-categorization: new_whale every 4th image, ten whales with one image, seven with several. */
export const whaleOf = (i: number) =>
  i % 4 === 0 ? 'new_whale' : i % 3 === 0 ? `w_${(1000 + i).toString(16)}` : `w_${i % 7}`;
export const whaleImage = (i: number) => `${(0x1a2b3c4d + i * 977).toString(16).padStart(8, '0')}.jpg`;

const PAWPULARITY = [
  'Id',
  ...['Subject Focus', 'Eyes', 'Face', 'Near', 'Action', 'Accessory', 'Group', 'Collage', 'Human', 'Occlusion'],
  ...['Info', 'Blur', 'Pawpularity'],
];

const ALASKA2_ALGORITHMS = ['JMiPOD', 'JUNIWARD', 'UERD'];

/**
 * Herbarium metadata: categories interleaved (each image takes the next category that still has images
 * left), so grouping by category reorders them. 2020/2021 sizes 1, 3, 6, 9 (5 test images); 2022 sizes
 * 2, 3, 6, 9 (6 test images: 2022 splits every category).
 */
export function herbariumMetadata(year: '2020' | '2021' | '2022'): Record<string, unknown> {
  const categories = [3, 15504, 27, 1001];
  const left = year === '2022' ? [2, 3, 6, 9] : [1, 3, 6, 9];
  const order: number[] = [];
  for (let c = 0; left.some((n) => n > 0); c = (c + 1) % 4) {
    if (left[c]! > 0) {
      left[c]!--;
      order.push(categories[c]!);
    }
  }
  const folder = (c: number) => `${String(Math.floor(c / 100)).padStart(3, '0')}/${String(c % 100).padStart(2, '0')}`;
  const key = year === '2022' ? 'image_id' : 'id';
  const imageId = (i: number) => (year === '2022' ? `${i}-é` : 1000 + i);
  const images = order.map((c, i) => ({
    [key]: imageId(i),
    file_name: `${year === '2022' ? '' : 'images/'}${folder(c)}/${1000 + i}.jpg`,
    height: 1000 + i,
    width: 682,
    license: 0,
  }));
  const annotations = order.map((c, i) => ({
    category_id: c,
    image_id: imageId(i),
    [year === '2022' ? 'genus_id' : 'id']: i,
    institution_id: 0,
  }));
  const common = { annotations, images, licenses: [{ id: 0, name: 'Public Domain Dedication', url: '' }] };
  const cats = categories.map((c) => ({ id: c, name: `Plantae ${c} Montréal`, family: 'Asteraceae' }));
  if (year === '2022')
    return { ...common, categories: cats, genera: [{ genus: 'Acer', genus_id: 0 }], distances: [], institutions: [] };
  const info = {
    year: Number(year),
    version: '1.0',
    description: 'Herbarium',
    contributor: 'NYBG',
    date_created: `${year}-01-01`,
  };
  return {
    ...common,
    categories: cats,
    info,
    [year === '2020' ? 'regions' : 'institutions']: [{ id: 0, name: 'New York' }],
  };
}

/** Writes the herbarium metadata and one tiny image per entry under `imagesDir`. */
function writeHerbarium(raw: string, year: '2020' | '2021' | '2022'): void {
  const metadata = herbariumMetadata(year);
  const layout = {
    '2020': ['nybg2020/train/metadata.json', 'nybg2020/train'],
    '2021': ['train/metadata.json', 'train'],
    '2022': ['train_metadata.json', 'train_images'],
  }[year];
  file(join(raw, layout[0]!), JSON.stringify(metadata));
  for (const image of metadata['images'] as { file_name: string }[])
    file(join(raw, layout[1]!, image.file_name), `bytes of ${image.file_name}`);
}

/** inaturalist-2019: categories of 1, 3, 6 and 9 images interleaved; images inside train_val2019.tar.gz. */
export function inaturalistTrain(): { images: { id: number; file_name: string }[]; annotations: unknown[] } {
  const categories = [400, 7, 1009, 33];
  const left = [1, 3, 6, 9];
  const order: number[] = [];
  for (let c = 0; left.some((n) => n > 0); c = (c + 1) % 4) {
    if (left[c]! > 0) {
      left[c]!--;
      order.push(categories[c]!);
    }
  }
  const images = order.map((c, i) => ({
    id: 265213 + i,
    file_name: `train_val2019/${c < 100 ? 'Birds' : 'Plants'}/${c}/${(0xd1322d13 + i * 7919).toString(16)}.jpg`,
    width: 800,
    height: 600,
    license: 1,
  }));
  const annotations = order.map((c, i) => ({ id: 265213 + i, image_id: 265213 + i, category_id: c }));
  return { images, annotations };
}

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
  {
    // 40 labelled images in label folders: test = 40 - floor(0.75 · 40) = 10
    id: 'paddy-disease-classification',
    write: (raw) => {
      const rows = range(40, (i) => `${100000 + i * 7}.jpg`).map((id, i) => ({ id, label: PADDY_LABELS[i % 10]! }));
      table(join(raw, 'train.csv'), ['image_id', 'label', 'variety', 'age'], 40, (i) => [
        rows[i]!.id,
        rows[i]!.label,
        i % 3 === 0 ? 'ADT45' : 'KarnatakaPonni',
        String(45 + (i % 30)),
      ]);
      for (const { id, label } of rows) file(join(raw, 'train_images', label, id), `bytes of ${id}\n`);
      table(join(raw, 'sample_submission.csv'), ['image_id', 'label'], 2, (i) => [`20000${i}.jpg`, '']);
      blobs(raw, 'test_images/{id}', ['200000.jpg', '200001.jpg']);
    },
    testRows: 10,
    publicEntries: ['description.md', 'sample_submission.csv', 'test_images', 'train.csv', 'train_images'],
    testFilesDir: 'test_images',
  },
  {
    // 12 species × 5 PNGs (plus a stray non-PNG): test = ceil(0.14 · 60) = 9
    id: 'plant-seedlings-classification',
    write: (raw) => {
      SEEDLINGS.forEach((species, s) => {
        blobs(
          raw,
          `train/${species}/{id}`,
          range(5, (k) => `${(s * 5 + k).toString(16).padStart(9, '0')}.png`),
        );
      });
      file(join(raw, 'train', 'Maize', 'Thumbs.db'), 'not an image\n');
      blobs(raw, 'test/{id}', ['fd87b36ae.png', 'fe9e87b78.png']);
      table(join(raw, 'sample_submission.csv'), ['file', 'species'], 2, (i) => [`f${i}.png`, 'Sugar beet']);
    },
    testRows: 9,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train'],
    testFilesDir: 'test',
  },
  {
    // 16 TFRecord files: sklearn holds out ceil(0.1 · 16) = 2 of them, 3 images each
    id: 'cassava-leaf-disease-classification',
    write: writeCassavaRaw,
    testRows: 6,
    publicEntries: [
      'description.md',
      'label_num_to_disease_map.json',
      'sample_submission.csv',
      'test_images',
      'test_tfrecords',
      'train.csv',
      'train_images',
      'train_tfrecords',
    ],
    testFilesDir: 'test_images',
  },
  {
    // 60 labelled images: test = ceil(0.2 · 60) = 12
    id: 'plant-pathology-2021-fgvc8',
    write: (raw) => {
      const images = range(60, (i) => `${(0x800113bb65efe69en + BigInt(i) * 7919n).toString(16)}.jpg`);
      table(join(raw, 'train.csv'), ['image', 'labels'], 60, (i) => [images[i]!, PATHOLOGY_2021[i % 6]!]);
      blobs(raw, 'train_images/{id}', images);
      blobs(raw, 'test_images/{id}', ['85f8cb619c66b863.jpg']);
      table(join(raw, 'sample_submission.csv'), ['image', 'labels'], 1, () => ['85f8cb619c66b863.jpg', 'healthy']);
    },
    testRows: 12,
    publicEntries: ['description.md', 'sample_submission.csv', 'test_images', 'train.csv', 'train_images'],
    testFilesDir: 'test_images',
  },
  {
    // 60 images: MLE-bench's steps (pandas, numpy default_rng, sklearn) put 13 on the test side
    id: 'whale-categorization-playground',
    write: (raw) => {
      table(join(raw, 'train.csv'), ['Image', 'Id'], 60, (i) => [whaleImage(i), whaleOf(i)]);
      blobs(raw, 'train/{id}', range(60, whaleImage));
      blobs(raw, 'test/{id}', ['ffff0001.jpg']);
      table(join(raw, 'sample_submission.csv'), ['Image', 'Id'], 1, () => ['ffff0001.jpg', 'new_whale']);
    },
    testRows: 13,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train.csv'],
    testFilesDir: 'test',
  },
  {
    // 50 photos: test = ceil(0.1 · 50) = 5
    id: 'petfinder-pawpularity-score',
    write: (raw) => {
      const ids = range(50, (i) => (0x0007de18844b0dbbn + BigInt(i) * 104729n).toString(16).padStart(32, '0'));
      table(join(raw, 'train.csv'), PAWPULARITY, 50, (i) => [
        ids[i]!,
        ...range(12, (k) => String((i >> (k % 5)) & 1)),
        String(1 + ((i * 37) % 100)),
      ]);
      blobs(raw, 'train/{id}.jpg', ids);
      table(join(raw, 'test.csv'), PAWPULARITY.slice(0, -1), 1, () => [
        '4128bae22183829d2b5fea10effdb0c3',
        ...range(12, () => '0'),
      ]);
      blobs(raw, 'test/{id}.jpg', ['4128bae22183829d2b5fea10effdb0c3']);
    },
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'test.csv', 'train', 'train.csv'],
    publicTest: 'test.csv',
    testFilesDir: 'test',
  },
  {
    // 20 radar records: test = ceil(0.2 · 20) = 4
    id: 'statoil-iceberg-classifier-challenge',
    write: (raw) => {
      const records = Array.from({ length: 20 }, (_, i) => ({
        id: (0x5941774d + i * 7919).toString(16),
        band_1: [-27.878360999999998 + i, -27.15416, -28.668615],
        band_2: [-23.6, -1e-5 * i, 0.5],
        inc_angle: i % 6 === 0 ? 'na' : 43.9239 + i / 10,
        is_iceberg: i % 2,
      }));
      file(join(raw, 'data', 'processed', 'train.json'), JSON.stringify(records));
      file(join(raw, 'train.json.7z'), '7z stand-in\n');
      file(join(raw, 'test.json.7z'), '7z stand-in\n');
      file(join(raw, 'sample_submission.csv.7z'), '7z stand-in\n');
    },
    testRows: 4,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.json', 'train.json'],
  },
  {
    // 5,004 covers, each with its three edited versions: MLE-bench holds out exactly 5,000
    id: 'alaska2-image-steganalysis',
    write: (raw) => {
      const names = range(5004, (i) => `${String(i + 1).padStart(5, '0')}.jpg`);
      const version = (folder: string, name: string) => file(join(raw, folder, name), `${folder} ${name}`);
      for (const name of names) version('Cover', name);
      // Only the edited versions the preparation reads (all 15,012 would make this fixture slow): every
      // algorithm's for the 4 train covers, the drawn one for each edited test image. The draws are
      // MLE-bench's steps, pinned against CPython in custom-preparers-prep5.test.ts.
      const split = trainTestSplitIndices(names.length, { testSize: 5000, randomState: 42 });
      for (const i of split.train) for (const folder of ALASKA2_ALGORITHMS) version(folder, names[i]!);
      const test = Array.from(split.test, (i) => names[i]!);
      const rng = new PythonRandom(0);
      rng.shuffle(test);
      for (const name of test) if (!rng.choice([true, false])) version(rng.choice(ALASKA2_ALGORITHMS), name);
      blobs(raw, 'Test/{id}', ['0001.jpg', '0002.jpg']);
      table(join(raw, 'sample_submission.csv'), ['Id', 'Label'], 2, (i) => [`000${i + 1}.jpg`, '0']);
    },
    testRows: 5000,
    publicEntries: ['Cover', 'JMiPOD', 'JUNIWARD', 'Test', 'UERD', 'description.md', 'sample_submission.csv'],
    testFilesDir: 'Test',
  },
  {
    id: 'herbarium-2020-fgvc7',
    write: (raw) => {
      writeHerbarium(raw, '2020');
      blobs(raw, 'nybg2020/test/images/000/{id}.jpg', ['0']);
      file(join(raw, 'nybg2020/test/metadata.json'), '{"images": [], "info": {}, "licenses": []}');
    },
    testRows: 5,
    publicEntries: ['description.md', 'nybg2020', 'sample_submission.csv'],
  },
  {
    id: 'herbarium-2021-fgvc8',
    write: (raw) => writeHerbarium(raw, '2021'),
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train'],
  },
  {
    id: 'herbarium-2022-fgvc9',
    write: (raw) => {
      writeHerbarium(raw, '2022');
      file(join(raw, 'test_metadata.json'), '[]');
    },
    testRows: 6,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test_images',
      'test_metadata.json',
      'train_images',
      'train_metadata.json',
    ],
  },
  {
    // 51 rows, one of them the duplicated image MLE-bench drops: test = ceil(0.1 · 50) = 5
    id: 'hotel-id-2021-fgvc8',
    write: (raw) => {
      const images = range(
        50,
        (i) => `${(0x000ff4a3fcc6c2a9n + BigInt(i) * 7919n).toString(16).padStart(16, '0')}.jpg`,
      );
      const rows = [
        ...images.map((image, i) => [
          image,
          String(i % 4),
          String(36000 + (i % 9)),
          `2018-0${1 + (i % 9)}-12 10:00:00`,
        ]),
      ];
      rows.splice(20, 0, ['ce27d36c9147cc19.jpg', '1', '10', '2016-01-01 00:00:00']);
      table(join(raw, 'train.csv'), ['image', 'chain', 'hotel_id', 'timestamp'], rows.length, (i) => rows[i]!);
      for (const [image, chain] of rows) file(join(raw, 'train_images', chain!, image!), `bytes of ${image}`);
      blobs(raw, 'test_images/{id}', ['abc.jpg']);
      table(join(raw, 'sample_submission.csv'), ['image', 'hotel_id'], 1, () => ['abc.jpg', '36363 53586']);
    },
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test_images', 'train.csv', 'train_images'],
    testFilesDir: 'test_images',
  },
  {
    // 40 artworks: test = ceil(0.15 · 40) = 6
    id: 'imet-2020-fgvc7',
    write: (raw) => {
      const ids = range(40, (i) => (0x10023b2cc4ed5f68n + BigInt(i) * 7919n).toString(16));
      table(join(raw, 'train.csv'), ['id', 'attribute_ids'], 40, (i) => [
        ids[i]!,
        `${i % 7} ${13 + (i % 5)} ${100 + i}`,
      ]);
      table(join(raw, 'labels.csv'), ['attribute_id', 'attribute_name'], 3, (i) => [String(i), `culture::c${i}`]);
      blobs(raw, 'train/{id}.png', ids);
      blobs(raw, 'test/{id}.png', ['ffffffff']);
      table(join(raw, 'sample_submission.csv'), ['id', 'attribute_ids'], 1, () => ['ffffffff', '0 1 2']);
    },
    testRows: 6,
    publicEntries: ['description.md', 'labels.csv', 'sample_submission.csv', 'test', 'train', 'train.csv'],
    testFilesDir: 'test',
  },
  {
    // 60 images at 12 locations: sklearn (random_state=8) holds out locations 13 and 33, 10 images
    id: 'iwildcam-2019-fgvc6',
    write: (raw) => {
      const ids = range(60, (i) => `5998cfa4-23d2-11e8-a6a3-ec086b02${String(i).padStart(4, '0')}`);
      const header = ['category_id', 'date', 'file_name', 'frame_num', 'id', 'location', 'rights_holder'];
      table(join(raw, 'train.csv'), [...header, 'seq_id', 'seq_num_frames', 'width', 'height'], 60, (i) => [
        String([0, 1, 3, 8, 10][i % 5]),
        `2011-05-13 23:43:${String(i % 60).padStart(2, '0')}`,
        `${ids[i]}.jpg`,
        String(1 + (i % 3)),
        ids[i]!,
        String(((i * 7) % 12) * 10 + 3),
        'Justin Brown',
        `6f084ccc-5567-11e8-bc84-dca9047ef${String(Math.floor(i / 3)).padStart(3, '0')}`,
        '3',
        '1024',
        '747',
      ]);
      blobs(raw, '{id}.jpg', ids); // Podium's unzip puts the inner train_images.zip's files in raw/
      table(join(raw, 'test.csv'), ['date', 'file_name', 'frame_num', 'id', 'location'], 1, () => [
        'x',
        'x.jpg',
        '1',
        'x',
        '1',
      ]);
      table(join(raw, 'sample_submission.csv'), ['Id', 'Predicted'], 1, () => ['x', '0']);
    },
    testRows: 10,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'test_images', 'train.csv', 'train_images'],
    // public test.csv names its id column 'id', the submission 'Id': the targeted test checks it
    testFilesDir: 'test_images',
  },
  {
    // 80 images at 10 locations: sklearn holds out 52 and 12 (17 images), the rebalancing moves 50 to test
    // (22), then 3 there and back (pandas + numpy + sklearn 1.9.1 on the same data)
    id: 'iwildcam-2020-fgvc7',
    write: (raw) => {
      const ids = range(80, (i) => `896c1198-21bc-11ea-a13a-137349${String(i).padStart(6, '0')}`);
      const location = (i: number) => (i < 60 ? [3, 3, 7, 12, 3, 40, 7, 41, 3, 12][i % 10]! : 50 + (i % 4));
      const images = ids.map((id, i) => ({ id, file_name: `${id}.jpg`, location: location(i), seq_id: `s${i >> 2}` }));
      const annotations = ids.map((id, i) => ({ id: `a${i}`, image_id: id, category_id: [0, 2, 372, 101][i % 4] }));
      const categories = [0, 2, 372, 101].map((id) => ({ id, name: `species ${id}`, count: 1 }));
      file(
        join(raw, 'iwildcam2020_train_annotations.json'),
        JSON.stringify({ annotations, images, categories, info: { version: '2020' } }),
      );
      file(
        join(raw, 'iwildcam2020_test_information.json'),
        JSON.stringify({ images: [], categories, info: { version: 'test' } }),
      );
      file(join(raw, 'iwildcam2020_megadetector_results.json'), '{"images": [], "detection_categories": {}}');
      blobs(raw, 'train/{id}.jpg', ids);
      blobs(raw, 'test/{id}.jpg', ['8b3aa23e-21bc-11ea-a13a-137349068a90']);
      table(join(raw, 'sample_submission.csv'), ['Id', 'Category'], 1, () => [
        '8b3aa23e-21bc-11ea-a13a-137349068a90',
        '0',
      ]);
    },
    testRows: 22,
    publicEntries: [
      'description.md',
      'iwildcam2020_megadetector_results.json',
      'iwildcam2020_test_information.json',
      'iwildcam2020_train_annotations.json',
      'sample_submission.csv',
      'test',
      'train',
    ],
    testFilesDir: 'test',
  },
  {
    // categories of 1, 3, 6, 9 images: test = 0 + 1 + ceil(0.12 · 6) + ceil(0.12 · 9) = 4
    id: 'inaturalist-2019-fgvc6',
    write: (raw) => {
      const { images, annotations } = inaturalistTrain();
      const categories = [7, 33, 400, 1009].map((id) => ({ id, name: `species ${id}`, kingdom: 'Plantae' }));
      const info = { year: 2019, version: '1.0', description: 'iNat2019' };
      const licenses = [{ id: 1, name: 'CC BY', url: 'http://creativecommons.org/licenses/by/4.0/' }];
      file(join(raw, 'train2019.json'), JSON.stringify({ annotations, categories, images, info, licenses }));
      file(join(raw, 'val2019.json'), JSON.stringify({ annotations: [], categories, images: [], info, licenses }));
      file(join(raw, 'test2019.json'), JSON.stringify({ images: [], info, licenses }));
      const tar = tarFile(Object.fromEntries(images.map((image) => [image.file_name, `bytes of ${image.file_name}`])));
      file(join(raw, 'train_val2019.tar.gz'), gzipSync(tar));
      file(join(raw, 'test2019.tar.gz'), gzipSync(tarFile({ 'test2019/0.jpg': 'kaggle test' })));
      table(join(raw, 'kaggle_sample_submission.csv'), ['id', 'predicted'], 1, () => ['0', '0 1 2 3 4']);
    },
    testRows: 4,
    publicEntries: [
      'description.md',
      'kaggle_sample_submission.csv',
      'test2019',
      'test2019.json',
      'train2019.json',
      'train_val2019',
      'val2019.json',
    ],
    testFilesDir: 'test2019',
  },
];
