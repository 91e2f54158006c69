import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectLayout } from '../../harness/paths.js';
import { loadPrepareSpec, prepareSpecHash } from '../../harness/prepare/prepare-spec.js';
import { useTempDir } from '../support/temp-dir.js';

describe('prepare.yaml', () => {
  const dir = useTempDir();

  it('loads the shipped specs and hashes them stably', async () => {
    const spec = await loadPrepareSpec(projectLayout().competitionsDir, 'spaceship-titanic');
    expect(spec).toMatchObject({ strategy: 'split-csv-by-fraction', test_fraction: 0.1, random_state: 0 });
    expect(prepareSpecHash(spec!)).toBe(prepareSpecHash(structuredClone(spec!)));
  });

  it('loads no spec (not supported yet) for a competition folder without prepare.yaml', async () => {
    mkdirSync(join(dir, 'no-spec'));
    writeFileSync(join(dir, 'no-spec', 'config.yaml'), 'schema_version: 1\n');
    expect(await loadPrepareSpec(dir, 'no-spec')).toBeNull();
    expect(await loadPrepareSpec(projectLayout().competitionsDir, 'icecube-neutrinos-in-deep-ice')).not.toBeNull();
  });

  it('rejects unknown keys and sample values for non-answer columns, naming the file', async () => {
    mkdirSync(join(dir, 'x'));
    const file = join(dir, 'x', 'prepare.yaml');
    const base =
      'schema_version: 1\nstrategy: split-csv-by-count\nsource: train.csv\ntest_count: 5\nrandom_state: 0\nid_column: id\nanswer_columns: [y]\n';
    writeFileSync(file, `${base}sample_values: {y: '0'}\ntest_fraction: 0.1\n`);
    await expect(loadPrepareSpec(dir, 'x')).rejects.toThrow(`${file}: unknown key 'test_fraction'`);
    writeFileSync(file, `${base}sample_values: {y: '0', z: '1'}\n`);
    await expect(loadPrepareSpec(dir, 'x', ['y'])).rejects.toThrow(
      `${file}: sample_values: 'z' is not a submission column of config.yaml`,
    );
    writeFileSync(file, `${base}sample_values: {}\n`);
    await expect(loadPrepareSpec(dir, 'x', ['y'])).rejects.toThrow(
      `${file}: sample_values: no value for the submission column 'y'`,
    );
  });
});
