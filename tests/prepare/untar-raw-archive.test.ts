/** ensureUntarred: unpacks a raw .tar.gz once, refuses unsafe entries, leaves nothing half-done. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureUntarred } from '../../harness/prepare/untar-raw-archive.js';
import { useTempDir } from '../support/temp-dir.js';
import { tarFile } from './tar-fixture.js';

const root = useTempDir();

describe('ensureUntarred', () => {
  it('unpacks the folder, then leaves an existing one alone', async () => {
    const raw = join(root, 'ok');
    mkdirSync(raw);
    writeFileSync(join(raw, 'images.tar.gz'), gzipSync(tarFile({ 'images/a/1.jpg': 'one', 'images/2.jpg': 'two' })));
    await ensureUntarred('c', raw, 'images.tar.gz', 'images');
    expect(readFileSync(join(raw, 'images', 'a', '1.jpg'), 'utf8')).toBe('one');
    writeFileSync(join(raw, 'images.tar.gz'), 'no longer a tar');
    await ensureUntarred('c', raw, 'images.tar.gz', 'images');
    expect(readdirSync(raw).sort()).toEqual(['images', 'images.tar.gz']);
  });

  it('refuses an entry outside the folder and leaves no folder behind', async () => {
    const raw = join(root, 'evil');
    mkdirSync(raw);
    writeFileSync(join(raw, 'images.tar.gz'), gzipSync(tarFile({ 'images/1.jpg': 'one', 'images/../../x': 'evil' })));
    await expect(ensureUntarred('c', raw, 'images.tar.gz', 'images')).rejects.toThrow(
      `c: ${join(raw, 'images.tar.gz')}: refused entry images/../../x (path contains ..)`,
    );
    expect(readdirSync(raw)).toEqual(['images.tar.gz']);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
