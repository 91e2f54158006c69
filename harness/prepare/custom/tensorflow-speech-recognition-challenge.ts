/**
 * tensorflow-speech-recognition-challenge: custom because the labels are the folder names of the
 * clips (`train/audio/<label>/<name>.wav`), there is no CSV to split, and test clips are renamed.
 *
 * As MLE-bench: every `.wav` under `train/audio/` (the `_background_noise_` recordings included, labelled
 * so) sorted by `<label>_<name>`, then `train_test_split(test_size=0.1, random_state=0)`; train clips keep
 * their path under `train/audio/`; test clips become `test/audio/clip_00000000.wav`, … in split order;
 * private `test.csv` is fname,label; the sample submission says `silence` for every clip.
 * Kaggle ships the clips as `train.7z`, which Node cannot unpack: raw/ must hold it extracted
 * (`7z x train.7z`), as MLE-bench's own extract step leaves it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { writeCsvTable } from '../csv-table.js';
import { PrepareError } from '../prepare-error.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { trainTestSplitIndices } from '../train-test-split.js';

interface Clip {
  label: string;
  name: string;
  /** Path under raw/train/audio/. */
  path: string;
}

/** Every `.wav` below `dir`, labelled with the name of the folder that holds it. */
async function findClips(dir: string, relative = ''): Promise<Clip[]> {
  const clips: Clip[] = [];
  for (const entry of await readdir(join(dir, relative), { withFileTypes: true })) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) clips.push(...(await findClips(dir, path)));
    else if (entry.isFile() && entry.name.endsWith('.wav')) {
      const label = relative === '' ? 'audio' : (relative.split('/').at(-1) ?? '');
      clips.push({ label, name: entry.name, path });
    }
  }
  return clips;
}

/** Python's `sorted(key=f"{label}_{name}")`: code-point order of the keys. */
function byLabelAndName(a: Clip, b: Clip): number {
  const [x, y] = [`${a.label}_${a.name}`, `${b.label}_${b.name}`];
  return x < y ? -1 : x > y ? 1 : 0;
}

export async function prepareTensorflowSpeech(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const audio = join(ctx.raw, 'train', 'audio');
  if (!(await fileExists(audio))) {
    if (await fileExists(join(ctx.raw, 'train.7z'))) {
      throw new PrepareError(`${id}: extract ${join(ctx.raw, 'train.7z')} into ${ctx.raw} first (7z x train.7z)`);
    }
    throw new RawFileMissingError(id, audio);
  }
  const clips = (await findClips(audio)).sort(byLabelAndName);
  if (clips.length < 2) throw new PrepareError(`${id}: fewer than 2 .wav clips under ${audio}`);
  const split = trainTestSplitIndices(clips.length, { testSize: 0.1, randomState: 0 });
  for (const i of split.train) {
    const clip = clips[i];
    if (clip === undefined) continue;
    await copyInto(join(audio, clip.path), join(ctx.public, 'train', 'audio', clip.label, clip.name), id);
  }
  const rows: string[][] = [];
  for (const [k, i] of Array.from(split.test).entries()) {
    const clip = clips[i];
    if (clip === undefined) continue;
    const fname = `clip_${String(k).padStart(8, '0')}.wav`;
    await copyInto(join(audio, clip.path), join(ctx.public, 'test', 'audio', fname), id);
    rows.push([fname, clip.label]);
  }
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), { header: ['fname', 'label'], rows });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['fname', 'label'],
    rows: rows.map(([fname = '']) => [fname, 'silence']),
  });
}
