import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MISSING_CREDENTIALS_MESSAGE } from '../../harness/kaggle/credentials.js';
import { projectLayout, type ProjectLayout } from '../../harness/paths.js';
import { preparedDir, rawDir } from '../../harness/prepare/prepare-competition.js';
import { runCliCaptured } from '../support/run-cli-captured.js';
import { useTempDir } from '../support/temp-dir.js';

/** A made-up registry competition without a prepare.yaml: every real one can be prepared now. */
const UNPREPARABLE = 'podium-test-unpreparable';

describe('podium prepare', () => {
  const dataDir = useTempDir();
  const projectCopy = useTempDir();

  /** The project's competitions plus UNPREPARABLE (spaceship-titanic's config under another id), in a temp copy. */
  function layoutWithUnpreparable(): ProjectLayout {
    const real = projectLayout();
    const competitionsDir = join(projectCopy, 'competitions');
    if (!existsSync(competitionsDir)) {
      cpSync(real.competitionsDir, competitionsDir, { recursive: true });
      const config = readFileSync(join(real.competitionsDir, 'spaceship-titanic', 'config.yaml'), 'utf8');
      mkdirSync(join(competitionsDir, UNPREPARABLE));
      writeFileSync(
        join(competitionsDir, UNPREPARABLE, 'config.yaml'),
        config.replace('id: spaceship-titanic', `id: ${UNPREPARABLE}`),
      );
    }
    return { ...real, competitionsDir };
  }

  it('with raw/ missing and no Kaggle credentials, says how to get them (exit 2)', async () => {
    vi.stubEnv('KAGGLE_USERNAME', '');
    vi.stubEnv('KAGGLE_KEY', '');
    vi.stubEnv('KAGGLE_CONFIG_DIR', join(dataDir, 'no-kaggle-config'));
    try {
      const result = await runCliCaptured(['prepare', '-c', 'spaceship-titanic', '--data-dir', dataDir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(MISSING_CREDENTIALS_MESSAGE);
      expect(existsSync(rawDir(dataDir, 'spaceship-titanic'))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('prepares from an existing raw folder, then skips', async () => {
    const raw = rawDir(dataDir, 'spaceship-titanic');
    mkdirSync(raw, { recursive: true });
    const rows = Array.from({ length: 30 }, (_, i) => `${i}_01,Earth,${i % 2 === 0 ? 'True' : 'False'}`);
    writeFileSync(join(raw, 'train.csv'), `PassengerId,HomePlanet,Transported\n${rows.join('\n')}\n`);
    const argv = ['prepare', '-c', 'spaceship-titanic', '--data-dir', dataDir, '--keep-raw'];
    const first = await runCliCaptured(argv);
    expect(first.stderr).toBe(
      ['starting', 'splitting', 'checking for leaks'].map((p) => `[1/1] spaceship-titanic: ${p}\n`).join(''),
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('spaceship-titanic: prepared');
    expect(existsSync(join(preparedDir(dataDir, 'spaceship-titanic'), 'private', 'test.csv'))).toBe(true);
    const second = await runCliCaptured(argv);
    expect(second.stdout).toContain('spaceship-titanic: already prepared, skipped');
  });

  it('lists the supported competitions for one without a prepare spec', async () => {
    const result = await runCliCaptured(['prepare', '-c', UNPREPARABLE, '--data-dir', dataDir], {
      layout: layoutWithUnpreparable(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`preparing '${UNPREPARABLE}' is not supported yet`);
    expect(result.stderr).toContain(
      'supported: 3d-object-detection-for-autonomous-vehicles, AI4Code, aerial-cactus-identification, alaska2-image-steganalysis, aptos2019-',
    );
    expect(result.stderr).toContain('icecube-neutrinos-in-deep-ice');
  });

  it('goes on past failing competitions of a split and ends with a summary of each failure', async () => {
    vi.stubEnv('KAGGLE_USERNAME', '');
    vi.stubEnv('KAGGLE_KEY', '');
    vi.stubEnv('KAGGLE_CONFIG_DIR', join(dataDir, 'no-kaggle-config'));
    try {
      const dec = rawDir(dataDir, 'tabular-playground-series-dec-2021');
      mkdirSync(dec, { recursive: true });
      writeFileSync(join(dec, 'train.csv'), 'Id,Elevation\n1,2\n'); // no Cover_Type column
      const spooky = rawDir(dataDir, 'spooky-author-identification');
      mkdirSync(spooky, { recursive: true });
      const rows = Array.from({ length: 30 }, (_, i) => `id${i},text ${i},${['EAP', 'HPL', 'MWS'][i % 3]}`);
      writeFileSync(join(spooky, 'train.csv'), `id,text,author\n${rows.join('\n')}\n`);
      const result = await runCliCaptured(['prepare', '--split', 'low', '--data-dir', dataDir]);
      expect(result.code).toBe(4); // a data failure outranks the missing-credentials (usage) failures
      expect(result.stdout).toContain('spooky-author-identification: prepared');
      const lines = result.stderr.split('\n');
      expect(lines).toContain('[17/22] spooky-author-identification: splitting');
      expect(lines).toContain(
        `  failed: tabular-playground-series-dec-2021: ${join(dec, 'train.csv')} has no column 'Cover_Type' (columns: Id, Elevation)`,
      );
      // every lite competition has a preparer: they fail here for want of raw data and Kaggle credentials
      expect(lines.filter((l) => l.includes('not supported yet'))).toEqual([]);
      expect(lines.find((l) => l.startsWith('prepare: '))).toMatch(
        /^prepare: 1 prepared, 0 already prepared, 21 failed, of 22 competition\(s\)$/,
      );
      expect(lines.at(-2)).toBe('podium: 21 of 22 competition(s) could not be prepared');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('gives a data failure of one competition its own exit code (4)', async () => {
    const raw = rawDir(dataDir, 'tabular-playground-series-dec-2021');
    const result = await runCliCaptured([
      'prepare',
      '-c',
      'tabular-playground-series-dec-2021',
      '--data-dir',
      dataDir,
      '--keep-raw',
    ]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`podium: ${join(raw, 'train.csv')} has no column 'Cover_Type'`);
  });

  it('wants exactly one of -c and --split', async () => {
    const result = await runCliCaptured(['prepare', '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give exactly one of -c <id> or --split');
  });

  it('lists the competitions it can prepare with their split', async () => {
    const result = await runCliCaptured(['prepare', '--list'], { layout: layoutWithUnpreparable() });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain('spooky-author-identification\tlow');
    expect(lines).toContain('spaceship-titanic\tdev');
    expect(lines).toContain('siim-isic-melanoma-classification\tlow');
    expect(lines).toContain('cdiscount-image-classification-challenge\tmedium');
    expect(lines).toContain('icecube-neutrinos-in-deep-ice\tmedium');
    expect(lines.some((l) => l.startsWith(`${UNPREPARABLE}\t`))).toBe(false);
  });
});
