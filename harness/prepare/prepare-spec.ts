/**
 * The schema of `competitions/<id>/prepare.yaml`: how Podium turns a competition's raw Kaggle files
 * into MLE-bench's `prepared/{public,private}` layout. Kept apart from config.yaml so the registry
 * schema stays as it is; a competition without this file cannot be prepared yet.
 *
 * Most competitions are one labelled CSV split into train/test plus parameters (which columns are
 * answers, what the public files are called, which image/audio files follow each row). The few whose
 * preparation does not fit name `strategy: custom` and have a module in `harness/prepare/custom/`.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../registry/config-error.js';
import { readOptionalYamlConfig } from '../registry/yaml-config.js';
import { ID_RENUMBERINGS } from './split-strategies.js';

const ColumnName = z.string().min(1);
const RelativePath = z
  .string()
  .min(1)
  .refine(
    (name) => !name.split(/[\\/]/).includes('..') && !name.startsWith('/') && !name.startsWith('\\'),
    'must be a relative path inside the folder',
  );
/**
 * A relative path with `{id}` (the row's original id) and/or `{new_id}` (after renumbering); it may
 * also hold `{column:<name>}`, that row's value of another source column (paddy's label folders).
 */
const PathTemplate = RelativePath.refine((p) => p.includes('{id}') || p.includes('{new_id}'), 'must contain {id}');
const Seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** Files that follow the rows of the split: `raw/<source>` is copied to `public/<train>` or `public/<test>`. */
const FileSplit = z.strictObject({ source: PathTemplate, train: PathTemplate, test: PathTemplate });

/**
 * A 7-Zip archive of Kaggle's download (some competitions ship folders as `.7z` inside the zip):
 * Podium has no 7-Zip reader, so `extracts_to` must be unpacked from it by hand before preparing.
 */
const SevenZipArchive = z.strictObject({ archive: RelativePath, extracts_to: RelativePath });

/** Rows of another raw CSV kept only where `column` holds an id of the train side (original order). */
const FilteredCopy = z.strictObject({ file: RelativePath, column: ColumnName, to: RelativePath.optional() });

/** What every strategy declares: the answers (for the leak check) and the public sample submission. */
const Common = {
  schema_version: z.literal(1),
  /** Columns that hold the truth: never in a public CSV except `labelled_public` files. */
  answer_columns: z.array(ColumnName).min(1),
  /** The public sample submission's file name; default: config.yaml's `sample_submission` under public/. */
  sample_submission: RelativePath.optional(),
  /**
   * Public CSVs that may hold answer columns by design (the train set); default: the public train file.
   * A `*` path segment matches any one name: labelled files spread over per-item folders.
   */
  labelled_public: z.array(RelativePath).optional(),
  /** Raw files copied unchanged to public/ (instructions, metadata without labels). */
  copy: z.array(RelativePath).default([]),
  /** 7-Zip archives to unpack by hand; optional without a default so other specs' hashes stay as they were. */
  seven_zip: z.array(SevenZipArchive).min(1).optional(),
};

const CsvSplit = {
  ...Common,
  /** The labelled CSV in `raw/` that is split. */
  source: RelativePath,
  /**
   * Rows removed from the source before the split, by column value (hotel-id's image listed twice);
   * optional without a default so other specs' hashes stay as they were.
   */
  drop_rows: z.record(ColumnName, z.array(z.string()).min(1)).optional(),
  /** The seed of `np.random.RandomState`, as MLE-bench's `random_state`. */
  random_state: Seed,
  id_column: ColumnName,
  renumber_ids: z.enum(ID_RENUMBERINGS).default('keep'),
  /** The constant each answers column gets in the generated sample submission (as CSV text). */
  sample_values: z.record(ColumnName, z.string()).default({}),
  /** The value of every answers column that `sample_values` does not name (e.g. 1/120 for 120 classes). */
  sample_default: z.string().optional(),
  /** The one answers column of the sample drawn as `np.random.RandomState(seed).randint(low, high, n)`. */
  sample_random_integers: z
    .strictObject({ random_state: Seed, low: z.number().int(), high: z.number().int() })
    .refine((r) => r.high > r.low, 'high must be above low')
    .optional(),
  /**
   * The one answers column of the sample drawn as `np.random.default_rng(seed).uniform(low, high, n)`
   * rounded to `decimals` places (petfinder-pawpularity-score), written as pandas writes floats.
   */
  sample_uniform: z
    .strictObject({ random_state: Seed, low: z.number(), high: z.number(), decimals: z.number().int().min(0).max(15) })
    .refine((r) => r.high > r.low, 'high must be above low')
    .optional(),
  /**
   * Every sampled column runs `np.linspace(0, 1, n)` down the test rows instead of a constant: a metric
   * such as Pearson or Spearman correlation is undefined for constant predictions.
   */
  sample_linspace: z.boolean().default(false),
  /** Columns besides the answers that the public test CSV leaves out (e.g. lmsys' model names). */
  drop_from_public_test: z.array(ColumnName).default([]),
  /** An extra private file with only the id and answer columns, as some MLE-bench preparations write. */
  gold_submission: RelativePath.optional(),
  /** Public names of the new train and test CSVs; `public_test: null` writes no public test CSV. */
  public_train: RelativePath.default('train.csv'),
  public_test: RelativePath.nullable().default('test.csv'),
  /**
   * The private answers' columns. Default: every column of the source. `one-hot` writes the id and one
   * column per class of config.yaml's target_columns from `label_column`, as MLE-bench's df_to_one_hot.
   */
  private_columns: z.array(ColumnName).optional(),
  one_hot: z.strictObject({ label_column: ColumnName }).optional(),
  /** Renames of the private answers' columns to the submission's (chaii: answer_text → PredictionString). */
  private_rename: z.record(ColumnName, ColumnName).default({}),
  /**
   * `split`: rows in sklearn's permuted (iloc) order, as `train_test_split(df)` returns them.
   * `original`: rows in the source's order (MLE-bench splits the id column, then filters with isin).
   */
  row_order: z.enum(['split', 'original']).default('split'),
  files: z.array(FileSplit).default([]),
  /**
   * As `files`, for a folder per row (a scan's series of DICOM slices): the whole tree is copied.
   * Optional without a default so that the spec hash of competitions without it stays as it was.
   */
  folders: z.array(FileSplit).optional(),
  /**
   * When this column is constant on the test side, the first test row trades places with the first
   * train row whose value is not 0 (MLE-bench's google-quest-challenge: Spearman needs variation).
   */
  swap_for_variety: ColumnName.optional(),
  filter_by_train_ids: z.array(FilteredCopy).default([]),
};

export const PrepareSpec = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('split-csv-by-fraction'), test_fraction: z.number().gt(0).lt(1), ...CsvSplit }),
  z.strictObject({ strategy: z.literal('split-csv-by-count'), test_count: z.number().int().min(1), ...CsvSplit }),
  /**
   * The test fraction is the share the original test set had: files in `raw/<dir>` over those plus the
   * source's rows (MLE-bench's histopathologic-cancer-detection).
   */
  z.strictObject({
    strategy: z.literal('split-csv-by-test-files'),
    test_files_dir: RelativePath,
    ...CsvSplit,
  }),
  /** A preparation in code: `harness/prepare/custom/<id>.ts`, registered in custom-preparers.ts. */
  z.strictObject({ strategy: z.literal('custom'), ...Common }),
]);
export type PrepareSpec = z.infer<typeof PrepareSpec>;
export type CsvSplitSpec = Exclude<PrepareSpec, { strategy: 'custom' }>;

export function prepareSpecPath(competitionsDir: string, id: string): string {
  return join(competitionsDir, id, 'prepare.yaml');
}

/**
 * The parsed spec, or null when the competition has no prepare.yaml (not supported yet). With the
 * competition's submission columns (config.yaml's target_columns, the sample submission's columns),
 * also checks that sample_values names only those and gives each a value.
 */
export async function loadPrepareSpec(
  competitionsDir: string,
  id: string,
  submissionColumns?: readonly string[],
): Promise<PrepareSpec | null> {
  const file = prepareSpecPath(competitionsDir, id);
  const spec = await readOptionalYamlConfig(file, PrepareSpec);
  if (spec === null || spec.strategy === 'custom' || submissionColumns === undefined) return spec;
  for (const column of Object.keys(spec.sample_values)) {
    if (!submissionColumns.includes(column)) {
      throw new ConfigError(file, 'sample_values', `'${column}' is not a submission column of config.yaml`);
    }
  }
  for (const key of ['sample_random_integers', 'sample_uniform'] as const) {
    if (spec[key] !== undefined && submissionColumns.length !== 1) {
      throw new ConfigError(file, key, 'needs a submission with exactly one answer column');
    }
  }
  const drawn = spec.sample_linspace || spec.sample_random_integers !== undefined || spec.sample_uniform !== undefined;
  if (spec.sample_default === undefined && !drawn) {
    for (const column of submissionColumns) {
      if (spec.sample_values[column] === undefined) {
        throw new ConfigError(file, 'sample_values', `no value for the submission column '${column}'`);
      }
    }
  }
  return spec;
}

/** Bump when the preparation code changes what it writes, so finished competitions are redone. */
export const PREPARE_CODE_VERSION = 2;

/** sha256 of the spec (keys sorted) and the code version: the completion marker's key. */
export function prepareSpecHash(spec: PrepareSpec): string {
  const canonical = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;
  return createHash('sha256')
    .update(JSON.stringify({ code: PREPARE_CODE_VERSION, spec: canonical(spec) }))
    .digest('hex');
}
