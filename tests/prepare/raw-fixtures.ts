/**
 * Small synthetic raw datasets, one per competition Podium can prepare: Kaggle's real file names and
 * columns (as MLE-bench's prepare.py reads them), made-up values. Labels cycle so that every test
 * split holds each class, which the metrics need to be defined.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { csvText } from '../support/csv-text.js';
import { grayPng } from './png-fixture.js';
import { encodeExample, tfRecordFile } from './tfrecord-fixture.js';
import { PREP5_FIXTURES } from './raw-fixtures-prep5.js';
import { PREP6_FIXTURES } from './raw-fixtures-prep6.js';
import { PREP7_FIXTURES } from './raw-fixtures-prep7.js';
import { CDISC_FIXTURES } from './raw-fixtures-cdisc.js';
import { ICECUBE_FIXTURES } from './raw-fixtures-icecube.js';

export interface RawFixture {
  id: string;
  /** Writes the raw files into `raw` (the unzipped Kaggle archive). */
  write: (raw: string, classes: readonly string[]) => void;
  /** Rows the private answers must have. */
  testRows: number;
  /** The public folder's top-level entries, sorted. */
  publicEntries: string[];
  /** The public test CSV (unlabelled) and its id column, where the preparation writes one. */
  publicTest?: string;
  /** A public folder whose files are the test side's files: it must hold `testRows` of them. */
  testFilesDir?: string;
}

export function file(path: string, text: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function table(path: string, header: string[], rows: number, row: (i: number) => string[]): void {
  file(path, csvText([header, ...Array.from({ length: rows }, (_, i) => row(i))]));
}

/** One tiny distinct file per id (the preparation copies bytes; it never decodes images). */
export function blobs(raw: string, template: string, ids: readonly string[]): void {
  for (const id of ids) file(join(raw, template.replace('{id}', id)), `bytes of ${id}\n`);
}

export const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const ceil = (fraction: number, n: number) => Math.ceil(fraction * n);

const SPACESHIP = [
  'PassengerId',
  'HomePlanet',
  'CryoSleep',
  'Cabin',
  'Destination',
  'Age',
  'VIP',
  'RoomService',
  'FoodCourt',
  'ShoppingMall',
  'Spa',
  'VRDeck',
  'Name',
  'Transported',
];
const COVER = [
  'Id',
  'Elevation',
  'Aspect',
  'Slope',
  'Horizontal_Distance_To_Hydrology',
  'Vertical_Distance_To_Hydrology',
  'Horizontal_Distance_To_Roadways',
  'Hillshade_9am',
  'Hillshade_Noon',
  'Hillshade_3pm',
  'Horizontal_Distance_To_Fire_Points',
  ...range(4, (k) => `Wilderness_Area${k + 1}`),
  ...range(40, (k) => `Soil_Type${k + 1}`),
  'Cover_Type',
];
/** playground-series-s3e18: Kaggle's train.csv holds id, 31 RDKit descriptors and six 0/1 targets. */
const ENZYME = [
  'id',
  ...['BertzCT', 'Chi1', 'Chi1n', 'Chi1v', 'Chi2n', 'Chi2v', 'Chi3v', 'Chi4n', 'EState_VSA1', 'EState_VSA2'],
  ...['ExactMolWt', 'FpDensityMorgan1', 'FpDensityMorgan2', 'FpDensityMorgan3', 'HallKierAlpha'],
  ...['HeavyAtomMolWt', 'Kappa3', 'MaxAbsEStateIndex', 'MinEStateIndex', 'NumHeteroatoms', 'PEOE_VSA10'],
  ...['PEOE_VSA14', 'PEOE_VSA6', 'PEOE_VSA7', 'PEOE_VSA8', 'SMR_VSA10', 'SMR_VSA5', 'SlogP_VSA3'],
  ...['VSA_EState9', 'fr_COO', 'fr_COO2'],
  ...range(6, (k) => `EC${k + 1}`),
];
const NOMAD = [
  'id',
  'spacegroup',
  'number_of_total_atoms',
  'percent_atom_al',
  'percent_atom_ga',
  'percent_atom_in',
  'lattice_vector_1_ang',
  'lattice_vector_2_ang',
  'lattice_vector_3_ang',
  'lattice_angle_alpha_degree',
  'lattice_angle_beta_degree',
  'lattice_angle_gamma_degree',
  'formation_energy_ev_natom',
  'bandgap_energy_ev',
];
const TAXI = [
  'key',
  'fare_amount',
  'pickup_datetime',
  'pickup_longitude',
  'pickup_latitude',
  'dropoff_longitude',
  'dropoff_latitude',
  'passenger_count',
];
const JIGSAW_CLASSES = ['toxic', 'severe_toxic', 'obscene', 'threat', 'insult', 'identity_hate'];
const PIZZA_TEST_FIELDS = [
  'giver_username_if_known',
  'request_id',
  'request_text_edit_aware',
  'request_title',
  'requester_account_age_in_days_at_request',
  'requester_subreddits_at_request',
  'requester_username',
  'unix_timestamp_of_request',
  'unix_timestamp_of_request_utc',
];

function pizzaRequest(i: number, labelled: boolean): Record<string, unknown> {
  const request: Record<string, unknown> = {
    giver_username_if_known: 'N/A',
    number_of_downvotes_of_request_at_retrieval: i % 3,
    request_id: `t3_${(1000 + i).toString(36)}`,
    request_text: `Hungry student ${i}, café money ran out`,
    request_text_edit_aware: `Hungry student ${i}, café money ran out`,
    request_title: `[Request] pizza ${i}`,
    requester_account_age_in_days_at_request: i * 1.5,
    requester_received_pizza: i % 4 === 0,
    requester_subreddits_at_request: ['AskReddit', `sub${i % 5}`],
    requester_username: `user${i}`,
    unix_timestamp_of_request: 1317852607 + i,
    unix_timestamp_of_request_utc: 1317849007 + i,
  };
  if (labelled) return request;
  return Object.fromEntries(PIZZA_TEST_FIELDS.map((f) => [f, request[f]]));
}

function textNormalization(lang: 'en' | 'ru'): RawFixture {
  // 30 sentences of 1..4 tokens: test = ceil(0.1 · 30) = 3 sentences
  const rows: string[][] = [];
  for (let s = 0; s < 30; s++) {
    for (let t = 0; t <= s % 4; t++) {
      const before = t === 1 ? `${s * 10}` : t === 2 ? 'NA' : `word "${s}",${t}`;
      rows.push([String(s), String(t), t === 1 ? 'CARDINAL' : 'PLAIN', before, t === 1 ? `number ${s}` : before]);
    }
  }
  const sentenceSizes = (s: number) => (s % 4) + 1;
  // sklearn: train_test_split(arange(30) as unique ids, test_size=0.1, random_state=0) → test ids [2, 28, 13]
  const testRows = [2, 28, 13].reduce((sum, s) => sum + sentenceSizes(s), 0);
  return {
    id: `text-normalization-challenge-${lang === 'en' ? 'english' : 'russian'}-language`,
    write: (raw) => {
      file(join(raw, `${lang}_train.csv`), csvText([['sentence_id', 'token_id', 'class', 'before', 'after'], ...rows]));
      table(join(raw, `${lang}_test_2.csv`), ['sentence_id', 'token_id', 'before'], 2, (i) => ['0', String(i), 'x']);
    },
    testRows,
    publicEntries: ['description.md', `${lang}_sample_submission_2.csv`, `${lang}_test_2.csv`, `${lang}_train.csv`],
    publicTest: `${lang}_sample_submission_2.csv`,
  };
}

const QUEST_TEXT = [
  'qa_id',
  'question_title',
  'question_body',
  'question_user_name',
  'question_user_page',
  'answer',
  'answer_user_name',
  'answer_user_page',
  'url',
  'category',
  'host',
];
const JIGSAW_BIAS_IDENTITIES = [
  'male',
  'female',
  'transgender',
  'other_gender',
  'heterosexual',
  'homosexual_gay_or_lesbian',
  'bisexual',
  'other_sexual_orientation',
  'christian',
  'jewish',
  'muslim',
  'hindu',
  'buddhist',
  'atheist',
  'other_religion',
  'black',
  'white',
  'asian',
  'latino',
  'other_race_or_ethnicity',
  'physical_disability',
  'intellectual_or_learning_disability',
  'psychiatric_or_mental_illness',
  'other_disability',
];
const JIGSAW_BIAS = [
  'id',
  'comment_text',
  'created_date',
  'publication_id',
  'parent_id',
  'article_id',
  'rating',
  'funny',
  'wow',
  'sad',
  'likes',
  'disagree',
  'toxicity',
  'severe_toxicity',
  'obscene',
  'sexual_explicit',
  'identity_attack',
  'insult',
  'threat',
  ...JIGSAW_BIAS_IDENTITIES,
  'identity_annotator_count',
  'toxicity_annotator_count',
];

export const RAW_FIXTURES: RawFixture[] = [
  {
    id: 'spaceship-titanic',
    write: (raw) =>
      table(join(raw, 'train.csv'), SPACESHIP, 60, (i) => [
        `${String(i + 1).padStart(4, '0')}_01`,
        i % 3 === 0 ? 'Earth' : 'Europa',
        i % 2 === 0 ? 'False' : 'True',
        `B/${i}/P`,
        i % 5 === 0 ? '' : 'TRAPPIST-1e',
        `${20 + (i % 40)}.0`,
        'False',
        `${i}.0`,
        '0.0',
        '0.0',
        '0.0',
        '0.0',
        i % 7 === 0 ? `Smith, "Jo" ${i}` : `Name ${i}`,
        i % 2 === 0 ? 'True' : 'False',
      ]),
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'tabular-playground-series-dec-2021',
    write: (raw) =>
      table(join(raw, 'train.csv'), COVER, 70, (i) => [
        String(i),
        ...range(COVER.length - 2, (k) => String((i * 7 + k) % 13)),
        String((i % 7) + 1),
      ]),
    testRows: 7,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'playground-series-s3e18',
    // EC1 and EC2 follow different cycles so that each is 0 and 1 on the test side (AUC needs both).
    write: (raw) =>
      table(join(raw, 'train.csv'), ENZYME, 80, (i) => [
        String(i),
        ...range(31, (k) => ((i * 3 + k) % 17) + '.25'),
        ...range(6, (k) => String(Math.floor(i / (k + 1)) % 2)),
      ]),
    testRows: 8,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'aerial-cactus-identification',
    write: (raw) => {
      const ids = range(50, (i) => `${(0xabc000 + i).toString(16)}d1e.jpg`);
      table(join(raw, 'train.csv'), ['id', 'has_cactus'], 50, (i) => [ids[i] ?? '', String(i % 2)]);
      blobs(raw, 'train/{id}', ids);
    },
    testRows: ceil(0.19, 50),
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train.csv'],
    testFilesDir: 'test',
  },
  {
    id: 'aptos2019-blindness-detection',
    write: (raw) => {
      const ids = range(50, (i) => `${(0x1a2b3c + i * 17).toString(16)}f0`);
      table(join(raw, 'train.csv'), ['id_code', 'diagnosis'], 50, (i) => [ids[i] ?? '', String(i % 5)]);
      blobs(raw, 'train_images/{id}.png', ids);
      table(join(raw, 'test.csv'), ['id_code'], 2, (i) => [`kaggle-test-${i}`]);
    },
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'test_images', 'train.csv', 'train_images'],
    publicTest: 'test.csv',
    testFilesDir: 'test_images',
  },
  {
    id: 'dog-breed-identification',
    write: (raw, classes) => {
      const ids = range(120, (i) => `${(0xd0c000 + i).toString(16)}`);
      table(join(raw, 'labels.csv'), ['id', 'breed'], 120, (i) => [ids[i] ?? '', classes[i % classes.length] ?? '']);
      blobs(raw, 'train/{id}.jpg', ids);
    },
    testRows: 12,
    publicEntries: ['description.md', 'labels.csv', 'sample_submission.csv', 'test', 'train'],
    testFilesDir: 'test',
  },
  {
    id: 'leaf-classification',
    write: (raw, classes) => {
      const header = [
        'id',
        'species',
        ...['margin', 'shape', 'texture'].flatMap((p) => range(64, (k) => `${p}${k + 1}`)),
      ];
      table(join(raw, 'train.csv'), header, 198, (i) => [
        String(i + 1),
        classes[i % classes.length] ?? '',
        ...range(192, (k) => ((i * k) % 97) / 1000 + ''),
      ]);
      blobs(
        raw,
        'images/{id}.jpg',
        range(198, (i) => String(i + 1)),
      );
    },
    testRows: 20,
    publicEntries: ['description.md', 'images', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'histopathologic-cancer-detection',
    write: (raw) => {
      const ids = range(40, (i) => `${(0xf00d00 + i * 3).toString(16)}aa`);
      table(join(raw, 'train_labels.csv'), ['id', 'label'], 40, (i) => [ids[i] ?? '', String(i % 2)]);
      blobs(raw, 'train/{id}.tif', ids);
      blobs(
        raw,
        'test/{id}.tif',
        range(10, (i) => `kaggle-test-${i}`),
      );
    },
    testRows: ceil(10 / 50, 40),
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train_labels.csv'],
    testFilesDir: 'test',
  },
  {
    id: 'new-york-city-taxi-fare-prediction',
    write: (raw) => {
      table(join(raw, 'train.csv'), TAXI, 9950, (i) => [
        `2009-06-15 17:26:21.000000${String(i).padStart(5, '0')}`,
        String(4 + (i % 50) / 2),
        '2009-06-15 17:26:21 UTC',
        '-73.844311',
        '40.721319',
        '-73.84161',
        '40.712278',
        String(1 + (i % 4)),
      ]);
      file(join(raw, 'GCP-Coupons-Instructions.rtf'), '{\\rtf1 coupons}\n');
    },
    testRows: 9914,
    publicEntries: [
      'GCP-Coupons-Instructions.rtf',
      'description.md',
      'labels.csv',
      'sample_submission.csv',
      'test.csv',
    ],
    publicTest: 'test.csv',
  },
  {
    id: 'nomad2018-predict-transparent-conductors',
    write: (raw) => {
      table(join(raw, 'train.csv'), NOMAD, 40, (i) => [
        String(i + 1),
        '206',
        '80.0',
        '0.3125',
        '0.625',
        '0.0625',
        '9.3282',
        '9.3279',
        '9.3277',
        '90.0047',
        '90.0045',
        '89.995',
        String(0.05 + (i % 9) / 50),
        String(1 + (i % 11) / 5),
      ]);
      for (let i = 1; i <= 40; i++) file(join(raw, 'train', String(i), 'geometry.xyz'), `lattice_vector ${i}\n`);
    },
    testRows: 4,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'test.csv', 'train', 'train.csv'],
    publicTest: 'test.csv',
    testFilesDir: 'test',
  },
  {
    id: 'plant-pathology-2020-fgvc7',
    write: (raw) => {
      table(join(raw, 'train.csv'), ['image_id', 'healthy', 'multiple_diseases', 'rust', 'scab'], 100, (i) => [
        `Train_${i}`,
        ...range(4, (k) => (i % 4 === k ? '1' : '0')),
      ]);
      blobs(raw, 'images/{id}.jpg', [...range(100, (i) => `Train_${i}`), 'Test_0']);
    },
    testRows: 10,
    publicEntries: ['description.md', 'images', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'ranzcr-clip-catheter-line-classification',
    write: (raw, classes) => {
      const ids = range(120, (i) => `1.2.826.0.1.3680043.8.498.${10000 + i}`);
      table(join(raw, 'train.csv'), ['StudyInstanceUID', ...classes, 'PatientID'], 120, (i) => [
        ids[i] ?? '',
        ...classes.map((_, c) => ((i + c) % 3 === 0 ? '1' : '0')),
        `patient${i % 37}`,
      ]);
      table(join(raw, 'train_annotations.csv'), ['StudyInstanceUID', 'label', 'data'], 60, (i) => [
        ids[i * 2] ?? '',
        classes[i % classes.length] ?? '',
        `[[${i}, 2], [3, 4]]`,
      ]);
      blobs(raw, 'train/{id}.jpg', ids);
    },
    testRows: 12,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train', 'train.csv', 'train_annotations.csv'],
    testFilesDir: 'test',
  },
  {
    id: 'spooky-author-identification',
    write: (raw) =>
      table(join(raw, 'train.csv'), ['id', 'text', 'author'], 60, (i) => [
        `id${String(i).padStart(5, '0')}`,
        `It was a dark, "stormy" night number ${i}.`,
        ['EAP', 'HPL', 'MWS'][i % 3] ?? '',
      ]),
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'tabular-playground-series-may-2022',
    write: (raw) =>
      table(
        join(raw, 'train.csv'),
        ['id', ...range(31, (k) => `f_${String(k).padStart(2, '0')}`), 'target'],
        100_005,
        (i) => [String(i), ...range(31, (k) => (k === 27 ? 'ABCDEFGHIJ' : String((i + k) % 97))), String(i % 2)],
      ),
    testRows: 100_000,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'detecting-insults-in-social-commentary',
    write: (raw) => {
      table(join(raw, 'train.csv'), ['Insult', 'Date', 'Comment'], 20, (i) => [
        String(i % 2),
        i % 3 === 0 ? '' : `2012052${i % 10}120000Z`,
        `"train comment ${i}\\n"`,
      ]);
      table(join(raw, 'test_with_solutions.csv'), ['Insult', 'Date', 'Comment', 'Usage'], 12, (i) => [
        String(i % 2),
        `2012060${i % 10}120000Z`,
        i === 11 ? '"test comment 0\\n"' : `"test comment ${i}\\n"`,
        i % 2 === 0 ? 'PublicTest' : 'PrivateTest',
      ]);
      table(join(raw, 'test.csv'), ['id', 'Date', 'Comment'], 3, (i) => [String(i + 1), '', `"verification ${i}"`]);
    },
    testRows: 12,
    publicEntries: ['description.md', 'sample_submission_null.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'jigsaw-toxic-comment-classification-challenge',
    write: (raw) => {
      table(join(raw, 'train.csv'), ['id', 'comment_text', ...JIGSAW_CLASSES], 20, (i) => [
        `${(0xa000 + i).toString(16)}aaaa`,
        `Explanation, why ${i}?\n"Edits"`,
        ...JIGSAW_CLASSES.map((_, c) => String((i + c) % 2)),
      ]);
      const ids = range(16, (i) => `${(0xb000 + i).toString(16)}bbbb`);
      table(join(raw, 'test.csv'), ['id', 'comment_text'], 16, (i) => [ids[i] ?? '', `Yo ${i}, bitch`]);
      table(join(raw, 'test_labels.csv'), ['id', ...JIGSAW_CLASSES], 16, (i) => [
        ids[i] ?? '',
        ...JIGSAW_CLASSES.map((_, c) => (i % 5 === 4 ? '-1' : String((i + c) % 2))),
      ]);
      table(join(raw, 'sample_submission.csv'), ['id', ...JIGSAW_CLASSES], 16, (i) => [
        ids[i] ?? '',
        ...range(6, () => '0.5'),
      ]);
    },
    testRows: 16,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'random-acts-of-pizza',
    write: (raw) => {
      file(join(raw, 'train.json'), JSON.stringify(range(60, (i) => pizzaRequest(i, true) as never)));
      file(join(raw, 'test.json'), JSON.stringify(range(15, (i) => pizzaRequest(100 + i, false) as never)));
    },
    testRows: ceil(15 / 75, 60),
    publicEntries: ['description.md', 'sampleSubmission.csv', 'test.json', 'train.json'],
  },
  textNormalization('en'),
  textNormalization('ru'),
  {
    id: 'us-patent-phrase-to-phrase-matching',
    write: (raw) =>
      table(join(raw, 'train.csv'), ['id', 'anchor', 'target', 'context', 'score'], 50, (i) => [
        `${(0x4112d618 + i * 977).toString(16)}51461f60`,
        `abatement ${i % 7}`,
        `eliminating process ${i}`,
        `A4${i % 7}`,
        String((i % 5) * 0.25),
      ]),
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'tweet-sentiment-extraction',
    write: (raw) =>
      table(join(raw, 'train.csv'), ['textID', 'text', 'selected_text', 'sentiment'], 50, (i) => [
        `${(0xf87dea47 + i).toString(16)}db`,
        ` so happy, thanks ${i} `,
        `happy${i}`,
        ['positive', 'negative', 'neutral'][i % 3] ?? '',
      ]),
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'lmsys-chatbot-arena',
    write: (raw) =>
      table(
        join(raw, 'train.csv'),
        [
          'id',
          'model_a',
          'model_b',
          'prompt',
          'response_a',
          'response_b',
          'winner_model_a',
          'winner_model_b',
          'winner_tie',
        ],
        60,
        (i) => [
          String(30192 + i * 101),
          'gpt-4-1106-preview',
          'gpt-4-0613',
          `["Is it morally right ${i}?"]`,
          `["Yes, \"because\" ${i}"]`,
          '["No"]',
          ...range(3, (k) => (i % 3 === k ? '1' : '0')),
        ],
      ),
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'learning-agency-lab-automated-essay-scoring-2',
    write: (raw) =>
      table(join(raw, 'train.csv'), ['essay_id', 'full_text', 'score'], 60, (i) => [
        `${(0x000d118 + i * 31).toString(16).padStart(7, '0')}`,
        `Many people have car where they live.\n\nEssay ${i}, "quoted".`,
        String((i % 6) + 1),
      ]),
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'chaii-hindi-and-tamil-question-answering',
    write: (raw) =>
      table(
        join(raw, 'train.csv'),
        ['id', 'context', 'question', 'answer_text', 'answer_start', 'language'],
        40,
        (i) => [
          `${(0x22bff3de + i * 13).toString(16)}c`,
          `स्वामी विवेकानंद, "संन्यासी" ${i}`,
          `कौन ${i}?`,
          `विवेकानंद ${i}`,
          String(7 + i),
          i % 2 === 0 ? 'hindi' : 'tamil',
        ],
      ),
    testRows: 4,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'google-quest-challenge',
    write: (raw, targets) =>
      table(join(raw, 'train.csv'), [...QUEST_TEXT, ...targets], 50, (i) => [
        String(i * 3),
        `How do I ${i}?`,
        `Body, with "quotes" ${i}`,
        `asker${i}`,
        `https://example.stackexchange.com/users/${i}`,
        `Answer ${i}`,
        `answerer${i}`,
        `https://example.stackexchange.com/users/${i + 1000}`,
        `https://example.stackexchange.com/questions/${i}`,
        ['TECHNOLOGY', 'SCIENCE', 'CULTURE'][i % 3] ?? '',
        'example.stackexchange.com',
        // question_type_spelling (index 19) is 0 except in one row, as in Kaggle's data
        ...targets.map((_, c) => (c === 19 ? (i === 7 ? '0.333333333' : '0.0') : String(((i + c) % 4) / 3))),
      ]),
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'jigsaw-unintended-bias-in-toxicity-classification',
    write: (raw) => {
      const row = (i: number) => [
        String(7000000 + i),
        `Comment, "number" ${i}`,
        '2017-10-02 21:04:42.000000+00',
        '21',
        '',
        '148919',
        'approved',
        '0',
        '0',
        '0',
        '1',
        '0',
        i % 2 === 0 ? '0.0' : '0.6',
        '0.0',
        '0.0',
        '0.0',
        '0.0',
        '0.0',
        '0.0',
        ...JIGSAW_BIAS_IDENTITIES.map(() => (i % 4 < 2 ? '1.0' : '0.0')),
        '4',
        '10',
      ];
      // Kaggle's train.csv orders its columns differently (target first, identities sorted): copied as is
      const trainHeader = [
        'id',
        'target',
        'comment_text',
        'severe_toxicity',
        'obscene',
        'identity_attack',
        'insult',
        'threat',
        ...[...JIGSAW_BIAS_IDENTITIES].sort(),
        ...['created_date', 'publication_id', 'parent_id', 'article_id', 'rating', 'funny', 'wow', 'sad', 'likes'],
        ...['disagree', 'sexual_explicit', 'identity_annotator_count', 'toxicity_annotator_count'],
      ];
      table(join(raw, 'train.csv'), trainHeader, 10, (i) => [
        String(6000000 + i),
        '0.2',
        `Train ${i}`,
        ...range(42, () => '0'),
      ]);
      table(join(raw, 'test_private_expanded.csv'), JIGSAW_BIAS, 40, row);
    },
    testRows: 40,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'dogs-vs-cats-redux-kernels-edition',
    write: (raw) => {
      blobs(raw, 'train/{id}.jpg', [...range(25, (i) => `cat.${i}`), ...range(25, (i) => `dog.${i}`)]);
      blobs(
        raw,
        'test/{id}.jpg',
        range(3, (i) => String(i + 1)),
      );
    },
    testRows: 5,
    publicEntries: ['description.md', 'sample_submission.csv', 'test', 'train'],
    testFilesDir: 'test',
  },
  {
    id: 'the-icml-2013-whale-challenge-right-whale-redux',
    write: (raw) => {
      const clips = range(40, (n) => `2009032${8 - Math.floor(n / 10)}_0${n % 10}0000_${n * 7}s0ms_TRAIN${n}_${n % 2}`);
      blobs(raw, 'train2/{id}.aif', clips);
    },
    testRows: 20,
    publicEntries: ['description.md', 'sampleSubmission.csv', 'test2', 'train2'],
    testFilesDir: 'test2',
  },
  {
    id: 'siim-isic-melanoma-classification',
    write: (raw) => {
      // 16 training TFRecords of 3 images each; train00 and train06 hold the test images
      const names = range(48, (i) => `ISIC_${String(15719 + i * 37).padStart(7, '0')}`);
      table(
        join(raw, 'train.csv'),
        ['image_name', 'patient_id', 'sex', 'age_approx', 'anatom_site_general_challenge', 'diagnosis'].concat([
          'benign_malignant',
          'target',
        ]),
        48,
        (i) => [
          names[i] ?? '',
          `IP_${7279968 + (i % 9)}`,
          i % 2 === 0 ? 'male' : 'female',
          i % 5 === 0 ? '' : `${45 + (i % 4) * 5}.0`,
          i % 3 === 0 ? 'torso' : 'lower extremity',
          i % 4 === 0 ? 'melanoma' : 'unknown',
          i % 4 === 0 ? 'malignant' : 'benign',
          i % 4 === 0 ? '1' : '0',
        ],
      );
      for (let f = 0; f < 16; f++) {
        // records hold the images of rows f, f+16, f+32: each file's images are spread over train.csv
        const records = [f, f + 16, f + 32].map((i) =>
          encodeExample({
            image: `jpeg ${i}`,
            image_name: names[i] ?? '',
            diagnosis: i % 4 === 0 ? 'melanoma' : 'unknown',
            target: [i % 4 === 0 ? 1 : 0],
          }),
        );
        file(join(raw, 'tfrecords', `train${String(f).padStart(2, '0')}-2071.tfrec`), tfRecordFile(records));
      }
      file(join(raw, 'tfrecords', 'test00-687.tfrec'), tfRecordFile([encodeExample({ image_name: 'ISIC_9999999' })]));
      blobs(raw, 'train/{id}.dcm', names);
      blobs(raw, 'jpeg/train/{id}.jpg', names);
      blobs(raw, 'test/{id}.dcm', ['ISIC_9999999']);
      table(
        join(raw, 'test.csv'),
        ['image_name', 'patient_id', 'sex', 'age_approx', 'anatom_site_general_challenge'],
        1,
        () => ['ISIC_9999999', 'IP_1', 'male', '40.0', 'torso'],
      );
    },
    testRows: 6,
    publicEntries: [
      'description.md',
      'jpeg',
      'sample_submission.csv',
      'test',
      'test.csv',
      'tfrecords',
      'train',
      'train.csv',
    ],
    publicTest: 'test.csv',
    testFilesDir: 'test',
  },
  {
    id: 'denoising-dirty-documents',
    write: (raw) => {
      // 20 scans of 5×3 pixels: test = ceil(0.2 · 20) = 4 scans = 60 pixel rows
      for (let n = 1; n <= 20; n++) {
        const scan = (shift: number) =>
          Array.from({ length: 3 }, (_, y) =>
            Array.from({ length: 5 }, (_, x) => (n * 37 + y * 11 + x * 53 + shift) % 256),
          );
        file(join(raw, 'train', `${n * 3}.png`), grayPng(scan(0)));
        file(join(raw, 'train_cleaned', `${n * 3}.png`), grayPng(scan(128)));
      }
      file(join(raw, 'test', '1.png'), grayPng([[0, 255]]));
    },
    testRows: 60,
    publicEntries: ['description.md', 'sampleSubmission.csv', 'test', 'train', 'train_cleaned'],
  },
  {
    id: 'mlsp-2013-birds',
    write: (raw) => {
      // 30 recordings, every third in Kaggle's test fold: 20 kept, round(0.2 · 20) = 4 new test recordings
      const root = join(raw, 'mlsp_contest_dataset');
      const names = range(30, (r) => `PC${1 + (r % 4)}_2009060${r % 10}_0500${String(r).padStart(2, '0')}_0010`);
      const lines = (path: string, text: string[]) => file(join(root, path), `${text.join('\n')}\n`);
      lines('essential_data/CVfolds_2.txt', ['rec_id,fold', ...range(30, (r) => `${r},${r % 3 === 2 ? 1 : 0}`)]);
      lines('essential_data/rec_id2filename.txt', ['rec_id,filename', ...range(30, (r) => `${r},${names[r]}`)]);
      lines('essential_data/rec_labels_test_hidden.txt', [
        'rec_id,[labels]',
        ...range(30, (r) => (r % 3 === 2 ? `${r},?` : r % 5 === 0 ? `${r}` : `${r},${r % 19},${(r * 7) % 19}`)),
      ]);
      lines('essential_data/species_list.txt', [
        'class_id,code,species',
        '0,BRCR,Brown Creeper',
        '1,PAWR,Pacific Wren',
      ]);
      blobs(root, 'essential_data/src_wavs/{id}.wav', names);
      for (const dir of ['filtered_spectrograms', 'spectrograms', 'supervised_segmentation']) {
        blobs(root, `supplemental_data/${dir}/{id}.bmp`, names);
      }
      blobs(root, 'supplemental_data/segmentation_examples/{id}.bmp', names.slice(0, 5));
      blobs(root, 'supplemental_data/{id}.bmp', ['segment_clusters', 'segment_mosaic']);
      lines('supplemental_data/histogram_of_segments.txt', [
        'rec_id,[histogram of segment features]',
        ...range(30, (r) => `${r},0.0,${r / 100},0.5`),
      ]);
      lines('supplemental_data/segment_features.txt', [
        'rec_id,segment_id,[feature vector]',
        ...range(30, (r) => `${r},0,0.95,${r}.5`),
      ]);
      lines('supplemental_data/segment_rectangles.txt', [
        'rec_id,segment_id,min_x,max_x,min_y,max_y,',
        ...range(30, (r) => `${r},0,${r},${r + 9},3,40,`),
      ]);
    },
    testRows: 4 * 19,
    publicEntries: ['description.md', 'essential_data', 'sample_submission.csv', 'supplemental_data'],
  },
  {
    id: 'facebook-recruiting-iii-keyword-extraction',
    write: (raw) =>
      table(join(raw, 'Train.csv'), ['Id', 'Title', 'Body', 'Tags'], 60, (i) => [
        String(i + 1),
        `How to check if an uploaded file is an image ${i}?`,
        `<p>I'd like to check, "safely":</p>\n\n<pre><code>x = ${i}\n</code></pre>\n`,
        ['php image-processing', 'c# asp.net', 'javascript jquery html', 'python'][i % 4] ?? '',
      ]),
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'ventilator-pressure-prediction',
    write: (raw) =>
      // 30 breaths of 4 steps, breath_ids out of order in the file: test = ceil(0.1 · 30) = 3 breaths
      table(
        join(raw, 'train.csv'),
        ['id', 'breath_id', 'R', 'C', 'time_step', 'u_in', 'u_out', 'pressure'],
        120,
        (i) => {
          const [breath, step] = [Math.floor(i / 4), i % 4];
          return [
            String(i + 1),
            String(((breath * 7) % 31) + 1),
            ['5', '20', '50'][breath % 3] ?? '',
            ['10', '20', '50'][breath % 3] ?? '',
            String(step * 0.0331871509552002),
            String((breath + step) * 0.0833340056346199),
            step < 2 ? '0' : '1',
            String(5.837491705069121 + breath * 0.1 + step),
          ];
        },
      ),
    testRows: 12,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
    publicTest: 'test.csv',
  },
  {
    id: 'champs-scalar-coupling',
    write: (raw) => {
      // 20 molecules of 3 atom pairs, not in name order in the file: test = ceil(0.1 · 20) = 2 molecules
      const molecules = range(20, (m) => `dsgdb9nsd_${String(((m * 7) % 23) + 1).padStart(6, '0')}`);
      const kaggleTest = ['dsgdb9nsd_000900', 'dsgdb9nsd_000901'];
      const perMolecule = (header: string[], names: string[], fields: (name: string, m: number) => string[]) =>
        csvText([header, ...names.map((name, m) => [name, ...fields(name, m)])]);
      table(
        join(raw, 'train.csv'),
        ['id', 'molecule_name', 'atom_index_0', 'atom_index_1', 'type', 'scalar_coupling_constant'],
        60,
        (i) => [
          String(i),
          molecules[Math.floor(i / 3)] ?? '',
          String(1 + (i % 3)),
          '0',
          ['1JHC', '2JHH', '3JHC'][i % 3] ?? '',
          String(84.8076 - i * 1.25),
        ],
      );
      table(join(raw, 'test.csv'), ['id', 'molecule_name', 'atom_index_0', 'atom_index_1', 'type'], 2, (i) => [
        String(1000 + i),
        kaggleTest[i] ?? '',
        '1',
        '0',
        '1JHC',
      ]);
      const all = [...molecules, ...kaggleTest];
      file(
        join(raw, 'structures.csv'),
        perMolecule(['molecule_name', 'atom_index', 'atom', 'x', 'y', 'z'], all, (_, m) => [
          '0',
          'C',
          `-0.01269${m}`,
          '1.085804',
          '0.008001',
        ]),
      );
      blobs(raw, 'structures/{id}.xyz', all);
      file(
        join(raw, 'dipole_moments.csv'),
        perMolecule(['molecule_name', 'X', 'Y', 'Z'], molecules, (_, m) => [`${m}.0`, '0', '0']),
      );
      file(
        join(raw, 'magnetic_shielding_tensors.csv'),
        perMolecule(
          ['molecule_name', 'atom_index', 'XX', 'YX', 'ZX', 'XY', 'YY', 'ZY', 'XZ', 'YZ', 'ZZ'],
          molecules,
          (_, m) => ['0', ...range(9, (k) => String(m + k))],
        ),
      );
      file(
        join(raw, 'mulliken_charges.csv'),
        perMolecule(['molecule_name', 'atom_index', 'mulliken_charge'], molecules, (_, m) => ['0', `-0.53${m}`]),
      );
      file(
        join(raw, 'potential_energy.csv'),
        perMolecule(['molecule_name', 'potential_energy'], molecules, (_, m) => [`-40.5${m}`]),
      );
      file(
        join(raw, 'scalar_coupling_contributions.csv'),
        perMolecule(
          ['molecule_name', 'atom_index_0', 'atom_index_1', 'type', 'fc', 'sd', 'pso', 'dso'],
          molecules,
          (_, m) => ['1', '0', '1JHC', `83.${m}`, '0.25', '1.25', '0.27'],
        ),
      );
    },
    testRows: 6,
    publicEntries: [
      'description.md',
      'dipole_moments.csv',
      'magnetic_shielding_tensors.csv',
      'mulliken_charges.csv',
      'potential_energy.csv',
      'sample_submission.csv',
      'scalar_coupling_contributions.csv',
      'structures',
      'structures.csv',
      'test.csv',
      'train.csv',
    ],
    publicTest: 'test.csv',
  },
  {
    id: 'billion-word-imputation',
    write: (raw) => {
      // 2000 lines, a few of two words or with quotes; about 1% land in test (19 with RandomState(0), numpy-checked)
      const lines = range(2000, (i) =>
        i % 50 === 7 ? `Short ${i}` : `The "company" said on Tuesday that ${i} jobs would go , officials said .`,
      );
      file(join(raw, 'train_v2.txt'), `${lines.join('\n')}\n`);
      file(join(raw, 'test_v2.txt'), '"id","sentence"\n1,"Kaggle test sentence"\n');
    },
    testRows: 19,
    publicEntries: ['description.md', 'sample_submission.csv', 'test_v2.txt', 'train_v2.txt'],
    publicTest: 'test_v2.txt',
  },
  {
    id: 'stanford-covid-vaccine',
    write: (raw) => {
      // 40 sequences of 8 positions (5 scored), every 4th failing SN_filter: int(0.1 · 40) = 4 test sequences
      const values = (i: number, k: number) =>
        Array.from({ length: 5 }, (_, j) => ((i * 7 + j * 3 + k) % 11) / 4 - 0.5);
      const record = (i: number) => ({
        index: i,
        id: `id_${(0x00073f8be + i * 4099).toString(16).padStart(9, '0')}`,
        sequence: 'GGAAAGCU',
        structure: '.....(((',
        predicted_loop_type: 'EEEEESSS',
        signal_to_noise: 6.894 - i / 10,
        SN_filter: i % 4 === 3 ? 0 : 1,
        seq_length: 8,
        seq_scored: 5,
        reactivity_error: values(i, 1).map((v) => Math.abs(v) / 10),
        deg_error_Mg_pH10: values(i, 2).map((v) => Math.abs(v) / 10),
        deg_error_pH10: values(i, 3).map((v) => Math.abs(v) / 10),
        deg_error_Mg_50C: values(i, 4).map((v) => Math.abs(v) / 10),
        deg_error_50C: values(i, 5).map((v) => Math.abs(v) / 10),
        reactivity: values(i, 6),
        deg_Mg_pH10: values(i, 7),
        deg_pH10: values(i, 8),
        deg_Mg_50C: values(i, 9),
        deg_50C: values(i, 10),
      });
      file(join(raw, 'train.json'), range(40, (i) => JSON.stringify(record(i))).join('\n') + '\n');
      const test = { index: 0, id: 'id_kaggle', sequence: 'GGAA', structure: '....', predicted_loop_type: 'EEEE' };
      file(join(raw, 'test.json'), JSON.stringify({ ...test, seq_length: 4, seq_scored: 2 }) + '\n');
      file(join(raw, 'sample_submission.csv'), 'id_seqpos,reactivity,deg_Mg_pH10,deg_pH10,deg_Mg_50C,deg_50C\n');
    },
    testRows: 4 * 8,
    publicEntries: ['description.md', 'sample_submission.csv', 'test.json', 'train.json'],
  },
  {
    id: 'tensorflow2-question-answering',
    write: (raw) => {
      // 25 examples with 64-bit ids (beyond JavaScript's exact integers): test = ceil(0.1 · 25) = 3 examples
      const record = (i: number) => {
        const short = i % 3 === 0 ? [] : [{ start_token: 3 + i, end_token: 5 + i }];
        const annotation = `{"yes_no_answer": "${i % 5 === 1 ? 'YES' : 'NONE'}", "long_answer": {"start_token": ${i % 4 === 0 ? -1 : 1}, "end_token": ${i % 4 === 0 ? -1 : 20}, "candidate_index": 0}, "short_answers": ${JSON.stringify(short)}, "annotation_id": 59337864089${String(4123400000 + i)}}`;
        return `{"document_text": "Email marketing - Wikipedia <H1> \\"example_id\\": 1 </H1> token ${i}", "long_answer_candidates": [{"start_token": 1, "top_level": true, "end_token": 20}], "question_text": "which is the most common use of opt-in e-mail marketing ${i}", "annotations": [${annotation}], "document_url": "https://en.wikipedia.org//w/index.php?title=Email_marketing", "example_id": ${i % 2 === 0 ? '-' : ''}${5655493461695504401n + BigInt(i) * 7919n}}`;
      };
      file(join(raw, 'simplified-nq-train.jsonl'), range(25, (i) => record(i)).join('\n') + '\n');
      file(
        join(raw, 'simplified-nq-test.jsonl'),
        '{"example_id": 1, "question_text": "q", "document_text": "d", "long_answer_candidates": []}\n',
      );
    },
    testRows: 6,
    publicEntries: ['description.md', 'sample_submission.csv', 'simplified-nq-test.jsonl', 'simplified-nq-train.jsonl'],
  },
  {
    id: 'AI4Code',
    write: (raw) => {
      // 20,040 notebooks: every 10th of the first 300 starts a family of 3 (itself and the next two);
      // MLE-bench's test size is a fixed 20,000 notebooks, filled greedily by ancestry group
      const notebooks = range(20_040, (i) => `${(0x9d135ece78d + i * 7919).toString(16).padStart(14, '0')}`);
      const ancestor = (i: number) => (i < 300 ? `a${Math.floor(i / 3)}` : `a${i}`);
      table(join(raw, 'train_ancestors.csv'), ['id', 'ancestor_id', 'parent_id'], notebooks.length, (i) => [
        notebooks[i] ?? '',
        ancestor(i),
        i < 300 && i % 3 !== 0 ? (notebooks[i - 1] ?? '') : '',
      ]);
      // cells listed code first, then markdown; the true order interleaves them
      const cells = (i: number) => [`${(i % 9) + 1}a2b3c4d`, '12345678', `f${i % 7}e00000`];
      table(join(raw, 'train_orders.csv'), ['id', 'cell_order'], notebooks.length, (i) => {
        const [code, markdown, code2] = cells(i);
        return [notebooks[i] ?? '', `${code} ${markdown} ${code2}`];
      });
      for (const [i, id] of notebooks.entries()) {
        const [code, markdown, code2] = cells(i);
        const json = `{"cell_type": {"${code}": "code", "${code2}": "code", "${markdown}": "markdown"}, "source": {"${code}": "import numpy as np", "${code2}": "print(\\"a\\": 1)", "${markdown}": "# Notebook ${i}"}}`;
        file(join(raw, 'train', `${id}.json`), json);
      }
      file(join(raw, 'test', 'kaggle-test.json'), '{"cell_type": {}, "source": {}}');
      file(join(raw, 'sample_submission.csv'), 'id,cell_order\nkaggle-test,\n');
    },
    testRows: 20_000,
    publicEntries: [
      'description.md',
      'sample_submission.csv',
      'test',
      'train',
      'train_ancestors.csv',
      'train_orders.csv',
    ],
    testFilesDir: 'test',
  },
  {
    id: 'h-and-m-personalized-fashion-recommendations',
    write: (raw) => {
      // 12 customers over 2020-09-01..2020-09-22: every customer buys on 09-15 or later (the test
      // period starts 7 days before the last day), so the sample lists the buyers, in sorted order
      const customers = range(
        12,
        (c) => `${c.toString(16).padStart(2, '0')}${'0dbacae5abe5e23885899a1fa44'.repeat(2)}`,
      );
      const articles = range(5, (a) => `0${108775015 + a * 1000}`);
      table(
        join(raw, 'transactions_train.csv'),
        ['t_dat', 'customer_id', 'article_id', 'price', 'sales_channel_id'],
        60,
        (i) => [
          `2020-09-${String(1 + Math.floor((i * 21) / 59)).padStart(2, '0')}`,
          customers[(i * 5) % 12] ?? '',
          articles[i % 5] ?? '',
          String(0.0508474576271186 + i / 1000),
          String(1 + (i % 2)),
        ],
      );
      table(join(raw, 'articles.csv'), ['article_id', 'product_code', 'prod_name', 'detail_desc'], 5, (a) => [
        articles[a] ?? '',
        '0108775',
        'Strap top',
        'Jersey top with narrow shoulder straps, "soft"',
      ]);
      table(
        join(raw, 'customers.csv'),
        ['customer_id', 'FN', 'Active', 'club_member_status', 'fashion_news_frequency', 'age', 'postal_code'],
        12,
        (c) => [
          customers[c] ?? '',
          '',
          '',
          'ACTIVE',
          'NONE',
          String(20 + c),
          '52043ee2162cf5aa7ee79974281641c6f11a68d276429a91f8ca0d4b6efa8100',
        ],
      );
      table(join(raw, 'sample_submission.csv'), ['customer_id', 'prediction'], 12, (c) => [
        customers[c] ?? '',
        '0706016001 0706016002 0372860001',
      ]);
      blobs(raw, 'images/010/{id}.jpg', articles.slice(0, 3));
    },
    testRows: 12,
    publicEntries: [
      'articles.csv',
      'customers.csv',
      'description.md',
      'images',
      'sample_submission.csv',
      'transactions_train.csv',
    ],
  },
  ...PREP5_FIXTURES,
  ...PREP6_FIXTURES,
  ...PREP7_FIXTURES,
  ...CDISC_FIXTURES,
  ...ICECUBE_FIXTURES,
];
