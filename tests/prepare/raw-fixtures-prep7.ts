/**
 * Synthetic raw datasets for the signal, medical-image and sensor competitions (branch prep7): Kaggle's
 * real file names and columns, made-up tiny values. Files the preparation only copies hold a few bytes.
 * Import RAW_FIXTURES from raw-fixtures.ts rather than this file: the helpers come from there, and the
 * import cycle resolves only when raw-fixtures.ts is loaded first (they are used only inside `write`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { csvText } from '../support/csv-text.js';
import { grayPng } from './png-fixture.js';
import { blobs, file, range, table, type RawFixture } from './raw-fixtures.js';
import { zipSync } from './zip-fixture.js';
import { COPIED_AS_IS } from '../../harness/prepare/custom/multi-modal-gesture-recognition.js';

const GROUND_TRUTH = [
  'MessageType',
  'Provider',
  'LatitudeDegrees',
  'LongitudeDegrees',
  'AltitudeMeters',
  'SpeedMps',
  'AccuracyMeters',
  'BearingDegrees',
  'UnixTimeMillis',
];

/** One drive a day on 20 days, plus a second drive on every third day whose date is written 0-padded. */
const SMARTPHONE_DRIVES = Array.from({ length: 20 }, (_, i) => {
  const [month, day] = [1 + (i % 12), 1 + i];
  const second = `2021-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}-US-SJC-2`;
  return [`2021-${month}-${day}-US-MTV-1`, ...(i % 3 === 0 ? [second] : [])];
}).flat();

const OSIC_COLUMNS = ['Patient', 'Weeks', 'FVC', 'Percent', 'Age', 'Sex', 'SmokingStatus'];
const OSIC_PATIENTS = Array.from(
  { length: 20 },
  (_, p) => `ID${String(7637 + p * 131).padStart(8, '0')}202177411956430`,
);
/** pandas: the 2 test patients sklearn picks × the 45 weeks from the test side's lowest (-2) to highest (42). */
const OSIC_TEST_ROWS = 90;

const SPINE_LABELS = ['patient_overall', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];

const BREAST_COLUMNS = [
  'site_id',
  'patient_id',
  'image_id',
  'laterality',
  'view',
  'age',
  'cancer',
  'biopsy',
  'invasive',
  'BIRADS',
  'implant',
  'density',
  'machine_id',
  'difficult_negative_case',
];
const BREAST_TEST_COLUMNS = ['site_id', 'patient_id', 'image_id', 'laterality', 'view', 'age', 'implant', 'machine_id'];

const HMS_COLUMNS = [
  'eeg_id',
  'eeg_sub_id',
  'eeg_label_offset_seconds',
  'spectrogram_id',
  'spectrogram_sub_id',
  'spectrogram_label_offset_seconds',
  'label_id',
  'patient_id',
  'expert_consensus',
  'seizure_vote',
  'lpd_vote',
  'gpd_vote',
  'lrda_vote',
  'grda_vote',
  'other_vote',
];
/** The windows of the 2 spectrograms sklearn holds out (computed with pandas, see the targeted test). */
const HMS_TEST_ROWS = 3;

const HUBMAP_INFO = [
  'image_file',
  'width_pixels',
  'height_pixels',
  'anatomical_structures_segmention_file',
  'glomerulus_segmentation_file',
  'patient_number',
  'race',
  'ethnicity',
  'sex',
  'age',
  'weight_kilograms',
  'height_centimeters',
  'bmi_kg/m^2',
  'laterality',
  'percent_cortex',
  'percent_medulla',
];

const NFL_LABELS = ['contact_id', 'game_play', 'datetime', 'step', 'nfl_player_id_1', 'nfl_player_id_2', 'contact'];
/** The label rows of the 2 plays sklearn holds out (computed with pandas, see the targeted test). */
const NFL_TEST_ROWS = 5;

/** The scipy-written .mat files (fixtures/gesture-mat) whose `Video.Labels` the preparation must remove. */
export const GESTURE_MATS = ['video-compressed', 'video-plain', 'video-array'];
const GESTURE_MAT_DIR = join(import.meta.dirname, 'fixtures', 'gesture-mat');

/** A ChaLearn sample zip: three videos, the audio (made-up bytes) and the `_data.mat`. */
function gestureSampleZip(sample: string, mat: string, deflate: boolean): Buffer {
  return zipSync([
    ...['color.mp4', 'depth.mp4', 'user.mp4', 'audio.wav'].map((suffix) => ({
      name: `${sample}_${suffix}`,
      content: `${suffix} bytes of ${sample}\n`,
      deflate,
    })),
    { name: `${sample}_data.mat`, content: readFileSync(join(GESTURE_MAT_DIR, `${mat}.mat`)), deflate },
  ]);
}

/** A gzipped ustar archive built in memory (fixtures are written synchronously); a name ending in `/` is a folder. */
function tarGz(entries: readonly { name: string; data: string | Buffer }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, data } of entries) {
    const body = Buffer.from(data);
    const header = Buffer.alloc(512);
    const put = (text: string, offset: number) => header.write(text, offset, 'latin1');
    put(name, 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    put('00000000000\0', 136);
    put('        ', 148);
    put(name.endsWith('/') ? '5' : '0', 156);
    put('ustar\0', 257);
    put('00', 263);
    const sum = header.reduce((total, byte) => total + byte, 0);
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

/** A version-1 .npy file; `values` fill the array (zeros after them), written as the dtype says. */
function npy(descr: '<i4' | '<f2', shape: readonly number[], values: readonly number[]): Buffer {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const padded = dict.padEnd(Math.ceil((10 + dict.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head.writeUInt8(1, 6);
  head.writeUInt16LE(padded.length, 8);
  const size = descr === '<i4' ? 4 : 2;
  const data = Buffer.alloc(shape.reduce((n, d) => n * d, 1) * size);
  values.forEach((v, k) => (descr === '<i4' ? data.writeInt32LE(v, k * 4) : data.writeUInt16LE(v, k * 2)));
  return Buffer.concat([head, Buffer.from(padded, 'latin1'), data]);
}

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
  {
    // 20 drive dates (2 with a second drive, 0-padded differently): sklearn holds out 2021-01-13 and
    // 2021-11-11, i.e. 2021-01-13-US-SJC-2 (1 phone), 2021-1-13-US-MTV-1 and 2021-11-11-US-MTV-1 (2 phones
    // each): 5 phones × 3 epochs = 15 rows
    id: 'smartphone-decimeter-2022',
    write: (raw) => {
      for (const drive of SMARTPHONE_DRIVES) {
        const phones = drive.endsWith('SJC-2') ? ['XiaomiMi8'] : ['GooglePixel4', 'SamsungGalaxyS20Ultra'];
        for (const phone of phones) {
          const dir = join(raw, 'train', drive, phone);
          table(join(dir, 'ground_truth.csv'), GROUND_TRUTH, 3, (k) => [
            'Fix',
            'GT',
            `37.40${k}`,
            `-122.10${k}`,
            '12.5',
            '9.2',
            '0.1',
            '270.0',
            String(1620000000000 + k * 1000),
          ]);
          table(join(dir, 'device_gnss.csv'), ['MessageType', 'utcTimeMillis', 'Svid'], 2, (k) => [
            'Raw',
            String(k),
            '5',
          ]);
          file(join(dir, 'device_imu.csv'), 'MessageType,utcTimeMillis,MeasurementX\nUncalAccel,1,0.5\n');
          file(join(dir, 'supplemental', 'gnss_log.txt'), `# log of ${drive}/${phone}\n`);
          file(
            join(dir, 'supplemental', 'span_log.nmea'),
            '$GPGGA,000000.00,3724.0,N,12206.0,W,4,12,0.8,12.5,M,,M,,*00\n',
          );
        }
      }
      file(join(raw, 'metadata', 'constellation_type_mapping.csv'), 'ConstellationType,ConstellationName\n1,GPS\n');
      file(join(raw, 'metadata', 'raw_state_bit_map.json'), '{"0": "Code Lock"}\n');
      file(join(raw, 'test', '2022-01-01-US-MTV-1', 'GooglePixel4', 'device_gnss.csv'), 'MessageType\nRaw\n');
      file(join(raw, 'sample_submission.csv'), 'tripId,UnixTimeMillis,LatitudeDegrees,LongitudeDegrees\n');
    },
    testRows: 15,
    publicEntries: ['description.md', 'metadata', 'sample_submission.csv', 'test', 'train'],
  },
  {
    // 20 patients of 3..6 visits (weeks -3..58, one patient starting on a duplicated-free negative week):
    // sklearn holds out 2 patients; every week from the test side's lowest to highest is an answer row
    id: 'osic-pulmonary-fibrosis-progression',
    write: (raw) => {
      // odd patients list their visits latest first: the public test must still take the earliest
      const rows = OSIC_PATIENTS.flatMap((patient, p) => {
        const visits = Array.from({ length: 3 + (p % 4) }, (_, v) => [
          patient,
          String(v === 0 ? (p % 5) - 3 : 6 + v * 9 + (p % 3)),
          String(2300 + p * 11 - v * 7),
          `${60 + p}.${v}`,
          String(60 + (p % 20)),
          p % 4 === 0 ? 'Female' : 'Male',
          p % 3 === 0 ? 'Never smoked' : 'Ex-smoker',
        ]);
        return p % 2 === 1 ? visits.reverse() : visits;
      });
      file(join(raw, 'train.csv'), csvText([OSIC_COLUMNS, ...rows]));
      for (const patient of OSIC_PATIENTS) blobs(raw, `train/${patient}/{id}.dcm`, ['1', '2']);
      table(join(raw, 'test.csv'), OSIC_COLUMNS, 1, () => [
        'ID00419637202311204720264',
        '6',
        '3020',
        '70.1',
        '73',
        'Male',
        'Ex-smoker',
      ]);
      blobs(raw, 'test/ID00419637202311204720264/{id}.dcm', ['1']);
    },
    testRows: OSIC_TEST_ROWS,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'test.csv', 'train', 'train.csv'],
  },
  {
    // 30 cases: test = ceil(0.1 · 30) = 3, each a folder of four DICOM series
    id: 'rsna-miccai-brain-tumor-radiogenomic-classification',
    write: (raw) => {
      const ids = range(30, (i) => String(i * 3).padStart(5, '0'));
      table(join(raw, 'train_labels.csv'), ['BraTS21ID', 'MGMT_value'], 30, (i) => [ids[i] ?? '', String(i % 2)]);
      for (const series of ['FLAIR', 'T1w', 'T1wCE', 'T2w']) {
        blobs(raw, `train/{id}/${series}/Image-1.dcm`, ids);
        blobs(raw, `train/{id}/${series}/Image-2.dcm`, ids);
      }
      table(join(raw, 'sample_submission.csv'), ['BraTS21ID', 'MGMT_value'], 1, () => ['00001', '0.5']);
      blobs(raw, 'test/00001/FLAIR/Image-{id}.dcm', ['1']);
    },
    testRows: 3,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train_labels.csv'],
  },
  {
    // 40 studies, 12 with boxes, 8 segmented (5 both): MLE-bench's new *train* set is round(10%) = 4
    // studies, so 36 test studies × 8 labels are answered
    id: 'rsna-2022-cervical-spine-fracture-detection',
    write: (raw) => {
      const uids = range(40, (i) => `1.2.826.0.1.3680043.${(i * 7919) % 30000}`);
      table(join(raw, 'train.csv'), ['StudyInstanceUID', ...SPINE_LABELS], 40, (i) => [
        uids[i] ?? '',
        ...SPINE_LABELS.map((_, l) => String((i + l) % 3 === 0 ? 1 : 0)),
      ]);
      const boxed = uids.filter((_, i) => i % 3 === 0).slice(0, 12);
      table(
        join(raw, 'train_bounding_boxes.csv'),
        ['StudyInstanceUID', 'x', 'y', 'width', 'height', 'slice_number'],
        24,
        (r) => [boxed[r % 12] ?? '', `${100 + r}.5`, '150.0', '40.25', '30.0', String(50 + r)],
      );
      blobs(raw, 'segmentations/{id}.nii', [...boxed.slice(0, 5), ...uids.filter((_, i) => i % 3 === 1).slice(0, 3)]);
      for (const name of ['1.dcm', '2.dcm']) blobs(raw, `train_images/{id}/${name}`, uids);
      table(join(raw, 'test.csv'), ['row_id', 'StudyInstanceUID', 'prediction_type'], 1, () => [
        '1.2.826.0.1.3680043.10197_C1',
        '1.2.826.0.1.3680043.10197',
        'C1',
      ]);
      blobs(raw, 'test_images/1.2.826.0.1.3680043.10197/{id}.dcm', ['1']);
      table(join(raw, 'sample_submission.csv'), ['row_id', 'fractured'], 1, () => [
        '1.2.826.0.1.3680043.10197_C1',
        '0.5',
      ]);
    },
    testRows: 36 * 8,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'segmentations',
      'test.csv',
      'test_images',
      'train.csv',
      'train_bounding_boxes.csv',
      'train_images',
    ],
    publicTest: 'test.csv',
  },
  {
    // 30 patients of 2..5 images over both breasts: sklearn (seed 42) holds out 3 patients, whose
    // breasts make 6 answers
    id: 'rsna-breast-cancer-detection',
    write: (raw) => {
      const rows = Array.from({ length: 30 }, (_, p) =>
        Array.from({ length: 2 + (p % 4) }, (_, k) => [
          String(1 + (p % 2)),
          String(10006 + p * 977),
          String(462822612 + p * 1000 + k),
          k % 2 === 0 ? 'L' : 'R',
          k < 2 ? 'CC' : 'MLO',
          p % 7 === 0 ? '' : `${50 + p}.0`,
          // the left breast of every third patient has cancer (on all its images)
          p % 3 === 0 && k % 2 === 0 ? '1' : '0',
          '0',
          '0',
          p % 5 === 0 ? '0' : '',
          '0',
          p % 4 === 0 ? '' : 'B',
          String(29 + (p % 3)),
          p % 2 === 0 ? 'True' : 'False',
        ]),
      ).flat();
      file(join(raw, 'train.csv'), csvText([BREAST_COLUMNS, ...rows]));
      for (const row of rows) blobs(raw, `train_images/${row[1]}/{id}.dcm`, [row[2] ?? '']);
      table(join(raw, 'test.csv'), [...BREAST_TEST_COLUMNS, 'prediction_id'], 1, () => [
        '2',
        '10008',
        '736471439',
        'L',
        'MLO',
        '81',
        '0',
        '21',
        '10008_L',
      ]);
      blobs(raw, 'test_images/10008/{id}.dcm', ['736471439']);
      table(join(raw, 'sample_submission.csv'), ['prediction_id', 'cancer'], 1, () => ['10008_L', '0']);
    },
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'test_images', 'train.csv', 'train_images'],
  },
  {
    // 20 spectrograms, each of one EEG with 1..3 labelled windows: sklearn holds out 2 spectrograms
    id: 'hms-harmful-brain-activity-classification',
    write: (raw) => {
      const rows = Array.from({ length: 20 }, (_, s) =>
        Array.from({ length: 1 + (s % 3) }, (_, k) => [
          String(568657 + s * 1013),
          String(k),
          `${k * 6}.0`,
          String(789577333 + s * 7),
          String(k),
          `${k * 6}.0`,
          String(127492639 + s * 10 + k),
          String(20654 + (s % 6)),
          ['Seizure', 'LPD', 'GPD', 'LRDA', 'GRDA', 'Other'][(s + k) % 6] ?? '',
          ...range(6, (v) => String((s + k + v) % 4)),
        ]),
      ).flat();
      file(join(raw, 'train.csv'), csvText([HMS_COLUMNS, ...rows]));
      blobs(raw, 'train_eegs/{id}.parquet', [...new Set(rows.map((row) => row[0] ?? ''))]);
      blobs(raw, 'train_spectrograms/{id}.parquet', [...new Set(rows.map((row) => row[3] ?? ''))]);
      blobs(raw, 'example_figures/{id}.png', ['Sample01', 'Sample02']);
      table(join(raw, 'test.csv'), ['spectrogram_id', 'eeg_id', 'patient_id'], 1, () => [
        '853520',
        '3911565283',
        '6885',
      ]);
      blobs(raw, 'test_eegs/{id}.parquet', ['3911565283']);
      blobs(raw, 'test_spectrograms/{id}.parquet', ['853520']);
      table(join(raw, 'sample_submission.csv'), ['eeg_id', ...HMS_COLUMNS.slice(9)], 1, () => [
        '3911565283',
        '0.166666667',
        '0.166666667',
        '0.166666667',
        '0.166666667',
        '0.166666667',
        '0.166666667',
      ]);
    },
    testRows: HMS_TEST_ROWS,
    publicEntries: [
      'description.md',
      'example_figures',
      'sample_submission.csv',
      'test.csv',
      'test_eegs',
      'test_spectrograms',
      'train.csv',
      'train_eegs',
      'train_spectrograms',
    ],
    publicTest: 'test.csv',
  },
  {
    // Kaggle's 15 training images: MLE-bench takes 12 for train and 3 for test
    id: 'hubmap-kidney-segmentation',
    write: (raw) => {
      const ids = range(15, (i) => (0x2f6ecfcdf + i * 0x1f3a7).toString(16).slice(0, 9));
      table(join(raw, 'train.csv'), ['id', 'encoding'], 15, (i) => [
        ids[i] ?? '',
        `${1 + i * 40} ${5 + i} ${900 + i} 12`,
      ]);
      const info = [...ids, 'aa05346ff', 'afa5e8098'];
      table(join(raw, 'HuBMAP-20-dataset_information.csv'), HUBMAP_INFO, info.length, (i) => [
        `${info[i]}.tiff`,
        String(30000 + i * 11),
        String(20000 + i * 7),
        `${info[i]}-anatomical-structure.json`,
        `${info[i]}.json`,
        String(67347 + i),
        'White',
        'Not Hispanic or Latino',
        i % 2 === 0 ? 'Female' : 'Male',
        String(50 + i),
        '71.7',
        '160.0',
        '28.0',
        i % 3 === 0 ? 'Left' : 'Right',
        '80',
        '20',
      ]);
      for (const suffix of ['.tiff', '.json', '-anatomical-structure.json']) blobs(raw, `train/{id}${suffix}`, ids);
      blobs(raw, 'test/{id}.tiff', ['aa05346ff']);
      table(join(raw, 'sample_submission.csv'), ['id', 'predicted'], 1, () => ['aa05346ff', '']);
    },
    testRows: 3,
    publicEntries: [
      'HuBMAP-20-dataset_information.csv',
      'description.md',
      'sample_submission.csv',
      'test',
      'train',
      'train.csv',
    ],
  },
  {
    // three fragments: 1 and 2 stay training data, 3 becomes the test fragment `a` (one answers row)
    id: 'vesuvius-challenge-ink-detection',
    write: (raw) => {
      for (const fragment of ['1', '2', '3']) {
        const dir = join(raw, 'train', fragment);
        blobs(raw, `train/${fragment}/surface_volume/{id}.tif`, ['00', '01', '02']);
        file(join(dir, 'mask.png'), grayPng([[255, 255, 255, 255, 255, 255, 0]]));
        file(join(dir, 'inklabels.png'), grayPng([[0, 255, 255, 0, 0, 0, 0]]));
        // ir.png: 7 wide, 2 high
        file(join(dir, 'ir.png'), grayPng([Array<number>(7).fill(9), Array<number>(7).fill(9)]));
        table(join(dir, 'inklabels_rle.csv'), ['Id', 'Predicted'], 1, () => [fragment, '3 2 9 3']);
      }
      blobs(raw, 'test/a/surface_volume/{id}.tif', ['00']);
      table(join(raw, 'sample_submission.csv'), ['Id', 'Predicted'], 2, (i) => [['a', 'b'][i] ?? '', '1 1 5 1']);
    },
    testRows: 1,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train'],
  },
  {
    // 20 plays of 2..4 labelled player pairs: sklearn holds out 2 plays
    id: 'nfl-player-contact-detection',
    write: (raw) => {
      const plays = range(20, (p) => `${58168 + p * 7}_00${3392 + p * 11}`);
      const labels = plays.flatMap((play, p) =>
        Array.from({ length: 2 + (p % 3) }, (_, k) => {
          const [a, b] = [String(37084 + k), k === 0 ? 'G' : String(38567 + k)];
          return [`${play}_${k}_${a}_${b}`, play, '2020-09-11T03:01:48.100Z', String(k), a, b, String((p + k) % 2)];
        }),
      );
      file(join(raw, 'train_labels.csv'), csvText([NFL_LABELS, ...labels]));
      // one play of tracking rows has no labels: it is on neither side, as in MLE-bench
      const tracked = [...plays, '99999_000001'];
      table(
        join(raw, 'train_player_tracking.csv'),
        ['game_play', 'game_key', 'play_id', 'nfl_player_id', 'step', 'x_position'],
        42,
        (r) => [tracked[r % 21] ?? '', '58168', String(r), String(37084 + (r % 3)), String(r % 5), `${41.9 + r}`],
      );
      table(
        join(raw, 'train_baseline_helmets.csv'),
        ['game_play', 'game_key', 'play_id', 'view', 'video', 'frame', 'left', 'top'],
        20,
        (r) => [
          plays[r] ?? '',
          '58168',
          String(r),
          r % 2 === 0 ? 'Endzone' : 'Sideline',
          `${plays[r]}_Endzone.mp4`,
          String(r),
          '30',
          '40',
        ],
      );
      table(
        join(raw, 'train_video_metadata.csv'),
        ['game_play', 'game_key', 'play_id', 'view', 'start_time'],
        60,
        (r) => [
          plays[r % 20] ?? '',
          '58168',
          String(r % 20),
          ['All29', 'Endzone', 'Sideline'][Math.floor(r / 20)] ?? '',
          '2020-09-11T03:01:43.134Z',
        ],
      );
      for (const view of ['All29', 'Endzone', 'Sideline']) blobs(raw, `train/{id}_${view}.mp4`, plays);
      blobs(raw, 'test/{id}_All29.mp4', ['58172_003247']);
      table(join(raw, 'sample_submission.csv'), ['contact_id', 'contact'], 1, () => ['58172_003247_0_37084_G', '0']);
      table(join(raw, 'test_player_tracking.csv'), ['game_play'], 1, () => ['58172_003247']);
    },
    testRows: NFL_TEST_ROWS,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test',
      'test_baseline_helmets.csv',
      'test_player_tracking.csv',
      'test_video_metadata.csv',
      'train',
      'train_baseline_helmets.csv',
      'train_labels.csv',
      'train_player_tracking.csv',
      'train_video_metadata.csv',
    ],
  },
  {
    // training4.tar.gz holds samples 0300..0304 (listed out of order, with a folder entry): they are the test set;
    // each sample zip holds a real .mat with Video.Labels (scipy-written) beside made-up video/audio bytes
    id: 'multi-modal-gesture-recognition',
    write: (raw) => {
      const ids = range(12, (i) => String(i < 7 ? i + 1 : 300 + i - 7).padStart(4, '0'));
      table(join(raw, 'training.csv'), ['Id', 'Sequence'], 12, (i) => [
        ids[i] ?? '',
        range(8 + (i % 4), (k) => String(((i * 7 + k * 3) % 20) + 1)).join(' '),
      ]);
      const samples = ['0302', '0300', '0304', '0301', '0303'].map((t, k) => ({
        name: `./Sample0${t}.zip`,
        data: gestureSampleZip(`Sample0${t}`, GESTURE_MATS[k % GESTURE_MATS.length]!, k % 2 === 0),
      }));
      file(join(raw, 'training4.tar.gz'), tarGz([{ name: './', data: '' }, ...samples]));
      for (const name of COPIED_AS_IS) file(join(raw, name), `bytes of ${name}\n`);
      table(join(raw, 'test.csv'), ['Id'], 1, () => ['0700']);
      table(join(raw, 'randomPredictions.csv'), ['Id', 'Sequence'], 1, () => ['0700', '1 2 3']);
    },
    testRows: 5,
    publicEntries: [
      'description.md',
      ...COPIED_AS_IS,
      'randomPredictions.csv',
      'test.csv',
      'test.tar.gz',
      'training.csv',
    ].sort(),
    publicTest: 'test.csv',
  },
  {
    // 24 training records, 3 validation records: the test set is 3 records (sklearn, an integer test_size)
    id: 'google-research-identify-contrails-reduce-global-warming',
    write: (raw) => {
      const ids = range(24, (r) => String(1000216489776414077n + BigInt(r) * 7919n));
      const record = (id: string, r: number) =>
        `{"row_min": ${-2000000.5 + r}, "row_size": 2000.0, "col_min": -1.5e6, "col_size": 2000.0, "timestamp": 1555653600.0, "record_id": "${id}", "projection_wkt": "PROJCS[\\"unknown\\",GEOGCS[\\"unknown\\"]]"}`;
      file(join(raw, 'train_metadata.json'), `[${ids.map(record).join(',\n ')}]`);
      const validation = range(3, (r) => String(9000000000000000000n + BigInt(r)));
      file(join(raw, 'validation_metadata.json'), `[${validation.map(record).join(', ')}]`);
      for (const [r, id] of ids.entries()) {
        const dir = join(raw, 'train', id);
        // a 4 × 5 mask: record r has pixels set in column r % 5 (rows 1..2) and, every third record, none
        const mask = range(20, (k) => (r % 3 !== 2 && k % 5 === r % 5 && k >= 5 && k < 15 ? '1' : '0')).map(Number);
        file(join(dir, 'human_pixel_masks.npy'), npy('<i4', [4, 5, 1], mask));
        file(join(dir, 'human_individual_masks.npy'), npy('<i4', [4, 5, 1, 2], [...mask, ...mask]));
        for (let b = 8; b <= 16; b++)
          file(join(dir, `band_${String(b).padStart(2, '0')}.npy`), npy('<f2', [4, 5, 8], []));
      }
      for (const id of validation) blobs(raw, `validation/${id}/{id}.npy`, ['band_08', 'human_pixel_masks']);
      blobs(raw, 'test/1000834164244036115/{id}.npy', ['band_08']);
      table(join(raw, 'sample_submission.csv'), ['record_id', 'encoded_pixels'], 1, () => [
        '1000834164244036115',
        '1 3 10 5',
      ]);
    },
    testRows: 3,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test',
      'train',
      'train_metadata.json',
      'validation',
      'validation_metadata.json',
    ],
  },
  {
    // 10 logs (one scene each, named after the log) of 3 samples: sklearn holds out 2 logs = 6 samples
    id: '3d-object-detection-for-autonomous-vehicles',
    write: (raw) => {
      const data = join(raw, 'train_data');
      const json = (name: string, records: readonly object[]) => file(join(data, name), JSON.stringify(records));
      const logs = range(10, (l) => `${(0x71a5f7b2 + l * 4099).toString(16)}e2bc3c0fd1a95d3b1cc0a25`);
      json(
        'log.json',
        logs.map((token, l) => ({ vehicle: `a10${l % 2}`, date_captured: '2019-05-24', token })),
      );
      json(
        'scene.json',
        logs.map((token, l) => ({
          description: '',
          token,
          log_token: token,
          nbr_samples: 3,
          name: `host-a101-lidar0-${l}`,
        })),
      );
      const samples = logs.flatMap((log, l) => range(3, (k) => `${log.slice(0, 20)}${l}${k}`));
      json(
        'sample.json',
        samples.map((token, s) => ({
          next: '',
          prev: '',
          token,
          timestamp: 1557858039302414 + s,
          scene_token: logs[Math.floor(s / 3)],
        })),
      );
      table(join(raw, 'train.csv'), ['Id', 'PredictionString'], samples.length, (s) => [
        samples[s] ?? '',
        range(s % 2 === 0 ? 8 : 16, (t) => (t % 8 === 7 ? (t < 8 ? 'car' : 'pedestrian') : `${(s * 13 + t) / 4}`)).join(
          ' ',
        ),
      ]);
      const datums = samples.flatMap((sample, s) =>
        ['jpeg', 'bin'].map((format, f) => ({
          sample_token: sample,
          calibrated_sensor_token: `cal${(s + f) % 3}`,
          ego_pose_token: `pose${s}${f}`,
          filename:
            format === 'jpeg'
              ? `images/host-a101_cam0_${1557858039302414 + s}.jpeg`
              : `lidar/host-a101_lidar1_${1557858039302414 + s}.bin`,
          fileformat: format,
          token: `datum${s}${f}`,
        })),
      );
      json('sample_data.json', datums);
      json(
        'calibrated_sensor.json',
        range(3, (c) => `cal${c}`).map((token, c) => ({
          sensor_token: `sensor${c}`,
          rotation: [0.5, -0.5, 0.5, -0.5],
          translation: [1.5 + c, 0, 1.84],
          token,
        })),
      );
      json(
        'ego_pose.json',
        datums.map((d, k) => ({
          rotation: [0.06, 0, 0, 0.99],
          translation: [2087.6 + k, 1022.1, -19.9],
          token: d.ego_pose_token,
        })),
      );
      json('map.json', [
        {
          log_tokens: logs,
          category: 'semantic_prior',
          filename: 'maps/map_raster_palo_alto.png',
          token: '53992ee3023e5494b90c316c183be829',
        },
      ]);
      json(
        'sample_annotation.json',
        samples.map((sample, s) => ({
          token: `ann${s}`,
          sample_token: sample,
          instance_token: `inst${Math.floor(s / 3)}`,
          size: [2.1, 5.2, 1.8],
          category_name: 'car',
        })),
      );
      json(
        'instance.json',
        range(10, (l) => `inst${l}`).map((token) => ({ token, category_token: 'cat0', nbr_annotations: 3 })),
      );
      for (const name of ['attribute.json', 'category.json', 'sensor.json', 'visibility.json'])
        json(name, [{ token: `${name}-0`, name: 'x' }]);
      for (const d of datums)
        file(
          join(raw, d.fileformat === 'jpeg' ? 'train_images' : 'train_lidar', d.filename.split('/')[1] ?? ''),
          `bytes of ${d.token}`,
        );
      blobs(raw, 'train_maps/{id}.png', ['map_raster_palo_alto']);
      blobs(raw, 'test_maps/{id}.png', ['map_raster_palo_alto']);
      table(join(raw, 'sample_submission.csv'), ['Id', 'PredictionString'], 1, () => [
        '97ce3ab08ccbc0baae0267cbf8d4da947e1f11ae1dbcb80c3f4408784cd9170e',
        '',
      ]);
    },
    testRows: 6,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test_data',
      'test_images',
      'test_lidar',
      'test_maps',
      'train.csv',
      'train_data',
      'train_images',
      'train_lidar',
      'train_maps',
    ],
  },
];
