/**
 * vesuvius-challenge-ink-detection: custom because the split is fixed, not drawn: Kaggle's training
 * fragments 1 and 2 stay training data and fragment 3 becomes the one test fragment, `a`.
 *
 * As MLE-bench: `train/1/` and `train/2/` are copied whole; every file of `train/3/` except its labels
 * (inklabels.png, inklabels_rle.csv) and the infrared photo of the ink (ir.png) goes to `test/a/`
 * (only .png, .csv and .tif files are expected there). Private inklabels_rle.csv is fragment 3's
 * one-row RLE with Id `a` and the image's width and height (read from ir.png's PNG header);
 * gold_submission.csv is Id, Predicted; the sample submission is `a,1 1 5 1`.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists } from '../../file-exists.js';
import { listFiles } from '../checksums.js';
import { columnIndex, CsvFormatError, readCsvTable, writeCsvTable } from '../csv-table.js';
import { copyTree } from '../copy-tree.js';
import { copyInto, RawFileMissingError, type PrepareContext } from '../prepare-context.js';
import { PngFormatError } from '../png-gray.js';

const HELD_OUT = new Set(['inklabels.png', 'inklabels_rle.csv', 'ir.png']);
const TEST_EXTENSIONS = ['.png', '.csv', '.tif'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's width and height from its IHDR chunk (the first 24 bytes), without decoding the pixels. */
export async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(24);
    const { bytesRead } = await handle.read(head, 0, 24, 0);
    if (bytesRead < 24 || !head.subarray(0, 8).equals(PNG_SIGNATURE) || head.toString('latin1', 12, 16) !== 'IHDR') {
      throw new PngFormatError(`${file} is not a PNG (no signature and IHDR chunk)`);
    }
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  } finally {
    await handle.close();
  }
}

export async function prepareVesuvius(ctx: PrepareContext): Promise<void> {
  const id = ctx.competition.id;
  for (const fragment of ['1', '2']) {
    await copyTree(join(ctx.raw, 'train', fragment), join(ctx.public, 'train', fragment), id);
  }
  const third = join(ctx.raw, 'train', '3');
  const rleFile = join(third, 'inklabels_rle.csv');
  const irFile = join(third, 'ir.png');
  for (const file of [rleFile, irFile]) if (!(await fileExists(file))) throw new RawFileMissingError(id, file);
  const rle = await readCsvTable(rleFile);
  if (rle.rows.length !== 1) throw new CsvFormatError(`${rleFile}: expected a single row, got ${rle.rows.length}`);
  const idCol = columnIndex(rle, 'Id', rleFile);
  columnIndex(rle, 'Predicted', rleFile);
  const { width, height } = await pngSize(irFile);
  const row = (rle.rows[0] ?? []).map((value, c) => (c === idCol ? 'a' : value));
  await writeCsvTable(join(ctx.private, ctx.competition.grading.answers), {
    header: [...rle.header, 'width', 'height'],
    rows: [[...row, String(width), String(height)]],
  });
  await writeCsvTable(join(ctx.private, 'gold_submission.csv'), { header: rle.header, rows: [row] });
  await writeCsvTable(join(ctx.public, 'sample_submission.csv'), {
    header: ['Id', 'Predicted'],
    rows: [['a', '1 1 5 1']],
  });

  for (const file of await listFiles(third)) {
    const name = file.split('/').at(-1) ?? '';
    if (!TEST_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      throw new CsvFormatError(`train/3/${file}: expected only .png, .csv or .tif files in a fragment`);
    }
    if (HELD_OUT.has(name)) continue;
    await copyInto(join(third, ...file.split('/')), join(ctx.public, 'test', 'a', ...file.split('/')), id);
  }
}
