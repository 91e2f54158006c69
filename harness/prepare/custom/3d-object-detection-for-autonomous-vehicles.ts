/**
 * 3d-object-detection-for-autonomous-vehicles: custom because the data is a nuScenes-style database of
 * JSON tables linked by tokens, split by drive (log), with images and lidar sweeps following their
 * sample.
 *
 * As MLE-bench: train_data/log.json's tokens are split with train_test_split(test_size=0.2,
 * random_state=0); a sample goes to the side of its scene_token (the Lyft data names each scene after
 * its log); train.csv's rows follow their sample (public train.csv; private test.csv with `1.0 ` put
 * before every 8-token box of PredictionString; the sample submission leaves it empty). sample_data,
 * calibrated_sensor (each used once per side, in order of first use), ego_pose (one per sample_data),
 * scene (by log_token), sample_annotation and instance (train side only) follow; attribute, category,
 * sensor and visibility are copied to both sides; each sample_data file goes to
 * {train,test}_{images,lidar}/ under its base name; the one map raster is copied to both map folders.
 * Every JSON table is written as Python's `json.dump`. Difference: MLE-bench's map.json lists the test
 * logs on both sides (a shallow copy shares the record); Podium lists each side's own logs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { columnIndex, CsvFormatError, writeCsvTable } from '../csv-table.js';
import { splitList } from '../list-split.js';
import { copyInto, RawFileMissingError, type PrepareContext, readRawCsv } from '../prepare-context.js';
import { PrepareError } from '../prepare-error.js';
import { dumpPyJson, JsonFormatError, parsePyJson, pyField, type PyJson } from '../python-json.js';

const SHARED_TABLES = ['attribute.json', 'category.json', 'sensor.json', 'visibility.json'];
const MAP = 'map_raster_palo_alto.png';

type Side = 'train' | 'test';

function text(record: PyJson, key: string, table: string): string {
  const value = pyField(record, key);
  if (typeof value !== 'string') throw new JsonFormatError(`${table}: a record without a string '${key}'`);
  return value;
}

/** MLE-bench's add_confidence: `1.0` before each box of 8 tokens. */
export function withConfidence(prediction: string, id: string): string {
  const tokens = prediction.split(' ');
  if (tokens.length % 8 !== 0) {
    throw new CsvFormatError(`train.csv: PredictionString of ${id} has ${tokens.length} tokens, not a multiple of 8`);
  }
  return tokens.flatMap((token, i) => (i % 8 === 0 ? ['1.0', token] : [token])).join(' ');
}

export async function prepareLyft3d(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  const readTable = async (name: string): Promise<PyJson[]> => {
    const file = join(ctx.raw, 'train_data', name);
    if (!(await fileExists(file))) throw new RawFileMissingError(id, file);
    const parsed = parsePyJson(await readFile(file, 'utf8'), file);
    if (!Array.isArray(parsed)) throw new JsonFormatError(`${file}: expected a JSON list`);
    return parsed;
  };
  const write = (side: Side, name: string, value: PyJson) =>
    writeFile(join(ctx.public, `${side}_data`, name), dumpPyJson(value));
  const bySide = <T>(items: readonly T[], side: (item: T) => Side | undefined, table: string) => {
    const out: Record<Side, T[]> = { train: [], test: [] };
    for (const item of items) {
      const s = side(item);
      if (s === undefined) throw new PrepareError(`${table}: a record belongs to neither the new train nor test set`);
      out[s].push(item);
    }
    return out;
  };
  await mkdir(join(ctx.public, 'train_data'), { recursive: true });
  await mkdir(join(ctx.public, 'test_data'), { recursive: true });

  const logs = await readTable('log.json');
  const logIds = logs.map((log) => text(log, 'token', 'log.json'));
  if (new Set(logIds).size !== logIds.length) throw new JsonFormatError('log.json: log tokens must be unique');
  const split = splitList(logIds, { testSize: 0.2, randomState: 0 });
  const logSide = new Map<string, Side>([
    ...split.train.map((t) => [t, 'train'] as const),
    ...split.test.map((t) => [t, 'test'] as const),
  ]);
  const logsBySide = bySide(logs, (log) => logSide.get(text(log, 'token', 'log.json')), 'log.json');
  for (const side of ['train', 'test'] as const) await write(side, 'log.json', logsBySide[side]);

  const samples = bySide(
    await readTable('sample.json'),
    (s) => logSide.get(text(s, 'scene_token', 'sample.json')),
    'sample.json',
  );
  for (const side of ['train', 'test'] as const) await write(side, 'sample.json', samples[side]);
  const sampleSide = new Map<string, Side>();
  for (const side of ['train', 'test'] as const) {
    for (const s of samples[side]) sampleSide.set(text(s, 'token', 'sample.json'), side);
  }

  const trainCsv = join(ctx.raw, 'train.csv');
  const table = await readRawCsv(trainCsv, id);
  const [idCol, predCol] = [columnIndex(table, 'Id', trainCsv), columnIndex(table, 'PredictionString', trainCsv)];
  const rows = bySide(table.rows, (row) => sampleSide.get(row[idCol] ?? ''), 'train.csv');
  for (const side of ['train', 'test'] as const) {
    if (rows[side].length !== samples[side].length) {
      throw new CsvFormatError(
        `train.csv has ${rows[side].length} rows for the ${samples[side].length} ${side} samples`,
      );
    }
  }
  await writeCsvTable(join(ctx.public, 'train.csv'), { header: table.header, rows: rows.train });
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: table.header,
    rows: rows.test.map((row) =>
      row.map((value, c) => (c === predCol ? withConfidence(value, row[idCol] ?? '') : value)),
    ),
  });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Id', 'PredictionString'],
    rows: rows.test.map((row) => [row[idCol] ?? '', '']),
  });

  const sampleData = await readTable('sample_data.json');
  const data = bySide(
    sampleData,
    (d) => sampleSide.get(text(d, 'sample_token', 'sample_data.json')),
    'sample_data.json',
  );
  for (const side of ['train', 'test'] as const) await write(side, 'sample_data.json', data[side]);

  const sensors = new Map(
    (await readTable('calibrated_sensor.json')).map((c) => [text(c, 'token', 'calibrated_sensor.json'), c]),
  );
  const poses = new Map((await readTable('ego_pose.json')).map((p) => [text(p, 'token', 'ego_pose.json'), p]));
  const lookup = (map: Map<string, PyJson>, token: string, table: string) => {
    const record = map.get(token);
    if (record === undefined) throw new JsonFormatError(`${table}: no record with token ${token}`);
    return record;
  };
  for (const side of ['train', 'test'] as const) {
    const used = [...new Set(data[side].map((d) => text(d, 'calibrated_sensor_token', 'sample_data.json')))];
    await write(
      side,
      'calibrated_sensor.json',
      used.map((t) => lookup(sensors, t, 'calibrated_sensor.json')),
    );
    const sidePoses = data[side].map((d) =>
      lookup(poses, text(d, 'ego_pose_token', 'sample_data.json'), 'ego_pose.json'),
    );
    await write(side, 'ego_pose.json', sidePoses);
  }

  const maps = await readTable('map.json');
  if (maps.length !== 1) throw new JsonFormatError(`map.json: expected one map, got ${maps.length}`);
  const map = maps[0]!;
  if (map === null || typeof map !== 'object' || Array.isArray(map) || map.kind !== 'object') {
    throw new JsonFormatError('map.json: expected a map record');
  }
  for (const side of ['train', 'test'] as const) {
    const entries = map.entries.map(([k, v]): [string, PyJson] => [k, k === 'log_tokens' ? split[side] : v]);
    await write(side, 'map.json', [{ kind: 'object', entries }]);
  }

  const scenes = bySide(
    await readTable('scene.json'),
    (s) => logSide.get(text(s, 'log_token', 'scene.json')),
    'scene.json',
  );
  for (const side of ['train', 'test'] as const) await write(side, 'scene.json', scenes[side]);
  for (const name of SHARED_TABLES) {
    for (const side of ['train', 'test'] as const) {
      await copyInto(join(ctx.raw, 'train_data', name), join(ctx.public, `${side}_data`, name), id);
    }
  }

  // annotations and instances of the test samples are the answers: train side only
  const annotations = bySide(
    await readTable('sample_annotation.json'),
    (a) => sampleSide.get(text(a, 'sample_token', 'sample_annotation.json')),
    'sample_annotation.json',
  );
  await write('train', 'sample_annotation.json', annotations.train);
  const instanceSide = (side: Side) =>
    new Set(annotations[side].map((a) => text(a, 'instance_token', 'sample_annotation.json')));
  const [trainInstances, testInstances] = [instanceSide('train'), instanceSide('test')];
  const instances = bySide(
    await readTable('instance.json'),
    (i) => {
      const token = text(i, 'token', 'instance.json');
      return trainInstances.has(token) ? 'train' : testInstances.has(token) ? 'test' : undefined;
    },
    'instance.json',
  );
  await write('train', 'instance.json', instances.train);

  for (const datum of sampleData) {
    const side = sampleSide.get(text(datum, 'sample_token', 'sample_data.json'))!;
    const name = text(datum, 'filename', 'sample_data.json').split('/').at(-1) ?? '';
    const format = text(datum, 'fileformat', 'sample_data.json');
    const kind =
      format === 'jpeg' && name.endsWith('jpeg') ? 'images' : format === 'bin' && name.endsWith('bin') ? 'lidar' : null;
    if (kind === null) throw new JsonFormatError(`sample_data.json: unexpected file ${name} of format ${format}`);
    await copyInto(join(ctx.raw, `train_${kind}`, name), join(ctx.public, `${side}_${kind}`, name), id);
  }
  for (const side of ['train', 'test'] as const) {
    await copyInto(join(ctx.raw, 'train_maps', MAP), join(ctx.public, `${side}_maps`, MAP), id);
  }
}
