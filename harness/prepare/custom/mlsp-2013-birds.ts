/**
 * mlsp-2013-birds: custom because the data is a set of small text files keyed by recording id
 * (`rec_id`), the test set is drawn with pandas' `sample` rather than train_test_split, and every
 * file's recordings are renumbered.
 *
 * As MLE-bench: Kaggle's training recordings (fold 0 of `essential_data/CVfolds_2.txt`) are the whole
 * new dataset, renumbered 0.. in file order; `cv_folds.sample(frac=0.2, random_state=0)` marks the new
 * test recordings fold 1 (that is `RandomState(0).permutation(n)[:round(0.2·n)]`, Python's round).
 * Public gets the renumbered CVfolds_2.txt and rec_id2filename.txt, rec_labels_test_hidden.txt with `?`
 * for test recordings, species_list.txt, the wavs and bitmaps of the kept recordings, the two mosaic
 * bitmaps and the three segment feature files restricted to the kept recordings. Private answers.csv has
 * one row per (test recording, species): Id = rec_id·100 + species, Probability 1 when labelled; the
 * sample submission gives 0. Unlike MLE-bench, which writes `rec_id,[histogram of segment features]`
 * over all three segment files, Podium keeps each file's own header.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { copyInto, RawFileMissingError, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { RandomState } from '../random-state.js';

const ROOT = 'mlsp_contest_dataset';
const SPECIES = 19;
const SEGMENT_FILES = ['histogram_of_segments.txt', 'segment_features.txt', 'segment_rectangles.txt'];
const PER_RECORDING_BITMAPS = ['filtered_spectrograms', 'spectrograms', 'supervised_segmentation'];

/** Python 3's round(): halves go to the even integer. */
export function pythonRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The rows of `df.sample(frac, random_state)`: `RandomState(seed).choice(n, round(frac·n), replace=False)`. */
export function pandasSampleRows(n: number, frac: number, randomState: number): number[] {
  return Array.from(new RandomState(randomState).permutation(n).subarray(0, pythonRound(frac * n)));
}

async function readLines(ctx: PrepareContext, relative: string): Promise<string[]> {
  const file = join(ctx.raw, ROOT, relative);
  if (!(await fileExists(file))) throw new RawFileMissingError(ctx.competition.id, file);
  return (await readFile(file, 'utf8')).split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1);
}

/** `rec_id,rest` lines (after the header) of the kept recordings, renumbered, in file order. */
function renumberLines(lines: readonly string[], newId: ReadonlyMap<string, number>): [number, string][] {
  return lines.slice(1).flatMap((line) => {
    const comma = line.indexOf(',');
    const id = String(Number.parseInt(comma < 0 ? line : line.slice(0, comma), 10));
    const mapped = newId.get(id);
    return mapped === undefined ? [] : [[mapped, comma < 0 ? '' : line.slice(comma + 1)] as [number, string]];
  });
}

export async function prepareMlspBirds(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const essential = join(ctx.raw, ROOT, 'essential_data');
  const supplemental = join(ctx.raw, ROOT, 'supplemental_data');
  const foldsFile = join(essential, 'CVfolds_2.txt');
  const folds = await readRawCsv(foldsFile, id);
  const [recCol, foldCol] = [columnIndex(folds, 'rec_id', foldsFile), columnIndex(folds, 'fold', foldsFile)];
  const kept = folds.rows.filter((row) => row[foldCol] === '0').map((row) => String(Number(row[recCol])));
  if (kept.length < 2) throw new CsvFormatError(`${foldsFile}: fewer than 2 recordings of fold 0`);
  const newId = new Map(kept.map((old, k) => [old, k]));
  const isTest = new Uint8Array(kept.length);
  for (const k of pandasSampleRows(kept.length, 0.2, 0)) isTest[k] = 1;
  const testIds = kept.flatMap((_, k) => (isTest[k] === 1 ? [k] : []));

  const pub = (...parts: string[]) => join(ctx.public, ...parts);
  await writeCsvTable(pub('essential_data', 'CVfolds_2.txt'), {
    header: ['rec_id', 'fold'],
    rows: kept.map((_, k) => [String(k), String(isTest[k])]),
  });
  const namesFile = join(essential, 'rec_id2filename.txt');
  const names = await readRawCsv(namesFile, id);
  const [nameRec, nameFile] = [columnIndex(names, 'rec_id', namesFile), columnIndex(names, 'filename', namesFile)];
  const keptNames = names.rows.flatMap((row) => {
    const mapped = newId.get(String(Number(row[nameRec])));
    return mapped === undefined ? [] : [row.map((v, c) => (c === nameRec ? String(mapped) : v))];
  });
  if (keptNames.length !== kept.length) {
    throw new CsvFormatError(`${namesFile}: ${keptNames.length} file names for the ${kept.length} fold-0 recordings`);
  }
  await writeCsvTable(pub('essential_data', 'rec_id2filename.txt'), { header: names.header, rows: keptNames });

  const labels = renumberLines(await readLines(ctx, 'essential_data/rec_labels_test_hidden.txt'), newId);
  const hidden = labels.map(([rec, species]) => {
    const shown = isTest[rec] === 1 ? '?' : species;
    return shown === '' ? String(rec) : `${rec},${shown}`;
  });
  await writeFile(pub('essential_data', 'rec_labels_test_hidden.txt'), ['rec_id,[labels]', ...hidden, ''].join('\n'));
  const answers = labels.flatMap(([rec, species]) => {
    if (isTest[rec] !== 1) return [];
    const present = new Set(
      species
        .split(',')
        .filter((s) => s !== '')
        .map(Number),
    );
    return Array.from({ length: SPECIES }, (_, s) => [String(rec * 100 + s), present.has(s) ? '1' : '0']);
  });
  if (answers.length !== testIds.length * SPECIES) {
    throw new CsvFormatError(
      `rec_labels_test_hidden.txt lacks labels for some of the ${testIds.length} test recordings`,
    );
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: ['Id', 'Probability'],
    rows: answers,
  });
  await writeCsvTable(pub('sample_submission.csv'), {
    header: ['Id', 'Probability'],
    rows: testIds.flatMap((rec) => Array.from({ length: SPECIES }, (_, s) => [String(rec * 100 + s), '0'])),
  });

  await copyInto(join(essential, 'species_list.txt'), pub('essential_data', 'species_list.txt'), id);
  for (const row of keptNames) {
    const name = row[nameFile] ?? '';
    await copyInto(join(essential, 'src_wavs', `${name}.wav`), pub('essential_data', 'src_wavs', `${name}.wav`), id);
    for (const dir of PER_RECORDING_BITMAPS) {
      await copyInto(join(supplemental, dir, `${name}.bmp`), pub('supplemental_data', dir, `${name}.bmp`), id);
    }
    // not every recording has a segmentation example
    const example = join(supplemental, 'segmentation_examples', `${name}.bmp`);
    if (await fileExists(example)) {
      await copyInto(example, pub('supplemental_data', 'segmentation_examples', `${name}.bmp`), id);
    }
  }
  for (const bitmap of ['segment_clusters.bmp', 'segment_mosaic.bmp']) {
    await copyInto(join(supplemental, bitmap), pub('supplemental_data', bitmap), id);
  }
  for (const file of SEGMENT_FILES) {
    const lines = await readLines(ctx, `supplemental_data/${file}`);
    const rows = renumberLines(lines, newId).map(([rec, rest]) => `${rec},${rest}`);
    await writeFile(pub('supplemental_data', file), [lines[0] ?? '', ...rows, ''].join('\n'));
  }
}
