/**
 * A hostile agent's outputs, extracted by the harness on both runtimes: links, FIFOs, device nodes,
 * odd names, a deep tree and a 10 GB sparse file. Nothing but regular files and folders may land on the
 * host, nothing outside the run's folder, the sparse file must be neither copied nor streamed (the read
 * cap stops the archive at it), and the run still ends graded. Docker archives hard links as links
 * and refuses mknod (no CAP_MKNOD); the local runtime (root here) leaves FIFOs and devices out of its
 * archive and copies a hard link as a second file.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsOf, useRunTestBed } from '../support/run-agents.js';
import { diskBytesUnder } from '../../harness/runtime/disk-bytes.js';
import { filesUnder, hostileRunner, readText } from './hostile-support.js';

const bed = await useRunTestBed('podium-hostile-outputs-');
const run = hostileRunner(bed);
const SCRIPT = readText(join(import.meta.dirname, 'agents', 'odd-outputs.sh'));
const SPARSE_REASON =
  'file of 10737418240 bytes would pass the 8589934592-byte read cap: it and the rest were not read';
const DEEP = `code/deep/${Array.from({ length: 120 }, (_, i) => `d${i + 1}`).join('/')}/bottom.txt`;

describe.each(bed.RUNTIMES)('hostile outputs on $kind', ({ kind, available }) => {
  it.skipIf(!available)(
    'extracts only regular files, inside the run, and does not stream a sparse 10 GB file',
    async () => {
      const outside = join(bed.tmp, `outside-${kind}`);
      mkdirSync(outside);
      const started = Date.now();
      const r = await run(kind, { name: `odd-outputs-${kind}`, env: { OUTSIDE: outside }, script: SCRIPT });
      expect(Date.now() - started).toBeLessThan(60_000); // 10 GB streamed would take about a minute alone

      const [extracted] = eventsOf(r.events, 'extracted');
      const skipped = Object.fromEntries((extracted?.skipped ?? []).map((s) => [s.path, s.reason]));
      const docker = kind === 'docker';
      expect(skipped).toEqual({
        'logs/e-up-link': 'symlink',
        'logs/s-sparse.bin': SPARSE_REASON,
        'code/escape': 'symlink',
        ...(docker ? { 'logs/b-hardlink.txt': 'hard link', 'logs/c-fifo': 'fifo' } : {}),
      });
      const files = filesUnder(r.runDir);
      expect(files.filter((f) => f.includes('not a regular file'))).toEqual([]);
      expect(files.filter((f) => f.startsWith('logs/')).sort()).toEqual(
        [
          'logs/a.txt',
          'logs/agent.log',
          'logs/mknod.err',
          'logs/mknod.txt',
          ...(docker ? [] : ['logs/b-hardlink.txt']),
        ].sort(),
      );
      // odd names stay inside code/, the deep tree comes out whole
      expect(files.filter((f) => f.startsWith('code/') && !f.startsWith('code/deep/')).sort()).toEqual(
        ['code/...', 'code/..hidden', 'code/a\\..\\b', 'code/new\nline'].sort(),
      );
      expect(files).toContain(DEEP);
      expect(readFileSync(join(r.runDir, DEEP), 'utf8')).toBe('deep\n');
      expect(readdirSync(outside)).toEqual([]);
      // without CAP_MKNOD the device node is refused in Docker
      if (docker) expect(readText(join(r.runDir, 'logs', 'mknod.txt'))).not.toBe('mknod exit 0\n');
      // the host's disk holds the run's few small files, not 10 GB (nor a sparse copy of it)
      expect(await diskBytesUnder(r.runDir)).toBeLessThan(5 * 1024 ** 2);
      expect(r.outcome.states.get(r.runId)).toMatchObject({ status: 'graded', validSubmission: true, score: 0.5 });
    },
  );
});
