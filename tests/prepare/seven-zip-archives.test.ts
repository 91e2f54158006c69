/** A competition Kaggle ships partly as 7-Zip stops before splitting, naming the archive to unpack by hand. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildGradingContext } from '../../harness/cli/context.js';
import { projectLayout } from '../../harness/paths.js';
import { prepareCompetition, preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { SevenZipNotExtractedError } from '../../harness/prepare/seven-zip-archives.js';
import { useTempDir } from '../support/temp-dir.js';

const layout = projectLayout();
const dataDir = useTempDir();

it('stops with the extraction command when the 7-Zip archive was not unpacked', async () => {
  const ctx = await buildGradingContext({ dataDir });
  const id = 'invasive-species-monitoring';
  const raw = rawDir(dataDir, id);
  mkdirSync(raw, { recursive: true });
  writeFileSync(join(raw, 'train_labels.csv'), 'name,invasive\n1,0\n2,1\n');
  writeFileSync(join(raw, 'train.7z'), '7z stand-in\n');
  const prepare = prepareCompetition({
    dataDir,
    competitionsDir: layout.competitionsDir,
    competition: ctx.registry.get(id),
    skipVerification: true,
    keepRaw: true,
  });
  await expect(prepare).rejects.toThrow(SevenZipNotExtractedError);
  await expect(prepare).rejects.toThrow(
    `${id}: raw/train is missing: Kaggle ships it inside the 7-Zip archive raw/train.7z, which Podium does not unpack; extract it by hand (cd ${raw} && 7z x train.7z) and prepare again`,
  );
  expect(existsSync(preparedDir(dataDir, id))).toBe(false);
});
